"""booklet-print.pdf: saddle-stitch imposition for an office printer.

Two pages on each side of a sheet twice their size, landscape, in duplex order for
"flip on short edge": sheet s (from the outside in) carries pages n-2s | 2s+1 on the
front and 2s+2 | n-2s-1 on the back. Fold the stack in the middle and it reads 1, 2, 3…
"""

from __future__ import annotations

import pikepdf
from pikepdf import Name

from booklet.press.marks import fold_marks
from booklet.press.pdf import MM, box, drop_navigation, open_pdf, page_as_form, save

SHEETS_MM = {"a6": (210, 148), "a5": (297, 210), "a4": (420, 297)}  # landscape


def sheet_order(pages: int) -> list[tuple[int, int]]:
    """(left, right) page numbers, 1-based, of each side in print order; 0 is blank."""
    n = pages + (-pages % 4)
    sides = []
    for s in range(n // 4):
        sides.append((n - 2 * s, 2 * s + 1))
        sides.append((2 * s + 2, n - 2 * s - 1))
    return [tuple(p if p <= pages else 0 for p in side) for side in sides]


def saddle_stitch(rendered: bytes, size: str, creep_mm: float = 0.0, marks: bool = True) -> bytes:
    with open_pdf(rendered) as pdf:
        originals = list(pdf.pages)
        trims = [box(page, "/TrimBox") for page in originals]
        forms = [pdf.make_indirect(page_as_form(pdf, page, trim))
                 for page, trim in zip(originals, trims)]
        sheet_w, sheet_h = (v * MM for v in SHEETS_MM[size])
        folds = fold_marks(pdf, sheet_w, sheet_h) if marks else None
        for index, (left, right) in enumerate(sheet_order(len(originals))):
            sheet = index // 2  # 0 is the outermost
            shift = sheet * creep_mm * MM  # inner sheets move toward the spine
            content, xobjects = [], {}
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
        drop_navigation(pdf)
        return save(pdf)

