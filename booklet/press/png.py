"""Pictures of a PDF page for screens: the poster for social media and for the website."""

from __future__ import annotations

import io

import pypdfium2 as pdfium

WIDTHS = {"": 1080, "@2x": 2160}  # file suffix → width in pixels


def page_png(pdf: bytes, width_px: int, page: int = 0) -> bytes:
    document = pdfium.PdfDocument(pdf)
    try:
        target = document[page]
        scale = width_px / target.get_width()
        image = target.render(scale=scale).to_pil().convert("RGB")
    finally:
        document.close()
    if image.width != width_px:  # rounding of the scale: exactly the width asked for
        image = image.resize((width_px, round(image.height * width_px / image.width)))
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=6)  # optimize=True: 3× slower for 2 % smaller
    return out.getvalue()
