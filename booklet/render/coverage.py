"""Every character of every printed text must be in the fonts the layout uses: no tofu, no
silent fallback font."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from fontTools.ttLib import TTFont

from booklet.content.yamlread import Location, Marks, format_location
from booklet.messages import _
from booklet.problems import Problem
from booklet.render.fonts import FAMILIES, FONTS_DIR, STYLES

NOT_PRINTED = {"layout", "language", "cover", "logo", "image", "profile", "link", "sizes",
               "size", "bibliography", "bleed", "creep", "marks", "pdfx", "theme", "role",
               "dates", "isbn"}


@lru_cache(maxsize=8)
def characters(family: str) -> frozenset[int]:
    """The characters every style of `family` has."""
    sets = [set(TTFont(FONTS_DIR / f"{FAMILIES[family]}-{style}.ttf", lazy=True).getBestCmap())
            for style in STYLES]
    return frozenset(set.intersection(*sets))


def missing_glyphs(data, marks: Marks, families: list[str], layout: str) -> list[Problem]:
    have = frozenset.intersection(*(characters(f) for f in families))
    problems = []
    fonts = ", ".join(families)
    for loc, text in _texts(data, ()):
        for char in dict.fromkeys(text):  # each missing character once per field, in order
            if ord(char) in have or char in "\n\r\t ":
                continue
            line, col = _find(marks, loc, char)
            name = unicodedata.name(char, "unnamed character").lower()
            problems.append(Problem(
                marks.file, line, col,
                _('{code} {char} ({name}) is not in the fonts of the layout "{layout}" '
                  '({fonts})').format(code=f"U+{ord(char):04X}", char=char, name=name,
                                      layout=layout, fonts=fonts), where=format_location(loc),
                hint=_("remove it, or write it out in words")))
    return problems


def _texts(data, loc: Location):
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in NOT_PRINTED:
                yield from _texts(value, loc + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _texts(value, loc + (i,))
    elif isinstance(data, str):
        yield loc, data


def _find(marks: Marks, loc: Location, char: str) -> tuple[int, int]:
    """The character's own line and column: searched from where the value starts."""
    line, col = marks.of_value(loc)
    for number in range(line, len(marks.lines) + 1):
        text = marks.lines[number - 1]
        start = col - 1 if number == line else 0
        found = text.find(char, start)
        if found != -1:
            return number, len(text[:found]) + 1
    return line, col
