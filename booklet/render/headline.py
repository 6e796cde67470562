"""Headlines set like a designer would: balanced lines, as large as the width allows.

Measured with the bundled font itself (FreeType through Pillow), so the lines we choose are
the lines WeasyPrint sets; they are never hyphenated and never re-wrapped.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

from PIL import ImageFont

from booklet.messages import _

SAFETY = 0.97  # kerning and rounding between two renderers
MAX_WORDS = 80  # balancing costs lines × words²; no title or headline needs more words


class TooManyWords(ValueError):
    """A text too long to be a headline: balancing it would only waste time."""

    def __init__(self, words: int):
        super().__init__(_("{n} words are too many for a headline; at most {most}").format(
            n=words, most=MAX_WORDS))
        self.words = words


@dataclass(frozen=True)
class Headline:
    lines: tuple[str, ...]
    size_pt: float


@lru_cache(maxsize=8)
def _font(path: str) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, 1000)


def width_em(text: str, font_path: Path) -> float:
    """Width of `text` in em (at a size of 1)."""
    return _width_em(text, str(font_path))


@lru_cache(maxsize=1 << 16)  # the kit's texts cut to their room measure the same lines again
def _width_em(text: str, font_path: str) -> float:
    return _font(font_path).getlength(text) / 1000


def fit(text: str, font_path: Path, width_pt: float, height_pt: float, max_size_pt: float,
        line_height: float = 1.08, max_lines: int = 4, least_pt: float = 0,
        gain: float = 1.25) -> Headline:
    """The largest size, up to `max_size_pt`, at which `text` fits the box in balanced lines:
    more lines only when `gain` times larger, or when fewer stay under `least_pt`.
    TooManyWords above MAX_WORDS words."""
    words = text.split(" ")  # non-breaking spaces from typography keep their words together
    if len(words) > MAX_WORDS:
        raise TooManyWords(len(words))
    best = None
    for count in range(1, min(max_lines, len(words)) + 1):
        lines = _balanced(words, count, font_path)
        widest = max(width_em(line, font_path) for line in lines)
        size = min(max_size_pt, SAFETY * width_pt / widest, height_pt / (count * line_height))
        if best is None or size > best.size_pt * (gain if best.size_pt >= least_pt else 1):
            best = Headline(lines, round(size, 1))
    return best


def balance(text: str, font_path: Path, width_pt: float, size_pt: float,
            letter_spacing_em: float = 0.0, max_lines: int = 5) -> tuple[str, ...]:
    """The fewest lines in which `text` fits `width_pt` at `size_pt`, as even as possible:
    no lone word left on the last line. Above MAX_WORDS words, the text as it is."""
    words = text.split(" ")
    if len(words) > MAX_WORDS:
        return (text,)  # longer than any headline: let the browser wrap it
    for count in range(1, min(max_lines, len(words)) + 1):
        lines = _balanced(words, count, font_path, letter_spacing_em)
        widest = max(_width(line, font_path, letter_spacing_em) for line in lines)
        if widest * size_pt <= SAFETY * width_pt:
            return lines
    return (text,)  # longer than max_lines: let the browser wrap it


def _width(text: str, font_path: Path, letter_spacing_em: float) -> float:
    return width_em(text, font_path) + letter_spacing_em * len(text)


def _balanced(words: list[str], count: int, font_path: Path,
              letter_spacing_em: float = 0.0) -> tuple[str, ...]:
    """`words` in `count` lines whose widest line is as narrow as possible: dynamic
    programming over the break points, count × words² steps. A line's width is the sum of
    its words and spaces (kerning across a space is nil in these fonts); the chosen lines
    are measured whole by the caller."""
    n = len(words)
    space = _width(" ", font_path, letter_spacing_em)
    ends = [0.0, *accumulate(_width(w, font_path, letter_spacing_em) + space for w in words)]

    def span(i: int, j: int) -> float:  # words[i:j] on one line
        return ends[j] - ends[i] - space

    # widest[c][j]: the narrowest widest line setting words[:j] in c lines; cut[c][j]: last break
    widest = [[float("inf")] * (n + 1) for _ in range(count + 1)]
    cut = [[0] * (n + 1) for _ in range(count + 1)]
    widest[0][0] = 0.0
    for c in range(1, count + 1):
        before, here, cuts = widest[c - 1], widest[c], cut[c]
        for j in range(c, n + 1):
            for i in range(c - 1, j):
                candidate = max(before[i], span(i, j))
                if candidate < here[j] - 1e-9:
                    here[j], cuts[j] = candidate, i
    lines, j = [], n
    for c in range(count, 0, -1):
        i = cut[c][j]
        lines.insert(0, " ".join(words[i:j]))
        j = i
    return tuple(lines)
