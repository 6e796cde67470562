"""Contrast as a greyscale printer leaves it, measured on the rendered page: every text and
every rule against what lies under it.

Many libraries print in grey. A colour prints as its grey (luma: 0.299 R + 0.587 G + 0.114 B,
what Ghostscript, printer drivers and Pillow's "L" use), so two colours that differ only in
hue merge. The contrast is the WCAG ratio of the two greys, which must reach 4.5:1:
`grey_ratio("#8c1c13", "#1f1f1f")` → 1.5, memorial's old red rule on its charcoal cover.

`faint_marks(pdf)` reads a page's texts and rules from the PDF (posters); each text's colour
is read from the PDF, what lies under it from the page drawn again without its texts and
rules. booklet/render/contrast_boxes.py measures a whole laid-out booklet from its boxes.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from booklet.messages import N_

LEAST = 4.5
DRAWN_WIDTH_PX = 500  # the ground is sampled, not read: a coarse picture will do
THIN = 0.012  # a rule: a path thinner than this share of the page's short side ...
LONG = 4  # ... and this many times longer than thick
WORST_SHARE = 0.1  # a text on a picture is judged by the worst tenth of the ground under it


RGB = tuple  # (r, g, b), each 0–255
_HEX = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_FUNCTION = re.compile(r"rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)")


def rgb(colour: str | RGB) -> RGB:
    """"#rgb", "#rrggbb" or "rgb(r, g, b)" (a theme's colours) as (r, g, b) 0–255."""
    if not isinstance(colour, str):
        return tuple(colour)[:3]
    text = colour.strip()
    if match := _HEX.fullmatch(text):
        digits = match.group(1)
        if len(digits) == 3:
            digits = "".join(d * 2 for d in digits)
        return tuple(int(digits[i:i + 2], 16) for i in (0, 2, 4))
    if match := _FUNCTION.fullmatch(text):
        return tuple(min(int(v), 255) for v in match.groups())
    raise ValueError(f"not a colour: {colour!r}")


def hex_colour(colour: str | RGB) -> str:
    return "#" + "".join(f"{round(v):02x}" for v in rgb(colour))


def grey(colour: str | RGB) -> float:
    """The grey (0–255) a greyscale print makes of `colour`."""
    r, g, b = rgb(colour)
    return 0.299 * r + 0.587 * g + 0.114 * b


def grey_ratio(foreground: str | RGB, background: str | RGB) -> float:
    """Contrast ratio of two colours printed in greyscale (order does not matter)."""
    return ratio(grey(foreground), grey(background))


@dataclass(frozen=True)
class Faint:
    what: str  # the text's words, or "a rule"
    ratio: float


def faint_marks(pdf: bytes, least: float = LEAST, page_index: int = 0) -> list[Faint]:
    """Texts and rules of the page that print under `least`:1 against their ground, in grey."""
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[page_index]
        width, height = page.get_size()
        textpage = page.get_textpage()
        marks = []
        for obj in list(page.get_objects(max_depth=1)):
            if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
                marks.append((obj, _text(obj, textpage)))
            elif obj.type == pdfium_c.FPDF_PAGEOBJ_PATH and _is_rule(obj, min(width, height)):
                marks.append((obj, N_("a rule")))
        measured = [(what, _grey(_colour(obj)), obj.get_bounds()) for obj, what in marks if what]
        for obj, _ in marks:
            page.remove_obj(obj)
        page.gen_content()
        scale = DRAWN_WIDTH_PX / width
        ground = page.render(scale=scale, may_draw_forms=True).to_pil().convert("L")
    finally:
        document.close()
    found = []
    for what, grey, (left, bottom, right, top) in measured:
        box = (int(left * scale), int((height - top) * scale),
               max(int(right * scale), int(left * scale) + 1),
               max(int((height - bottom) * scale), int((height - top) * scale) + 1))
        ratio = _worst_ratio(grey, ground.crop(box).histogram())
        if ratio < least:
            found.append(Faint(what, round(ratio, 1)))
    return _once_each(found)


def ratio(grey_a: float, grey_b: float) -> float:
    """WCAG contrast of two greys (0–255), in either order."""
    light, dark = sorted((_luminance(grey_a), _luminance(grey_b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _worst_ratio(grey: int, histogram: list[int]) -> float:
    """The contrast that the worst WORST_SHARE of the ground's pixels still reach."""
    ratios = sorted((ratio(grey, level), count) for level, count in enumerate(histogram) if count)
    allowed, seen = WORST_SHARE * sum(histogram), 0
    for value, count in ratios:
        seen += count
        if seen > allowed:
            return value
    return ratios[-1][0] if ratios else 21.0


def _luminance(grey: int) -> float:
    value = grey / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def _grey(colour: tuple[int, int, int]) -> int:
    return round(grey(colour))


def _colour(obj) -> tuple[int, int, int]:
    channels = [ctypes.c_uint() for _ in range(4)]
    get = pdfium_c.FPDFPageObj_GetFillColor
    if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH and not _fills(obj):
        get = pdfium_c.FPDFPageObj_GetStrokeColor
    get(obj.raw, *(ctypes.byref(c) for c in channels))
    return tuple(c.value for c in channels[:3])


def _fills(obj) -> bool:
    mode, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(mode), ctypes.byref(stroke))
    return mode.value != 0


def _is_rule(obj, short_side: float) -> bool:
    left, bottom, right, top = obj.get_bounds()
    thick, long = sorted((right - left, top - bottom))
    return 0 < thick < THIN * short_side and long > LONG * thick


def _text(obj, textpage) -> str:
    size = pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
    buffer = (ctypes.c_ushort * (size // 2 + 1))()
    pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, buffer, size)
    return bytes(buffer)[:max(size - 2, 0)].decode("utf-16-le", errors="replace").strip()


def _once_each(found: list[Faint]) -> list[Faint]:
    seen, kept = set(), []
    for faint in found:
        if faint.what not in seen:
            seen.add(faint.what)
            kept.append(faint)
    return kept
