"""booklet-press.pdf: single pages with bleed, for a print shop.

TrimBox is the page, BleedBox the page plus the bleed, and the MediaBox leaves room for
crop marks drawn outside the bleed (WeasyPrint's own marks lie inside it).
"""

from __future__ import annotations

import pikepdf

from booklet.press.pdf import MM, box, open_pdf, save

MARK_LENGTH = 5 * MM
MARK_GAP = 1 * MM  # between the bleed and the start of a mark


def with_crop_marks(rendered: bytes, bleed_mm: float, marks: bool = True, cmyk: bool = False) -> bytes:
    """Single pages with their bleed and crop marks; in a CMYK file the marks are in
    registration colour (all four inks), as print shops expect."""
    bleed = bleed_mm * MM
    offset = max(bleed + MARK_GAP, 3 * MM)  # where a mark starts, from the trim
    room = offset + MARK_LENGTH + 2 * MM if marks else bleed
    with open_pdf(rendered) as pdf:
        for page in pdf.pages:
            x0, y0, x1, y1 = box(page, "/TrimBox")
            bleed_box = [x0 - bleed, y0 - bleed, x1 + bleed, y1 + bleed]
            media = [x0 - room, y0 - room, x1 + room, y1 + room]
            page.obj.TrimBox = pikepdf.Array([x0, y0, x1, y1])
            page.obj.BleedBox = pikepdf.Array(bleed_box)
            page.obj.MediaBox = page.obj.CropBox = pikepdf.Array(media)
            bx0, by0, bx1, by1 = bleed_box
            page.contents_add(pdf.make_stream(
                f"q {bx0:.4f} {by0:.4f} {bx1 - bx0:.4f} {by1 - by0:.4f} re W n".encode()),
                prepend=True)
            closing = "Q"
            if marks:
                closing += "\n" + _crop_marks((x0, y0, x1, y1), offset,
                                              "1 1 1 1 K" if cmyk else "0 0 0 RG")
            page.contents_add(pdf.make_stream(closing.encode()))
        return save(pdf)


def _crop_marks(trim, offset: float, colour: str) -> str:
    x0, y0, x1, y1 = trim
    lines = []
    for x, sx in ((x0, -1), (x1, 1)):
        for y, sy in ((y0, -1), (y1, 1)):
            # a horizontal mark on the line of the trim's edge y, outside to the side sx
            lines.append(f"{x + sx * offset:.3f} {y:.3f} m {x + sx * (offset + MARK_LENGTH):.3f} {y:.3f} l")
            lines.append(f"{x:.3f} {y + sy * offset:.3f} m {x:.3f} {y + sy * (offset + MARK_LENGTH):.3f} l")
    return f"q {colour} 0.25 w\n" + "\n".join(lines) + "\nS Q"
