"""The booklet's inside pages as a designer reads them, from the rendered pages: at most three
type sizes on a page besides running heads and folios, every line height and vertical gap a
whole number of the layout's baseline unit, running heads on every text page, one thumbnail
box for covers and stand-ins, and the record carrying the title once — in every layout and
size, in Russian, Kazakh and English."""

import re

import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest
from weasyprint.formatting_structure import boxes

from booklet import check
from booklet.render import fitting, inspection
from booklet.render.booklet import RENDER_OPTIONS, render_booklet
from booklet.press.pdf import cropped_to_trim
from booklet.render.spreads import unit_px
from booklet.text.labels import labels
from tests.conftest import write_exhibition

LAYOUTS = ("memorial", "classic", "bright")
BAND = (0.07, 0.91)  # running heads and folios lie outside this band of the page's height
PX = 0.75  # pt per CSS px: pypdfium2 and WeasyPrint give px

WORDS = {
    "ru": {"title": "Память, которую не стереть", "sections": ["Алаш: судьбы и книги", "Голод и депортации"],
           "intro": "Деятели движения Алаш мечтали о грамотном и свободном народе, о школах и книгах "
                    "на родном языке. Почти все они были арестованы в 1928–1937 годах. ",
           "book": "Архипелаг ГУЛАГ", "author": "Солженицын, Александр",
           "long": "Политические репрессии в Казахстане: документы и материалы"},
    "kk": {"title": "Өшпес естелік", "sections": ["Алаш: тағдырлар мен кітаптар", "Ашаршылық"],
           "intro": "Алаш қозғалысының қайраткерлері сауатты әрі азат халықты армандады, ана тіліндегі "
                    "мектептер мен кітаптарды армандады. ",
           "book": "Қырық мысал", "author": "Байтұрсынов, Ахмет",
           "long": "Қазақстанның тәуелсіздігі және мемлекеттілігі тарихынан"},
    "en": {"title": "Memory that cannot be erased", "sections": ["Alash: lives and books", "Famine"],
           "intro": "The leaders of the Alash movement dreamed of a literate and free people, of "
                    "schools and books in their own language. ",
           "book": "The Hungry Steppe", "author": "Cameron, Sarah",
           "long": "Nationalism, collectivisation and the politics of memory in Kazakhstan"},
}


def exhibition_text(layout: str, size: str, lang: str) -> str:
    w = WORDS[lang]
    book = lambda n, extra="": (
        f"      - title: \"{w['book']} {n}\"\n        authors: [\"{w['author']}\"]\n"
        f"        year: 2020\n        shelfmark: 63.3(5Каз)\n{extra}")
    annotation = "        annotation: " + w["intro"][:120] + "\n"
    sections = ""
    for number, title in enumerate(w["sections"]):
        sections += (f"  - title: \"{title}\"\n    quote: {{text: \"{w['intro'][:60]}\", source: Source}}\n"
                     f"    intro: {w['intro']}\n    books:\n"
                     + book(1 + 4 * number, "        cover: cover.png\n" + annotation)
                     + book(2 + 4 * number, annotation)  # a stand-in
                     + book(3 + 4 * number)  # a bare record: one compact line
                     + book(4 + 4 * number, annotation + "        link: https://lib.example.kz/b\n")
                     + f"      - title: \"{w['long']}\"\n{annotation}")  # a long title's stand-in
    return (f"language: {lang}\nlayout: {layout}\ntitle: \"{w['title']}\"\n"
            f"library:\n  name: Library\nintro: |\n  {w['intro'] * 12}\n\n  {w['intro'] * 8}\n"
            f"sections:\n{sections}booklet:\n  size: {size}\n")


# A Latin square: 9 builds, not all 27 — each layout in every size and every language, and
# every size in every language (the suite's time is spent; 27 builds would cost a minute more).
# The type sizes and running heads are checked on all 27, on tests/test_layouts.py's builds.
CASES = [(layout, size, lang) for shift, layout in enumerate(LAYOUTS)
         for size, lang in zip(("a6", "a5", "a4"), (("kk", "ru", "en") * 2)[shift:shift + 3])]


@pytest.fixture(scope="module", params=CASES, ids=lambda c: "-".join(c))
def booklet(request, tmp_path_factory):
    layout, size, lang = request.param
    folder = write_exhibition(tmp_path_factory.mktemp("inner") / "show",
                              exhibition_text(layout, size, lang), {"cover.png": (400, 600)})
    prepared = check.prepare(folder, False)
    rendered = render_booklet(prepared.loaded, prepared.layout, prepared.theme)
    pdf = pdfium.PdfDocument(cropped_to_trim(rendered.document.write_pdf(**RENDER_OPTIONS)))
    return request.param, rendered, pdf, prepared.loaded


def chars(page, spaces=False):
    """(text, size in pt, top and bottom as shares of the page's height from the top) of each
    character, spaces left out unless `spaces`."""
    textpage = page.get_textpage()
    height = page.get_height()
    found = []
    for index in range(textpage.count_chars()):
        char = chr(raw.FPDFText_GetUnicode(textpage, index))
        if char in "\r\n" or (char.isspace() and not spaces):
            continue
        left, bottom, right, top = textpage.get_charbox(index)
        found.append((char, round(raw.FPDFText_GetFontSize(textpage, index) * PX, 1),
                      1 - top / height, 1 - bottom / height))
    return found


def inside_pages(pdf):
    return [pdf[i] for i in range(1, len(pdf) - 1)]  # the covers are another matter


def assert_three_type_sizes(pdf):
    """At most three type sizes on each inside page besides running heads and folios, and
    besides the author index, a reference list in a smaller size of its own (also checked on
    the 27 builds of tests/test_layouts.py)."""
    for number, page in enumerate(inside_pages(pdf), 2):
        body = [(c, size) for c, size, top, bottom in chars(page) if top > BAND[0] and bottom < BAND[1]]
        sizes = {size for _, size in before_the_index(body)}
        assert len(sizes) <= 3, f"page {number}: type sizes {sorted(sizes)}"


def before_the_index(body: list[tuple]) -> list[tuple]:
    """A page's characters up to the author index's heading, that included (the index runs
    on to the page's foot)."""
    text = "".join(c for c, *_ in body).casefold()
    for lang in ("ru", "kk", "en"):
        heading = normal(labels(lang)["authors_index"]).replace(" ", "")
        at = text.find(heading)
        if at >= 0:
            return body[:at + len(heading)]
    return body


def test_at_most_three_type_sizes_on_every_inside_page(booklet):
    _, _, pdf, _ = booklet
    assert_three_type_sizes(pdf)


def normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip().casefold()


def assert_running_heads(pdf, lang: str, title: str, sections: list[str]):
    """The exhibition's title over each left text page, over each right one a section's title,
    the introduction's or the index's (also checked on the builds of tests/test_layouts.py);
    none over a page that opens with its own heading (contents, introduction, index), which
    would say it again or stand above it as a second heading."""
    words = labels(lang)
    right_heads = {normal(t) for t in sections} | {normal(words["introduction"]),
                                                   normal(words["authors_index"])}
    headings = [normal(words[key]).replace(" ", "")
                for key in ("contents", "introduction", "authors_index")]
    for number, page in enumerate(inside_pages(pdf), 2):
        found = chars(page)
        body = "".join(c for c, _, top, bottom in found if top > BAND[0] and bottom < BAND[1])
        if not body or normal(words["notes"]).replace(" ", "") in normal(body):
            continue  # a page for notes carries no running head
        head = normal("".join(c for c, _, top, _ in found if top < BAND[0]))
        highest = min(top for c, _, top, _ in found if top > BAND[0])
        first = normal("".join(c for c, _, top, _ in found if highest <= top < highest + 0.01))
        if first in headings:
            assert head == "", f"page {number}: {head!r} over its own heading"
        elif number % 2 == 0:
            assert head == normal(title).replace(" ", ""), f"page {number}: {head!r}"
        else:
            assert head in {h.replace(" ", "") for h in right_heads}, f"page {number}: {head!r}"


def test_running_heads_on_every_text_page(booklet):
    (layout, size, lang), rendered, pdf, _ = booklet
    assert_running_heads(pdf, lang, WORDS[lang]["title"], WORDS[lang]["sections"])


def walk(box, inside=False):
    element = getattr(box, "element", None)
    classes = (element.get("class") or "").split() if element is not None else []
    if "cover" in classes or "back" in classes or isinstance(box, boxes.MarginBox):
        return  # the covers are another matter, and so are running heads and folios
    yield box
    for child in getattr(box, "children", ()) or ():
        yield from walk(child)


def test_every_line_height_and_gap_is_a_multiple_of_the_baseline_unit(booklet):
    _, rendered, _, _ = booklet
    unit = unit_px(rendered.document)  # the layout's --unit, as the root element has it
    assert unit
    wrong = set()
    for page in rendered.document.pages[1:-1]:
        for box in walk(page._page_box):
            if isinstance(box, boxes.MarginBox) or isinstance(box, boxes.PageBox):
                continue
            if isinstance(box, boxes.InlineReplacedBox) or not hasattr(box, "style"):
                continue
            values = {name: box.style[name] for name in
                      ("margin_top", "margin_bottom", "padding_top", "padding_bottom")}
            if isinstance(box, boxes.LineBox) or isinstance(box, boxes.BlockBox):
                values["line_height"] = box.style["line_height"]
            for name, value in values.items():
                px = getattr(value, "value", None) if getattr(value, "unit", None) == "px" else None
                if px and abs(px / unit - round(px / unit)) > 0.01:
                    where = box.element.get("class") if box.element is not None else type(box).__name__
                    wrong.add(f"{box.element_tag}.{where} {name} {px * PX:.2f}pt")
    assert not wrong, f"not whole units of {unit * PX}pt: {sorted(wrong)}"


def test_covers_and_stand_ins_share_one_thumbnail_box(booklet):
    _, rendered, pdf, _ = booklet
    pictures, stand_ins = [], []
    for page in rendered.document.pages:
        for box in walk(page._page_box):
            classes = (box.element.get("class") or "") if getattr(box, "element", None) is not None else ""
            if isinstance(box, boxes.BlockBox) and "book-cover" in classes.split():
                pictures.append((round(box.width, 1), round(box.height, 1)))
            if isinstance(box, boxes.BlockReplacedBox) and box.element.get("data-src"):
                stand_ins.append(("cover", box.width, box.height))
            if isinstance(box, (boxes.BlockBox, boxes.FlexBox)) and "stand-in" in classes.split():
                stand_ins.append(("stand-in", box.border_width(), box.border_height()))
    assert len(set(pictures)) == 1, f"thumbnail boxes differ: {set(pictures)}"
    width, height = pictures[0]
    kinds = {kind for kind, *_ in stand_ins}
    assert kinds == {"cover", "stand-in"}
    for kind, w, h in stand_ins:
        if kind == "stand-in":
            assert (round(w, 1), round(h, 1)) == (width, height)
        else:  # the cover fitted inside the box, proportions kept (the picture is 2:3)
            assert w <= width + 0.1 and h <= height + 0.1
            assert abs(w - width) < 0.1 or abs(h - height) < 0.1
            assert abs(h / w - 1.5) < 0.01
    # and on the printed page: each 2:3 picture has the box's height
    boxes_pt = [(w * PX, h * PX) for w, h in pictures]
    for page in inside_pages(pdf):
        for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE]):
            left, bottom, right, top = obj.get_pos() if hasattr(obj, 'get_pos') else obj.get_bounds()
            if abs((top - bottom) / (right - left) - 1.5) < 0.02:  # a cover, not a QR code
                assert abs((top - bottom) - boxes_pt[0][1]) < 0.5


def test_the_record_carries_the_title_once_in_bold(booklet):
    (layout, size, lang), _, pdf, _ = booklet
    index = normal(labels(lang)["authors_index"]).replace(" ", "")  # headings may be spaced out
    pages = [pdf[i].get_textpage().get_text_range() for i in range(1, len(pdf) - 1)]
    text = "".join(page for page in pages  # the index lists titles
                   if index not in normal(page).replace(" ", ""))
    title = WORDS[lang]["book"]
    for number in (1, 2, 3, 4):  # books 2 and 4 have stand-ins, which show their titles too
        assert normal(text).count(normal(f"{title} {number}")) == (2 if number in (2, 4) else 1), number
    assert normal(labels(lang)["qr_book"]) in normal(text)
    assert len(labels(lang)["qr_book"].split()) == 2


def luminance(colour) -> float:
    def channel(c):
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    red, green, blue = colour.to("srgb").coordinates
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def test_stand_ins_are_a_quiet_tint_with_readable_unhyphenated_text(booklet):
    _, rendered, _, _ = booklet
    found = 0
    for page in rendered.document.pages[1:-1]:
        for box in walk(page._page_box):
            element = getattr(box, "element", None)
            if element is None or "stand-in" not in (element.get("class") or "").split() \
                    or not isinstance(box, boxes.FlexBox):
                continue
            found += 1
            ground = box.style["background_color"]
            assert luminance(ground) > 0.6, "a stand-in is a light tint, not a saturated block"
            for inner in walk(box):
                if isinstance(inner, boxes.TextBox):
                    ink = inner.style["color"]
                    light, dark = sorted((luminance(ground), luminance(ink)), reverse=True)
                    assert (light + 0.05) / (dark + 0.05) >= 4.5, inner.text
                    assert inner.style["hyphens"] != "auto", inner.text
    assert found


def test_stand_in_titles_fit_their_box(booklet):
    """Long titles of real length, with long Kazakh words, fit the stand-in unhyphenated."""
    _, rendered, _, loaded = booklet
    # the inspection reads the laid-out boxes: it finds text that runs outside its box
    found = inspection.problems(rendered.document, loaded.marks, check.book_locations(loaded),
                                check.booklet_limits(False), "booklet", False)
    assert not [str(problem) for problem in found if "error" in str(problem)]


def text_lines(page):
    """The page's lines of text inside the band, as strings, top to bottom."""
    rows: dict[float, str] = {}
    for char, _, top, bottom in chars(page, spaces=True):
        if top > BAND[0] and bottom < BAND[1] and bottom > top:
            key = round(bottom, 3)
            row = next((k for k in rows if abs(k - key) < 0.004), key)
            rows[row] = rows.get(row, "") + char
    return [rows[k] for k in sorted(rows)]


def test_the_introduction_runs_55_to_75_characters_a_line(booklet):
    """On A5 and A4; an A6 booklet's pocket page holds 40–50 at a readable size."""
    (_, size, _), _, pdf, _ = booklet
    if size == "a6":
        pytest.skip("an A6 page is narrower than a 55-character measure at 8.5 pt")
    lines = sorted(len(line) for line in text_lines(pdf[1])  # contents, then the introduction
                   if ". ." not in line and "...." not in line)  # not the contents' leaders
    full = [n for n in lines if n >= 0.85 * lines[-1]]  # the prose's full lines, ragged right
    measure = full[len(full) // 2]
    assert 55 <= measure <= 75, f"{measure} characters a line ({lines})"


def list_text(layout: str, size: str) -> str:
    """A long list of short entries of uneven height: pages with enough gaps between entries to
    be balanced (at most 6 units more in each, spreads.py)."""
    books = "".join(
        f"      - title: \"Книга номер {n}\"\n        authors: [\"Автор{n % 7}ов, Иван\"]\n"
        f"        year: {1950 + n}\n        shelfmark: 63.3(5Каз)\n"
        + ("        annotation: Короткая аннотация о книге и её авторе.\n" if n % 3 == 0 else "")
        for n in range(1, 41))
    return (f"layout: {layout}\ntitle: Список книг\nlibrary:\n  name: Библиотека\n"
            f"sections:\n  - title: Книги\n    books:\n{books}booklet:\n  size: {size}\n")


def last_line(page) -> float | None:
    """The depth of the page's last line of text, in pt from the top."""
    bottoms = [bottom for _, _, top, bottom in chars(page) if top > BAND[0] and bottom < BAND[1]]
    return max(bottoms) * page.get_height() if bottoms else None


@pytest.mark.parametrize("layout, size", [("memorial", "a5"), ("classic", "a5"), ("bright", "a5"),
                                          ("memorial", "a6"), ("classic", "a4"), ("bright", "a6")])
def test_facing_pages_end_at_the_same_depth(tmp_path, layout, size):
    folder = write_exhibition(tmp_path / "show", list_text(layout, size))
    prepared = check.prepare(folder, False)
    rendered = render_booklet(prepared.loaded, prepared.layout, prepared.theme)
    pdf = pdfium.PdfDocument(cropped_to_trim(rendered.document.write_pdf(**RENDER_OPTIONS)))
    body = [i for part in fitting.parts(rendered.document) if part.role == "body"
            for i in part.pages]
    line = unit_px(rendered.document) * PX * 4  # a text line, at most 4 units
    checked = 0
    for left in range(1, max(body) - 1, 2):  # spreads 2–3, 4–5… before the list's last page
        if left + 1 >= max(body):
            break
        depths = [last_line(pdf[left]), last_line(pdf[left + 1])]
        assert abs(depths[0] - depths[1]) <= line + 0.5, f"pages {left + 1}–{left + 2}: {depths}"
        checked += 1
    assert checked
