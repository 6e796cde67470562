"""`booklet build`: content → text → render → press, then every output written atomically."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from booklet.content.load import load
from booklet.press.imposition import saddle_stitch
from booklet.press.output import write_atomic
from booklet.press.pdf import cropped_to_trim
from booklet.press.printshop import with_crop_marks
from booklet.render import layouts
from booklet.render.booklet import RENDER_OPTIONS, render_booklet

OUTPUTS = ("booklet", "print", "press")


@dataclass(frozen=True)
class Output:
    path: Path
    pages: int
    bytes: int
    seconds: float  # to make this file, its share of the common layout pass included


def build(path: Path, out: Path | None = None, only: tuple[str, ...] = OUTPUTS,
          progress: Callable[[str], None] = lambda message: None) -> list[Output]:
    """Build the chosen outputs of the exhibition at `path`; raise ContentError on bad input.

    Everything is made in memory first, so a failure leaves earlier outputs untouched.
    """
    progress("reading the exhibition")
    loaded = load(path)
    exhibition = loaded.exhibition
    layout = layouts.find(exhibition.layout, loaded.folder, loaded.marks)
    theme = layouts.theme(layout, exhibition.theme, loaded.marks)
    out = out or Path("output") / loaded.slug
    made: list[tuple[str, bytes, int, float]] = []

    def make(name: str, step: Callable[[], tuple[bytes, int]], shared: float = 0.0) -> None:
        progress(f"writing {name}")
        started = time.perf_counter()
        data, pages = step()
        made.append((name, data, pages, shared + time.perf_counter() - started))

    if {"booklet", "print", "press"} & set(only):
        progress("laying out the booklet")
        started = time.perf_counter()
        rendered = render_booklet(loaded, layout, theme)
        progress("drawing the booklet's pages")
        pdf = rendered.document.write_pdf(**RENDER_OPTIONS)  # the one pass, with bleed
        pages = len(rendered.document.pages)
        layout_seconds = time.perf_counter() - started
        settings = exhibition.booklet
        if "booklet" in only:
            make("booklet.pdf", lambda: (cropped_to_trim(pdf), pages), layout_seconds)
        if "print" in only:
            make("booklet-print.pdf", lambda: (
                saddle_stitch(pdf, settings.size, settings.creep, settings.marks), (pages + 3) // 4 * 2))
        if "press" in only:
            make("booklet-press.pdf", lambda: (
                with_crop_marks(pdf, settings.bleed, settings.marks), pages))
    outputs = []
    for name, data, pages, seconds in made:
        write_atomic(out / name, data)
        outputs.append(Output(out / name, pages, len(data), seconds))
    return outputs
