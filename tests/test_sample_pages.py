"""The A5 sample as a book designer measured it, in each layout, on the rendered pages: the
running heads and folios clear of an office printer's edge, bright's cover picture across the
top of the cover with the title under it, classic's title block at the optical centre in a
frame clear of the trim, every entry whole with its QR code under its thumbnail, running text
at 9.5 pt at least in every setting, the author index in a size of its own with leaders on
every line, the pages left over composed, never the cover's picture again."""

import re
import shutil
from collections import Counter

import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest

from booklet.build import build
from tests.conftest import SAMPLE

MM = 72 / 25.4  # pt per mm
SCALE = 2  # px per pt of the rendered pages


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Each layout's sample: its folder, its booklet.pdf and the build's result."""
    found = {}
    for layout in ("memorial", "classic", "bright"):
        folder = tmp_path_factory.mktemp(layout) / "memory"
        shutil.copytree(SAMPLE, folder)
        yaml = folder / "exhibition.yaml"
        yaml.write_text(yaml.read_text(encoding="utf-8").replace(
            "layout: memorial", f"layout: {layout}"), encoding="utf-8")
        result = build(folder, tmp_path_factory.mktemp(f"{layout}-out"), only=("booklet",))
        [output] = result.outputs
        found[layout] = (folder, pdfium.PdfDocument(output.path), result)
    return found


@pytest.fixture(scope="module")
def samples(built):
    return {layout: document for layout, (_, document, _) in built.items()}


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


def text_of(page):
    return page.get_textpage().get_text_range().replace("\xa0", " ")


def page_with(document, words: str, start: int = 1):
    return next(page for page in list(document)[start:] if words in text_of(page))


def size_pt(textpage, index: int) -> float:
    return raw.FPDFText_GetFontSize(textpage.raw, index) * 0.75  # pdfium gives CSS px


def baseline(textpage, index: int) -> float:
    import ctypes

    x, y = ctypes.c_double(), ctypes.c_double()
    raw.FPDFText_GetCharOrigin(textpage.raw, index, x, y)
    return y.value


def squares(page, smallest_mm: float = 8, largest_mm: float = 30) -> list[tuple]:
    """The QR codes on a page: square images or paths, `smallest_mm`…`largest_mm` wide."""
    found = []
    for item in page.get_objects(max_depth=5):
        if item.type in (raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_PATH):
            left, bottom, right, top = item.get_bounds()
            if abs((right - left) - (top - bottom)) < 1 and \
                    smallest_mm * MM < right - left < largest_mm * MM:
                found.append((left, bottom, right, top))
    return found


def images(page) -> list[tuple]:
    return [(*item.get_bounds(), *item.get_px_size())
            for item in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=5)]


def occurrences(page, words: str, spaced: bool = False) -> list[tuple]:
    """The boxes (left, bottom, right, top) of each occurrence of `words` on the page
    (`spaced`: its letters letter-spaced, which a PDF's text may hold as spaces)."""
    textpage = page.get_textpage()
    text = textpage.get_text_range().replace("\xa0", " ")
    found = []
    pattern = r"\s+".join((r"\s*" if spaced else "").join(map(re.escape, word))
                          for word in words.split())  # across lines too
    for match in re.finditer(pattern, text, flags=re.IGNORECASE):
        boxes = [textpage.get_charbox(i) for i in range(match.start(), match.end())
                 if not text[i].isspace()]
        found.append((min(b[0] for b in boxes), min(b[1] for b in boxes),
                      max(b[2] for b in boxes), max(b[3] for b in boxes)))
    return found


FAULTS = ("does not fit on one page", "printed over", "runs off the page", "would be cut or overlap")


@pytest.mark.parametrize("layout", ["memorial", "classic", "bright"])
def test_every_entry_whole_with_its_qr_code_and_caption_and_no_text_overflowing(built, layout):
    """classic's compact setting split «Архипелаг ГУЛАГ»: its QR code at the foot of p. 5, its
    caption «КНИГА ОНЛАЙН» printed on p. 6 behind the next entry's cover, and the build's
    check said nothing of it."""
    from booklet.text.labels import labels

    _, document, result = built[layout]
    assert not [str(w) for w in result.warnings if any(f in w.message for f in FAULTS)]
    caption = labels("ru")["qr_book"]
    captions = 0
    for page in document:
        codes = squares(page)
        for left, bottom, right, top in occurrences(page, caption):
            captions += 1
            assert any(min(right, c[2]) > max(left, c[0]) and 0 <= c[1] - top < 8 * MM
                       for c in codes), (layout, text_of(page)[:60])  # right under its code
    assert captions == 2  # the sample's two books with a link


@pytest.mark.parametrize("layout", ["memorial", "classic", "bright"])
def test_the_qr_code_stands_under_the_thumbnail_and_the_record_keeps_its_measure(samples, layout):
    """In memorial and bright the code stood in the text column, the record squeezed beside
    it to about 40 mm (Архипелаг ГУЛАГ, Камерон)."""
    page = page_with(samples[layout], "Книга о советской лагерной системе")
    [annotation] = occurrences(page, "Книга о советской лагерной системе")
    [record] = occurrences(page, "Солженицын, А. Архипелаг ГУЛАГ")
    [code] = [c for c in squares(page) if c[1] < record[3] + 60 * MM and c[3] > record[1] - 80 * MM]
    thumbnails = [i for i in images(page) if i[2] - i[0] > 10 * MM and i[3] - i[1] > 15 * MM]
    assert any(min(code[2], t[2]) - max(code[0], t[0]) > 0.9 * (code[2] - code[0])
               and t[1] >= code[3] for t in thumbnails)  # in the thumbnail's column, under it
    assert code[2] < record[0] or code[0] > annotation[2]  # beside the text, not in it
    textpage = page.get_textpage()
    text = text_of(page)
    first = text.index("Книга о советской лагерной системе")
    last = text.index("Кенгире в 1954")
    boxes = [textpage.get_charbox(i) for i in range(first, last) if not text[i].isspace()]
    measure = (max(b[2] for b in boxes) - min(b[0] for b in boxes)) / MM
    assert measure > 60, measure


@pytest.mark.parametrize("layout", ["memorial", "classic", "bright"])
def test_running_text_is_9_5_pt_at_least_in_every_setting(built, layout):
    """classic's compact setting set its text at 9 pt, under the brief's 9.5 pt floor on A5."""
    from booklet.check import prepare
    from booklet.render.booklet import lay_out

    folder, sample, _ = built[layout]
    prepared = prepare(folder)
    for variant in prepared.layout.fit:
        fitted = lay_out(prepared.loaded, prepared.layout, prepared.theme, variant=variant)
        document = pdfium.PdfDocument(fitted.document.write_pdf())
        for words in ("Ежегодно, в Казахстане", "Сорок басен", "Первый сборник стихов"):
            page = page_with(document, words)
            textpage = page.get_textpage()
            at = text_of(page).index(words)
            sizes = {round(size_pt(textpage, i), 2) for i in range(at, at + len(words))}
            assert min(sizes) >= 9.5, (layout, variant, words, sizes)


@pytest.mark.parametrize("layout", ["memorial", "classic", "bright"])
def test_the_author_index_is_set_smaller_unhyphenated_with_leaders_on_every_line(samples, layout):
    """The index was set at the text's size in narrow columns: «Красный террор» ran to four
    lines, hyphenated («политиче-/ских»), and a full line («Ночевала тучка золотая 9») had no
    leader."""
    document = samples[layout]
    page = next(p for p in list(document)[2:] if occurrences(p, "Указатель авторов", True))
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    [heading] = [o for o in occurrences(page, "Указатель авторов", spaced=True)
                 if o[3] < page.get_height() - 16 * MM]  # not the running head
    foot = 22 * MM  # the text area's foot, above the folio
    chars = [(text[i], (*textpage.get_charbox(i)[:1], baseline(textpage, i),
                        *textpage.get_charbox(i)[2:]), size_pt(textpage, i))
             for i in range(len(text)) if not text[i].isspace()]
    below = [(c, box, size) for c, box, size in chars if box[3] < heading[1] and box[1] > foot]
    assert below
    sizes = Counter(round(size, 1) for c, box, size in below if c.isalpha())
    assert 8.4 <= sizes.most_common(1)[0][0] <= 8.6, sizes
    left = min(box[0] for _, box, _ in below)
    right = max(box[2] for _, box, _ in below)
    middle = (left + right) / 2
    lines: dict[tuple, list] = {}
    for c, box, size in below:  # a line: one baseline in one column
        lines.setdefault((round(box[1]), box[0] < middle), []).append((box[0], c))
    numbered = 0
    for key, found in lines.items():
        line = "".join(c for _, c in sorted(found))
        assert not re.search("[\ufffe\\-]$", line), line  # no hyphen at a line's end
        if re.search(r"\d$", line):
            numbered += 1
            assert re.search(r"\.{2,}\d+$", line), line  # a leader before the page number
    assert numbered == 9  # the sample's nine titles


@pytest.mark.parametrize("layout", ["memorial", "bright"])
def test_pages_left_over_are_composed_not_the_cover_again(samples, layout):
    """bright printed the cover's picture again as a page to fill the count, and the colophon's
    page of memorial and bright repeated the cover's title block above a hole, 30 % full."""
    document = samples[layout]
    pages = list(document)
    cover_pictures = {i[4:] for i in images(pages[0])}
    for number, page in enumerate(pages[1:], 2):
        assert not cover_pictures & {i[4:] for i in images(page)}, number
    [colophon] = [p for p in pages[2:-1] if "Составитель" in text_of(p)]
    text = text_of(colophon)
    assert "каталог выставки" in text.lower() and "книжная выставка" not in text.lower()
    assert squares(colophon, 20, 40)  # the catalogue's code
    picture = grey(colophon)
    width, height = picture.size
    rows = set(inked_rows(picture, picture.getpixel((2, 2))))
    area = range(int(18 * MM * SCALE), int((height - 22 * MM * SCALE)))
    hole = longest = 0
    for y in area:
        hole = 0 if y in rows else hole + 1
        longest = max(longest, hole)
    assert longest < 0.45 * len(area), longest / len(area)


def test_memorials_cover_dates_large_labels_dark_and_stand_ins_name_the_compiler(samples):
    """memorial's cover set the dates at 9.5 pt beside 7.5 and 9 pt lines; its shelf-mark
    labels were 7 pt #6b6b6b, the faintest thing on a grey print; a missing cover's stand-in
    named no one for a compiled book."""
    import ctypes

    document = samples["memorial"]
    cover = document[0]
    textpage = cover.get_textpage()
    text = text_of(cover)
    size = lambda words: round(size_pt(textpage, text.index(words)), 1)
    assert size("25 мая") == 12
    assert size("Читальный зал") == size("Центральная городская") == 8.5
    page = page_with(document, "ШИФР")
    textpage = page.get_textpage()
    at = text_of(page).index("ШИФР")
    rgb = [ctypes.c_uint() for _ in range(4)]
    raw.FPDFText_GetFillColor(textpage.raw, at, *rgb)
    assert max(c.value for c in rgb[:3]) <= 0x55 and round(size_pt(textpage, at), 1) == 7.5
    for layout, sample in samples.items():
        assert len(occurrences(page_with(sample, "Красный террор"), "Койгелдиев")) == 2, layout


@pytest.mark.parametrize("layout", ["memorial", "classic", "bright"])
def test_the_introductions_paragraphs_keep_the_baseline(samples, layout):
    """bright parted paragraphs by half a line (22.5 pt pitches on a 15 pt line), off the
    baseline grid: a paragraph now starts with an indent only, its lines a line apart."""
    document = samples[layout]
    start, end = "Ежегодно, в Казахстане", "ошибок прошлого"
    pages = [n for n, page in enumerate(document) if start in text_of(page)]
    pages = range(pages[0], next(n for n, p in enumerate(document) if end in text_of(p)) + 1)
    pitches = set()
    for number in pages:
        page = document[number]
        textpage = page.get_textpage()
        text = text_of(page)
        first = text.index(start) if start in text else 0
        last = text.index(end) if end in text else len(text)
        height = page.get_height()
        top = baseline(textpage, first) if start in text else height - 15 * MM  # not the contents
        rows = sorted({round(baseline(textpage, i), 1) for i in range(first, last)
                       if not text[i].isspace() and 17 * MM < baseline(textpage, i) <= top + 0.5})
        pitches |= {round(a - b, 1) for a, b in zip(rows[1:], rows)}
    assert max(pitches) - min(pitches) < 0.3, pitches  # one line's pitch, rounding aside


def test_a_page_where_the_index_runs_on_is_headed_with_its_section(samples):
    """classic p. 7 said «Указатель авторов» over the third section's last books: the index
    run on under them named the running head (a cold critique found it)."""
    pages = []
    for page in list(samples["classic"])[1:-1]:
        width, height = page.get_size()
        text = page.get_textpage()
        head, body = ("".join(text.get_text_bounded(0, bottom, width, top).casefold().split())
                      for bottom, top in ((height - 14 * MM, height), (0, height - 14 * MM)))
        if "ночевалатучказолотая/" in body and "указательавторов" in body:
            pages.append(head)
    assert pages == ["голодидепортации"], pages


@pytest.mark.parametrize("layout", ["memorial", "classic", "bright"])
def test_every_opener_shares_its_page_with_its_first_book(samples, layout):
    """bright ended p. 4 with the first section's label, title, quote and two lines of its
    introduction, the rest and the first book overleaf (final cold critique)."""
    import yaml

    data = yaml.safe_load((SAMPLE / "exhibition.yaml").read_text(encoding="utf-8"))
    bodies = []  # each inside page's text below its running head, the contents' page left out
    for page in list(samples[layout])[1:-1]:
        width, height = page.get_size()
        text = "".join(page.get_textpage().get_text_bounded(
            0, 0, width, height - 14 * MM).casefold().split())
        bodies.append("" if "содержание" in text else text)
    for section in data["sections"]:
        title = "".join(section["title"].casefold().split())
        first = "".join(section["books"][0]["title"].casefold().split())
        [page] = [n for n, text in enumerate(bodies, 2) if title in text]
        assert first in bodies[page - 2], (section["title"], page)
