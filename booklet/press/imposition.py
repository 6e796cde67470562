"""booklet-print.pdf: saddle-stitch imposition for an office printer.

Two pages on each side of a sheet twice their size, landscape, in duplex order for
"flip on short edge": sheet s (from the outside in) carries pages n-2s | 2s+1 on the
front and 2s+2 | n-2s-1 on the back. Fold the stack in the middle and it reads 1, 2, 3…

Office printers leave the outer 4–5 mm of a sheet white and band large dark areas that run
off it, so every sheet keeps a white frame: the placed pages are clipped FRAME_MM inside
the sheet's outer edges (not at the spine, where two pages meet), and the pages are printed
on white paper: the layout's paper tint is left out. Covers then read as framed panels.
"""

from __future__ import annotations

import pikepdf
from pikepdf import Name

from booklet.press.marks import fold_marks
from booklet.press.sheets import duplex
from booklet.press.pdf import (MM, box, drop_navigation, open_pdf, page_as_form, save,
                               without_page_background)

SHEETS_MM = {"a6": (210, 148), "a5": (297, 210), "a4": (420, 297)}  # landscape
FRAME_MM = 5.0  # the white frame around every sheet


def sheet_order(pages: int) -> list[tuple[int, int]]:
    """(left, right) page numbers, 1-based, of each side in print order; 0 is blank."""
    n = pages + (-pages % 4)
    sides = []
    for s in range(n // 4):
        sides.append((n - 2 * s, 2 * s + 1))
        sides.append((2 * s + 2, n - 2 * s - 1))
    return [tuple(p if p <= pages else 0 for p in side) for side in sides]


def saddle_stitch(rendered: bytes, size: str, creep_mm: float = 0.0, marks: bool = True,
                  paper: str | None = None) -> bytes:
    """The imposed sheets of `rendered` (WeasyPrint's PDF, with or without bleed); a page
    background of the colour `paper` (#rrggbb, the layout's paper tint) is left out."""
    with open_pdf(rendered) as pdf:
        originals = list(pdf.pages)
        trims = [box(page, "/TrimBox") for page in originals]
        forms = [pdf.make_indirect(page_as_form(pdf, page, trim))
                 for page, trim in zip(originals, trims)]
        if paper:
            for form in forms:
                form.write(without_page_background(form.read_bytes(), paper))
        sheet_w, sheet_h = (v * MM for v in SHEETS_MM[size])
        frame = FRAME_MM * MM
        folds = fold_marks(pdf, sheet_w, sheet_h) if marks else None
        for index, (left, right) in enumerate(sheet_order(len(originals))):
            sheet = index // 2  # 0 is the outermost
            shift = sheet * creep_mm * MM  # inner sheets move toward the spine
            # one clip for both pages: the outer edges get their frame, the spine none
            content = [f"q {frame:.4f} {frame:.4f} {sheet_w - 2 * frame:.4f} "
                       f"{sheet_h - 2 * frame:.4f} re W n"]
            xobjects = {}
            for half, number in ((0, left), (1, right)):
                if not number:
                    continue
                x0, y0, x1, y1 = trims[number - 1]
                width, height = x1 - x0, y1 - y0
                x = sheet_w / 2 - width + shift if half == 0 else sheet_w / 2 - shift
                y = (sheet_h - height) / 2
                name = f"/P{number}"
                xobjects[name] = forms[number - 1]
                content.append(f"q 1 0 0 1 {x - x0:.4f} {y - y0:.4f} cm {name} Do Q")
            content.append("Q")
            if folds is not None:
                xobjects["/Marks"] = folds
                content.append("/Marks Do")
            page = pikepdf.Dictionary(
                Type=Name.Page, MediaBox=[0, 0, sheet_w, sheet_h],
                Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(xobjects)),
                Contents=pdf.make_stream("\n".join(content).encode()))
            pdf.pages.append(pikepdf.Page(page))
        for _ in originals:
            del pdf.pages[0]
        duplex(pdf, True)  # the sheets are landscape: flip on the short edge
        drop_navigation(pdf)
        return save(pdf)
