"""Posters read from across the room: type sizes read back from the PDFs for every layout
and size, short to four-line headlines, with and without a picture; the headline's floor;
the sheet used whole without a picture; screens; the QR code's size; greyscale contrast."""

import ctypes
import itertools
import math
import re
import shutil

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from PIL import Image
from weasyprint import HTML

from booklet.build import build
from booklet.check import prepare
from booklet.problems import ContentError
from booklet.render import contrast, headline
from booklet.render.fonts import FONTS_DIR
from booklet.render.poster import render_posters
from tests.conftest import SAMPLE

MM = 72 / 25.4
SIZES = ["a4", "a3", "a2", "a1", "a4-landscape", "a3-landscape", "a2-landscape", "a1-landscape"]
STEP = {"a4": -1, "a3": 0, "a2": 1, "a1": 2}  # A-size steps from A3
LEAST_A3 = {"dates": 40, "venue": 24, "event": 20}
HEADLINES = {
    "short": "Помнить",
    "two lines": "Помнить, чтобы не повторить",
    "four lines": "Помнить, чтобы не повторить: книги о судьбах людей, о голоде и о памяти",
}
SUBTITLE = "Книжная выставка ко Дню памяти жертв политических репрессий и голода"
DATES = "25 мая — 10 июня 2026 г."
VENUE = "Читальный зал, 2 этаж"
EXHIBITION = """\
layout: {layout}
title: Память, которую не стереть
subtitle: {subtitle}
dates: {{start: 2026-05-25, end: 2026-06-10}}
venue: {venue}
library:
  name: Центральная городская библиотека
  address: г. Астана, ул. Примерная, 1
sections:
  - title: Раздел
poster:
  sizes: [{sizes}]
  headline: "{headline}"
  text: Книги о судьбах репрессированных и о трагедии голода в Казахстане.
  link: https://library.example.kz/exhibitions/memory
{extra}"""


def poster_yaml(layout="memorial", headline=HEADLINES["two lines"], sizes=("a3",),
                picture=False, extra="", subtitle=SUBTITLE, venue=VENUE):
    extra = ("  image: images/poster.jpg\n" if picture else "") + extra
    return EXHIBITION.format(layout=layout, headline=headline, sizes=", ".join(sizes),
                             extra=extra, subtitle=subtitle, venue=venue)


def make(exhibition, text, picture=False):
    return exhibition(text, images={"images/poster.jpg": (1800, 1400)} if picture else None)


def plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ").replace("\ufffe", "")).strip().casefold()


def text_lines(pdf) -> list[tuple[str, float, tuple]]:
    """(text, size in pt, bounds in pt) of every text object of the first page: a line, or
    a run of one style. pdfium's text page reports sizes in CSS px, as WeasyPrint writes
    them (10 pt reads 13.3); a text object's size times its matrix is in pt, on the page."""
    document = pdfium.PdfDocument(pdf)
    page = document[0]
    textpage = page.get_textpage()
    found = []
    for obj in page.get_objects(max_depth=1):
        if obj.type != pdfium_c.FPDF_PAGEOBJ_TEXT:
            continue
        size = ctypes.c_float()
        pdfium_c.FPDFTextObj_GetFontSize(obj.raw, ctypes.byref(size))
        a, b, *_ = obj.get_matrix().get()
        count = pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
        buffer = (ctypes.c_ushort * (count // 2 + 1))()
        pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, buffer, count)
        text = bytes(buffer)[:max(count - 2, 0)].decode("utf-16-le")
        found.append((plain(text), size.value * math.hypot(a, b), obj.get_bounds()))
    return found


def test_sizes_read_back_in_pt_as_css_sets_them(tmp_path):
    pdf = HTML(string='<p style="font: 30pt serif; margin: 0">Известный размер</p>').write_pdf()
    [(text, size, _)] = text_lines(pdf)
    assert text == "известный размер"
    assert size == pytest.approx(30, abs=0.05)


def sizes_of(lines, wanted: str) -> list[float]:
    """Sizes of the lines that are pieces of `wanted` (a line of it, or it whole)."""
    wanted = plain(wanted)
    return [size for text, size, _ in lines if text and (text in wanted)]


def check_rules(pdf, size: str, headline: str) -> None:
    factor = math.sqrt(2) ** STEP[size.split("-")[0]]
    lines = text_lines(pdf)
    [dates] = set(sizes_of(lines, DATES))
    assert dates >= LEAST_A3["dates"] * factor - 0.05, (size, "dates", dates)
    assert min(sizes_of(lines, VENUE)) >= LEAST_A3["venue"] * factor - 0.05, (size, "venue")
    event = sizes_of(lines, SUBTITLE)
    assert event and min(event) >= LEAST_A3["event"] * factor - 0.05, (size, "event", event)
    heads = sizes_of(lines, headline)
    assert heads and min(heads) >= 1.5 * dates - 0.1, (size, "headline", heads, dates)


@pytest.mark.parametrize("picture", [False, True], ids=["plain", "picture"])
@pytest.mark.parametrize("length", list(HEADLINES))
@pytest.mark.parametrize("layout", ["memorial", "classic", "bright"])
def test_type_sizes_hold_on_every_size_or_the_build_names_the_headline(
        exhibition, tmp_path, layout, length, picture):
    headline = HEADLINES[length]
    folder = make(exhibition, poster_yaml(layout, headline, SIZES, picture), picture)
    sizes, refused = list(SIZES), []
    try:
        result = build(folder, tmp_path / "first", only=("poster",), screens={})
    except ContentError as caught:
        for problem in caught.problems:
            assert problem.where == "poster.headline", problem
            assert f"has {len(headline)} characters" in problem.message
            refused.append(re.search(r"poster-(\S+):", problem.message).group(1))
        sizes = [s for s in SIZES if s not in refused]
        folder = make(exhibition, poster_yaml(layout, headline, sizes, picture), picture)
        result = build(folder, tmp_path / "out", only=("poster",), screens={})
    assert length != "short" or not refused  # a short headline fits everywhere
    assert length != "two lines" or not refused
    made = {o.path.name: o.path for o in result.outputs}
    for size in sizes:
        pdf = made[f"poster-{size}.pdf"].read_bytes()
        check_rules(pdf, size, headline)
        lines = text_lines(pdf)
        assert not any(text.endswith(("-", "\u2010", "\xad")) for text, _, _ in lines)
        if not picture:
            check_whole_sheet(lines, pdfium.PdfDocument(pdf)[0].get_height())


def check_whole_sheet(lines, height: float) -> None:
    tops = [bounds[3] for text, _, bounds in lines if text]
    bottoms = [bounds[1] for text, _, bounds in lines if text]
    assert (max(tops) - min(bottoms)) / height >= 0.7


def test_a_headline_too_long_for_its_floor_names_the_longest_that_fits(exhibition, tmp_path):
    headline = ("Помнить, чтобы не повторить: книги, письма, воспоминания и документы о судьбах "
                "людей, о голоде тридцатых годов и о памяти целого народа")
    folder = exhibition(poster_yaml("memorial", headline, ("a4-landscape",), picture=False))
    with pytest.raises(ContentError) as caught:
        build(folder, tmp_path / "out", only=("poster",))
    [problem] = caught.value.problems
    assert (problem.where, problem.line) == ("poster.headline", 13)
    assert problem.severity == "error"
    found = re.search(r"has (\d+) characters; at ([\d.]+) pt, .* about (\d+) fit", problem.message)
    assert found and int(found[1]) == len(headline) > int(found[3]) > 0
    assert float(found[2]) >= 1.5 * 40 / math.sqrt(2)
    assert not (tmp_path / "out").exists()
    # the length it names does fit: the words up to it make a poster that builds
    words, shorter = headline.split(" "), ""
    for word in words:
        if len((shorter + " " + word).strip()) > int(found[3]):
            break
        shorter = (shorter + " " + word).strip()
    folder = exhibition(poster_yaml("memorial", shorter, ("a4-landscape",), picture=False))
    made = {o.path.name: o.path for o in build(folder, tmp_path / "ok", only=("poster",)).outputs}
    check_rules(made["poster-a4-landscape.pdf"].read_bytes(), "a4-landscape", shorter)


def test_a_headline_between_floor_and_standard_warns_how_far_it_shrank(exhibition, tmp_path):
    folder = exhibition(poster_yaml("memorial", "Помнить, чтобы не повторить: книги о судьбах людей",
                                    ("a3",), picture=True),
                        images={"images/poster.jpg": (1800, 1400)})
    result = build(folder, tmp_path, only=("poster",), screens={})
    [warning] = [w for w in result.warnings if w.where == "poster.headline"]
    assert warning.severity == "warning" and warning.line == 13
    assert re.search(r"poster-a3: the headline is long, so it is set at [\d.]+ pt, \d+ % of its "
                     r"usual [\d.]+ pt", warning.message)


def test_no_word_of_the_poster_is_hyphenated(exhibition, tmp_path):
    long_words = ("Достопримечательности неперепрограммируемого человеконенавистничества "
                  "высокопревосходительство ")
    text = poster_yaml("classic", sizes=("a4",), venue="Научно-исследовательский "
                       "читальный зал библиотеки", subtitle=SUBTITLE + " " + long_words.strip())
    text = text.replace("  text: Книги", f"  text: {long_words * 2}Книги")
    made = {o.path.name: o.path for o in
            build(exhibition(text), tmp_path, only=("poster",), screens={}).outputs}
    lines = text_lines(made["poster-a4.pdf"].read_bytes())
    assert not any(t.endswith(("-", "\u2010", "\xad")) for t, _, _ in lines)
    words = " ".join(t for t, _, _ in lines).split(" ")
    for word in long_words.split():
        assert word.casefold() in words


@pytest.mark.parametrize("layout", ["memorial", "classic", "bright"])
def test_screens_are_composed_at_their_pixel_sizes(exhibition, tmp_path, layout):
    text = poster_yaml(layout, sizes=("a3",), picture=True, extra="  screens: [feed, story]\n")
    folder = make(exhibition, text, picture=True)
    made = {o.path.name: o.path for o in build(folder, tmp_path, only=("poster",)).outputs}
    assert Image.open(made["poster-feed.png"]).size == (1080, 1350)
    assert Image.open(made["poster-story.png"]).size == (1080, 1920)
    assert "poster-feed.pdf" not in made and "poster-story.pdf" not in made
    # composed, not the A3 scaled: the shapes differ, and a story keeps its bars clear
    prepared = prepare(folder)
    posters, _ = render_posters(prepared.loaded, prepared.layout, prepared.theme)
    story = next(p for p in posters if p.size == "story")
    page = pdfium.PdfDocument(story.pdf)[0]
    bars = 250 / 1920 * page.get_height()
    lines = text_lines(story.pdf)
    assert lines
    for text, _, (_, bottom, _, top) in lines:
        assert bottom >= bars - 0.5 and top <= page.get_height() - bars + 0.5, text
    check_rules(story.pdf, "a4", HEADLINES["two lines"])  # type at least as on an A4


@pytest.mark.parametrize("size", ["a4", "a3", "a2-landscape", "a1"])
def test_qr_code_is_25_mm_on_a3_and_scales_with_the_sheet(exhibition, tmp_path, size):
    folder = exhibition(poster_yaml("bright", sizes=(size,)))
    made = {o.path.name: o.path for o in
            build(folder, tmp_path, only=("poster",), screens={}).outputs}
    pdf = made[f"poster-{size}.pdf"].read_bytes()
    page = pdfium.PdfDocument(pdf)[0]
    squares = [obj.get_bounds() for obj in page.get_objects(max_depth=1)
               if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH]
    # the code's dark modules: one black path, square, in the lower right corner
    modules = [b for b in squares if abs((b[2] - b[0]) - (b[3] - b[1])) < 1
               and b[0] > page.get_width() / 2 and b[3] < page.get_height() / 3]
    width_mm = min(b[2] - b[0] for b in modules) / MM
    assert width_mm >= 25 * math.sqrt(2) ** STEP[size.split("-")[0]] - 0.1
    texts = [t for t, _, b in text_lines(pdf) if b[0] > page.get_width() / 2 and b[3] < 200]
    assert "каталог" in " ".join(texts)  # its caption


def test_bundled_layouts_print_every_text_and_rule_at_4_5_to_1_in_grey(exhibition, tmp_path):
    for layout in ("memorial", "classic", "bright"):
        for picture in (False, True):
            text = poster_yaml(layout, sizes=("a3", "a4-landscape"), picture=picture)
            folder = make(exhibition, text, picture)
            result = build(folder, tmp_path / f"{layout}{picture}", only=("poster",), screens={})
            assert not [w for w in result.warnings if "in grey" in w.message], layout
            for output in result.outputs:
                assert contrast.faint_marks(output.path.read_bytes()) == []


def test_check_reports_what_a_grey_print_loses(exhibition, tmp_path):
    text = poster_yaml("bright", sizes=("a3",)) + 'theme:\n  teal: "#5fb8c4"\n'
    result = build(exhibition(text), tmp_path, only=("poster",), screens={})
    [warning] = [w for w in result.warnings if "in grey" in w.message]
    assert warning.where == "theme" and warning.severity == "warning"
    assert re.search(r"poster-a3: «25 мая — 10 июня 2026 г\.» prints at [\d.]+:1 against what "
                     r"lies under it in grey, under 4\.5:1", warning.message.replace("\xa0", " "))


def test_grey_contrast_of_the_old_memorial_rule_is_measured_as_lost():
    """The red rule on charcoal of the old memorial poster (1.8:1 by WCAG colours)."""
    pdf = HTML(string='<style>@page { size: 200mm 120mm; margin: 0; background: #1f1f1f }'
                      'div { margin: 20mm; border-top: 1mm solid #8c1c13; width: 40mm }'
                      'p { color: #ffffff; font: 20pt serif; margin: 5mm 20mm }</style>'
                      '<div></div><p>Светлый текст</p>').write_pdf()
    [faint] = contrast.faint_marks(pdf)
    assert faint.what == "a rule" and faint.ratio < 2
    assert contrast.ratio(0, 255) == pytest.approx(21)


def test_a_headline_of_too_many_words_is_one_clear_error(exhibition, tmp_path):
    words = " ".join(["слово", "книга", "память", "дорога"] * 30)  # 120 words
    folder = exhibition(poster_yaml("classic", words, ("a3",)))
    with pytest.raises(ContentError) as caught:
        build(folder, tmp_path, only=("poster",), screens={})
    [problem] = caught.value.problems
    assert (problem.where, problem.line) == ("poster.headline", 13)
    assert problem.message == f"120 words are too many for a headline; at most {headline.MAX_WORDS}"


@pytest.mark.parametrize("count", [1, 2, 3, 4])
def test_balanced_lines_are_the_narrowest_split(count):
    """The dynamic programme against every way of breaking a short headline."""
    font = FONTS_DIR / "PTSerif-Bold.ttf"
    words = "Помнить, чтобы не повторить: книги о судьбах".split(" ")
    lines = headline._balanced(words, count, font)
    assert " ".join(lines) == " ".join(words) and len(lines) == count

    def widest(split):
        return max(headline.width_em(" ".join(words[i:j]), font)
                   for i, j in zip((0, *split), (*split, len(words))))

    best = min(itertools.combinations(range(1, len(words)), count - 1), key=widest)
    assert max(headline.width_em(line, font) for line in lines) == pytest.approx(
        widest(best), abs=0.02)


def test_each_size_draws_its_pictures_as_when_made_alone(exhibition, tmp_path):
    """An image decoded for one size and reused at another once came out squashed (WeasyPrint
    keeps its stream as first written): every size's images are those it has made alone."""
    text = poster_yaml("memorial", sizes=("a3", "a2-landscape"), picture=True)
    text = text.replace("  name: Центральная", "  logo: images/logo.png\n  name: Центральная")
    folder = make(exhibition, text, picture=True)
    shutil.copy(SAMPLE / "images" / "logo.png", folder / "images" / "logo.png")

    def images(out, size):
        with pikepdf.open(out / f"poster-{size}.pdf") as pdf:
            return sorted((pikepdf.PdfImage(raw).as_pil_image().tobytes(), raw.Width, raw.Height)
                          for raw in pdf.pages[0].get_images().values())

    build(folder, tmp_path / "both", only=("poster",), screens={})
    (folder / "exhibition.yaml").write_text(text.replace("[a3, a2-landscape]", "[a2-landscape]"),
                                            encoding="utf-8")
    build(folder, tmp_path / "alone", only=("poster",), screens={})
    assert images(tmp_path / "both", "a2-landscape") == images(tmp_path / "alone", "a2-landscape")
