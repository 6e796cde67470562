"""The booklet's cover title fitted like a poster headline: balanced lines, as large as the
layout allows, shrunk by steps to a floor when the title is long.

Measured with the bundled font (FreeType through Pillow, as headline.py does), so the size is
chosen before the one WeasyPrint pass: the title gets the box the layout reserves for it
(layout.yaml `cover_title`: largest size, width and height of its box, line height), and the
dates, venue and library keep theirs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from booklet.render import headline, layouts
from booklet.render.fonts import FONTS_DIR

STEPS = (1.0, 0.9, 0.8, 0.72, 0.64, 0.56)  # the last is the floor: still a display size
STRANDED_STEPS = 0.78  # a title may go two steps smaller to keep a short word off a line alone
PT_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class CoverTitle:
    lines: tuple[str, ...]
    size_pt: float
    line_pt: float  # line height
    scale: float  # the step: 1.0 is the layout's size


def fit_title(title: str, layout: layouts.Layout, size: str) -> CoverTitle | None:
    """The title at the largest step whose balanced lines fit the layout's title box on a
    booklet of `size`; None when even the floor does not fit. A layout without a box for this
    size gets the title in one piece, for the browser to wrap, at its CSS size."""
    box = layout.cover_title.get(size)
    if box is None:
        return CoverTitle((title,), 0.0, 0.0, 1.0)
    return _fit(title, FONTS_DIR / f"{layout.headline_font}.ttf", box)


@lru_cache(maxsize=64)
def _fit(title: str, font: Path, box: layouts.CoverBox) -> CoverTitle | None:
    words = title.split(" ")  # non-breaking spaces from typography keep their words together
    width_pt, height_pt = box.width * PT_PER_MM, box.height * PT_PER_MM
    span = lru_cache(maxsize=None)(lambda i, j: headline.width_em(" ".join(words[i:j]), font))
    first = None  # the largest step that fits
    for scale in STEPS:
        size_pt = round(box.size * scale, 1)
        line_pt = round(size_pt * box.leading, 1)
        limit = headline.SAFETY * width_pt / size_pt  # em
        count = _fewest_lines(len(words), span, limit)
        if not count or count * line_pt > height_pt:
            continue
        if first is not None and scale < first.scale * STRANDED_STEPS:
            break
        title = CoverTitle(_even(words, count, span, limit), size_pt, line_pt, scale)
        first = first or title
        if not _stranded(title.lines, font, limit):
            return title
    return first


def _stranded(lines: tuple[str, ...], font: Path, limit: float) -> bool:
    """A short word alone on a line («Голод в казахской / степи / 1931–1933…»): the measure
    is too narrow for the size, and a step smaller reads better."""
    return len(lines) > 1 and any(" " not in line and headline.width_em(line, font) < limit / 3
                                  for line in lines)


def _fewest_lines(n: int, span, limit: float) -> int | None:
    """How few lines of at most `limit` em hold the words (filling each line is the fewest);
    None when a word alone is wider."""
    count, start = 0, 0
    while start < n:
        end = start + 1
        if span(start, end) > limit:
            return None
        while end < n and span(start, end + 1) <= limit:
            end += 1
        count, start = count + 1, end
    return count


def _even(words: list[str], count: int, span, limit: float) -> tuple[str, ...]:
    """The words in `count` lines of at most `limit` em, the room left spread evenly (least
    sum of squares), so that no line is left with a lone word while others are full."""
    n, inf = len(words), float("inf")
    cost = [[inf] * (n + 1) for _ in range(count + 1)]
    cut = [[0] * (n + 1) for _ in range(count + 1)]
    cost[0][0] = 0.0
    for c in range(1, count + 1):
        for j in range(c, n + 1):
            for i in range(j - 1, c - 2, -1):  # longer lines first: past the limit, stop
                width = span(i, j)
                if width > limit:
                    break
                candidate = cost[c - 1][i] + (limit - width) ** 2
                if candidate < cost[c][j]:
                    cost[c][j], cut[c][j] = candidate, i
    found, j = [], n
    for c in range(count, 0, -1):
        found.insert(0, " ".join(words[cut[c][j]:j]))
        j = cut[c][j]
    return tuple(found)
