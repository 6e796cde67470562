"""Covers fit like posters: long titles (95 and 230 characters, Russian and Kazakh) in every
layout and size either fit the cover with its dates, venue and library — nothing off the page,
no text over other text, read back from the PDF's characters — or the build stops naming
`title`. Bright's shapes never touch text, a QR code or a picture. Memorial is chosen, not
assumed; no label repeats the subtitle."""

from __future__ import annotations

import math
import re
import textwrap
from functools import lru_cache
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

from booklet import check
from booklet.new import new
from booklet.problems import ContentError
from booklet.render import inspection
from booklet.render.booklet import RENDER_OPTIONS, render_booklet, says_already

TITLES = {
    "ru": {
        95: "Голод в казахской степи 1931–1933 годов: свидетельства, документы и память "
            "поколений о трагедии",
        230: "Голод в казахской степи 1931–1933 годов: свидетельства очевидцев, архивные "
             "документы, исследования историков и воспоминания потомков о трагедии, которая "
             "унесла жизни миллионов людей и переменила судьбу целого народа на долгие годы",
    },
    "kk": {
        95: "Қазақ даласындағы 1931–1933 жылдардағы ашаршылық: куәлар, құжаттар, ұрпақтар "
            "жадындағы қасірет.",
        230: "Қазақ даласындағы 1931–1933 жылдардағы ашаршылық: куәгерлердің естеліктері, "
             "мұрағат құжаттары, тарихшылардың зерттеулері және миллиондаған адамның өмірін "
             "қиған, тұтас халықтың тағдырын мәңгі өзгерткен қасірет туралы ұрпақтар жады.",
    },
}
FACTS = {
    "ru": {"subtitle": "Книжная выставка ко Дню памяти", "venue": "Читальный зал, 2-й этаж",
           "library": "Центральная городская библиотека имени Абая"},
    "kk": {"subtitle": "Еске алу күніне арналған кітап көрмесі", "venue": "Оқу залы, 2-қабат",
           "library": "Абай атындағы қалалық орталық кітапхана"},
}
LAYOUTS = ("memorial", "classic", "bright")
SIZES = ("a6", "a5", "a4")
PX_PER_MM = 96 / 25.4


def exhibition(folder: Path, layout: str, size: str, lang: str, title: str,
               picture: bool = False) -> Path:
    folder.mkdir(parents=True)
    facts = FACTS[lang]
    poster = ""
    if picture:
        (folder / "images").mkdir()
        Image.new("RGB", (1500, 1000), "#7a8f6a").save(folder / "images" / "picture.jpg")
        poster = "poster:\n  image: images/picture.jpg\n"
    (folder / "exhibition.yaml").write_text(textwrap.dedent(f"""\
        language: {lang}
        layout: {layout}
        title: "{title}"
        subtitle: {facts['subtitle']}
        dates: {{start: 2026-05-25, end: 2026-06-10}}
        venue: {facts['venue']}
        library:
          name: {facts['library']}
          address: Астана, Абая 1
          website: https://library.example.kz
        booklet: {{size: {size}}}
        sections:
          - title: Раздел
            books:
              - title: Книга
                authors: ["Абай Кунанбаев"]
                annotation: Несколько слов о книге.
        """) + poster, encoding="utf-8")
    return folder


@lru_cache(maxsize=None)
def rendered(layout: str, size: str, lang: str, length: int, picture: bool, root: str):
    """The booklet laid out, or the ContentError that stopped it (one render per case)."""
    folder = exhibition(Path(root) / f"{layout}-{size}-{lang}-{length}-{picture}", layout,
                        size, lang, TITLES[lang][length], picture)
    prepared = check.prepare(folder / "exhibition.yaml")
    try:
        return prepared, render_booklet(prepared.loaded, prepared.layout, prepared.theme)
    except ContentError as exc:
        return prepared, exc


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    return str(tmp_path_factory.mktemp("covers"))


def plain(text: str) -> str:
    """Text as compared: one case, no soft hyphens, spaces of every kind as one space."""
    text = text.replace("\u00ad", "").replace("\ufffe", "").replace("\u2010", "-")
    return re.sub(r"[\s\u00a0\u202f\u2009]+", " ", text).strip().casefold()


def runs(page) -> list[tuple[float, float, float, float]]:
    """The page's text as pdfium groups it, runs of characters on one line: (l, b, r, t)."""
    text = page.get_textpage()
    return [text.get_rect(i) for i in range(text.count_rects())]


def overlapping(boxes, tolerance: float = 0.5):
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if (min(a[2], b[2]) - max(a[0], b[0]) > tolerance
                    and min(a[3], b[3]) - max(a[1], b[1]) > tolerance):
                return a, b
    return None


@pytest.mark.parametrize("length", [95, 230])
@pytest.mark.parametrize("lang", ["ru", "kk"])
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_long_title_fits_the_cover_with_every_fact_or_is_refused(root, layout, size, lang,
                                                                   length):
    prepared, result = rendered(layout, size, lang, length, False, root)
    if isinstance(result, ContentError):
        assert [p.where for p in result.problems] == ["title"], result.problems
        assert "too long for the" in result.problems[0].message
        return
    pdf = pdfium.PdfDocument(result.document.write_pdf(**RENDER_OPTIONS))
    for page in (pdf[0], pdf[len(pdf) - 1]):
        left, bottom, right, top = page.get_trimbox()
        boxes = runs(page)
        assert boxes
        for box in boxes:  # nothing off the trimmed page
            assert box[0] >= left - 0.5 and box[2] <= right + 0.5, box
            assert box[1] >= bottom - 0.5 and box[3] <= top + 0.5, box
        assert overlapping(boxes) is None
    cover = plain(pdf[0].get_textpage().get_text_range())
    facts = FACTS[lang]
    words = re.findall(r"\w+", plain(TITLES[lang][length]))
    assert all(word in cover for word in words)  # the whole title, nothing cut
    for fact in (facts["venue"], facts["library"], "2026"):
        assert plain(fact) in cover
    assert len(pdf) % 4 == 0


@pytest.mark.parametrize("layout, length", [("memorial", 230), ("classic", 230), ("bright", 95)])
def test_a_long_title_is_shrunk_by_steps_with_a_warning(root, layout, length):
    prepared, result = rendered(layout, "a5", "ru", length, False, root)
    found = inspection.problems(result.document, prepared.loaded.marks, [],
                                check.booklet_limits(False), "booklet")
    warnings = [p for p in found if "the cover sets it at" in p.message]
    assert warnings and warnings[0].where == "title" and warnings[0].severity == "warning"
    assert not [p for p in found if p.severity == "error"]
    scale = int(re.search(r"at (\d+) %", warnings[0].message)[1])
    assert 56 <= scale < 100


def circles(page):
    """Bright's shapes: absolutely placed boxes with round corners and no text."""
    from weasyprint.formatting_structure import boxes as weasy
    found = []
    for box, _, _ in inspection._walk(page._page_box, ()):
        box = getattr(box, "_box", box)  # an absolutely placed box sits in a placeholder
        if (isinstance(box, weasy.BlockBox) and box.style["position"] == "absolute"
                and box.style["border_top_left_radius"][0].value == 50
                and not inspection.ink_under(box)):
            x, y = box.border_box_x(), box.border_box_y()
            w, h = box.border_width(), box.border_height()
            found.append((x + w / 2, y + h / 2, w / 2))
    return found


def pictures_of(page):
    """The boxes of pictures and QR codes on a laid-out page."""
    from weasyprint.formatting_structure import boxes as weasy
    found = []
    for box, _, _ in inspection._walk(page._page_box, ()):
        if isinstance(box, weasy.InlineReplacedBox) or (
                getattr(box, "element", None) is not None
                and "cover-picture" in (box.element.get("class") or "")
                and inspection._is_element_box(box)):
            x, y = box.border_box_x(), box.border_box_y()
            found.append((x, y, x + box.border_width(), y + box.border_height()))
    return found


def gap(circle, rect) -> float:
    """Distance from the circle's edge to a rectangle (negative: they overlap)."""
    cx, cy, r = circle
    nearest_x = min(max(cx, rect[0]), rect[2])
    nearest_y = min(max(cy, rect[1]), rect[3])
    return math.hypot(cx - nearest_x, cy - nearest_y) - r


@pytest.mark.parametrize("picture", [False, True])
@pytest.mark.parametrize("lang", ["ru", "kk"])
@pytest.mark.parametrize("size", SIZES)
def test_brights_shapes_keep_clear_of_text_codes_and_pictures(root, size, lang, picture):
    prepared, result = rendered("bright", size, lang, 95, picture, root)
    pages = result.document.pages
    for page in (pages[0], pages[-1]):
        shapes = circles(page)
        assert shapes
        inks = [(i.left, i.top, i.right, i.bottom) for i in inspection.text_ink(page)]
        things = inks + pictures_of(page)
        assert things
        for shape in shapes:
            for thing in things:
                assert gap(shape, thing) > 2 * PX_PER_MM, (shape, thing)  # 2 mm of air
    if picture:
        assert pictures_of(pages[0])  # a big picture when given


def test_the_kazakh_starter_says_book_exhibition_once_and_keeps_clear(tmp_path):
    new(tmp_path / "show", "kk", "bright")
    prepared = check.prepare(tmp_path / "show" / "exhibition.yaml")
    result = render_booklet(prepared.loaded, prepared.layout, prepared.theme)
    pdf = pdfium.PdfDocument(result.document.write_pdf(**RENDER_OPTIONS))
    cover = plain(pdf[0].get_textpage().get_text_range())
    assert cover.count("кітап көрмесі") == 1
    back = result.document.pages[-1]
    things = [(i.left, i.top, i.right, i.bottom) for i in inspection.text_ink(back)]
    things += pictures_of(back)
    for shape in circles(back):
        assert min(gap(shape, thing) for thing in things) > 2 * PX_PER_MM


@pytest.mark.parametrize("label, subtitle, said", [
    ("Книжная выставка", "Книжная выставка ко Дню памяти", True),
    ("Книжная выставка", "Выставка-просмотр к юбилею книжной выставки", True),
    ("Книжная выставка", "К 180-летию Абая", False),
    ("Кітап көрмесі", "Еске алу күніне арналған кітап көрмесі", True),
    ("Кітап көрмесі", "Абайдың 180 жылдығына", False),
    ("Book exhibition", "A BOOK EXHIBITION for the Day of Remembrance", True),
    ("Book exhibition", "Books about the war", False),
])
def test_a_label_is_dropped_when_the_subtitle_already_says_it(label, subtitle, said):
    assert says_already(label, subtitle) is said


def test_classic_is_the_default_layout(tmp_path):
    written = new(tmp_path / "show", "ru")
    assert re.search(r"^layout: classic\b", written[0].read_text(encoding="utf-8"), re.M)
    folder = tmp_path / "bare"
    folder.mkdir()
    (folder / "exhibition.yaml").write_text(
        "title: Выставка\nlibrary: {name: Библиотека}\nsections:\n  - title: Раздел\n"
        "    books:\n      - title: Книга\n", encoding="utf-8")
    assert check.prepare(folder / "exhibition.yaml").layout.name == "classic"


def with_own_css(folder: Path, base: str, css: str):
    """The booklet laid out in an event layout that adds `css` to `base`, and its findings."""
    own = folder / "layouts" / "own"
    own.mkdir(parents=True)
    (own / "layout.yaml").write_text(f"extends: {base}\n", encoding="utf-8")
    (own / "booklet.css").write_text(css + "\n", encoding="utf-8")
    path = folder / "exhibition.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(f"layout: {base}", "layout: own"),
                    encoding="utf-8")
    prepared = check.prepare(path)
    result = render_booklet(prepared.loaded, prepared.layout, prepared.theme)
    return result, inspection.problems(result.document, prepared.loaded.marks, [],
                                       check.booklet_limits(False), "booklet")


def test_check_finds_text_printed_over_other_text_on_the_cover(tmp_path):
    folder = exhibition(tmp_path / "show", "bright", "a5", "ru", "Книги о войне")
    # the facts pulled up over the title
    result, found = with_own_css(folder, "bright",
                                 ".cover-facts { position: absolute; top: 70mm; left: 16mm; }")
    errors = [p for p in found if p.severity == "error"]
    assert errors and errors[0].where == "title" and "printed over" in errors[0].message
    pdf = pdfium.PdfDocument(result.document.write_pdf(**RENDER_OPTIONS))
    assert overlapping(runs(pdf[0])) is not None  # the PDF's characters say the same


def test_check_finds_text_off_the_page(tmp_path):
    folder = exhibition(tmp_path / "show", "classic", "a5", "kk", "Соғыс туралы кітаптар")
    _, found = with_own_css(folder, "classic", ".back-library { position: relative; left: 140mm; }")
    assert any(p.where == "library" and "off the page" in p.message for p in found), found


LONG_SUBTITLE = "Книжная выставка ко Дню памяти жертв политических репрессий и голода"


def test_balanced_lines_leave_no_short_word_alone():
    from booklet.render.templates import balanced

    lines = balanced(LONG_SUBTITLE, "PTSans-Regular", 10, 110)
    assert len(lines) == 2 and " ".join(lines) == LONG_SUBTITLE
    assert min(map(len, lines)) > 0.6 * max(map(len, lines)), lines
    assert balanced(LONG_SUBTITLE, "../../etc/passwd", 10, 110) == (LONG_SUBTITLE,)  # no path


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("layout", ["bright", "classic"])
def test_the_cover_subtitle_ends_on_a_full_line(tmp_path, layout, size):
    """Set by the browser, the subtitle ended «…политических репрессий / и голода»: its lines,
    read back from the cover, are balanced, the last at least half as wide as the widest."""
    folder = exhibition(tmp_path / "show", layout, size, "ru", "Память, которую не стереть")
    text = (folder / "exhibition.yaml").read_text(encoding="utf-8")
    (folder / "exhibition.yaml").write_text(
        text.replace(FACTS["ru"]["subtitle"], LONG_SUBTITLE), encoding="utf-8")
    prepared = check.prepare(folder / "exhibition.yaml")
    result = render_booklet(prepared.loaded, prepared.layout, prepared.theme)
    page = pdfium.PdfDocument(result.document.write_pdf(**RENDER_OPTIONS))[0]
    textpage = page.get_textpage()
    lines = [(rect, plain(textpage.get_text_bounded(*rect))) for rect in runs(page)]
    lines = [(rect[2] - rect[0], words) for rect, words in lines
             if len(words) > 3 and words in plain(LONG_SUBTITLE)]
    assert " ".join(words for _, words in lines) == plain(LONG_SUBTITLE)
    assert len(lines) in ((1, 2) if size == "a4" else (2,))  # an A4 measure may hold it in one
    assert lines[-1][0] >= 0.5 * max(width for width, _ in lines), lines
