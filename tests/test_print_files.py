"""booklet-print.pdf (saddle stitch) and booklet-press.pdf (bleed and crop marks), proven on
pictures of the real files."""

import re

import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import ImageChops, ImageStat
from weasyprint import HTML

from booklet.build import build
from booklet.press.imposition import SHEETS_MM, saddle_stitch, sheet_order
from booklet.press.pdf import MM, cropped_to_trim
from booklet.press.printshop import with_crop_marks
from tests.conftest import SAMPLE

PAGE_MM = {"a6": (105, 148), "a5": (148, 210), "a4": (210, 297)}
FRAME = 5  # mm: what office printers leave white at the edges of a sheet


def numbered_pages(count: int, size: str, bleed_mm: float = 3, paper: str = "#fff") -> bytes:
    """A rendered booklet of `count` pages, each unmistakable in a picture: a big number
    and a dark bar whose height on the page depends on the number; pages on `paper`."""
    width, height = PAGE_MM[size]
    pages = "".join(
        f'<section style="break-before: page; height: {height - 1}mm; position: relative">'
        f'<div style="position: absolute; left: {(n * 13) % 55}%; width: 40%; height: 8mm;'
        f' background: #111; top: {5 + (n * 37) % 85}%"></div><p style="font-size: 60pt; margin: 0">{n}</p></section>'
        for n in range(1, count + 1))
    css = f"@page {{ size: {width}mm {height}mm; margin: 0; bleed: {bleed_mm}mm; background: {paper} }}"
    return HTML(string=f"<style>{css}</style>{pages}").write_pdf()


def folded_reading_order(sheets: int) -> list[tuple[int, int]]:
    """(side, half) that a reader meets, in order, in a stack of printed sheets folded in the
    middle: sides 2s and 2s+1 are the front and back of sheet s (0 outermost), half 0 is left.
    Worked out by leafing through the fold, not from the imposition's formula."""
    order = []
    for s in range(sheets):  # first half of the booklet: outer sheets to inner
        order += [(2 * s, 1), (2 * s + 1, 0)]
    for s in reversed(range(sheets)):  # second half: inner sheets back out
        order += [(2 * s + 1, 1), (2 * s, 0)]
    return order


def pictures(data: bytes, scale: float = 0.25):
    document = pdfium.PdfDocument(data)
    return [page.render(scale=scale).to_pil().convert("L") for page in document]


def difference(a, b) -> float:
    return ImageStat.Stat(ImageChops.difference(a, b.resize(a.size))).mean[0]


@pytest.mark.parametrize("size", ["a5", "a4", "a6"])
@pytest.mark.parametrize("count", [8, 12, 16, 40])
def test_each_half_sheet_shows_the_right_page(size, count):
    rendered = numbered_pages(count, size)
    pages = pictures(cropped_to_trim(rendered), 0.5)
    imposed = saddle_stitch(rendered, size)
    sheets = pictures(imposed, 0.5)
    assert len(sheets) == count // 2
    sheet_w, sheet_h = (v * MM * 0.5 for v in SHEETS_MM[size])
    page_w, page_h = pages[0].size
    top = round((sheet_h - page_h) / 2)
    for number, (side, half_index) in enumerate(folded_reading_order(count // 4), 1):
        x = sheet_w / 2 - page_w if half_index == 0 else sheet_w / 2
        half = sheets[side].crop((round(x), top, round(x) + page_w, top + page_h))
        scores = [difference(half, page) for page in pages]
        assert scores.index(min(scores)) + 1 == number
        best, second = sorted(scores)[:2]
        assert best < second / 3  # not a near miss: clearly that page


@pytest.mark.parametrize("size", ["a5", "a4", "a6"])
def test_sheets_are_landscape_and_twice_the_page(size):
    with pikepdf.open(__import__("io").BytesIO(saddle_stitch(numbered_pages(8, size), size))) as pdf:
        for page in pdf.pages:
            w, h = (float(v) for v in page.MediaBox[2:])
            assert (w, h) == pytest.approx([v * MM for v in SHEETS_MM[size]], abs=0.5)
            assert w > h
        assert "/Outlines" not in pdf.Root


def test_duplex_order_reads_one_two_three_when_folded():
    assert sheet_order(8) == [(8, 1), (2, 7), (6, 3), (4, 5)]
    assert sheet_order(10) == [(0, 1), (2, 0), (10, 3), (4, 9), (8, 5), (6, 7)]


def test_pages_not_a_multiple_of_four_get_blank_halves():
    rendered = numbered_pages(10, "a5")
    sheets = pictures(saddle_stitch(rendered, "a5"))
    assert len(sheets) == 6
    left_half = sheets[0].crop((0, 0, sheets[0].size[0] // 2 - 2, sheets[0].size[1]))
    assert ImageStat.Stat(left_half).extrema[0][0] > 240  # blank: nothing dark printed


def test_creep_moves_inner_sheets_toward_the_spine():
    rendered = numbered_pages(16, "a5")
    plain, crept = (pikepdf.open(__import__("io").BytesIO(saddle_stitch(rendered, "a5", creep_mm=c)))
                    for c in (0, 0.5))

    def offsets(pdf):
        found = []
        for page in pdf.pages:
            text = page.Contents.read_bytes().decode()
            found.append([float(x) for x in re.findall(r"1 0 0 1 (-?[\d.]+) -?[\d.]+ cm", text)])
        return found

    for side, (a, b) in enumerate(zip(offsets(plain), offsets(crept))):
        sheet = side // 2
        assert b[0] - a[0] == pytest.approx(sheet * 0.5 * MM, abs=0.01)  # left page → right
        assert b[1] - a[1] == pytest.approx(-sheet * 0.5 * MM, abs=0.01)  # right page → left


def test_fold_marks_only_when_asked():
    rendered = numbered_pages(8, "a5")
    for marks in (True, False):
        with pikepdf.open(__import__("io").BytesIO(saddle_stitch(rendered, "a5", marks=marks))) as pdf:
            for sheet in pdf.pages:
                drawn = b"/Marks Do" in sheet.Contents.read_bytes()
                assert drawn is marks
                if marks:  # drawn by ReportLab: two grey strokes at the sheet's middle
                    form = sheet.Resources.XObject["/Marks"].read_bytes()
                    assert b".6 G" in form and form.count(b" l") == 2


def frame_and_inside(sheet, scale: float) -> tuple[int, int]:
    """Of a sheet's picture: the darkest grey in its outer 5 mm (less a pixel of
    anti-aliasing at the inner edge), and the most common grey of a band just inside, 5.5 to
    7 mm from the edge."""
    width, height = sheet.size
    outer, near, far = (round(mm * MM * scale) for mm in (FRAME, FRAME + 0.5, FRAME + 2))
    ring = [(0, 0, width, outer - 1), (0, height - outer + 1, width, height),
            (0, 0, outer - 1, height), (width - outer + 1, 0, width, height)]
    band = [(near, near, width - near, far), (near, height - far, width - near, height - near),
            (near, near, far, height - near), (width - far, near, width - near, height - near)]
    darkest = min(sheet.crop(box).getextrema()[0] for box in ring)
    counts = [sum(column) for column in zip(*(sheet.crop(box).histogram() for box in band))]
    return darkest, counts.index(max(counts))


@pytest.mark.parametrize("size", ["a5", "a6", "a4"])
def test_office_sheets_keep_a_white_frame_around_a_full_bleed_flood(size):
    """Office printers leave 4–5 mm white and band floods that run off the sheet: a page
    flooded dark to its bleed prints as a panel framed in white on every sheet."""
    imposed = saddle_stitch(numbered_pages(8, size, paper="#1f1f1f"), size, marks=False)
    for sheet in pictures(imposed, 1):
        darkest, inside = frame_and_inside(sheet, 1)
        assert darkest == 255  # nothing printed in the outer 5 mm
        assert inside < 60  # the flood comes right up to the frame


def test_office_sheets_are_on_white_paper_and_other_grounds_stay():
    tinted = numbered_pages(8, "a5", paper="#f7f4ee")
    for paper, expected in (("#f7f4ee", 255), (None, 244), ("#ffffff", 244)):
        sheets = pictures(saddle_stitch(tinted, "a5", marks=False, paper=paper), 1)
        for sheet in sheets:  # the most common grey inside the frame: the paper's
            inside = sheet.crop((30, 30, sheet.size[0] - 30, sheet.size[1] - 30)).histogram()
            assert inside.index(max(inside)) == expected


@pytest.fixture(scope="module")
def sample_files(sample_build):
    out, outputs = sample_build
    return out, {o.path.name: o for o in outputs if o.path.parent == out}  # not site/'s copies


def test_build_makes_all_three_booklet_files(sample_files):
    _, outputs = sample_files
    assert {"booklet.pdf", "booklet-print.pdf", "booklet-press.pdf"} <= set(outputs)
    assert outputs["booklet-print.pdf"].pages * 2 == outputs["booklet.pdf"].pages
    assert outputs["booklet-press.pdf"].pages == outputs["booklet.pdf"].pages


def test_sample_print_file_matches_the_reading_pages(sample_files):
    out, _ = sample_files
    pages = pictures((out / "booklet.pdf").read_bytes(), 0.2)
    sheets = pictures((out / "booklet-print.pdf").read_bytes(), 0.2)
    page_w, page_h = pages[0].size
    for number, (side, half_index) in enumerate(folded_reading_order(len(pages) // 4), 1):
        middle = sheets[side].size[0] / 2
        top = round((sheets[side].size[1] - page_h) / 2)
        x = middle - page_w if half_index == 0 else middle
        half = sheets[side].crop((round(x), top, round(x) + page_w, top + page_h))
        scores = [difference(half, page) for page in pages]
        assert scores[number - 1] == min(scores)  # blank fillers may tie with each other


def test_sample_print_sheets_are_framed_and_on_white_paper(sample_files):
    """The sample's charcoal covers print as a framed panel, its tinted pages on white paper,
    while the reading copy keeps its tint and the press file its bleed (tested above)."""
    out, _ = sample_files
    sheets = pictures((out / "booklet-print.pdf").read_bytes(), 1)
    for sheet in sheets:
        assert frame_and_inside(sheet, 1)[0] == 255
    assert frame_and_inside(sheets[0], 1)[1] < 60  # back and front cover: dark to the frame
    for sheet in sheets[1:]:
        inside = sheet.crop((30, 30, sheet.size[0] - 30, sheet.size[1] - 30)).histogram()
        assert inside.index(max(inside)) == 255
    page = pictures((out / "booklet.pdf").read_bytes(), 1)[1].histogram()
    assert page.index(max(page)) == 244  # #f7f4ee, memorial's paper, in grey


def test_print_file_shares_pictures_instead_of_copying_them(sample_files):
    out, _ = sample_files

    def images(path):
        with pikepdf.open(path) as pdf:
            return sum(1 for obj in pdf.objects
                       if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image")

    assert images(out / "booklet-print.pdf") == images(out / "booklet.pdf") > 0


def test_press_file_boxes_on_every_page(sample_files):
    out, _ = sample_files
    bleed = 3 * MM
    with pikepdf.open(out / "booklet-press.pdf") as pdf:
        for page in pdf.pages:
            trim = [float(v) for v in page.TrimBox]
            bleed_box = [float(v) for v in page.BleedBox]
            media = [float(v) for v in page.MediaBox]
            assert trim == pytest.approx([0, 0, 148 * MM, 210 * MM], abs=0.05)
            assert bleed_box == pytest.approx([-bleed, -bleed, trim[2] + bleed, trim[3] + bleed], abs=0.05)
            room = [bleed_box[0] - media[0], bleed_box[1] - media[1],
                    media[2] - bleed_box[2], media[3] - bleed_box[3]]
            assert min(room) >= 6 * MM  # crop marks of 5 mm beyond the bleed
            for font in page.Resources.get("/Font", {}).values():
                assert "/FontFile2" in font.DescendantFonts[0].FontDescriptor


def test_press_background_reaches_into_the_bleed_and_marks_lie_outside(sample_files):
    out, _ = sample_files
    document = pdfium.PdfDocument(out / "booklet-press.pdf")
    scale = 4  # px per point, so 1 mm ≈ 11 px
    cover = document[0].render(scale=scale).to_pil().convert("L")
    with pikepdf.open(out / "booklet-press.pdf") as pdf:
        media = [float(v) for v in pdf.pages[0].MediaBox]
    def px(x, y):  # PDF point → pixel of the rendering
        return round((x - media[0]) * scale), round((media[3] - y) * scale)
    assert cover.getpixel(px(-1.5 * MM, 100)) < 60  # bleed left of the trim: dark cover
    assert cover.getpixel(px(100, -1.5 * MM)) < 60  # bleed below the trim
    assert cover.getpixel(px(-6 * MM, 100)) > 240  # outside the bleed: paper white
    # a crop mark: on the trim's bottom line, beyond the bleed, to the left
    assert cover.getpixel(px(-6 * MM, 0)) < 128
    # nothing of a mark inside the bleed
    assert cover.getpixel(px(-3.5 * MM, 0)) > 240


def test_press_without_marks_keeps_the_bleed():
    rendered = numbered_pages(4, "a5", bleed_mm=2)
    with pikepdf.open(__import__("io").BytesIO(with_crop_marks(rendered, 2, marks=False))) as pdf:
        assert [float(v) for v in pdf.pages[0].MediaBox] == pytest.approx(
            [float(v) for v in pdf.pages[0].BleedBox])


def test_only_print(tmp_path):
    outputs = build(SAMPLE, tmp_path, only=("print",)).outputs
    assert [o.path.name for o in outputs] == ["booklet-print.pdf"]
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        "booklet-print.pdf"]


def unembedded_fonts(path) -> list[str]:
    """The simple fonts a PDF names without their program: a print shop's preflight refuses
    them (ReportLab's marks once named its Helvetica in every form it drew)."""
    with pikepdf.open(path) as pdf:
        return [str(font.get("/BaseFont")) for font in pdf.objects
                if isinstance(font, pikepdf.Dictionary) and font.get("/Type") == "/Font"
                and font.get("/Subtype") != "/Type0" and not any(
                    key in font.get("/FontDescriptor", {})
                    for key in ("/FontFile", "/FontFile2", "/FontFile3"))]


def test_no_pdf_we_write_names_a_font_it_does_not_embed(sample_files):
    out, outputs = sample_files
    pdfs = [out / name for name in outputs if name.endswith(".pdf")]
    assert out / "booklet-print.pdf" in pdfs and out / "booklet-press.pdf" in pdfs
    for path in pdfs:
        assert unembedded_fonts(path) == [], path.name


def test_office_sheets_ask_the_printer_to_flip_on_the_short_edge(sample_files):
    out, _outputs = sample_files
    with pikepdf.open(out / "booklet-print.pdf") as pdf:
        assert pdf.Root.ViewerPreferences.Duplex == "/DuplexFlipShortEdge"


@pytest.mark.parametrize("layout", ["memorial", "classic", "bright"])
@pytest.mark.parametrize("source", ["sample", "starter"])
def test_what_reaches_the_trim_runs_on_into_the_bleed(tmp_path, layout, source):
    """bright's cover and back clipped their shapes (and a cover picture) at the trim, so the
    print shop's bleed held cream paper beside a yellow sun or a teal pond: a cut a hair off
    showed a line. Along every edge of every page of booklet-press.pdf, what lies just inside
    the trim lies just outside it too, but where a shape's own outline crosses the trim (a
    point or two an edge). The sample's covers carry a picture (bright), the starter's the
    shapes."""
    from booklet.new import new
    from tests.test_fitting import sample_in

    folder = sample_in(layout, tmp_path / "memory") if source == "sample" else tmp_path / "new"
    if source == "starter":
        new(folder, "ru", layout)
    [output] = build(folder, tmp_path / "out", only=("press",)).outputs
    document = pdfium.PdfDocument(output.path)
    scale = 4  # px per point
    with pikepdf.open(output.path) as pdf:
        boxes = [([float(v) for v in page.MediaBox], [float(v) for v in page.TrimBox])
                 for page in pdf.pages]
    for number, (page, (media, trim)) in enumerate(zip(document, boxes), 1):
        picture = page.render(scale=scale).to_pil().convert("RGB")

        def px(x, y):
            return picture.getpixel((round((x - media[0]) * scale), round((media[3] - y) * scale)))

        step, inside, outside = 3 * MM, 0.7 * MM, 1.5 * MM
        left, bottom, right, top = trim
        across = range(2, int((right - left) / step) - 1)  # the corners left out: marks
        down = range(2, int((top - bottom) / step) - 1)
        edges = {"top": [((x, top - inside), (x, top + outside))
                         for x in (left + k * step for k in across)],
                 "bottom": [((x, bottom + inside), (x, bottom - outside))
                            for x in (left + k * step for k in across)],
                 "left": [((left + inside, y), (left - outside, y))
                          for y in (bottom + k * step for k in down)],
                 "right": [((right - inside, y), (right + outside, y))
                           for y in (bottom + k * step for k in down)]}
        for edge, points in edges.items():
            cut = [near for near, beyond in points
                   if max(abs(i - j) for i, j in zip(px(*near), px(*beyond))) >= 40]
            assert len(cut) <= 2, (number, edge, cut)
