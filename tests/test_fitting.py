"""Copy-fitting: every booklet in the fewest pages that are a multiple of 4, with no blank
page and at most one inside page less than half full — proven on the rendered pages, not on
the layout's own numbers; the pages left over carry the colophon, an author index, notes or
an invitation; `booklet.pages` forces a count or errs clearly."""

import re
import shutil
import textwrap

import pypdfium2 as pdfium
import pytest
from PIL import Image

from booklet.build import build
from booklet.new import new
from booklet.problems import ContentError
from booklet.render.layouts import available
from tests.conftest import SAMPLE, write_exhibition

LAYOUTS = sorted(name for name in available() if not name.startswith("_"))
BAND = (0.07, 0.91)  # running heads and folios lie outside this band of the page's height
FILLER_WORDS = ("ДЛЯ ЗАМЕТОК", "ЖАЗБАЛАРҒА АРНАЛҒАН", "NOTES", "Ждём вас на выставке",
                "Составитель", "Указатель авторов")
ANNOTATION = ("Книга о судьбах людей, переживших годы репрессий, написанная по воспоминаниям "
              "и документам из семейных архивов. ")


def ink_rows(page: Image.Image) -> list[int]:
    """Rows of a greyscale page picture that hold something other than its paper."""
    paper = page.getpixel((2, 2))
    width, height = page.size
    data = page.tobytes()
    return [y for y in range(height)
            if any(abs(data[y * width + x] - paper) > 12 for x in range(0, width, 2))]


def measured(pdf_path, scale: float = 0.6) -> list[float | None]:
    """For each inside page, how far down the text area its content reaches (0…1), or None
    for a page with nothing on it. The text area is the band the fullest pages fill."""
    document = pdfium.PdfDocument(pdf_path)
    return fills([document[index].render(scale=scale, grayscale=True).to_pil().convert("L")
                  for index in range(1, len(document) - 1)])  # the covers are not measured


def fills(pictures: list[Image.Image]) -> list[float | None]:
    """measured() of greyscale page pictures: the text area is the band the fullest fill."""
    rows = []
    for picture in pictures:
        height = picture.size[1]
        inside = [y for y in ink_rows(picture) if BAND[0] * height < y < BAND[1] * height]
        rows.append((inside[0], inside[-1]) if inside else None)
    top = min(r[0] for r in rows if r)
    bottom = max(r[1] for r in rows if r)
    return [None if r is None else (r[1] - top) / (bottom - top) for r in rows]


def assert_fitted(pdf_path):
    fills = measured(pdf_path)
    pages = len(fills) + 2
    assert pages % 4 == 0
    assert None not in fills, f"blank inside page {fills.index(None) + 2}"
    under = [number for number, fill in enumerate(fills, 2) if fill < 0.5]
    assert len(under) <= 1, f"pages under half full: {under} ({[round(f, 2) for f in fills]})"
    texts = page_texts(pdf_path)[1:-1]
    fillers = sum(1 for text in texts
                  if any(word.casefold() in text.casefold() for word in FILLER_WORDS))
    assert fillers <= 3  # more would be a whole sheet of nothing but left-over pages
    return fills


def page_texts(path):
    document = pdfium.PdfDocument(path)
    return [page.get_textpage().get_text_range().replace("\ufffe", "").replace("\xa0", " ")
            for page in document]


def exhibition_of(books: int, layout: str = "memorial", extra: str = "") -> str:
    """An exhibition of `books` books in up to three sections: covers, annotations of mixed
    length, bare records, authors (some twice) and a link now and then."""
    sections = []
    per = max(1, books // 3 + (books % 3 > 0))
    for start in range(0, books, per):
        entries = []
        for n in range(start, min(books, start + per)):
            entry = [f"      - title: Книга номер {n + 1}",
                     f'        authors: ["Автор{n % 5}ов, Иван"]', f"        year: {1950 + n}",
                     "        shelfmark: 63.3(5Каз)", "        location: Читальный зал"]
            if n % 4 != 3:
                entry += [f"        cover: images/c{n % 3}.jpg",
                          "        annotation: " + ANNOTATION * (1 + n % 3)]
            if n % 5 == 1:
                entry.append("        link: https://library.example.kz/catalog/" + str(n))
            entries.append("\n".join(entry))
        sections.append(f"  - title: Раздел {start // per + 1}\n"
                        f"    quote: {{text: Память сильнее забвения., source: Автор}}\n"
                        f"    books:\n" + "\n".join(entries))
    return (f"layout: {layout}\ntitle: Выставка из {books} книг\n"
            "library: {name: Библиотека, website: https://library.example.kz}\n"
            "intro: |\n  " + ANNOTATION * 4 + "\n\n  " + ANNOTATION * 3 + "\n"
            "sections:\n" + "\n".join(sections) + "\n" + extra)


COVERS = {f"images/c{i}.jpg": (400, 600) for i in range(3)}


@pytest.mark.parametrize("books", [3, 4, 14, 40])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_exhibitions_are_fitted_with_no_blank_page(tmp_path, books, layout):
    folder = write_exhibition(tmp_path / "show", exhibition_of(books, layout), COVERS)
    [output] = build(folder, tmp_path / "out", only=("booklet",)).outputs
    assert_fitted(output.path)
    assert re.fullmatch(r"\d+ pages, \w+ setting(; left-over pages: [\w, ]+)?", output.note)


def test_the_sample_is_fitted(sample_build):
    out, outputs = sample_build
    assert_fitted(out / "booklet.pdf")
    note = next(o.note for o in outputs if o.path.name == "booklet.pdf")
    assert note.startswith(f"{len(page_texts(out / 'booklet.pdf'))} pages, ")


def test_bright_runs_the_samples_sections_on(tmp_path):
    """In bright a section's opener used to wait for a page with room for it and its first
    book, leaving the page before a third empty (0.68); now it starts low on a page, its head
    kept with its introduction: every page of the text but the last is filled well."""
    folder = tmp_path / "memory"
    shutil.copytree(SAMPLE, folder)
    yaml = folder / "exhibition.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("layout: memorial", "layout: bright"),
                    encoding="utf-8")
    [output] = build(folder, tmp_path / "out", only=("booklet",)).outputs
    fills = assert_fitted(output.path)
    texts = page_texts(output.path)[1:-1]
    body = [fill for fill, text in zip(fills, texts)
            if not any(word.casefold() in text.casefold() for word in FILLER_WORDS)]
    assert min(body[:-1]) >= 0.7, [round(f, 2) for f in body]


def test_the_samples_picture_page_is_no_dark_block_in_grey(sample_build):
    """Memorial's picture page, printed in grey, was a slab of near black over half the page:
    the picture is lightened into the paper and smaller than the page."""
    out, _ = sample_build
    document = pdfium.PdfDocument(out / "booklet.pdf")
    [page] = [document[i] for i, text in enumerate(page_texts(out / "booklet.pdf"))
              if "Помнить, чтобы не повторить" in text]
    grey = page.render(scale=0.5, grayscale=True).to_pil().convert("L")
    data = grey.tobytes()
    assert sum(value < 96 for value in data) / len(data) < 0.05  # near black: almost none
    assert 0.7 < sum(data) / len(data) / 255 < 0.95  # a picture is there, a quiet one


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_starters_are_fitted(tmp_path, layout, language):
    folder = tmp_path / "new"
    new(folder, language, layout)
    [output] = build(folder, tmp_path / "out", only=("booklet",)).outputs
    assert_fitted(output.path)


COLOPHON = """\
colophon:
  compiler: "Сатпаева, Айгуль"
  editor: "Ким, Виктор"
  designer: "Ли, Анна"
  print_run: 100
"""
IMPRINT = {
    "ru": ["Составитель: Айгуль Сатпаева", "Ответственный за выпуск: Виктор Ким",
           "Вёрстка и дизайн: Анна Ли", "Тираж 100 экз."],
    "kk": ["Құрастырушы: Айгуль Сатпаева", "Шығарылымға жауапты: Виктор Ким",
           "Беттеу және дизайн: Анна Ли", "Таралымы 100 дана"],
    "en": ["Compiled by: Айгуль Сатпаева", "Responsible for the edition: Виктор Ким",
           "Design and layout: Анна Ли", "Print run: 100 copies"],
}


@pytest.mark.parametrize("books", [3, 14])
@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_the_colophon_is_printed_in_the_exhibitions_language(tmp_path, language, books):
    text = f"language: {language}\n" + exhibition_of(books, extra=COLOPHON)
    folder = write_exhibition(tmp_path / "show", text, COVERS)
    [output] = build(folder, tmp_path / "out", only=("booklet",)).outputs
    texts = page_texts(output.path)
    holding = [n for n, page in enumerate(texts, 1)
               if all(line in re.sub(r"\s+", " ", page) for line in IMPRINT[language])]
    # on the last inside page, or on the back cover when no page was left over
    assert holding and holding[0] in (len(texts) - 1, len(texts)), holding
    assert_fitted(output.path)


def test_pages_forced_higher_carry_the_colophon_index_notes_and_invitation(tmp_path):
    # 9 books make 8 pages; at 12 the pages over carry every kind of filler
    text = exhibition_of(9, extra=COLOPHON + "booklet: {pages: 12}\n"
                         "poster: {link: https://library.example.kz/exhibitions/9}\n")
    folder = write_exhibition(tmp_path / "show", text, COVERS)
    [output] = build(folder, tmp_path / "out", only=("booklet",)).outputs
    assert output.pages == 12
    assert output.note == (
        "12 pages, standard setting; left-over pages: index, notes, notes, invitation, colophon")
    assert None not in measured(output.path)
    texts = page_texts(output.path)
    # the author index gives each book's page, read back from the PDF's text
    [index] = [n for n, text in enumerate(texts) if "указатель авторов" in text.casefold()]
    lines = re.findall(r"(Книга номер \d+)(?:\s*\.)+\s*(\d+)", texts[index])  # title . . . page
    assert len(lines) == 9
    for title, page in lines:
        where = [n for n, text in enumerate(texts[:index], 1)
                 if re.search(re.escape(title) + r"(?!\d)", text)]
        assert where and int(page) == where[0], (title, page, where)


def test_pages_forced_far_higher_say_what_the_content_fills(tmp_path):
    text = exhibition_of(3, extra="booklet: {pages: 24}\n")
    folder = write_exhibition(tmp_path / "show", text, COVERS)
    with pytest.raises(ContentError) as caught:
        build(folder, tmp_path / "out", only=("booklet",))
    [problem] = caught.value.problems
    assert problem.where == "booklet.pages"
    assert re.fullmatch(r"the content fills only 8 pages: 24 would leave pages with nothing "
                        r"to print", problem.message)


def test_pages_forced_too_low_is_a_clear_error(tmp_path):
    folder = write_exhibition(tmp_path / "show", exhibition_of(40, extra="booklet: {pages: 8}\n"),
                              COVERS)
    with pytest.raises(ContentError) as caught:
        build(folder, tmp_path / "out", only=("booklet",))
    [problem] = caught.value.problems
    assert problem.where == "booklet.pages"
    assert re.fullmatch(r"the content needs \d+ pages", problem.message)
    assert not (tmp_path / "out" / "booklet.pdf").exists()


@pytest.mark.parametrize("value", ["10", "2", "many"])
def test_pages_must_be_auto_or_a_multiple_of_four(exhibition, value):
    folder = exhibition(textwrap.dedent(exhibition_of(3)) + f"booklet: {{pages: {value}}}\n", COVERS)
    with pytest.raises(ContentError) as caught:
        build(folder, folder / "out", only=("booklet",))
    assert "multiple of 4" in caught.value.problems[0].message
