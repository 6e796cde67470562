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
from booklet.press.png import WIDTHS, page_png
from booklet.press.printshop import with_crop_marks
from booklet.problems import Problem
from booklet.render import layouts
from booklet.render.booklet import RENDER_OPTIONS, render_booklet
from booklet.render.poster import render_posters

OUTPUTS = ("booklet", "print", "press", "poster")


@dataclass(frozen=True)
class Output:
    path: Path
    pages: int
    bytes: int
    seconds: float  # to make this file, its share of the common layout pass included
    warnings: tuple[Problem, ...] = ()


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
    made: list[tuple[str, bytes, int, float, tuple]] = []

    def make(name: str, step: Callable[[], tuple[bytes, int]], shared: float = 0.0,
             warnings: tuple = ()) -> None:
        progress(f"writing {name}")
        started = time.perf_counter()
        data, pages = step()
        made.append((name, data, pages, shared + time.perf_counter() - started, warnings))

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
    if "poster" in only:
        progress("laying out the posters")
        started = time.perf_counter()
        posters, warnings = render_posters(loaded, layout, theme)
        share = (time.perf_counter() - started) / max(len(posters), 1)
        for poster in posters:
            mine = tuple(w for w in warnings if f"poster-{poster.size}:" in w.message)
            make(f"poster-{poster.size}.pdf", lambda p=poster: (p.pdf, 1), share, mine)
            for suffix, width in WIDTHS.items():
                make(f"poster-{poster.size}{suffix}.png", lambda p=poster, w=width: (page_png(p.pdf, w), 1))
    outputs = []
    for name, data, pages, seconds, warnings in made:
        write_atomic(out / name, data)
        outputs.append(Output(out / name, pages, len(data), seconds, warnings))
    return outputs
