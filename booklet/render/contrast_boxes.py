"""Texts and rules of a laid-out WeasyPrint document too faint for a greyscale print.

Positions, colours and the element of every text and rule come from the box tree; what lies
under each is read from the page rendered with pypdfium2 with its text made invisible, so
pictures and shapes under a text count. Colour maths: booklet/render/contrast.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from booklet.render.contrast import LEAST, grey, hex_colour, ratio

RULE_MAX_PT = 72 / 25.4  # a line up to 1 mm thick is a rule; thicker ones are bars, panels
SCALE = 1.0  # pixels per point when the pages are rendered: 72 dpi
PT_PER_PX = 0.75  # CSS pixels to points


@dataclass(frozen=True)
class FaintBox:
    """A text or rule under LEAST (4.5:1) against what lies under it."""
    page: int  # 1-based
    kind: str  # "text" or "rule"
    element: str  # "p.record", "div.rule"
    text: str  # the text, or "" for a rule
    colour: str  # #rrggbb as styled
    ground: str  # #rrggbb under it: the styled background where it is what was measured,
    #              else the grey measured (a picture, a shape drawn from elsewhere)
    ratio: float
    loc: str  # data-loc of the nearest element that has one, or ""


def faint_boxes(document, pdf: bytes, minimum: float = LEAST) -> list[FaintBox]:
    """Every text and rule of the WeasyPrint `document` whose greyscale contrast with what
    lies under it is below `minimum`, measured on `pdf` (the document written, with or
    without bleed) rendered without its text. One finding per page, element and colours."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    found: dict[tuple, FaintBox] = {}
    pages = pdfium.PdfDocument(pdf)
    try:
        for number, (page, laid_out) in enumerate(zip(pages, document.pages), 1):
            marks = [(mark, _areas(mark)) for mark in _marks(laid_out._page_box)]
            left, bottom, right, top = page.get_mediabox()
            tx0, ty0, tx1, ty1 = page.get_trimbox()
            for text in page.get_objects(filter=(raw.FPDF_PAGEOBJ_TEXT,)):
                raw.FPDFTextObj_SetTextRenderMode(text, raw.FPDF_TEXTRENDERMODE_INVISIBLE)
            # decoding pictures is most of the rendering: only those under a mark are drawn
            measured = [area for _, areas in marks for area in areas]
            for image in list(page.get_objects(filter=(raw.FPDF_PAGEOBJ_IMAGE,), max_depth=1)):
                x0, y0, x1, y1 = image.get_bounds()
                shown = ((x0 - tx0) * SCALE, (ty1 - y1) * SCALE, (x1 - tx0) * SCALE, (ty1 - y0) * SCALE)
                if not any(_overlap(shown, area) for area in measured):
                    page.remove_obj(image)
            picture = page.render(scale=SCALE, crop=(tx0 - left, ty0 - bottom,
                                                     right - tx1, top - ty1)).to_pil().convert("L")
            for mark, areas in marks:
                faint = _measure(mark, areas, picture, number, minimum)
                if faint:
                    found.setdefault((number, faint.kind, faint.element, faint.colour,
                                      faint.ground), faint)
    finally:
        pages.close()
    return list(found.values())


@dataclass(frozen=True)
class _Mark:
    kind: str
    element: str
    text: str
    colour: tuple  # r, g, b, a: 0–1
    rect: tuple  # x, y, width, height in CSS px, from the trim's top left
    loc: str
    under: tuple  # r, g, b 0–1: the background colour the box tree puts under it
    outside: str = ""  # a picture's frame: only this side of it (top…) is its ground


def _marks(page_box):
    """Texts and rules of a laid-out page, with where they are."""
    from weasyprint.formatting_structure import boxes

    def walk(box, loc, under):
        element = getattr(box, "element", None)
        if element is not None and element.get("data-loc"):
            loc = element.get("data-loc")
        if box.style["background_color"] != "currentcolor" and box.style["background_color"].alpha == 1:
            under = _colour(box, "background_color")[:3]
        if box.style["visibility"] == "visible":
            if isinstance(box, boxes.TextBox):
                if box.text.strip() and box.width > 0:
                    yield _Mark("text", _name(box), box.text.strip(), _colour(box, "color"),
                                (box.position_x, box.position_y, box.width, box.height), loc,
                                under)
            else:
                yield from _rules(box, loc, under)
        for child in getattr(box, "children", ()) or ():
            yield from walk(child, loc, under)

    yield from walk(page_box, "", (1.0, 1.0, 1.0))


def _rules(box, loc, under):
    from weasyprint.formatting_structure import boxes

    if not hasattr(box, "border_top_width"):
        return
    framed = isinstance(box, boxes.ReplacedBox)  # a picture's keyline: seen against the paper
    x, y = box.position_x + box.margin_left, box.position_y + box.margin_top
    width, height = box.border_width(), box.border_height()
    thickest = RULE_MAX_PT / PT_PER_PX
    sides = {"top": (x, y, width, box.border_top_width),
             "bottom": (x, y + height - box.border_bottom_width, width, box.border_bottom_width),
             "left": (x, y, box.border_left_width, height),
             "right": (x + width - box.border_right_width, y, box.border_right_width, height)}
    for side, rect in sides.items():
        thickness = getattr(box, f"border_{side}_width")
        if not (0 < thickness <= thickest and min(rect[2], rect[3]) > 0
                and box.style[f"border_{side}_style"] not in ("none", "hidden")):
            continue
        colour = _colour(box, f"border_{side}_color")
        if _alpha(colour) > 0:
            yield _Mark("rule", _name(box), "", colour, rect, loc, under,
                        side if framed else "")
    if (0 < min(width, height) <= thickest and max(width, height) > thickest
            and box.style["background_image"][0][0] == "none"):
        background = _colour(box, "background_color")
        if _alpha(background) > 0:
            yield _Mark("rule", _name(box), "", background, (x, y, width, height), loc, under)


def _colour(box, name: str) -> tuple:
    """A colour of the box's style as (r, g, b, alpha), each 0–1."""
    value = box.style[name]
    if value == "currentcolor":
        value = box.style["color"]
    r, g, b = value.to("srgb").coordinates
    return r, g, b, value.alpha


def _alpha(colour) -> float:
    return colour[3]


def _name(box) -> str:
    """The element a box draws, as a selector: `p.record`, `li::before`."""
    element = getattr(box, "element", None)
    if element is None:
        return "page"
    tag = box.element_tag if "::" in (box.element_tag or "") else element.tag
    classes = (element.get("class") or "").split()
    if "::" in tag:
        head, pseudo = tag.split("::", 1)
        return head + "".join(f".{c}" for c in classes) + "::" + pseudo
    return tag + "".join(f".{c}" for c in classes)


def _measure(mark: _Mark, areas, picture, number: int, minimum: float) -> FaintBox | None:
    colour = tuple(round(255 * v) for v in mark.colour[:3])
    ink = grey(colour)
    ground = _ground(areas, picture, ink, minimum)
    if ground is None:
        return None
    level = ink * _alpha(mark.colour) + ground * (1 - _alpha(mark.colour))
    contrast = ratio(level, ground)
    if contrast >= minimum:
        return None
    under = tuple(round(255 * v) for v in mark.under)
    shown = under if abs(grey(under) - ground) <= 3 else (ground,) * 3
    return FaintBox(number, mark.kind, mark.element, mark.text, hex_colour(colour),
                    hex_colour(shown), round(contrast, 1), mark.loc)


def _areas(mark: _Mark) -> list[tuple]:
    """Where the ground of a mark is, in pixels of the page's picture: a text's own box
    (the text is left out of the picture), strips along both sides of a rule, or only the
    outer one of a picture's keyline."""
    x, y, width, height = (v * PT_PER_PX * SCALE for v in mark.rect)
    if mark.kind == "text":
        return [(x, y, x + width, y + height)]
    gap, strip = 1.5, 2  # px beside the rule, px wide
    sides = {"top": (x, y - gap - strip, x + width, y - gap),
             "bottom": (x, y + height + gap, x + width, y + height + gap + strip),
             "left": (x - gap - strip, y, x - gap, y + height),
             "right": (x + width + gap, y, x + width + gap + strip, y + height)}
    along = ("top", "bottom") if width >= height else ("left", "right")
    return [sides[mark.outside]] if mark.outside else [sides[side] for side in along]


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _ground(areas, picture, ink: float, minimum: float) -> float | None:
    """The grey of the ground in `areas` least favourable to a mark of grey `ink`: of the
    area nearest in grey to the mark, its most unfavourable tenth, so a picture's light
    spots count but no stray pixel does."""
    grounds = []
    for area in areas:
        box = _pixels(area, picture.size)
        if box is None:
            continue
        crop = picture.crop(box)
        darkest, lightest = crop.getextrema()
        if not darkest <= ink <= lightest:  # all of the ground on one side of the mark:
            nearest = darkest if ink < darkest else lightest  # if its nearest pixel will do,
            if ratio(ink, nearest) >= minimum:  # no need to count them
                grounds.append(nearest)
                continue
        histogram = crop.histogram()
        grounds.append(_percentile(histogram, 0.9 if ink > _percentile(histogram, 0.5) else 0.1))
    return min(grounds, key=lambda g: abs(g - ink)) if grounds else None


def _pixels(area, size):
    x0, y0, x1, y1 = (round(v) for v in area)
    x0, y0 = max(x0, 0), max(y0, 0)
    x1, y1 = min(x1, size[0]), min(y1, size[1])
    if x1 <= x0 or y1 <= y0:
        return None
    return x0, y0, x1, y1


def _percentile(histogram: list[int], share: float) -> int:
    total, seen = sum(histogram), 0
    for level, count in enumerate(histogram):
        seen += count
        if seen >= share * total:
            return level
    return 255
