"""The A5 sample as a book designer measured it, in each layout, on the rendered pages: the
running heads and folios clear of an office printer's edge, bright's cover picture across the
top of the cover with the title under it, classic's title block at the optical centre in a
frame clear of the trim."""

import shutil

import pypdfium2 as pdfium
import pytest

from booklet.build import build
from tests.conftest import SAMPLE

MM = 72 / 25.4  # pt per mm
SCALE = 2  # px per pt of the rendered pages


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    found = {}
    for layout in ("memorial", "classic", "bright"):
        folder = tmp_path_factory.mktemp(layout) / "memory"
        shutil.copytree(SAMPLE, folder)
        yaml = folder / "exhibition.yaml"
        yaml.write_text(yaml.read_text(encoding="utf-8").replace(
            "layout: memorial", f"layout: {layout}"), encoding="utf-8")
        [output] = build(folder, tmp_path_factory.mktemp(f"{layout}-out"),
                         only=("booklet",)).outputs
        found[layout] = pdfium.PdfDocument(output.path)
    return found


def grey(page):
    return page.render(scale=SCALE, grayscale=True).to_pil().convert("L")


def inked_rows(picture, paper: int) -> list[int]:
    width, height = picture.size
    data = picture.tobytes()
    return [y for y in range(height)
            if any(abs(data[y * width + x] - paper) > 30 for x in range(0, width, 2))]


@pytest.mark.parametrize("layout", ["memorial", "classic", "bright"])
def test_running_heads_and_folios_keep_10_mm_from_the_trim(samples, layout):
    """bright's running head and folio disc began 7.9 mm from the trim, at the limit of what
    an office printer prints."""
    document = samples[layout]
    checked = 0
    for index in range(1, len(document) - 1):
        picture = grey(document[index])
        width, height = picture.size
        if picture.getpixel((2, height // 2)) < 200:  # a picture printed to the edge
            continue
        rows = inked_rows(picture, picture.getpixel((2, 2)))
        top, bottom = rows[0] / SCALE / MM, (height - rows[-1]) / SCALE / MM
        assert top >= 10 and bottom >= 10, (index + 1, round(top, 1), round(bottom, 1))
        checked += 1
    assert checked >= 6


def test_brights_cover_picture_runs_across_the_top_with_the_title_under_it(samples):
    """The cover's picture was a 70 × 46 mm banner, a tenth of the page."""
    page = samples["bright"][0]
    picture = grey(page)
    width, height = picture.size
    paper = 250  # #fffaf0 in grey
    for share in (0.02, 0.2, 0.44):
        row = [picture.getpixel((x, int(height * share))) for x in range(width)]
        assert sum(abs(v - paper) > 8 for v in row) / width > 0.97, share  # edge to edge
    textpage = page.get_textpage()
    title = textpage.get_text_range().index("Память")
    top = page.get_height() - textpage.get_charbox(title)[3]
    assert top > 0.46 * page.get_height()  # under the picture


def test_classics_title_block_sits_at_the_optical_centre_in_a_frame_clear_of_the_trim(samples):
    """The title and subtitle were centred at 52 % of the height, below the optical centre, in
    a frame 10 mm from the trim."""
    page = samples["classic"][0]
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    height = page.get_height()
    top = height - textpage.get_charbox(text.index("Память"))[3]
    bottom = height - textpage.get_charbox(text.index("голода") + 5)[1]  # the subtitle's end
    assert 0.40 <= (top + bottom) / 2 / height <= 0.46
    picture = grey(page)
    width, middle = picture.size[0], picture.size[1] // 2
    frame = next(x for x in range(width) if picture.getpixel((x, middle)) < 200)
    assert frame / SCALE / MM >= 11.9


def test_memorials_qr_code_has_a_column_of_its_own(samples):
    """The QR code floated in the annotation: the lines below it ran on under it, the measure
    changing mid-paragraph (Архипелаг ГУЛАГ, Камерон)."""
    import pypdfium2.raw as raw

    document = samples["memorial"]
    start, end = "Книга о советской лагерной системе", "Кенгире в 1954"
    [page] = [p for p in document
              if start in p.get_textpage().get_text_range().replace("\xa0", " ")]
    codes = []
    for item in page.get_objects():
        if item.type in (raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_PATH):  # the code: a square
            left, bottom, right, top = item.get_bounds()
            if abs((right - left) - (top - bottom)) < 1 and 8 * MM < right - left < 20 * MM:
                codes.append((left, bottom, right, top))
    textpage = page.get_textpage()
    text = textpage.get_text_range().replace("\xa0", " ")
    first, last = text.index(start), text.index(end) + len(end)
    boxes = [textpage.get_charbox(i) for i in range(first, last) if not text[i].isspace()]
    lines = {round(box[1]) for box in boxes}
    assert len(lines) >= 3
    [code] = [c for c in codes if c[1] < max(lines) + 20 * MM and c[3] > min(lines)]
    assert max(box[2] for box in boxes) < code[0]  # every line left of the code's column


@pytest.mark.parametrize("layout", ["memorial", "classic", "bright"])
def test_every_picture_prints_at_250_ppi_or_more(samples, layout):
    """bright's cover ran the exhibition's picture across the page from a copy prepared for
    a thumbnail: 51 ppi, visibly soft (a cold critique measured it with pdfimages)."""
    low = []
    for number, page in enumerate(samples[layout], 1):
        for image in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE], max_depth=5):
            left, bottom, right, top = image.get_bounds()
            width, height = image.get_px_size()
            ppi = min(width / ((right - left) / 72), height / ((top - bottom) / 72))
            if ppi < 250:
                low.append((number, width, height, round(ppi)))
    assert not low
