"""The kit's pieces imposed on A4 sheets (labels, bookmarks) and the leaflet's folds.

As many pieces as fit an A4, portrait or landscape, whichever holds more, with GUTTER_MM
between them and a margin around them for the marks: crop marks at every cut line, outside
the pieces; the slug line names the file, the date and the sheet. Two-sided pieces (the
bookmark) come in duplex order: each front sheet is followed by its back, the pieces there
mirrored left to right, so that printed "flipped on the side edge" (the long edge of a
portrait sheet, the short edge of a landscape one) fronts and backs line up.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

import pikepdf
from pikepdf import Name

from booklet.press.marks import panel_folds, sheet_marks
from booklet.press.pdf import MM, box, drop_navigation, open_pdf, page_as_form, save

SHEET_MM = (210, 297)  # A4, portrait
GUTTER_MM = 5  # between pieces (spec §9)
MARGIN_MM = 10  # around the pieces: crop marks, registration, the slug; office printers'
# white frame (4–5 mm) stays clear of the marks


@dataclass(frozen=True)
class Grid:
    width: float  # the sheet, mm
    height: float
    columns: int
    rows: int
    piece: tuple[float, float]  # mm

    @property
    def count(self) -> int:
        return self.columns * self.rows

    def origin(self) -> tuple[float, float]:
        """The lower left corner of the pieces, mm: the grid is centred on the sheet."""
        w, h = self.piece
        return ((self.width - self.columns * w - (self.columns - 1) * GUTTER_MM) / 2,
                (self.height - self.rows * h - (self.rows - 1) * GUTTER_MM) / 2)

    def slot(self, index: int, mirrored: bool = False) -> tuple[float, float]:
        """The lower left corner of piece `index` (left to right, top to bottom), mm; on a
        back, mirrored left to right."""
        column, row = index % self.columns, index // self.columns
        if mirrored:
            column = self.columns - 1 - column
        x0, y0 = self.origin()
        w, h = self.piece
        return (x0 + column * (w + GUTTER_MM),
                y0 + (self.rows - 1 - row) * (h + GUTTER_MM))


def grid(piece_mm: tuple[float, float]) -> Grid | None:
    """The A4, portrait or landscape, that holds the most pieces; None if none fits."""
    w, h = piece_mm
    best = None
    for width, height in (SHEET_MM, SHEET_MM[::-1]):
        columns = int((width - 2 * MARGIN_MM + GUTTER_MM) // (w + GUTTER_MM))
        rows = int((height - 2 * MARGIN_MM + GUTTER_MM) // (h + GUTTER_MM))
        if columns and rows and (best is None or columns * rows > best.count):
            best = Grid(width, height, columns, rows, (w, h))
    return best


def slug_date() -> str:
    """The build's date: SOURCE_DATE_EPOCH's when set, so that a build can be repeated."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    day = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch \
        else dt.datetime.now(dt.timezone.utc)
    return day.strftime("%Y-%m-%d")


def impose(rendered: bytes, name: str, fronts: list[int], backs: list[int] | None = None,
           copies: bool = False, folds_mm: tuple[float, ...] = (), bleed_mm: float = 0,
           words: dict[str, str] | None = None) -> tuple[bytes, int]:
    """The pages `fronts` (0-based, each a piece of one size) of `rendered` on A4 sheets,
    and the number of sheet sides. With `backs` (as many), each front sheet is followed by its
    back. With `copies`, the sheet is filled with copies of the one front (and back).
    `folds_mm`: fold lines across each piece, from its top (a tent card's middle). The pages
    are `bleed_mm` larger all round than the pieces: that runs into the gutters. `words`:
    the slug's "sheet", "front" and "back" in the exhibition's language."""
    with open_pdf(rendered) as pdf:
        originals = list(pdf.pages)
        x0, y0, x1, y1 = box(originals[fronts[0]], "/MediaBox")
        layout = grid((round((x1 - x0) / MM - 2 * bleed_mm, 3),  # not a hair over the size
                       round((y1 - y0) / MM - 2 * bleed_mm, 3)))
        forms = {}

        def form(number: int):
            if number not in forms:
                forms[number] = pdf.make_indirect(page_as_form(
                    pdf, originals[number], box(originals[number], "/MediaBox")))
            return forms[number]

        order = fronts * layout.count if copies else fronts
        groups = [order[i:i + layout.count] for i in range(0, len(order), layout.count)]
        if copies:
            groups = groups[:1]
        sides = len(groups) * (2 if backs else 1)
        w, h = layout.piece
        ox, oy = layout.origin()
        cuts_x = sorted({ox + c * (w + GUTTER_MM) + d for c in range(layout.columns)
                         for d in (0, w)})
        cuts_y = sorted({oy + r * (h + GUTTER_MM) + d for r in range(layout.rows)
                         for d in (0, h)})
        folds_y = [oy + r * (h + GUTTER_MM) + h - fold for r in range(layout.rows)
                   for fold in folds_mm]
        back_of = dict(zip(fronts, backs or []))
        side = 0
        for sheet, group in enumerate(groups, 1):
            for back in ((False, True) if backs else (False,)):
                side += 1
                used = len(group)
                grid_box = [v * MM for v in (ox, oy, ox + layout.columns * w
                                             + (layout.columns - 1) * GUTTER_MM,
                                             oy + layout.rows * h + (layout.rows - 1) * GUTTER_MM)]
                slug = f"{name} | {slug_date()} | " + slug_sheet(
                    words or SLUG_WORDS, sheet, len(groups), (back,) if backs else ())
                marks = sheet_marks(pdf, layout.width * MM, layout.height * MM,
                                    [x * MM for x in cuts_x], [y * MM for y in cuts_y],
                                    grid_box, [y * MM for y in folds_y], slug, bleed_mm * MM)
                xobjects, content = {"/Marks": marks}, []
                for index, number in enumerate(group[:used]):
                    page = back_of[number] if back else number
                    x, y = layout.slot(index, mirrored=back)
                    px0, py0 = box(originals[page], "/MediaBox")[:2]
                    key = f"/P{index}"
                    xobjects[key] = form(page)
                    x, y = x - bleed_mm, y - bleed_mm  # the page's corner, beyond the cut
                    content.append(f"q 1 0 0 1 {x * MM - px0:.4f} {y * MM - py0:.4f} cm "
                                   f"{key} Do Q")
                content.append("/Marks Do")
                pdf.pages.append(pikepdf.Page(pikepdf.Dictionary(
                    Type=Name.Page, MediaBox=[0, 0, layout.width * MM, layout.height * MM],
                    Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(xobjects)),
                    Contents=pdf.make_stream("\n".join(content).encode()))))
        for _ in originals:
            del pdf.pages[0]
        if backs:
            duplex(pdf, layout.width > layout.height)
        drop_navigation(pdf)
        return save(pdf), sides


SLUG_WORDS = {"sheet": "sheet", "front": "front", "back": "back"}


def slug_sheet(words: dict[str, str], sheet: int, sheets: int, side: tuple[bool, ...]) -> str:
    """«лист 1/2, лицо»: the sheet, and which side of it when the pieces have backs."""
    return f'{words["sheet"]} {sheet}/{sheets}' + "".join(
        f', {words["back" if back else "front"]}' for back in side)


def duplex(pdf: pikepdf.Pdf, landscape: bool) -> None:
    """Ask the printer to turn the sheet on its side edge, as the backs are laid out."""
    pdf.Root.ViewerPreferences = pikepdf.Dictionary(
        Duplex=Name.DuplexFlipShortEdge if landscape else Name.DuplexFlipLongEdge)


def folded(rendered: bytes, folds_mm: list[tuple[float, ...]]) -> bytes:
    """Pages that are not cut (the leaflet's two sides) with fold marks at `folds_mm[i]`
    from the left of page i, in duplex order."""
    with open_pdf(rendered) as pdf:
        for number, (page, xs) in enumerate(zip(pdf.pages, folds_mm)):
            x0, y0, x1, y1 = box(page, "/MediaBox")
            marks = panel_folds(pdf, x1 - x0, y1 - y0, [x * MM for x in xs])
            # a name of each side's own: WeasyPrint's pages share one resource dictionary, so
            # under one name the inside's folds would stand on the outside too
            name = page.add_resource(marks, Name.XObject, Name(f"/KitFolds{number}"))
            page.contents_add(pdf.make_stream(b"q"), prepend=True)  # the page's own state
            page.contents_add(pdf.make_stream(f"Q q {name} Do Q".encode()))  # ends first
        duplex(pdf, True)
        drop_navigation(pdf)
        return save(pdf)
