"""booklet-press.pdf: single pages with bleed, for a print shop.

TrimBox is the page, BleedBox the page plus the bleed, and the MediaBox leaves room for
crop marks drawn outside the bleed (WeasyPrint's own marks lie inside it).
"""

from __future__ import annotations

import pikepdf

from booklet.press.marks import CROP_GAP, CROP_LENGTH, crop_marks
from booklet.press.pdf import MM, box, open_pdf, save


def with_crop_marks(rendered: bytes, bleed_mm: float, marks: bool = True, cmyk: bool = False) -> bytes:
    """Single pages with their bleed and crop marks; in a CMYK file the marks are in
    registration colour (all four inks), as print shops expect."""
    bleed = bleed_mm * MM
    offset = max(bleed + CROP_GAP, 3 * MM)  # where a mark starts, from the trim
    room = offset + CROP_LENGTH + 2 * MM if marks else bleed
    forms = {}  # one form of marks per page size
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
                key = tuple(round(v, 2) for v in media + [x0, y0, x1, y1])
                if key not in forms:
                    forms[key] = (f"/Marks{len(forms)}",
                                  crop_marks(pdf, media, (x0, y0, x1, y1), offset, cmyk))
                name, form = forms[key]
                resources = page.obj.Resources
                if "/XObject" not in resources:
                    resources.XObject = pikepdf.Dictionary()
                resources.XObject[name] = form  # pages share their resources: added once
                closing += f"\nq 1 0 0 1 {media[0]:.4f} {media[1]:.4f} cm {name} Do Q"
            page.contents_add(pdf.make_stream(closing.encode()))
        return save(pdf)
