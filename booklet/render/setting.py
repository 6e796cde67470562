"""The set lines read back from the laid-out pages, and what a typographer would not sign:
three hyphenated lines in a row, a hyphen at the end of a page, justified lines whose word
spaces gape. `booklet check` reports them; the booklet's layout pass mends the paragraphs
they fall in (render/booklet.py) and reports what it could not mend.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from booklet.render.fonts import FAMILIES, FONTS_DIR

LOOSE_EM = 0.55  # an average word space wider than this (about twice a normal one) gapes
LADDER = 3  # this many hyphenated lines in a row is a ladder


@dataclass(frozen=True)
class Line:
    page: int  # 1-based
    text: str
    paragraph: object  # the element of the paragraph the line belongs to
    block: object  # the element that holds the paragraph (and its siblings)
    loc: str  # the YAML location of the text (the nearest data-loc), for messages
    hyphenated: bool  # ends with a hyphen the hyphenation inserted
    word_space: float | None  # the average word space of a justified line, in em
    last_on_page: bool  # the paragraph goes on onto the next page after this line


@dataclass(frozen=True)
class Fault:
    page: int
    kind: str  # ladder | page-turn | loose
    text: str  # the line's text
    paragraph: object
    block: object
    loc: str
    words: tuple[str, ...] = ()  # the words hyphens split, whole: to be kept whole


SETTINGS = ("tight", "tighter", "ragged")  # each mending of gaping lines goes one further


def lines(document) -> list[Line]:
    """Every line of body text (paragraphs and list items), page by page."""
    from weasyprint.formatting_structure import boxes

    found: list[Line] = []
    for number, page in enumerate(document.pages, 1):
        on_page: list[Line] = []
        stack = [(child, None, "") for child in page._page_box.children
                 if not isinstance(child, boxes.MarginBox)]  # running heads and folios
        stack.reverse()
        while stack:
            box, holder, loc = stack.pop()
            element = getattr(box, "element", None)
            if element is not None and element.get("data-loc"):
                loc = element.get("data-loc")
            children = list(getattr(box, "children", ()) or ())
            if isinstance(box, boxes.BlockContainerBox) and any(
                    isinstance(c, boxes.LineBox) for c in children):
                on_page += _paragraph_lines(box, number, holder, loc)
                continue
            holder = element if isinstance(box, boxes.BlockBox) else holder
            stack.extend((child, holder, loc) for child in reversed(children))
        if on_page:
            last = on_page[-1]
            on_page[-1] = Line(last.page, last.text, last.paragraph, last.block, last.loc,
                               last.hyphenated, last.word_space, True)
        found += on_page
    return found


def _paragraph_lines(block, page: int, holder, loc: str) -> list[Line]:
    from weasyprint.formatting_structure import boxes

    element = block.element
    whole = "".join(element.itertext()) if element is not None else ""
    flat = "".join(whole.split())
    out = []
    line_boxes = [c for c in block.children if isinstance(c, boxes.LineBox)]
    texts = [_text(line) for line in line_boxes]
    justified = block.style["text_align_all"] == "justify"
    for index, (line, text) in enumerate(zip(line_boxes, texts)):
        following = texts[index + 1] if index + 1 < len(texts) else ""
        hyphenated = text.endswith("-") and _inserted_hyphen(text, following, flat)
        last_of_block = index == len(line_boxes) - 1
        space = _word_space(line) if justified and not last_of_block else None
        out.append(Line(page, text, element, holder, loc, hyphenated, space, False))
    return out


def _text(line) -> str:
    from weasyprint.formatting_structure import boxes

    parts = []
    stack = [line]
    while stack:
        box = stack.pop()
        if isinstance(box, boxes.TextBox):
            parts.append(box.text)
        else:
            stack.extend(reversed(list(getattr(box, "children", ()) or ())))
    return "".join(parts).replace("\xad", "").rstrip()


def _inserted_hyphen(text: str, following: str, flat: str) -> bool:
    """A hyphen at a line's end that the source does not have: "хра-" before "нит"."""
    words = text.split()
    if not words or len(words[-1]) < 2:
        return False
    head = words[-1][:-1]
    tail = following.split()[0] if following.split() else ""
    if not tail:  # the word goes on on the next page: decide by the source alone
        return (head + "-") not in flat
    return (head + tail) in flat and (head + "-" + tail) not in flat


def _word_space(line) -> float | None:
    """The average width of a word space of a justified line, in em of its text."""
    from weasyprint.formatting_structure import boxes

    spaces = widths = 0.0
    stack = [line]
    while stack:
        box = stack.pop()
        if isinstance(box, boxes.TextBox):
            count = box.text.count(" ")
            if count:
                size = box.style["font_size"]
                normal = _space_width(box.style["font_family"][0], box.style["font_weight"] >= 600,
                                      box.style["font_style"] != "normal")
                spaces += count
                widths += count * (normal + box.justification_spacing / size
                                   + box.style["word_spacing"] / size)
        else:
            stack.extend(getattr(box, "children", ()) or ())
    return widths / spaces if spaces else None


@lru_cache(maxsize=16)
def _space_width(family: str, bold: bool, italic: bool) -> float:
    from fontTools.ttLib import TTFont

    stem = FAMILIES.get(family, "PTSerif")
    style = ("Bold" if bold else "") + ("Italic" if italic else "") or "Regular"
    font = TTFont(FONTS_DIR / f"{stem}-{style}.ttf", lazy=True)
    return font["hmtx"][font.getBestCmap()[32]][0] / font["head"].unitsPerEm


def faults(found: list[Line]) -> list[Fault]:
    """Ladders of three hyphenated lines, a hyphen at the end of a page, loose lines."""
    out = []
    run = 0
    for index, line in enumerate(found):
        following = found[index + 1] if index + 1 < len(found) else None
        if following is not None and following.paragraph is not line.paragraph:
            following = None
        same = index and found[index - 1].paragraph is line.paragraph
        run = run + 1 if line.hyphenated and same else int(line.hyphenated)
        word = _split_word(line, following) if line.hyphenated else ""
        if run == LADDER:  # the last two of the three kept whole: the ladder cannot re-form
            before = _split_word(found[index - 1], line)
            out.append(Fault(line.page, "ladder", line.text, line.paragraph, line.block, line.loc,
                             (before, word)))
        if line.hyphenated and line.last_on_page:
            out.append(Fault(line.page, "page-turn", line.text, line.paragraph, line.block,
                             line.loc, (word,)))
        if line.word_space is not None and line.word_space > LOOSE_EM:
            out.append(Fault(line.page, "loose", line.text, line.paragraph, line.block, line.loc))
    return out


WORD_EDGE = "«»„“”\"'()[],.;:!?…—–"


def _split_word(line: Line, following: Line | None) -> str:
    """The word a line's hyphen split, whole."""
    head = line.text.split()[-1][:-1].lstrip(WORD_EDGE)
    tail = following.text.split()[0].rstrip(WORD_EDGE) if following and following.text.split() else ""
    return head + tail


def kept_whole(found: list[Fault]) -> set[str]:
    """The words to lay out whole in the next pass: those split at a page turn or in a ladder."""
    return {word for fault in found for word in fault.words if word}


def mend(html: str, found: list[Fault]) -> str:
    """The document's HTML with each paragraph whose justified lines gape set tighter, then
    tighter still (smaller word spaces, more places to hyphenate), and as the last resort its
    whole text block ragged-right, so that the block still reads as one. Paragraphs are found
    by the `data-p` their tags carry."""
    settings: dict[str, str] = {}
    for fault in found:
        number = fault.paragraph.get("data-p") if fault.paragraph is not None else None
        if fault.kind != "loose" or not number:
            continue
        now = _setting(html, number)
        if now == SETTINGS[-2]:
            for other in fault.block if fault.block is not None else [fault.paragraph]:
                if other.get("data-p"):
                    settings[other.get("data-p")] = SETTINGS[-1]
        elif now != SETTINGS[-1] and settings.get(number) != SETTINGS[-1]:
            settings[number] = SETTINGS[SETTINGS.index(now) + 1 if now else 0]
    for number, setting in settings.items():
        start = html.find(f' data-p="{number}"')
        if start < 0:
            continue
        tag_end = html.index(">", start)
        tag = re.sub(r' data-set="\w+"', "", html[start:tag_end]) + f' data-set="{setting}"'
        html = html[:start] + tag + html[tag_end:]
    return html


def _setting(html: str, number: str) -> str:
    """The setting a paragraph's tag carries now ("" for the layout's own)."""
    match = re.match(rf' data-p="{number}"(?: data-set="(\w+)")?',
                     html[html.find(f' data-p="{number}"'):])
    return (match[1] or "") if match else ""


WHAT = {"ladder": "three hyphenated lines in a row", "page-turn": "a hyphen at the page turn",
        "loose": "word spaces gape in a justified line"}


def describe(fault: Fault) -> str:
    return f"booklet.pdf: page {fault.page}: {WHAT[fault.kind]}: “{fault.text.strip()[-40:]}”"
