"""Copy-fitting: a booklet in the fewest pages that are a multiple of 4, with no blank page.

The template lays out, in one pass, the cover, the body (contents, introduction, sections),
then every page that may be left over — filler pages worth having (the author index, notes,
an invitation with the library's QR code, the colophon) — and the back cover twice (with
the imprint, for a booklet with no page to spare for the colophon, and without). Each part
carries `data-role`. `choose()` reads the laid-out pages and keeps the cover, the body, the
fillers the page count needs, and one back cover. Only when that cannot work — a page count
forced too low, or one page spilled over so that three fillers would be needed — does the
caller lay the booklet out again in the layout's next, tighter variant.
"""

from __future__ import annotations

from dataclasses import dataclass

HALF = 0.5  # an inside page should be filled over at least half its text area
PREFERENCE = ("colophon", "index", "picture", "invitation", "notes")  # which left-over pages first


@dataclass(frozen=True)
class Part:
    role: str  # cover | body | filler | back | end (a half's last page, see choose())
    name: str  # the filler's kind, or "imprint" for the back cover that carries the colophon
    pages: tuple[int, ...]  # indexes into the laid-out document
    fills: tuple[float, ...]  # how much of its text area each page fills, 0…1


@dataclass(frozen=True)
class Fit:
    pages: tuple[int, ...]  # indexes of the laid-out pages to keep, in order
    fillers: tuple[str, ...]  # the left-over pages printed, in order
    underfilled: tuple[int, ...]  # 1-based numbers of inside pages under half full
    content: float  # how many pages' worth of text area the body fills

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
    return found


def choose(found: list[Part], forced: int | None = None) -> Fit | None:
    """The pages to keep: the fewest that are a multiple of 4 (or `forced`), the left-over
    ones filled with fillers in order of preference; None when that cannot be done."""
    cover = [p for p in found if p.role == "cover"]
    body = [p for p in found if p.role == "body"]
    fillers = [p for p in found if p.role == "filler"]
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
    in_order = [p for p in found if p in chosen]  # the template's order: colophon last
    kept = tuple(i for part in cover + body + in_order + [back] if part for i in part.pages)
    numbers = {index: number for number, index in enumerate(kept, 1)}
    return Fit(kept, tuple(p.name for p in in_order),
               tuple(sorted(numbers[i] for i in underfilled)), sum(sum(p.fills) for p in body))


def _first_role(box):
    element = getattr(box, "element", None)
    if element is not None and element.get("data-role") and "::" not in (box.element_tag or ""):
        return element
    for child in getattr(box, "children", ()) or ():
        found = _first_role(child)
        if found is not None:
            return found
    return None


def page_fill(page_box) -> float:
    """How far down its text area a page's content reaches, 0…1: the bottom of its lowest
    line, picture or ruled box below the top of the area."""
    from weasyprint.formatting_structure import boxes

    top, height = page_box.content_box_y(), page_box.height
    lowest = top
    stack = [child for child in page_box.children if not isinstance(child, boxes.MarginBox)]
    while stack:
        box = stack.pop()
        if isinstance(box, (boxes.LineBox, boxes.ReplacedBox)) or (
                isinstance(box, boxes.BlockBox) and (box.border_bottom_width or box.border_top_width)):
            lowest = max(lowest, box.position_y + box.margin_height())
        if not isinstance(box, boxes.LineBox):
            stack.extend(getattr(box, "children", ()) or ())
    return max(0.0, min(1.0, (lowest - top) / height)) if height > 0 else 1.0
