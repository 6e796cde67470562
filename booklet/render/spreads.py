"""Facing pages that end at the same depth.

A book entry is never split, so a page ends where the next entry no longer fits, and the two
pages of a spread can end lines apart. Where the shorter page holds several entries (or an
entry and a section's start), the space it lacks is shared out between them, in whole
baseline units, before the entries: its last line comes down to the depth of the facing
page, within a line, or, where that would part the entries by holes, as near as the gaps
allow. The last page of the text is left as it ends: there the content does not allow it.
The laid-out boxes are moved (spaced()); the booklet is not laid out again.
"""

from __future__ import annotations

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
        if not starts:
            continue
        # more than the gaps may take: as much as they may, the pages nearer than they were
        units = min(units, MOST_PER_GAP * len(starts))
        share, extra = divmod(units, len(starts))
        for n, element_id in enumerate(starts):
            if share + (n < extra):
                found[element_id] = share + (n < extra)
    return found


def spaced(document, found: dict[str, int]):
    """The laid-out document with the space `found` put before the elements it belongs to:
    each such element, and what follows it on its page, moved down by its units, and the
    boxes that hold it made as much taller. No second layout pass: the lines stay as they
    were set (and mended), and no entry can move to another page. A page whose pictures
    or rules would then reach below its text area (or below what already did) is left as
    it was. A new Document, or
    None when nothing moved; its pages' links and anchors are gathered again."""
    from weasyprint.document import Page

    unit = unit_px(document)
    pages = list(document.pages)
    moved = False
    for index, page in enumerate(pages):
        box = page._page_box
        shifts = [(path, found[path[-1].element.get("id")] * unit) for path in _starts(box)
                  if path[-1].element.get("id") in found]
        if not shifts:
            continue
        floor = max(_bottom(box), box.content_box_y() + box.height)  # what may not be passed
        for path, dy in shifts:
            _move(path, dy)
        if _bottom(box) > floor + 0.5:
            for path, dy in reversed(shifts):
                _move(path, -dy)
            continue
        backgrounds_again(box)
        pages[index] = Page(box)  # links, anchors and bookmarks where the boxes are now
        moved = True
    return document.copy(pages) if moved else None


def _starts(page_box) -> list[list]:
    """The paths from the page box down to each block that starts a book entry or a section
    on this page (ids), in the order of the page."""
    found, stack = [], [[page_box]]
    while stack:
        path = stack.pop(0)
        box = path[-1]
        element = getattr(box, "element", None)
        classes = (element.get("class") or "").split() if element is not None else []
        if isinstance(box, boxes.BlockBox) and classes[:1] in (["book"], ["section"]) \
                and element.get("id") and "top" not in box.remove_decoration_sides:
            found.append(path)
        stack[0:0] = [path + [child] for child in getattr(box, "children", ()) or ()
                      if not isinstance(child, boxes.MarginBox)]
    return found


def backgrounds_again(page_box) -> None:
    """The page's backgrounds placed again where its boxes now are: WeasyPrint places them
    once, after layout. With the pictures they already hold: nothing is fetched."""
    from weasyprint.layout.background import layout_backgrounds

    images = pictures_of(page_box)
    layout_backgrounds(page_box, lambda url, orientation=None: images.get(url))


def pictures_of(page_box) -> dict:
    """The pictures the page's backgrounds and border images already hold, by their URL: to
    place the backgrounds again without fetching anything."""
    found, stack = {}, [page_box]
    while stack:
        box = stack.pop()
        background = getattr(box, "background", None)
        if background is not None:
            for (kind, value), layer in zip(box.style["background_image"], background.layers):
                if kind == "url":
                    found[value] = layer.image
        if box.style["border_image_source"][0] == "url" and getattr(box, "border_image", None):
            found[box.style["border_image_source"][1]] = box.border_image
        stack.extend(box.all_children())
    return found


def _move(path: list, dy: float) -> None:
    """The last box of `path` and everything after it in the flow moved down by `dy`, and
    each box that holds it (below the page) made `dy` taller."""
    path[-1].translate(0, dy)
    for parent, child in reversed(list(zip(path, path[1:]))):
        siblings = iter(parent.children)
        any(sibling is child for sibling in siblings)  # up to the child: the rest follow
        for sibling in siblings:
            if not isinstance(sibling, boxes.MarginBox) and not sibling.is_absolutely_positioned():
                sibling.translate(0, dy)
        if parent is not path[0]:
            parent.height += dy


def _bottom(page_box) -> float:
    """The lowest edge of the page's content in the flow: lines, pictures and boxes with a
    border."""
    lowest = 0.0
    stack = [c for c in page_box.children if not isinstance(c, boxes.MarginBox)]
    while stack:
        box = stack.pop()
        if box.is_absolutely_positioned():
            continue
        if isinstance(box, (boxes.LineBox, boxes.ReplacedBox)) or (
                isinstance(box, boxes.BlockBox) and (box.border_bottom_width or box.border_top_width)):
            lowest = max(lowest, box.position_y + box.margin_height())
        if not isinstance(box, boxes.LineBox):
            stack.extend(getattr(box, "children", ()) or ())
    return lowest


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
