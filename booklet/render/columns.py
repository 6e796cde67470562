"""Columns balanced by moving laid-out boxes, not by laying them out again.

WeasyPrint balances CSS columns (`column-fill: balance`) by laying their whole content out
again and again, each time a little taller, until it fits: for the leaflet's list of books
that was 0.75 s of the kit's 1.8 s. A multi-column element marked `data-balance` is set
with `column-fill: auto` instead: laid out once, filling its columns in turn. Here its
entries are dealt out again: the shortest column height at which they fit is found from
their measured heights (the columns are one width, so an entry is as tall in any of them),
and each entry is moved to its place. An entry is never split, nor parted from the next
where it asks to be kept with it (`break-after: avoid`, a section's heading).
"""

from __future__ import annotations

import math

from weasyprint.formatting_structure import boxes

from booklet.render.spreads import backgrounds_again

AVOID = ("avoid", "avoid-column")
SLACK = 0.01  # px: a measured height's rounding


def balanced(document) -> None:
    """Every `data-balance` multi-column box of `document` balanced, in place, its pages'
    backgrounds placed and links gathered again; left as laid out where its content runs
    on to another page."""
    from weasyprint.document import Page

    for number, page in enumerate(document.pages):
        found = [(box, path) for box, path in _descendants(page._page_box) if _marked(box)]
        if any([_balance(box, path) for box, path in found]):
            backgrounds_again(page._page_box)
            document.pages[number] = Page(page._page_box)


def _descendants(box, path=()):
    for child in getattr(box, "children", ()) or ():
        if not isinstance(child, boxes.MarginBox):
            yield child, path + (box,)
            yield from _descendants(child, path + (box,))


def _marked(box) -> bool:
    element = getattr(box, "element", None)
    return element is not None and element.get("data-balance") is not None \
        and "::" not in (box.element_tag or "") and any(
            getattr(child, "is_column", False) for child in box.children)


def _balance(box, path) -> bool:
    """`box`'s entries dealt out again over its columns at the least height that holds them;
    False where that cannot be done (an entry split, or content left for another page)."""
    columns = [child for child in box.children if getattr(child, "is_column", False)]
    entries = [entry for column in columns for entry in column.children]
    children = [child for child in box.element if isinstance(child.tag, str)]
    elements = [entry.element for entry in entries]
    if len(columns) != len(box.children) or len(set(map(id, elements))) != len(entries) \
            or len(entries) != len(children):
        return False  # a spanning block, a split entry, or the rest on the next page
    count = box.style["column_count"]
    count = len(columns) if count == "auto" else count
    width = columns[0].width
    gap = (box.width - count * width) / (count - 1) if count > 1 else 0
    top = columns[0].position_y
    start = entries[0].position_y - top  # the first entry's own offset in its column
    home = {id(entry): column for column in columns for entry in column.children}
    steps = [following.position_y - entry.position_y
             if home[id(entry)] is home[id(following)] else entry.margin_height()
             for entry, following in zip(entries, entries[1:])]
    bottoms = [entry.margin_height() - entry.margin_bottom for entry in entries]
    breaks = [i for i in range(1, len(entries))
              if entries[i - 1].style["break_after"] not in AVOID
              and entries[i].style["break_before"] not in AVOID]
    page = path[0]  # WeasyPrint's page_bottom: what the columns may fill, to the page's foot
    room = page.content_box_y() + page.height - top
    heights = [entry.margin_height() for entry in entries]
    height = _balanced_height(steps, bottoms, heights, breaks, start, count, room)
    if height is None:
        return False
    dealt = _dealt(steps, heights, breaks, start, height)
    while len(columns) < len(dealt):  # those filling in turn left out: nothing was left
        columns.append(columns[0].copy_with_children([]))
        columns[-1].position_x = columns[0].position_x + (len(columns) - 1) * (width + gap)
    columns = columns[:len(dealt)]
    for column, chosen in zip(columns, dealt):
        y = top + start
        for i in chosen:
            entry = entries[i]
            entry.translate(column.position_x - home[id(entry)].position_x, y - entry.position_y)
            y += steps[i] if i < len(steps) else 0
        column.children = [entries[i] for i in chosen]
    box.children = columns
    change = min(room, _deepest(columns) - top) - box.height
    for column in columns:
        column.height += change
    box.height += change
    inner = box
    for ancestor in reversed(path):  # those it made as tall, ending with it
        if ancestor.style["height"] != "auto" or isinstance(ancestor, boxes.PageBox) \
                or ancestor.children[-1] is not inner:
            break
        ancestor.height += change
        inner = ancestor
    return True


def _deepest(columns) -> float:
    """How deep the columns reach, as WeasyPrint measures them: to the foot of each one's
    last margin box, less the margin where a column ends at a break (the margin is dropped
    there), so all but the last."""
    filled = [column.children[-1] for column in columns if column.children]
    return max(last.position_y + last.margin_height() - (last.margin_bottom if last is not
                                                          filled[-1] else 0) for last in filled)


def _balanced_height(steps, bottoms, heights, breaks, start, count, room) -> float | None:
    """The column height WeasyPrint's own balancing comes to (layout/column.py), on measured
    heights instead of layouts: the columns' average depth when filled in turn to the full
    `room`, then taller, each time by the least that brings an entry up a column, until
    every entry is in `count` columns. None when even `room` is too little. An entry fits
    when its margin box does (`heights`); a column is as deep as its last entry's border
    box (`bottoms`)."""
    dealt = _dealt(steps, heights, breaks, start, room)
    if len(dealt) > count or not all(_fits(steps, heights, start, c, room) for c in dealt):
        return None
    height = sum(_depth(steps, bottoms, start, c[0], c[-1]) for c in dealt) / count
    lost = math.inf  # the least seen in any try, as WeasyPrint keeps it
    while height <= room:
        dealt = _dealt(steps, heights, breaks, start, height)
        fitted = []
        for column in dealt[:count]:
            if not _fits(steps, heights, start, column, height):
                break  # an entry taller than the column: it starts no column at this height
            fitted.append(column)
        if len(fitted) == len(dealt):
            return height
        for column in fitted:
            empty = height - _depth(steps, heights, start, column[0], column[-1])
            if column[-1] + 1 < len(heights) and heights[column[-1] + 1] - empty > 1:
                lost = min(lost, heights[column[-1] + 1] - empty)
        height += 1 if lost == math.inf else lost
    return None


def _fits(steps, heights, start, column, height) -> bool:
    return _depth(steps, heights, start, column[0], column[-1]) <= height + SLACK


def _depth(steps, tails, start, first, last) -> float:
    """How deep entries first…last reach, stacked at the top of a column: to the last one's
    top, and its `tails` below."""
    return start + sum(steps[first:last]) + tails[last]


def _dealt(steps, heights, breaks, start, height) -> list[list[int]]:
    """The entries' indexes in each column, filled in turn to `height`: a column ends at the
    last break whose entries fit; at the first break where none does (an entry too tall)."""
    dealt, first, allowed = [], 0, set(breaks)
    while first < len(heights):
        end = first + 1  # the column takes entries first…end-1
        for last in range(first, len(heights)):
            if _depth(steps, heights, start, first, last) > height + SLACK:
                break
            if last + 1 == len(heights) or last + 1 in allowed:
                end = last + 1
        while end < len(heights) and end not in allowed:  # no break there: on to the next
            end += 1
        dealt.append(list(range(first, end)))
        first = end
    return dealt
