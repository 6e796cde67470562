"""Preflight: every check that can be made before paper is wasted, found in one run.

`prepare()` checks the content, the layout and theme, and the glyphs of every text against
the layout's fonts; `rendered_problems()` checks what only the laid-out pages show. Both
`booklet check` and `booklet build` run them; build stops on any error.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from booklet.content.load import Loaded, loaded_from, read, validate_versions
from booklet.content.paths import picture_notes
from booklet.messages import _
from booklet.problems import ContentError, Problem
from booklet.render import inspection, layouts
from booklet.render.coverage import missing_glyphs


@dataclass(frozen=True)
class Prepared:
    loaded: Loaded
    layout: layouts.Layout
    theme: dict[str, str]
    warnings: tuple[Problem, ...]


def prepare(path: Path, press: bool = False) -> Prepared:
    data, marks, folder = read(path)
    versions, problems, foreign = validate_versions(data, marks, folder)
    exhibition = next(iter(versions.values()), None)
    translations = [p for p in problems if p.severity == "warning"]  # a text in one language
    problems = [p for p in problems if p.severity == "error"]
    layout = theme = None
    name = data.get("layout", "classic")
    try:
        layout = layouts.find(name if isinstance(name, str) else "classic", folder, marks)
        overrides = data.get("theme") if isinstance(data.get("theme"), dict) else {}
        theme = layouts.theme(layout, overrides, marks, folder)
    except ContentError as exc:  # a theme value's own words replace the model's at its place
        places = {(p.line, p.column) for p in exc.problems}
        problems = [p for p in problems if (p.line, p.column) not in places] + exc.problems
    if layout is not None:
        values = theme or {n: v.default for n, v in layout.variables.items()}
        families = sorted({values[n] for n, v in layout.variables.items() if v.type == "font"})
        problems += missing_glyphs(data, marks, families, layout.name)
    if exhibition and exhibition.booklet.press.pdfx == "pdf/x-1a":
        problems.append(marks.problem(
            ("booklet", "press", "pdfx"), _("PDF/X-1a cannot hold transparency, and the layouts "
                                            "use it (darkened pictures, shapes); booklet makes "
                                            "PDF/X-4"),
            hint=_("ask the print shop for PDF/X-4, which every current workflow accepts")))
    if problems:
        raise ContentError(sorted(problems, key=lambda p: (p.line, p.column)))
    loaded = loaded_from(versions, marks, folder, foreign)
    return Prepared(loaded, layout, theme, tuple(translations + _picture_warnings(loaded, press)))


def press_colour_problems(loaded: Loaded, press_pdf: bytes | None, asked: bool) -> list[Problem]:
    """What a print shop would reject in booklet-press.pdf (`booklet check --press`)."""
    from booklet.press.colour import max_ink, rgb_left

    settings = loaded.exhibition.booklet.press
    if not settings.profile:
        return [loaded.marks.problem(("booklet",), _(
            "booklet-press.pdf is RGB: a print shop may ask for CMYK PDF/X"), severity="warning",
            hint=_("set booklet.press.profile to the shop's ICC profile"))
                ] if asked else []
    found = [loaded.marks.problem(("booklet", "press", "profile"),
                                  "booklet-press.pdf: " + _("still holds RGB: {where}").format(
                                      where=where))
             for where in rgb_left(press_pdf)]
    ink, page = max_ink(press_pdf)
    if ink > settings.ink_limit:
        found.append(loaded.marks.problem(
            ("booklet", "press", "profile"), "booklet-press.pdf: " + _(
                "the total ink reaches {ink} % on page {n}, above the {limit} % the shop "
                "allows").format(ink=ink, n=page, limit=settings.ink_limit),
            severity="warning", hint=_("use a lighter picture or colour there, or ask the shop")))
    return found


def _picture_warnings(loaded: Loaded, press: bool) -> list[Problem]:
    found = []
    for loc, path in pictures(loaded):
        for note in picture_notes(path, press):
            found.append(loaded.marks.problem(loc, note, severity="warning"))
    return found


def pictures(loaded: Loaded) -> list[tuple[tuple, Path]]:
    """Every picture the exhibition names, with where it is named."""
    ex = loaded.exhibition
    found = [(("library", "logo"), ex.library.logo), (("poster", "image"), ex.poster.image)]
    found += [(("sections", s, "books", b, "cover"), book.cover)
              for s, section in enumerate(ex.sections) for b, book in enumerate(section.books)]
    return [(loc, Path(path)) for loc, path in found if path]


def booklet_limits(press: bool) -> inspection.Thresholds:
    """Office printing forgives 200 ppi; a print shop wants 300 and refuses below 150."""
    if press:
        return inspection.Thresholds(warn_below=300, error_below=150)
    return inspection.Thresholds(warn_below=200, error_below=None)


def poster_limits(size: str, press: bool) -> inspection.Thresholds:
    if size in ("feed", "story"):  # 1080 px across 216 mm: 127 ppi is all a screen shows
        return inspection.Thresholds(warn_below=127, error_below=None)
    large = size.split("-")[0] in ("a2", "a1")  # seen from further away: 150 ppi is enough
    return inspection.Thresholds(warn_below=150 if large else 200,
                                 error_below=(75 if large else 100) if press else None)


def poster_contrast(loaded: Loaded, name: str, pdf: bytes) -> list[Problem]:
    """Texts and rules of a poster that a greyscale printer would lose (measured on it)."""
    from booklet.render.contrast import LEAST, faint_marks

    where = ("theme",) if loaded.exhibition.theme else ("layout",)
    return [loaded.marks.problem(
        where, f"{name}: " + _("{what} prints at {ratio}:1 against what lies under it in grey, "
                               "under {least}:1").format(what=_quoted(faint.what),
                                                         ratio=faint.ratio, least=LEAST),
        severity="warning",
        hint=_("many libraries print in grey: choose a darker or lighter theme colour"))
        for faint in faint_marks(pdf)]


def _quoted(what: str) -> str:
    return _(what) if what == "a rule" else f"«{what[:40]}{'…' if len(what) > 40 else ''}»"


def book_locations(loaded: Loaded) -> list[tuple]:
    return [("sections", s, "books", b) for s, section in enumerate(loaded.exhibition.sections)
            for b, _ in enumerate(section.books)]


def underfilled_pages(loaded: Loaded, pages: tuple[int, ...]) -> list[Problem]:
    """One inside page under half full is the end of the content; more is paper wasted."""
    if len(pages) < 2:
        return []
    listed = ", ".join(map(str, pages))
    return [loaded.marks.problem(("sections",), "booklet.pdf: " + _(
        "pages {pages} are filled less than half").format(pages=listed), severity="warning",
        hint=_("add a book or an annotation, or set booklet.pages"))]


def typesetting_faults(loaded: Loaded, faults) -> list[Problem]:
    """What the layout pass could not mend: a ladder of hyphens, a hyphen at a page turn,
    a gaping justified line — each at the text it is in."""
    from booklet.render.inspection import parse_loc
    from booklet.render.setting import describe

    return [loaded.marks.problem(parse_loc(fault.loc) if fault.loc else ("intro",),
                                 describe(fault), severity="warning",
                                 hint=_("reword the sentence, or shorten a long word"))
            for fault in faults]


def contrast_problems(loaded: Loaded, theme: dict[str, str], document, pdf: bytes) -> list[Problem]:
    """Texts and rules that a greyscale print would lose: under 4.5:1 against what lies under
    them, measured on the rendered booklet; one warning per element and colours, with its pages."""
    from booklet.render.contrast import LEAST, grey
    from booklet.render.contrast_boxes import faint_boxes

    groups: dict[tuple, list] = {}
    for faint in faint_boxes(document, pdf):
        groups.setdefault((faint.kind, faint.element, faint.colour, faint.ground), []).append(faint)
    found = []
    for (kind, element, colour, ground), faints in groups.items():
        first = faints[0]
        pages = sorted({f.page for f in faints})
        where = _("page {n}").format(n=pages[0]) if len(pages) == 1 \
            else _("pages {pages}").format(pages=", ".join(map(str, pages)))
        what = _("the text “{text}”").format(text=first.text[:30]) if kind == "text" \
            else _("a rule")
        lighter = grey(colour) > grey(ground)
        ink, paper = _theme_name(theme, colour), _theme_name(theme, ground)
        if ink:
            named, hint = ink, (_("set theme.{name} to a lighter colour") if lighter
                                else _("set theme.{name} to a darker colour")).format(name=ink)
        elif paper and 1 < grey(ground) < 254:  # white paper cannot be whiter
            named, hint = paper, (_("set theme.{name} to a darker colour") if lighter
                                  else _("set theme.{name} to a lighter colour")).format(name=paper)
        else:
            named, hint = None, _("the colours are the layout's own: choose others in its "
                                  "booklet.css, or another layout")
        found.append(loaded.marks.problem(
            ("theme", named) if named else ("layout",),
            "booklet.pdf, " + _("{where}: {what} ({element}, {colour}) on {ground} is {ratio}:1 "
                                "in greyscale, under {least}:1; a grey print may lose it").format(
                where=where, what=what, element=element, colour=colour, ground=ground,
                ratio=first.ratio, least=LEAST),
            severity="warning", hint=hint))
    return found


def _theme_name(theme: dict[str, str], colour: str) -> str | None:
    """The theme variable whose value is `colour` (#rrggbb), if any."""
    from booklet.render.contrast import hex_colour

    return next((name for name, value in theme.items()
                 if value.startswith(("#", "rgb(")) and hex_colour(value) == colour), None)
