"""A booklet laid out again after a small change — a paragraph set tighter, a word kept whole,
the run-on index dropped — from the first page the change can reach, not from its first
page: the mending of the setting took a whole second pass of every booklet it touched.

WeasyPrint already re-makes pages one by one when a page counter changes (its `page_maker`:
the state each page starts from, and whether to make it again). A pass after a change is
seeded with the previous pass's states and pages. The pages that hold an element the change
touched (the two element trees compared; where elements were added or taken away, every
page to the end of the element holding them), and the page before the first of them, are
made again; so is each page after one made again that no longer starts as it did — that is
WeasyPrint's own rule. Every other page is taken as it was. The page numbers that contents
and index print (target-counter) start from the previous pass's targets and follow what
moves; where a page taken as it was would print a moved target's number, the caller lays
the booklet out whole (booklet.py, `stale_numbers`).

The hooks wrap two functions of WeasyPrint 70's layout (pinned in pyproject.toml) and do
nothing unless a pass is `recorded()` in this thread.
"""

from __future__ import annotations

import copy
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field

import weasyprint.layout as _layout
import weasyprint.layout.page as _page

_original_initialize = _layout.initialize_page_maker
_original_make_all_pages = _layout.make_all_pages
_job = threading.local()


@dataclass
class Record:
    """What a pass leaves for the next: its layout context (the page states, the targets'
    pages) and its pages as paginated, before their margin boxes were added."""
    context: object = None
    pages: list = field(default_factory=list)  # (page box, its children, its root's children)
    styles: object = None  # the pass's Styles: the next reuses its fonts, which its boxes use
    html: object = None  # its weasyprint.HTML: the element tree, and the page styles' root
    whole: set = field(default_factory=set)  # the words it kept whole


@contextmanager
def recorded(record: Record, previous: Record | None = None, words: set[str] = frozenset()):
    """A WeasyPrint pass in this block fills `record`; with `previous`, it lays out again only
    the pages of `previous` that hold an element the HTML now has otherwise, or text with one
    of `words` (now kept whole), the page before the first of them (a page's end depends on
    what follows: a heading kept with its text), and the pages after each that no longer
    start as they did."""
    _job.now = (record, previous, words)
    try:
        yield record
    finally:
        _job.now = None


def stale_numbers(record: Record, previous: Record) -> bool:
    """Whether a page taken from `previous` prints the page number of a target that has moved
    since (its contents' line for a section that now starts a page later): then the pass
    must be made whole."""
    collector = record.context.target_collector
    before = previous.context.target_collector.target_lookup_items
    for lookup in collector.counter_lookup_items.values():
        if lookup.page_maker_index is not None:
            continue  # on a page made in this pass: its numbers were followed
        for anchor in lookup.missing_target_counters:
            now, then = collector.target_lookup_items.get(anchor), before.get(anchor)
            if now is not None and then is not None and \
                    now.cached_page_counter_values != then.cached_page_counter_values:
                return True
    return False


def _initialize_page_maker(context, root_box):
    _original_initialize(context, root_box)
    job = getattr(_job, "now", None)
    if job is None:
        return
    record, previous, _words = job
    record.context = context
    if previous is None:
        return
    maker = copy.deepcopy(previous.context.page_maker)
    for _, _, _, _, remake in maker:  # what changed is marked when the pages are made
        remake["content_changed"] = remake["pages_wanted"] = False
    context.page_maker = maker
    collector = context.target_collector
    before = previous.context.target_collector.target_lookup_items
    for name, item in collector.target_lookup_items.items():
        old = before.get(name)
        if old is not None and old.page_maker_index is not None:
            item.page_maker_index = old.page_maker_index
            item.cached_page_counter_values = copy.deepcopy(old.cached_page_counter_values)
    for lookup in collector.counter_lookup_items.values():
        if lookup.missing_target_counters:  # its numbers filled in from the targets' pages
            lookup.pending = True            # when its page is made


def _make_all_pages(context, root_box, html, pages):
    job = getattr(_job, "now", None)
    if job is None:
        yield from _original_make_all_pages(context, root_box, html, pages)
        return
    record, previous, words = job
    record.html = html
    if previous is not None and not pages:  # the first round: the previous pass's pages
        pages = [_unmargined(*page) for page in previous.pages]
        for page in pages:  # the styles of their margin boxes (running heads, folios)
            _page.set_page_type_computed_styles(page.page_type, html, context.style_for)
        changed = _changed_pages(previous, html.etree_element, words)
        for number in range(len(pages)):
            if number in changed or number + 1 == min(changed, default=len(pages)):
                context.page_maker[number][-1]["content_changed"] = True
    made = []
    for page in _original_make_all_pages(context, root_box, html, pages):
        root = page.children[0]
        made.append((page, tuple(page.children), list(root.children)))
        yield page
    record.pages = made  # the last round's are those the document keeps


def _changed_pages(previous: Record, tree, words: set[str]) -> set[int]:
    """The indexes of the pages of `previous` that hold an element that `tree` has otherwise
    (its name, attributes or text) or has not at all, or whose own text has one of `words`;
    where elements were added or taken away, also every page after that up to the end of
    the element that holds them: a page starting inside it is found by its children's
    places, which have moved."""
    changed, moved = set(), []
    _compared(previous.html.etree_element, tree, changed, moved)
    if words:
        changed |= {id(e) for e in previous.html.etree_element.iter()
                    if any(word in text for text in _own_text(e) for word in words)}
    pages = [{id(getattr(box, "element", None)) for box in page.descendants()}
             for page, _, _ in previous.pages]
    found = {number for number, ids in enumerate(pages) if ids & changed}
    for at, holder in moved:
        held = [number for number, ids in enumerate(pages) if id(holder) in ids]
        start = next((number for number, ids in enumerate(pages) if id(at) in ids),
                     held[0] if held else 0)
        found |= set(range(start, max(held, default=len(pages) - 1) + 1))
    return found


def _compared(old, new, changed: set, moved: list) -> None:
    """The elements of `old` that `new`, in the same place, has otherwise, into `changed`; and
    where their children differ in number or kind, (the first child that differs, `old`)
    into `moved`, and that child and every one after it, with all they hold, into `changed`."""
    if _signature(old) != _signature(new):
        changed.add(id(old))
    before, now = [_kind(child) for child in old], [_kind(child) for child in new]
    same = next((i for i, (a, b) in enumerate(zip(before, now)) if a != b),
                min(len(before), len(now)))
    for a, b in zip(list(old)[:same], list(new)[:same]):
        _compared(a, b, changed, moved)
    if before != now:
        rest = list(old)[same:]
        moved.append((rest[0] if rest else old, old))
        changed.update(id(e) for child in rest for e in child.iter())


def _kind(element) -> tuple:
    return element.tag, element.get("id"), element.get("class")


def _own_text(element) -> list[str]:
    """The text directly in `element`: before its first child and after each."""
    return [element.text or ""] + [child.tail or "" for child in element]


def _signature(element) -> tuple:
    return element.tag, tuple(sorted(element.attrib.items())), _spaced(element.text), \
        _spaced(element.tail)


def _spaced(text: str | None) -> str:
    """White space alone as one space: laid out alike (a section's tail before another)."""
    return " " if text and text.isspace() else text or ""


def _unmargined(page, children, root_children):
    """A copy of a page box as it was paginated (its margin boxes, added later, left out); the
    boxes inside are shared with the previous pass's document, which is not drawn after."""
    root = children[0].copy()
    root.children = list(root_children)
    unmargined = page.copy()
    unmargined.children = [root, *children[1:]]
    return unmargined


_layout.initialize_page_maker = _initialize_page_maker
_layout.make_all_pages = _make_all_pages
