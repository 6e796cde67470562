"""Pictures of a build for the preview page: every booklet page, the posters, and the
exhibition kit's sheets."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

PAGE_WIDTH = 700  # px: sharp on a screen, zoomed in up to about twice


@dataclass(frozen=True)
class Pictures:
    pages: list[str]  # file names in the build folder, in reading order
    posters: list[str]
    kit: list[str] = ()  # a picture of each sheet of the kit's files
    second_half: int = 0  # a tête-bêche booklet: where the second language's half starts


KIT_FILES = ("labels.pdf", "signs.pdf", "bookmarks.pdf", "leaflet.pdf")
KIT_WIDTH = 600  # px


def make(folder: Path, outputs, flip: bool = False) -> Pictures:
    """The pages', posters' and kit sheets' pictures. With `flip` (a tête-bêche booklet), the
    second half is shown as it is read: from its own cover on, upright."""
    names = {o.path.name for o in outputs}
    pages, second = [], 0
    if "booklet.pdf" in names:
        document = pdfium.PdfDocument(folder / "booklet.pdf")
        try:
            order = list(range(len(document)))
            if flip:
                second = len(order) // 2
                order = order[:second] + order[second:][::-1]
            for number, index in enumerate(order, 1):
                page = document[index]
                name = f"page-{number:03d}.png"
                image = page.render(scale=PAGE_WIDTH / page.get_width()).to_pil()
                if flip and number > second:
                    image = image.rotate(180)
                image.save(folder / name, format="PNG", compress_level=1)
                pages.append(name)
        finally:
            document.close()
    posters = sorted(n for n in names if n.startswith("poster-") and n.endswith(".png")
                     and "@2x" not in n)
    return Pictures(pages, posters, [name for pdf in KIT_FILES if pdf in names
                                     for name in _sheets(folder, pdf)], second)


def _sheets(folder: Path, pdf: str) -> list[str]:
    """kit-labels-1.png …: each sheet of a file of the kit."""
    made = []
    document = pdfium.PdfDocument(folder / pdf)
    try:
        for number, page in enumerate(document, 1):
            name = f"kit-{pdf.removesuffix('.pdf')}-{number}.png"
            page.render(scale=KIT_WIDTH / page.get_width()).to_pil().save(
                folder / name, format="PNG", compress_level=1)
            made.append(name)
    finally:
        document.close()
    return made
