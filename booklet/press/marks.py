"""Printer's marks drawn with ReportLab: crop marks around a trimmed page, fold marks on an
imposed sheet. Each set is drawn once as a one-page PDF, turned into a form and placed on
every page that needs it, so a 100-page file carries the marks once."""

from __future__ import annotations

import io

import pikepdf
from reportlab.pdfgen import canvas

from booklet.press.pdf import MM

CROP_LENGTH = 5 * MM
CROP_GAP = 1 * MM  # between the bleed and the start of a crop mark
FOLD_MARK = (5 * MM, 9 * MM)  # from the sheet's edge: just inside the white frame that
# office printers leave and booklet-print.pdf keeps (imposition.FRAME_MM), so they print


def _drawn(media, draw) -> pikepdf.Pdf:
    """A one-page PDF of the size of `media` (x0, y0, x1, y1) with `draw(canvas)` in the
    media's own coordinates. The canvas starts in our PT Sans: ReportLab's own start, its
    Helvetica, is named in every page's resources, text or none, and never embedded, which
    a print shop's preflight refuses."""
    x0, y0, x1, y1 = media
    out = io.BytesIO()
    sheet = canvas.Canvas(out, pagesize=(x1 - x0, y1 - y0), invariant=1, pageCompression=1,
                          initialFontName=_slug_font())
    sheet.translate(-x0, -y0)
    draw(sheet)
    sheet.showPage()
    sheet.save()
    return pikepdf.open(io.BytesIO(out.getvalue()))


def crop_marks(pdf: pikepdf.Pdf, media, trim, offset: float, registration: bool) -> pikepdf.Object:
    """A form of crop marks for pages of this media and trim box, starting `offset` outside
    the trim; in registration colour (all four inks) for a CMYK file, else black."""
    tx0, ty0, tx1, ty1 = trim

    def draw(c: canvas.Canvas) -> None:
        if registration:
            c.setStrokeColorCMYK(1, 1, 1, 1)
        else:
            c.setStrokeColorRGB(0, 0, 0)
        c.setLineWidth(0.25)
        for x, sx in ((tx0, -1), (tx1, 1)):
            for y, sy in ((ty0, -1), (ty1, 1)):
                c.line(x + sx * offset, y, x + sx * (offset + CROP_LENGTH), y)
                c.line(x, y + sy * offset, x, y + sy * (offset + CROP_LENGTH))

    return _as_form(pdf, _drawn(media, draw))


def fold_marks(pdf: pikepdf.Pdf, width: float, height: float) -> pikepdf.Object:
    """A form of the fold marks at the middle of a landscape sheet, top and bottom."""
    near, far = FOLD_MARK

    def draw(c: canvas.Canvas) -> None:
        c.setStrokeGray(0.6)
        c.setLineWidth(0.3)
        c.line(width / 2, near, width / 2, far)
        c.line(width / 2, height - near, width / 2, height - far)

    return _as_form(pdf, _drawn((0, 0, width, height), draw))


def _as_form(pdf: pikepdf.Pdf, drawn: pikepdf.Pdf) -> pikepdf.Object:
    with drawn:
        return pdf.copy_foreign(drawn.pages[0].as_form_xobject())


REGISTRATION_RADIUS = 2 * MM
SLUG_PT = 5.5


def sheet_marks(pdf: pikepdf.Pdf, width: float, height: float, cuts_x: list[float],
                cuts_y: list[float], grid, folds_y: list[float] = (),
                slug: str = "", bleed: float = 0) -> pikepdf.Object:
    """A form of the marks of a sheet of cut pieces (the kit), all outside the pieces: crop
    marks at every cut line beyond the `grid` (x0, y0, x1, y1) of pieces, fold marks (dashed,
    grey) at `folds_y`, registration targets in the side margins and the slug line (file,
    date, sheet) under the grid; the marks start beyond the pieces' `bleed`. In the sheet's
    coordinates, points."""
    x0, y0, x1, y1 = grid

    def draw(c: canvas.Canvas) -> None:
        c.setStrokeColorRGB(0, 0, 0)
        c.setLineWidth(0.25)
        near = CROP_GAP + bleed
        far = near + min(CROP_LENGTH, max(y0, width - x1) - 2 * CROP_GAP - bleed)
        for x in cuts_x:
            c.line(x, y1 + near, x, y1 + far)
            c.line(x, y0 - near, x, y0 - far)
        for y in cuts_y:
            c.line(x0 - near, y, x0 - far, y)
            c.line(x1 + near, y, x1 + far, y)
        if folds_y:
            c.setStrokeGray(0.45)
            c.setDash(1 * MM, 0.7 * MM)
            for y in folds_y:
                c.line(x0 - near, y, x0 - far, y)
                c.line(x1 + near, y, x1 + far, y)
            c.setDash()
        registration_target(c, x0 / 2, height / 2, min(REGISTRATION_RADIUS, x0 / 4))
        registration_target(c, (x1 + width) / 2, height / 2, min(REGISTRATION_RADIUS, x0 / 4))
        if slug:
            c.setFillColorRGB(0, 0, 0)
            c.setFont(_slug_font(), SLUG_PT)
            c.drawString(x0, max(y0 - far - 2.5 * MM, 2 * MM), slug)

    return _as_form(pdf, _drawn((0, 0, width, height), draw))


def _slug_font() -> str:
    """The bundled PT Sans, embedded: no PDF reader's own font stands in for it."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from booklet.bundled import FONTS_DIR

    if "PTSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("PTSans", str(FONTS_DIR / "PTSans-Regular.ttf")))
    return "PTSans"


def registration_target(c: canvas.Canvas, x: float, y: float, radius: float) -> None:
    """A printer's registration mark: a circle and a cross through it."""
    c.setLineWidth(0.25)
    c.circle(x, y, radius * 0.6)
    c.line(x - radius, y, x + radius, y)
    c.line(x, y - radius, x, y + radius)


def panel_folds(pdf: pikepdf.Pdf, width: float, height: float, xs: list[float]) -> pikepdf.Object:
    """A form of fold marks at `xs` on a sheet that is not cut (the leaflet), top and bottom
    where office printers still print, as fold_marks() draws the booklet's."""
    near, far = FOLD_MARK

    def draw(c: canvas.Canvas) -> None:
        c.setStrokeGray(0.6)
        c.setLineWidth(0.3)
        for x in xs:
            c.line(x, near, x, far)
            c.line(x, height - near, x, height - far)

    return _as_form(pdf, _drawn((0, 0, width, height), draw))
