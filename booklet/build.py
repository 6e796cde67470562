"""`booklet build`: content → text → render → press, checked, then written atomically."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from booklet import cache, check
from booklet.press.output import write_atomic
from booklet.press.png import WIDTHS
from booklet.problems import ContentError, Problem

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
    A group of outputs whose inputs did not change since the last build is not made again.
    """
    progress("reading the exhibition")
    prepared = check.prepare(path, press)
    out = out or Path("output") / prepared.loaded.slug
    keys, remembered = cache.keys(prepared, press, screens), cache.load(out)
    result = Result(warnings=list(prepared.warnings))
    todo = []
    for group, kinds in cache.GROUPS.items():
        wanted = set(kinds) & set(only)
        if not wanted:
            continue
        entry = remembered.get(group)
        if cache.fresh(entry, keys[group], out, wanted):
            progress(f"{group}: unchanged, not made again")
            result.warnings += cache.warnings_of(entry)
            result.outputs += [Output(out / name, entry["pages"][name], (out / name).stat().st_size, 0.0)
                               for name in entry["files"]]
        else:
            todo.append(group)
    kinds = tuple(k for g in todo for k in cache.GROUPS[g] if k in only)
    made, warnings = produce_prepared(prepared, kinds, progress, press, screens) if kinds else ([], [])
    result.warnings += warnings
    for item in made:
        write_atomic(out / item.name, item.data)
        result.outputs.append(Output(out / item.name, item.pages, len(item.data), item.seconds))
    for group in todo:
        names = [m for m in made if _group_of(m.name) == group]
        remembered[group] = cache.entry(keys[group], set(cache.GROUPS[group]) & set(only),
                                        {m.name: m.data for m in names},
                                        {m.name: m.pages for m in names},
                                        [w for w in warnings if _group_of_warning(w) == group])
    write_atomic(out / cache.FILE, json.dumps(remembered, ensure_ascii=False).encode())
    return result


def _group_of(name: str) -> str:
    return "poster" if name.startswith("poster-") else "booklet"


def _group_of_warning(problem: Problem) -> str:
    return "poster" if "poster-" in problem.message.split(":")[0] else "booklet"


def press_file(prepared: check.Prepared, rgb_pdf: bytes, pages: int) -> tuple[bytes, int]:
    """booklet-press.pdf: from the common pass, or, with the shop's profile, from a CMYK pass
    of its own written as PDF/X-4 with that profile as OutputIntent."""
    from booklet.press.printshop import with_crop_marks
    from booklet.render.booklet import RENDER_OPTIONS, render_booklet
    from booklet.render.cmyk import Colours

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
    made, warnings = produce_prepared(prepared, only, progress, press, screens)
    return prepared, made, list(prepared.warnings) + warnings


def produce_prepared(prepared: check.Prepared, only: tuple[str, ...],
                     progress: Callable[[str], None], press: bool,
                     screens: dict[str, int]) -> tuple[list[Made], list[Problem]]:
    """What produce() makes once the content is checked: the files, and the layout's
    warnings (the content's own warnings stay with `prepared`)."""
    # WeasyPrint and the press are imported here: a build with nothing to make needs neither
    from booklet.press.imposition import saddle_stitch
    from booklet.press.pdf import cropped_to_trim
    from booklet.press.png import page_png
    from booklet.render import inspection
    from booklet.render.booklet import RENDER_OPTIONS, render_booklet
    from booklet.render.poster import render_posters

    loaded, layout, theme = prepared.loaded, prepared.layout, prepared.theme
    settings = loaded.exhibition.booklet
    made: list[Made] = []
    findings: list[Problem] = []

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
    return made, [p for p in findings if p.severity == "warning"]
