"""`booklet build`: content → text → render → press, then every output written atomically."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from booklet.content.load import load
from booklet.press.output import write_atomic
from booklet.press.pdf import cropped_to_trim
from booklet.render import layouts
from booklet.render.booklet import RENDER_OPTIONS, render_booklet

OUTPUTS = ("booklet",)


@dataclass(frozen=True)
class Output:
    path: Path
    pages: int
    bytes: int
    seconds: float


def build(path: Path, out: Path | None = None, only: tuple[str, ...] = OUTPUTS,
          progress: Callable[[str], None] = lambda message: None) -> list[Output]:
    """Build the chosen outputs of the exhibition at `path`; raise ContentError on bad input.

    Everything is made in memory first, so a failure leaves earlier outputs untouched.
    """
    started = time.perf_counter()
    progress("reading the exhibition")
    loaded = load(path)
    layout = layouts.find(loaded.exhibition.layout, loaded.folder, loaded.marks)
    theme = layouts.theme(layout, loaded.exhibition.theme, loaded.marks)
    out = out or Path("output") / loaded.slug
    made: list[tuple[str, bytes, int]] = []
    if "booklet" in only:
        progress("laying out the booklet")
        rendered = render_booklet(loaded, layout, theme)
        progress("writing booklet.pdf")
        pdf = rendered.document.write_pdf(**RENDER_OPTIONS)
        made.append(("booklet.pdf", cropped_to_trim(pdf), len(rendered.document.pages)))
    outputs = []
    for name, data, pages in made:
        write_atomic(out / name, data)
        outputs.append(Output(out / name, pages, len(data), time.perf_counter() - started))
    return outputs
