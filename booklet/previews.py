"""Pictures of every layout, for choosing one: the starter exhibition built in each, its
cover and first spread beside its poster, one PNG per layout."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from pathlib import Path
from typing import Callable

import pypdfium2 as pdfium
from PIL import Image

from booklet.build import build
from booklet.messages import _
from booklet.new import new
from booklet.render.layouts import available

HEIGHT = 520  # px, of each page in the picture


def previews(out: Path, language: str = "ru",
             progress: Callable[[str], None] = lambda message: None) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in sorted(available()):
        progress(_("drawing {name}").format(name=name))
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "preview"
            new(folder, language, name, today=dt.date(2026, 5, 25))
            result = build(folder, Path(tmp) / "out", only=("booklet", "poster"))
            files = {o.path.name: o.path for o in result.outputs}
            booklet = pdfium.PdfDocument(files["booklet.pdf"])
            pages = [_page(booklet[i]) for i in (0, 1, 2)]  # cover, and the first spread
            poster = _page(pdfium.PdfDocument(files["poster-a3.pdf"])[0])
        path = out / f"{name}.png"
        path.write_bytes(_sheet(pages, poster))
        written.append(path)
    return written


def _page(page) -> Image.Image:
    return page.render(scale=HEIGHT / page.get_height()).to_pil().convert("RGB")


def _sheet(pages: list[Image.Image], poster: Image.Image) -> bytes:
    gap = 24
    width = sum(p.width for p in pages) + poster.width + 4 * gap
    sheet = Image.new("RGB", (width, HEIGHT + 2 * gap), "#d9d6d0")
    x = gap
    for i, page in enumerate(pages):
        sheet.paste(page, (x, gap))
        x += page.width + (gap if i in (0, 2) else 0)  # the spread's two pages touch
    sheet.paste(poster, (x + gap, gap))
    buffer = io.BytesIO()
    sheet.save(buffer, format="PNG", compress_level=9)
    return buffer.getvalue()
