"""The booklet's cover title fitted like a poster headline: balanced lines, as large as the
layout allows, shrunk by steps to a floor when the title is long.

Measured with the bundled font (FreeType through Pillow, as headline.py does), so the size is
chosen before the one WeasyPrint pass: the title gets the box the layout reserves for it
(layout.yaml `cover_title`: largest size, width and height of its box, line height), and the
dates, venue and library keep theirs.
"""

from __future__ import annotations

from dataclasses import dataclass

from booklet.render import headline, layouts
from booklet.render.fonts import FONTS_DIR

STEPS = (1.0, 0.9, 0.8, 0.72, 0.64, 0.56)  # the last is the floor: still a display size
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
    font = FONTS_DIR / f"{layout.headline_font}.ttf"
    width_pt, height_pt = box.width * PT_PER_MM, box.height * PT_PER_MM
    for scale in STEPS:
        size_pt = round(box.size * scale, 1)
        line_pt = round(size_pt * box.leading, 1)
        most = int(height_pt // line_pt)
        if most < 1:
            continue
        lines = headline.balance(title, font, width_pt, size_pt, max_lines=most)
        widest = max(headline.width_em(line, font) for line in lines)
        if len(lines) <= most and widest * size_pt <= headline.SAFETY * width_pt:
            return CoverTitle(lines, size_pt, line_pt, scale)
    return None
