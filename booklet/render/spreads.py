"""Facing pages that end at the same depth.

A book entry is never split, so a page ends where the next entry no longer fits, and the two
pages of a spread can end lines apart. Where the shorter page holds several entries (or an
entry and a section's start), the space it lacks is shared out between them, in whole
baseline units, by spacers before the entries: its last line comes down to the depth of the
facing page, within a line. The last page of the text is left as it ends: there the content
does not allow it.
"""

from __future__ import annotations

import re

from weasyprint.formatting_structure import boxes

MOST_PER_GAP = 6  # at most this many units more between two entries: more reads as a hole
LINE = 3  # units of difference left: less than the shortest text line (3 or 4 units)


def unit_px(document) -> float | None:
    """The layout's baseline unit (`--unit` on the root element), in CSS px."""
    page = document.pages[0]._page_box
    for child in page.children:
        token = child.style["__unit"] if hasattr(child, "style") else None
        if token and getattr(token[0], "unit", None) == "pt":
            return token[0].value * 4 / 3
    return None


def spacers(document, body: set[int]) -> dict[str, int]:
    """For each element id (a book entry or a section) that should have space before it, how
    many units. `body` holds the indexes of the document's pages that carry the text; pages
    are paired as a printed booklet pairs them: 2–3, 4–5…"""
    unit = unit_px(document)
    if not unit:
        return {}
    pages = document.pages
    last = max(body, default=-1)
    found: dict[str, int] = {}
    for left in range(1, len(pages) - 1, 2):
        right = left + 1
        if left not in body or right not in body:
            continue
        depths = {i: _depth(pages[i]._page_box) for i in (left, right)}
        short, deep = sorted((left, right), key=depths.get)
        if short == last:
            continue  # the text ends there
        units = int((depths[deep] - depths[short]) / unit) - LINE
        if units < 1:
            continue  # within a line already
        starts = starts_on(pages[short]._page_box)
        if not starts or units > MOST_PER_GAP * len(starts):
            continue
        share, extra = divmod(units, len(starts))
        for n, element_id in enumerate(starts):
            if share + (n < extra):
                found[element_id] = share + (n < extra)
    return found


def spaced(html: str, found: dict[str, int]) -> str:
    """The template's HTML with the spacers inserted before the elements they belong to."""
    def insert(match: re.Match) -> str:
        units = found.get(match["id"])
        if not units:
            return match[0]
        return (f'<div class="spread-gap" aria-hidden="true" '
                f'style="height: calc({units} * var(--unit))"></div>' + match[0])
    return re.sub(r'<(?:article|section) class="(?:book|section)[^"]*" id="(?P<id>[^"]+)"',
                  insert, html)


def contents(document) -> list[list[str]]:
    """The ids of the entries and sections that start on each page: what the spacing must
    not change."""
    return [_ids(page._page_box) for page in document.pages]


def _ids(page_box) -> list[str]:
    found = []
    stack = [page_box]
    while stack:
        box = stack.pop()
        element = getattr(box, "element", None)
        if isinstance(box, boxes.BlockBox) and element is not None and element.get("id") \
                and "top" not in getattr(box, "remove_decoration_sides", ()):
            found.append(element.get("id"))
        stack.extend(getattr(box, "children", ()) or ())
    return sorted(set(found))


def _depth(page_box) -> float:
    """How far below the top of the page its last line of text ends, in px."""
    lowest = 0.0
    stack = [c for c in page_box.children if not isinstance(c, boxes.MarginBox)]
    while stack:
        box = stack.pop()
        if isinstance(box, boxes.LineBox):
            lowest = max(lowest, box.position_y + box.height)
        else:
            stack.extend(getattr(box, "children", ()) or ())
    return lowest


def starts_on(page_box) -> list[str]:
    """The ids of the book entries and sections that start on this page, in order, less the
    one at the top of the page and the first entry of a section (a spacer would part it from
    the section's opener)."""
    found, first_books = [], set()
    stack = [page_box]
    while stack:
        box = stack.pop(0)
        element = getattr(box, "element", None)
        classes = (element.get("class") or "").split() if element is not None else []
        children = [c for c in getattr(box, "children", ()) or ()
                    if not isinstance(c, boxes.MarginBox)]
        continued = "top" in getattr(box, "remove_decoration_sides", ())
        if isinstance(box, boxes.BlockBox) and classes[:1] == ["books"] and not continued \
                and children and children[0].element is not None:
            first_books.add(children[0].element.get("id"))
        if isinstance(box, boxes.BlockBox) and classes[:1] in (["book"], ["section"]) \
                and element.get("id") and not continued and element.get("id") not in found:
            at_top = box.position_y <= page_box.content_box_y() + 1
            if element.get("id") not in first_books and not at_top:
                found.append(element.get("id"))
        stack[0:0] = children
    return found
