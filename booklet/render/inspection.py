"""What only the laid-out pages can tell: each picture's resolution at its printed size, text
that runs out of its box, off the page or over other text, a cover title set smaller to fit,
and book entries split across pages or lost.

Templates mark what they print from the YAML with `data-loc="sections.0.books.2"` (and
pictures with `data-src`, the file they show), so that a finding points at its line.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from urllib.request import url2pathname

from PIL import Image

from booklet.content.yamlread import Marks
from booklet.messages import _
from booklet.problems import Problem, unique

PX_PER_INCH = 96  # CSS pixels
TOLERANCE = 1.0  # px: rounding, not overflow


@dataclass(frozen=True)
class Thresholds:
    warn_below: int  # ppi
    error_below: int | None  # ppi; None: only warnings


def parse_loc(text: str) -> tuple:
    return tuple(int(part) if part.isdigit() else part for part in text.split("."))


def problems(document, marks: Marks, books: list[tuple], pictures: Thresholds,
             name: str, press: bool = False) -> list[Problem]:
    """Findings on a rendered WeasyPrint document named `name` (booklet.pdf, poster-a3.pdf).
    With `press`, also what a print shop's preflight flags: hairlines, text near the trim."""
    from weasyprint.formatting_structure import boxes  # here, not above: an unchanged
    found: list[Problem] = []                          # build needs no WeasyPrint at all
    pages_of_book: dict[tuple, set[int]] = {}
    seen_pictures = set()
    for number, page in enumerate(document.pages, 1):
        found += _colliding_text(page, number, marks, name)
        for box, loc, parent in _walk(page._page_box, ()):
            element = getattr(box, "element", None)
            own = element.get("data-loc") if _is_element_box(box) else None
            if own and ("book" in (element.get("class") or "").split() or parse_loc(own)[:4] in books):
                # an entry's part that a page break carried away from it (its QR code) counts
                pages_of_book.setdefault(parse_loc(own)[:4], set()).add(number)
            if own and element.get("data-src") and (own, number) not in seen_pictures:
                seen_pictures.add((own, number))
                found += _resolution(box, parse_loc(own), element.get("data-src"), marks,
                                     pictures, name)
            if isinstance(box, boxes.LineBox):
                found += _wide_line(box, parent, loc, marks, name)
            if own and element.get("data-fit") is not None:
                found += _overflowing(box, parse_loc(own), marks, name)
            if _is_element_box(box) and element.get("data-scale"):
                found += _shrunk(element, loc, marks, name)
            if press:
                found += _press_findings(box, loc, page, number, marks, name)
    for loc in books:
        pages = pages_of_book.get(loc, set())
        if not pages:
            found.append(marks.problem(loc, f"{name}: " + _("this book entry is missing from "
                                                            "the pages")))
        elif len(pages) > 1:
            found.append(marks.problem(loc, f"{name}: " + _(
                "this book entry does not fit on one page (pages {first}–{last})").format(
                first=min(pages), last=max(pages)), hint=_("shorten its annotation")))
    return unique(found)


def _is_element_box(box) -> bool:
    """The box of an element itself: not its lines, its text or a ::before/::after."""
    from weasyprint.formatting_structure import boxes
    return (getattr(box, "element", None) is not None and "::" not in (box.element_tag or "")
            and not isinstance(box, (boxes.LineBox, boxes.TextBox)))


def _walk(box, loc, parent=None, skip=lambda box: False):
    """Every box under `box` (but those `skip` says), with the nearest YAML location and its
    parent box."""
    element = getattr(box, "element", None)
    if element is not None and element.get("data-loc"):
        loc = parse_loc(element.get("data-loc"))
    yield box, loc, parent
    for child in getattr(box, "children", ()) or ():
        if not skip(child):
            yield from _walk(child, loc, box, skip)


def _out_of_flow(box) -> bool:
    """Shapes placed on purpose beyond their box (a circle off the cover's edge)."""
    return box.style["position"] in ("absolute", "fixed")


def _pixels(uri: str) -> tuple[int, int] | None:
    path = url2pathname(uri.removeprefix("file://"))
    if path.lower().endswith(".svg"):
        return None  # vectors print sharp at any size
    stat = os.stat(path)
    return _pixels_of(path, stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=256)
def _pixels_of(path: str, size: int, mtime: int) -> tuple[int, int]:
    """Once per version of the file: `booklet serve` builds in one process for hours, and a
    picture replaced under the same name must be measured anew."""
    with Image.open(path) as image:
        return image.size


def _resolution(box, loc, uri, marks: Marks, limits: Thresholds, name) -> list[Problem]:
    pixels = _pixels(uri)
    width, height = box.border_width(), box.border_height()
    if not pixels or width <= 0 or height <= 0:
        return []
    # the picture covers its box: its resolution is the lower of the two directions'
    ppi = round(min(pixels[0] * PX_PER_INCH / width, pixels[1] * PX_PER_INCH / height))
    shown = dict(width=pixels[0], height=pixels[1], ppi=ppi,
                 printed=f"{width * 25.4 / PX_PER_INCH:.0f}×{height * 25.4 / PX_PER_INCH:.0f}")
    if limits.error_below and ppi < limits.error_below:
        return [marks.problem(loc, f"{name}: " + _(
            "the picture ({width}×{height} px) is printed {printed} mm: {ppi} ppi, below the "
            "{limit} ppi a print shop accepts").format(limit=limits.error_below, **shown),
            hint=_("use a larger picture (a scan at 300 ppi)"))]
    if ppi < limits.warn_below:
        return [marks.problem(loc, f"{name}: " + _(
            "the picture ({width}×{height} px) is printed {printed} mm: {ppi} ppi; it may print "
            "blurred below {limit} ppi").format(limit=limits.warn_below, **shown),
            severity="warning", hint=_("use a larger picture if you have one"))]
    return []


def _wide_line(line, block, loc, marks: Marks, name) -> list[Problem]:
    """A word or address too long for its column sticks out to the right of its block."""
    right = block.content_box_x() + block.width if block is not None else line.position_x + line.width
    for child in line.children:
        end = child.position_x + child.margin_width()
        if end > right + TOLERANCE and loc:
            text = getattr(child, "text", "") or ""
            return [marks.problem(loc, f"{name}: " + _("text runs out of its column")
                                  + (f": “{text.strip()[:40]}”" if text.strip() else ""),
                                  hint=_("break a very long word or address, or shorten it"))]
    return []


def _overflowing(box, loc, marks: Marks, name) -> list[Problem]:
    """A box of fixed size (a cover stand-in, a cover page) whose content is larger."""
    from weasyprint.formatting_structure import boxes
    bottom = box.position_y + box.border_height()
    right = box.position_x + box.border_width()
    for child, _where, _page in _walk(box, loc, skip=_out_of_flow):
        if child is box or not hasattr(child, "position_y") or isinstance(child, boxes.TextBox):
            continue
        if (child.position_y + child.margin_height() > bottom + TOLERANCE
                or child.position_x + child.margin_width() > right + TOLERANCE):
            return [marks.problem(loc, f"{name}: " + _("the text is longer than its box and "
                                                       "would be cut or overlap"),
                                  hint=_("shorten it"))]
    return []


def _shrunk(element, loc, marks: Marks, name) -> list[Problem]:
    """The cover title set below the layout's size to fit (booklet/render/cover.py)."""
    scale = float(element.get("data-scale"))
    if scale >= 1:
        return []
    return [marks.problem(loc or ("title",), f"{name}: " + _(
        "the title is long, so the cover sets it at {percent} % of its size to fit").format(
        percent=round(scale * 100)), severity="warning",
        hint=_("shorten the title for larger type"))]


@dataclass(frozen=True)
class Ink:
    """Where a run of text puts ink: its width, and from the accents above the capitals to
    the descenders (a band narrower than the line, so that lines set solid do not touch)."""
    left: float
    top: float
    right: float
    bottom: float
    text: str
    loc: tuple


def text_ink(page) -> list[Ink]:
    """Every run of text on a laid-out page, in CSS px from the trim's top-left corner."""
    return ink_under(page._page_box)


def ink_under(top) -> list[Ink]:
    """Every run of text in the box `top` and the boxes under it."""
    from weasyprint.formatting_structure import boxes
    found = []
    for box, loc, _ in _walk(top, ()):
        text = (getattr(box, "text", "") or "").rstrip()
        if not isinstance(box, boxes.TextBox) or not text.strip():
            continue
        size = box.style["font_size"]
        baseline = box.position_y + box.baseline
        right = box.position_x + box.width * len(text) / max(len(box.text), 1)
        found.append(Ink(box.position_x, baseline - 0.75 * size, right, baseline + 0.2 * size,
                         text.strip(), loc))
    return found


def _colliding_text(page, number, marks: Marks, name) -> list[Problem]:
    """Text off the page, or printed over other text: either is a page nobody can read."""
    inks = sorted(text_ink(page), key=lambda ink: ink.top)
    width, height = page.width, page.height
    for ink in inks:
        if (ink.left < -TOLERANCE or ink.top < -TOLERANCE or ink.right > width + TOLERANCE
                or ink.bottom > height + TOLERANCE):
            return [marks.problem(ink.loc or ("layout",), f"{name}: " + _(
                "text on page {n} runs off the page: “{text}”").format(
                n=number, text=ink.text[:40]), hint=_("shorten it"))]
    for index, ink in enumerate(inks):
        for other in inks[index + 1:]:
            if other.top >= ink.bottom - TOLERANCE:
                break
            if (min(ink.right, other.right) - max(ink.left, other.left) > TOLERANCE
                    and min(ink.bottom, other.bottom) - max(ink.top, other.top) > TOLERANCE):
                return [marks.problem(other.loc or ink.loc or ("layout",), f"{name}: " + _(
                    "on page {n}, “{text}” is printed over “{other}”").format(
                    n=number, text=other.text[:30], other=ink.text[:30]), hint=_("shorten it"))]
    return []


HAIRLINE = 0.25 * PX_PER_INCH / 72  # 0.25 pt in CSS px
SAFE_MARGIN = 5 * PX_PER_INCH / 25.4  # 5 mm


def _press_findings(box, loc, page, number, marks: Marks, name) -> list[Problem]:
    from weasyprint.formatting_structure import boxes
    found = []
    widths = [getattr(box, f"border_{side}_width", 0) or 0 for side in ("top", "right", "bottom", "left")]
    thin = [w for w in widths if 0 < w < HAIRLINE]
    if thin:
        found.append(marks.problem(loc or ("layout",), f"{name}: " + _(
            "a line {width:.2f} pt thin on page {n} may not print").format(
            width=min(thin) * 72 / PX_PER_INCH, n=number), severity="warning"))
    if isinstance(box, boxes.TextBox) and (getattr(box, "text", "") or "").strip():
        width, height = page.width, page.height
        if (box.position_x < SAFE_MARGIN or box.position_y < SAFE_MARGIN
                or box.position_x + box.width > width - SAFE_MARGIN
                or box.position_y + box.height > height - SAFE_MARGIN):
            found.append(marks.problem(loc or ("layout",), f"{name}: " + _(
                "text on page {n} is closer than 5 mm to the trim and may be cut").format(
                n=number), severity="warning"))
    return found
