"""`booklet build`: content → text → render → press, checked, then written atomically."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from booklet import check
from booklet.press.imposition import saddle_stitch
from booklet.press.output import write_atomic
from booklet.press.pdf import cropped_to_trim
from booklet.press.png import WIDTHS, page_png
from booklet.press.printshop import with_crop_marks
from booklet.problems import ContentError, Problem
from booklet.render import inspection
from booklet.render.booklet import RENDER_OPTIONS, render_booklet
from booklet.render.cmyk import Colours
from booklet.render.poster import render_posters

OUTPUTS = ("booklet", "print", "press", "poster")


@dataclass(frozen=True)
class Output:
    path: Path
    pages: int
    bytes: int
    seconds: float  # to make this file, its share of the common layout pass included


@dataclass
class Result:
    outputs: list[Output] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Made:
    name: str
    data: bytes
    pages: int
    seconds: float


def build(path: Path, out: Path | None = None, only: tuple[str, ...] = OUTPUTS,
          progress: Callable[[str], None] = lambda message: None, press: bool = False,
          screens: dict[str, int] = WIDTHS) -> Result:
    """Build the chosen outputs of the exhibition at `path`; ContentError on any error.

    Everything is made and checked in memory first: a failure leaves earlier outputs untouched.
    """
    prepared, made, warnings = produce(path, only, progress, press, screens)
    out = out or Path("output") / prepared.loaded.slug
    result = Result(warnings=warnings)
    for item in made:
        write_atomic(out / item.name, item.data)
        result.outputs.append(Output(out / item.name, item.pages, len(item.data), item.seconds))
    return result


def press_file(prepared: check.Prepared, rgb_pdf: bytes, pages: int) -> tuple[bytes, int]:
    """booklet-press.pdf: from the common pass, or, with the shop's profile, from a CMYK pass
    of its own written as PDF/X-4 with that profile as OutputIntent."""
    settings = prepared.loaded.exhibition.booklet
    if not settings.press.profile:
        return with_crop_marks(rgb_pdf, settings.bleed, settings.marks), pages
    colours = Colours(Path(settings.press.profile), settings.press.rich_black,
                      {name: tuple(v.cmyk) for name, v in prepared.layout.variables.items() if v.cmyk})
    rendered = render_booklet(prepared.loaded, prepared.layout, prepared.theme, colours)
    pdf = rendered.document.write_pdf(**RENDER_OPTIONS, pdf_variant="pdf/x-4",
                                      output_intent="--shop")
    return with_crop_marks(pdf, settings.bleed, settings.marks, cmyk=True), len(rendered.document.pages)


def produce(path: Path, only: tuple[str, ...] = OUTPUTS,
            progress: Callable[[str], None] = lambda message: None, press: bool = False,
            screens: dict[str, int] = WIDTHS) -> tuple[check.Prepared, list[Made], list[Problem]]:
    """The outputs' bytes, and the warnings; raises ContentError with every error found.
    `screens` names the posters' PNGs to make (file suffix → width in pixels)."""
    progress("reading the exhibition")
    prepared = check.prepare(path, press)
    loaded, layout, theme = prepared.loaded, prepared.layout, prepared.theme
    settings = loaded.exhibition.booklet
    made: list[Made] = []
    findings: list[Problem] = list(prepared.warnings)

    def make(name: str, step: Callable[[], tuple[bytes, int]], shared: float = 0.0) -> None:
        progress(f"writing {name}")
        started = time.perf_counter()
        data, pages = step()
        made.append(Made(name, data, pages, shared + time.perf_counter() - started))

    if {"booklet", "print", "press"} & set(only):
        progress("laying out the booklet")
        started = time.perf_counter()
        rendered = render_booklet(loaded, layout, theme)
        findings += inspection.problems(rendered.document, loaded.marks,
                                        check.book_locations(loaded),
                                        check.booklet_limits(press), "booklet", press)
        progress("drawing the booklet's pages")
        pdf = rendered.document.write_pdf(**RENDER_OPTIONS)  # the one pass, with bleed
        pages = len(rendered.document.pages)
        layout_seconds = time.perf_counter() - started
        if "booklet" in only:
            make("booklet.pdf", lambda: (cropped_to_trim(pdf), pages), layout_seconds)
        if "print" in only:
            make("booklet-print.pdf", lambda: (
                saddle_stitch(pdf, settings.size, settings.creep, settings.marks),
                (pages + 3) // 4 * 2))
        if "press" in only:
            make("booklet-press.pdf", lambda: press_file(prepared, pdf, pages))
            findings += check.press_colour_problems(
                loaded, made[-1].data if settings.press.profile else None, press)
    if "poster" in only:
        progress("laying out the posters")
        started = time.perf_counter()
        posters, warnings = render_posters(loaded, layout, theme)
        findings += warnings
        share = (time.perf_counter() - started) / max(len(posters), 1)
        for poster in posters:
            findings += inspection.problems(poster.document, loaded.marks, [],
                                            check.poster_limits(poster.size, press),
                                            f"poster-{poster.size}")
            make(f"poster-{poster.size}.pdf", lambda p=poster: (p.pdf, 1), share)
            for suffix, width in screens.items():
                make(f"poster-{poster.size}{suffix}.png",
                     lambda p=poster, w=width: (page_png(p.pdf, w), 1))
    errors = [p for p in findings if p.severity == "error"]
    if errors:
        raise ContentError(errors)
    return prepared, made, [p for p in findings if p.severity == "warning"]
