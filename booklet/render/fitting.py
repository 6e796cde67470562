"""Copy-fitting: a booklet in the fewest pages that are a multiple of 4, with no blank page.

The template lays out, in one pass, the cover, the body (contents, introduction, sections),
then every page that may be left over — filler pages worth having (the author index, notes,
an invitation with the library's QR code, the colophon) — and the back cover twice (with
the imprint, for a booklet with no page to spare for the colophon, and without). Each part
carries `data-role`. `choose()` reads the laid-out pages and keeps the cover, the body, the
fillers the page count needs, and one back cover. Only when that cannot work — a page count
forced too low, or one page spilled over so that three fillers would be needed — does the
caller lay the booklet out again in the layout's next, tighter variant.

A short author index is laid out a second time, run on under the last book (role "runon"):
where it lands on the last text page, the fitting may keep it there instead of giving it a
page, and fill a near-empty last page with it; where it does not, the page it starts is the
index's page.
The contents hold the index's line three times, one number over the other (the run-on
index's; the index page's; the index page's when a run-on index that ended on a page of its
own is dropped before it: the number of that page); `kept()` lifts off what the fit does not
print. So no page is laid out again for its number.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace

from weasyprint.formatting_structure import boxes
from weasyprint.layout.page import make_margin_boxes, set_page_type_computed_styles
from weasyprint.urls import get_link

from booklet.render import spreads

HALF = 0.5  # an inside page should be filled over at least half its text area
# which left-over pages first; "library": the second half's of a tête-bêche booklet, its last
PREFERENCE = ("library", "colophon", "index", "picture", "invitation", "notes")


@dataclass(frozen=True)
class Part:
    role: str  # cover | body | filler | back | end (a half's last page, see choose())
    name: str  # the filler's kind, or "imprint" for the back cover that carries the colophon
    pages: tuple[int, ...]  # indexes into the laid-out document
    fills: tuple[float, ...]  # how much of its text area each page fills, 0…1
    without: float | None = None  # its last page's fill less the index run on there, if it is


@dataclass(frozen=True)
class Fit:
    pages: tuple[int, ...]  # indexes of the laid-out pages to keep, in order
    fillers: tuple[str, ...]  # the left-over pages printed, in order
    underfilled: tuple[int, ...]  # 1-based numbers of inside pages under half full
    content: float  # how many pages' worth of text area the body fills
    runon: bool = False  # the run-on index printed: under the last book, or alone on its page
    toc_index: str = ""  # the contents' line for the index kept: "runon", "page", "late" or none

    def might_shrink(self) -> bool:
        """Whether a tighter setting (about a tenth shorter) could save four pages."""
        return self.content * 0.9 <= len(self.pages) - 4 - 2


def parts(document) -> list[Part]:
    """The document's pages grouped by the part each page holds (the first with a role)."""
    found: list[Part] = []
    owners: list = []
    for index, page in enumerate(document.pages):
        element = _first_role(page._page_box)
        fill = page_fill(page._page_box)
        if element is None:  # a page the template did not mark: keep it with the one before
            role, name = (found[-1].role, found[-1].name) if found else ("body", "")
        else:
            role, _, name = element.get("data-role").partition(" ")
        same = found and owners[-1] is element and element is not None
        if same or (found and element is None):
            last = found[-1]
            found[-1] = Part(last.role, last.name, last.pages + (index,), last.fills + (fill,))
        else:
            found.append(Part(role, name, (index,), (fill,)))
            owners.append(element)
        runon = _runon(page._page_box)
        if runon is not None and found[-1].role == "body":
            found[-1] = replace(found[-1], without=page_fill(page._page_box, skip=runon[-1]))
    return found


def choose(found: list[Part], forced: int | None = None, allowed: int = 1) -> Fit | None:
    """The pages to keep: the fewest that are a multiple of 4 (or `forced`), the left-over
    ones filled with fillers in order of preference; None when that cannot be done. With the
    index run on under the last book, the fit with it there and the fit with it on a page
    of its own are weighed: fewer pages, no more than one under half full, fewer pages for
    notes, fewer under half full; the index run on when they tie. `allowed`: the pages
    under half full the booklet may have (a half of a tête-bêche booklet: none)."""
    landed = any(p.without is not None for p in found)
    alone = any(p.role == "runon" for p in found)
    fits = [fit for fit in ([_choose(found, forced, True)] if landed or alone else [])
            + [_choose(found, forced, False)] if fit is not None]
    if not fits:
        return None
    return min(fits, key=lambda f: (len(f.pages), len(f.underfilled) > allowed,
                                    f.fillers.count("notes"), len(f.underfilled)))


def _choose(found: list[Part], forced: int | None, runon: bool) -> Fit | None:
    """choose() with the index run on (`runon`: under the last book, or alone on its page)
    or not."""
    cover = [p for p in found if p.role == "cover"]
    body = [p if runon or p.without is None else replace(p, fills=p.fills[:-1] + (p.without,))
            for p in found if p.role == "body"]
    fillers = [replace(p, role="filler") if p.role == "runon" else p for p in found
               if (p.role == "filler" and not (runon and p.name == "index"))
               or (p.role == "runon" and runon)]
    backs = {p.name: p for p in found if p.role in ("back", "end")}
    # the first half of a tête-bêche booklet ends with the library page (role "end") instead
    # of a back cover, its back being the other half's front cover; the second half with no
    # such page at all: a half's pages need only be even, the two together a multiple of 4
    step = 2 if not backs or any(p.role == "end" for p in found) else 4
    used = sum(len(p.pages) for p in cover + body) + bool(backs)  # and a back cover
    total = forced or used + (-used % step)
    spare = total - used
    if spare < 0:
        return None
    underfilled = [i for p in body for i, fill in zip(p.pages, p.fills) if fill < HALF]
    chosen: list[Part] = []
    # more notes pages as the last resort; a filler under half full only when nothing else
    # fills the count (one page under half full is all a booklet should have)
    for strict in (True, False):
        for kind in PREFERENCE + ("notes", "notes"):
            for part in fillers:
                if part.name != kind or part in chosen or len(part.pages) > spare:
                    continue
                if strict and part.fills[-1] < HALF and underfilled:
                    continue
                chosen.append(part)
                spare -= len(part.pages)
                if part.fills[-1] < HALF:
                    underfilled.append(part.pages[-1])
                break
    if spare:
        return None
    colophon_inside = any(p.name == "colophon" for p in chosen)
    back = backs.get("imprint") if "imprint" in backs and not colophon_inside else backs.get("")
    in_order = sorted(chosen, key=lambda p: p.pages)  # the template's order: colophon last
    kept = tuple(i for part in cover + body + in_order + [back] if part for i in part.pages)
    numbers = {index: number for number, index in enumerate(kept, 1)}
    printed = runon and any(p.without is not None for p in body) or "index" in [p.name for p in chosen]
    # the index's page after a run-on index that ended on a page of its own, dropped: the
    # contents' line numbered by where that one ends ("late"), not by the page's own number
    late = any(p.role == "runon" for p in found)
    line = ("runon" if runon else "late" if late else "page") if printed else ""
    return Fit(kept, tuple(p.name for p in in_order),
               tuple(sorted(numbers[i] for i in underfilled)), sum(sum(p.fills) for p in body),
               runon=runon and printed, toc_index=line)


def kept(document, fit: Fit):
    """The laid-out document cut down to the pages `fit` keeps, less the run-on index where
    the fit gives the index a page of its own, less the contents' lines for the index that
    it does not print, and less what is marked `data-unless` a filler the fit keeps. A
    left-over page laid out facing the other way than it is kept (the pages before it
    dropped) is moved across to its own side's margins. A page that opens with its own
    heading (contents, introduction, index) has no running head above it saying it again."""
    from weasyprint.document import Page

    pages = [document.pages[i] for i in fit.pages]
    for number, (index, page) in enumerate(zip(fit.pages, pages)):
        box = page._page_box
        across = box.margin_right - box.margin_left if index % 2 != number % 2 else 0
        lift = _lifted(fit)
        lifted = _paths(box, lift)
        quiet = bool(_running_heads(box)) and _opens_with_heading(box)
        # a folio or running head on a page kept elsewhere than laid out: made again for it
        moved = index != number and any(isinstance(c, boxes.MarginBox) for c in box.children)
        if not (across or lifted or quiet or moved):
            continue
        # changed on a copy: the document's pages stay as laid out, for a later pass to
        # take those a change does not reach (render/relayout.py)
        box = box.deepcopy() if across or lifted or moved else box.copy()
        # the lines lifted off, and the contents' "late" line linked to the index's page
        for path in _paths(box, lambda e: lift(e) or e.get("data-link")) if lifted else ():
            if lift(path[-1].element):
                path[-2].children = [c for c in path[-2].children if c is not path[-1]]
            else:
                path[-1].link = get_link(path[-1].element.get("data-link"), None)
        if across:
            for child in box.children:
                if not isinstance(child, boxes.MarginBox):
                    child.translate(across, 0)
            box.margin_left, box.margin_right = box.margin_right, box.margin_left
        if moved:
            _margin_boxes_again(document.record, box, index, number)
        if across or moved:
            spreads.backgrounds_again(box)
        if quiet:
            heads = _running_heads(box)
            box.children = [child for child in box.children if child not in heads]
        pages[number] = Page(box)  # its links, anchors and bookmarks gathered again
    return document.copy(pages)


def _margin_boxes_again(record, page_box, laid: int, number: int) -> None:
    """The margin boxes of the page laid out at `laid` (0-based) that is kept at `number`:
    made again by WeasyPrint for that number and side, from what the page's text set (its
    running heads' strings)."""
    context = record.context
    page_type = page_box.page_type._replace(side="left" if number % 2 else "right", index=number)
    set_page_type_computed_styles(page_type, record.html, context.style_for)
    state = copy.deepcopy(context.page_maker[laid + 1][3])  # the counters after the page
    state[1]["page"] = [number + 1]
    page_box.page_type, context.current_page = page_type, laid + 1
    page_box.children = [child for child in page_box.children
                         if not isinstance(child, boxes.MarginBox)] + \
        list(make_margin_boxes(context, page_box, state))


def _running_heads(page_box) -> list:
    return [child for child in page_box.children if isinstance(child, boxes.MarginBox)
            and child.at_keyword.startswith("@top")]


def _opens_with_heading(page_box) -> bool:
    """Whether the first line on the page is a page's heading (class page-heading)."""
    stack = [[child] for child in reversed(page_box.children)
             if not isinstance(child, boxes.MarginBox)]
    while stack:
        path = stack.pop()
        if isinstance(path[-1], boxes.LineBox):
            return any("page-heading" in (getattr(box, "element", None) is not None
                                          and box.element.get("class") or "").split()
                       for box in path)
        stack.extend(path + [child] for child in reversed(getattr(path[-1], "children", ()) or ()))
    return False


def _lifted(fit: Fit):
    def lifted(element) -> bool:
        if element.get("id") == "authors-index-runon":
            return not fit.runon
        if element.get("data-unless"):  # what another page kept already carries
            return element.get("data-unless") in fit.fillers
        return element.get("data-index") not in (None, fit.toc_index)
    return lifted


def _runon(page_box) -> list | None:
    """The path down to the run-on index on this page, if it is there."""
    return next(iter(_paths(page_box, lambda e: e.get("id") == "authors-index-runon")), None)


def _paths(page_box, wanted) -> list[list]:
    """The paths from the page box down to each box whose element is `wanted`, not inside
    another such box."""
    found, stack = [], [[page_box]]
    while stack:
        path = stack.pop()
        element = getattr(path[-1], "element", None)
        if element is not None and path[-1].element_tag and "::" not in path[-1].element_tag \
                and wanted(element):
            found.append(path)
            continue
        stack.extend(path + [child] for child in getattr(path[-1], "children", ()) or ())
    return found


def _first_role(box):
    element = getattr(box, "element", None)
    if element is not None and element.get("data-role") and "::" not in (box.element_tag or ""):
        return element
    for child in getattr(box, "children", ()) or ():
        found = _first_role(child)
        if found is not None:
            return found
    return None


def page_fill(page_box, skip=None) -> float:
    """How far down its text area a page's content reaches, 0…1: the bottom of its lowest
    line, picture or ruled box below the top of the area (what lies within `skip` left out)."""
    top, height = page_box.content_box_y(), page_box.height
    lowest = top
    stack = [child for child in page_box.children if not isinstance(child, boxes.MarginBox)]
    while stack:
        box = stack.pop()
        if box is skip:
            continue
        if isinstance(box, (boxes.LineBox, boxes.ReplacedBox)) or (
                isinstance(box, boxes.BlockBox) and (box.border_bottom_width or box.border_top_width)):
            lowest = max(lowest, box.position_y + box.margin_height())
        if not isinstance(box, boxes.LineBox):
            stack.extend(getattr(box, "children", ()) or ())
    return max(0.0, min(1.0, (lowest - top) / height)) if height > 0 else 1.0
