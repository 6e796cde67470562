"""Kazakh and Russian in one exhibition (contract §7, issue #21): per-language texts, the
warning for a missing translation, the tête-bêche booklet read from both ends (by picture and
by the text's place on the page), the imposed sheets, and the bilingual poster."""

import json
import re
import subprocess
import sys

import pikepdf
import pypdfium2 as pdfium
import pyphen
import pytest

from booklet.build import build
from booklet.problems import ContentError
from booklet.text import hyphenation
from tests.test_fitting import assert_fitted, fills

ABAI = """\
language: [kk, ru]
booklet: {size: a6}
title:
  kk: Абай әлемі
  ru: Мир Абая
subtitle:
  kk: Ақынның туғанына арналған кітап көрмесі
  ru: Книжная выставка ко дню рождения поэта
dates: {start: 2026-08-10, end: 2026-09-10}
venue:
  kk: Оқу залы, 2-қабат
  ru: Читальный зал, 2-й этаж
library:
  name:
    kk: Қалалық орталық кітапхана
    ru: Центральная городская библиотека
  hours:
    kk: Дс–Жм 9:00–19:00
    ru: Пн–Пт 9:00–19:00
  website: https://library.example.kz
intro:
  kk: |
    Абай Құнанбайұлы — қазақтың ұлы ақыны, ойшылы, аудармашысы, жазба әдебиетінің негізін
    салушы. Оның өлеңдері мен қара сөздері халқының рухани мұрасының асыл қазынасы болып
    табылады. Көрмеде ақынның шығармалары, ол туралы зерттеулер мен естеліктер ұсынылған.

    Оқырмандарды Абай әлемімен танысуға, оның даналық сөздерін қайта оқуға шақырамыз.
  ru: |
    Абай Кунанбаев — великий казахский поэт, мыслитель, переводчик, основоположник
    письменной казахской литературы. Его стихи и «Слова назидания» — драгоценная часть
    духовного наследия народа. На выставке представлены произведения поэта, исследования
    и воспоминания о нём.

    Приглашаем читателей открыть для себя мир Абая и перечитать его мудрые слова.
sections:
  - title:
      kk: Ақын шығармалары
      ru: Произведения поэта
    quote:
      text:
        kk: Ғылым таппай мақтанба.
        ru: Не кичись, не познав науки.
      source: Абай
    intro:
      kk: Абайдың өлеңдері, поэмалары мен қара сөздері.
      ru: Стихотворения, поэмы и «Слова назидания» Абая.
    books:
      - title: Қара сөздер
        authors: ["Абай"]
        place: Алматы
        publisher: Жазушы
        year: 2020
        pages: 208
        language: kk
        annotation:
          kk: Ақынның қырық бес қара сөзі — адамгершілік, білім және еңбек туралы толғаныстар.
          ru: Сорок пять «Слов назидания» поэта — размышления о человечности, знании и труде.
        shelfmark: 84(5Қаз)
        location:
          kk: Оқу залы
          ru: Читальный зал
      - title: Слова назидания
        authors: ["Абай"]
        contributors: [{name: "Шафранова, Нина", role: translator}]
        place: Алматы
        year: 2019
        pages: 176
        language: ru
        annotation:
          kk: Қара сөздердің орыс тіліндегі аудармасы.
          ru: Перевод «Слов назидания» на русский язык.
  - title:
      kk: Абай туралы
      ru: Об Абае
    intro:
      kk: Ақынның өмірі мен шығармашылығы туралы зерттеулер.
    books:
      - title: Путь Абая
        authors: ["Ауэзов, Мухтар"]
        place: Алматы
        year: 2017
        pages: 560
        language: ru
        annotation:
          kk: Мұхтар Әуезовтің Абай өмірі туралы роман-эпопеясы.
          ru: Роман-эпопея Мухтара Ауэзова о жизни Абая.
      - title: Абай жолы
        authors: ["Әуезов, Мұхтар"]
        place: Алматы
        year: 2018
        pages: 640
        language: kk
poster:
  headline:
    kk: Абай әлемі
    ru: Мир Абая
"""
KAZAKH_ONLY = set("әғқңөұүһі")


def built(tmp_path_factory, text, only):
    """The output folder of `text` built, and the build's result."""
    folder = tmp_path_factory.mktemp("bilingual") / "abai"
    folder.mkdir()
    (folder / "exhibition.yaml").write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    return out, build(folder, out, only=only, parallel=False)


@pytest.fixture(scope="module")
def flip(tmp_path_factory):
    return built(tmp_path_factory, ABAI, ("booklet", "print", "poster"))


def page_texts(path):
    return [page.get_textpage().get_text_range() for page in pdfium.PdfDocument(path)]


def squeezed(text):  # letter-spaced labels come out with spaces between letters
    return re.sub(r"\s+", "", text.replace("\ufffe", ""))


def reading_direction(page, word, nth=0):
    """+1 when `word` (its `nth` occurrence after the first) runs left to right on `page`,
    -1 when right to left (upside down), and the height of its middle, 0 (bottom) to 1 (top)."""
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    boxes = [textpage.get_charbox(start + i) for i in range(len(word)) if word[i] != " "]
    first, last = boxes[0], boxes[-1]
    height = page.get_height()
    middle = sum((b[1] + b[3]) / 2 for b in boxes) / len(boxes) / height
    return (1 if last[0] > first[0] else -1), middle


def rows(image, height=200):
    """How dark each row of a picture is, 0…1, over `height` rows: its profile."""
    image = image.convert("L").resize((image.width // 2, height))
    data = image.load()
    return [sum(data[x, y] < 128 for x in range(image.width)) / image.width
            for y in range(height)]


def likeness(a, b):
    """How alike two profiles are, 0…1."""
    return sum(min(x, y) for x, y in zip(a, b)) / max(sum(max(x, y) for x, y in zip(a, b)), 1e-9)


def test_flip_first_page_is_the_kazakh_cover_and_last_the_russian_upside_down(flip):
    out, _ = flip
    pdf = pdfium.PdfDocument(out / "booklet.pdf")
    assert len(pdf) % 4 == 0 and len(pdf) >= 8
    assert "Абай әлемі" in page_texts(out / "booklet.pdf")[0]
    assert "Мир Абая" in page_texts(out / "booklet.pdf")[-1]
    assert reading_direction(pdf[0], "Абай әлемі")[0] == 1
    direction, middle = reading_direction(pdf[len(pdf) - 1], "Мир Абая")
    assert direction == -1 and middle < 0.5  # upside down: the cover's title near the bottom
    assert reading_direction(pdf[0], "Абай әлемі")[1] > 0.5


def test_last_page_turned_is_a_cover_like_the_first(flip):
    """By picture: the last page turned half round is laid out as the first one is (the same
    cover, in the other language); as it is, it is not."""
    out, _ = flip
    pdf = pdfium.PdfDocument(out / "booklet.pdf")
    first = pdf[0].render(scale=0.5).to_pil().convert("L")
    last = pdf[len(pdf) - 1].render(scale=0.5).to_pil().convert("L")
    turned, as_is = rows(last.rotate(180)), rows(last)
    assert likeness(rows(first), turned) > 1.5 * likeness(rows(first), as_is)


def test_each_half_in_its_own_language(flip):
    out, _ = flip
    texts = page_texts(out / "booklet.pdf")
    half = len(texts) // 2
    # apart from the library's pages at the centre, in both languages
    inside = [text if "library.example.kz" not in text else "" for text in texts]
    kazakh, russian = squeezed("".join(inside[:half])), squeezed("".join(inside[half:]))
    for word in ["МАЗМҰНЫ", "КІРІСПЕ", "БӨЛІМ1", "Ақыншығармалары", "Абайтуралы",
                 "10тамыз", "Абайдыңөлеңдері", "Ақынныңқырықбесқарасөзі", "Оқузалы,2-қабат"]:
        assert word in kazakh and word not in russian, word
    for word in ["СОДЕРЖАНИЕ", "ВСТУПЛЕНИЕ", "РАЗДЕЛ1", "Произведенияпоэта", "ОбАбае",
                 "10августа", "Сорокпять«Словназидания»", "Читальныйзал,2-йэтаж"]:
        assert word in russian and word not in kazakh, word
    # the library page, at the end of the Kazakh half, in both languages
    assert "ЧАСЫРАБОТЫ" in squeezed(texts[half - 1]) and "ЖҰМЫСУАҚЫТЫ" in squeezed(texts[half - 1])
    # the Russian half is upside down: its pages turned, all of them
    pdf = pdfium.PdfDocument(out / "booklet.pdf")
    assert reading_direction(pdf[half - 1], "Қалалық")[0] == 1
    assert reading_direction(pdf[half - 1], "Центральная")[0] == 1
    for number in range(half, len(texts)):
        line = texts[number].split("\r\n")[0]  # its first line, a heading
        assert reading_direction(pdf[number], line)[0] == -1, number


def test_each_half_numbers_its_own_pages(flip):
    out, _ = flip
    texts = page_texts(out / "booklet.pdf")
    half = len(texts) // 2
    for number in range(2, half):  # the cover and the library page carry no number
        assert str(number) in texts[number - 1].split()[-3:] + texts[number - 1].split()[:3]
        assert str(number) in texts[-number].split()[-3:] + texts[-number].split()[:3]


def test_no_blank_page(flip):
    """Every page has text, or (a page for notes) a heading and ruled lines down it."""
    out, _ = flip
    pdf = pdfium.PdfDocument(out / "booklet.pdf")
    for number, text in enumerate(page_texts(out / "booklet.pdf"), 1):
        picture = pdf[number - 1].render(scale=0.6, grayscale=True).to_pil().convert("L")
        assert len(text.strip()) > 20 or (squeezed(text) and fills([picture])[0]), number


def test_kazakh_hyphenation_only_in_the_kazakh_half(flip):
    hyphenation.install()
    out, _ = flip
    texts = page_texts(out / "booklet.pdf")
    half = len(texts) // 2
    broken = [[m.group(1) + m.group(2) for m in re.finditer(r"(\w+)\ufffe\s*(\w+)", text)]
              for text in texts]
    kazakh = [w for page in broken[:half] for w in page]
    russian = [w for page in broken[half:] for w in page]
    assert kazakh and russian
    assert any(KAZAKH_ONLY & set(w) for w in kazakh)
    assert not any(KAZAKH_ONLY & set(w) for w in russian), russian
    kk, ru = pyphen.Pyphen(lang="kk"), pyphen.Pyphen(lang="ru")
    for text, words, dic in ((texts[:half], kazakh, kk), (texts[half:], russian, ru)):
        for page in text:
            for m in re.finditer(r"(\w+)\ufffe\s*(\w+)", page):
                assert len(m.group(1)) in dic.positions((m.group(1) + m.group(2)).lower()), m.group(0)


def test_missing_translation_is_a_warning_naming_field_language_and_line(flip):
    _, result = flip
    line = ABAI.splitlines().index("      kk: Ақынның өмірі мен шығармашылығы туралы зерттеулер.") + 1
    found = [w for w in result.warnings if "Russian" in w.message]
    assert len(found) == 1
    assert found[0].where == "sections[1].intro" and found[0].line == line  # at the mapping, where `ru:` goes
    assert found[0].severity == "warning" and "Kazakh" in found[0].message


def test_the_print_sheets_fold_into_a_booklet_read_from_both_ends(flip):
    """booklet-print.pdf: the outer sheet's front carries the Russian cover upside down on
    the left, the Kazakh cover upright on the right; the innermost sheet's back, the centre
    spread, the library page in both languages upright on the left, the Russian half's last
    page, its library page in both too, upside down on the right."""
    out, _ = flip
    sheets = pdfium.PdfDocument(out / "booklet-print.pdf")
    texts = page_texts(out / "booklet-print.pdf")
    width = sheets[0].get_width()
    assert "Абай әлемі" in texts[0] and "Мир Абая" in texts[0]
    kk = reading_direction(sheets[0], "Абай әлемі")
    ru = reading_direction(sheets[0], "Мир Абая")
    assert kk[0] == 1 and ru[0] == -1
    textpage = sheets[0].get_textpage()
    left = textpage.get_charbox(texts[0].index("Мир Абая"))[0]
    right = textpage.get_charbox(texts[0].index("Абай әлемі"))[0]
    assert left < width / 2 < right
    centre = sheets[len(sheets) - 1]
    text = texts[-1]
    assert "Қалалық орталық кітапхана" in text and "Центральная городская библиотека" in text
    assert reading_direction(centre, "Қалалық")[0] == 1
    assert reading_direction(centre, "Центральная")[0] == 1
    assert centre.get_textpage().get_charbox(text.index("Қалалық"))[0] < width / 2
    pages = page_texts(out / "booklet.pdf")
    line = pages[len(pages) // 2].split("\r\n")[0]  # the Russian half's last page's heading
    assert line == "Центральная городская библиотека"  # its own library page, Russian first
    assert reading_direction(centre, line, nth=1)[0] == -1
    assert centre.get_textpage().get_charbox(text.index(line, text.index(line) + 1))[0] > width / 2


def test_the_outer_sheet_pictures_both_covers(flip):
    """By picture: the outer sheet's right half is the Kazakh cover as booklet.pdf's first
    page shows it; its left half the Russian cover, upside down as the last page shows it."""
    out, _ = flip
    pages = pdfium.PdfDocument(out / "booklet.pdf")
    sheet = pdfium.PdfDocument(out / "booklet-print.pdf")[0].render(scale=1).to_pil()
    left = sheet.crop((0, 0, sheet.width // 2, sheet.height))
    right = sheet.crop((sheet.width // 2, 0, sheet.width, sheet.height))
    first = pages[0].render(scale=1).to_pil()
    last = pages[len(pages) - 1].render(scale=1).to_pil()
    assert likeness(rows(right), rows(first)) > likeness(rows(right), rows(last))
    assert likeness(rows(left), rows(last)) > 1.5 * likeness(rows(left), rows(last.rotate(180)))
    assert likeness(rows(right), rows(first)) > 0.6


def test_the_press_file_keeps_the_trim_on_turned_pages(flip, tmp_path_factory):
    out, _ = flip
    with pikepdf.open(out / "booklet.pdf") as pdf:
        boxes = {tuple(float(v) for v in page.obj.TrimBox) for page in pdf.pages}
        assert len(boxes) == 1  # the turned pages' boxes turned with them, the same place


def test_the_joined_booklet_is_tagged_each_half_a_part_in_its_language(flip):
    """booklet.pdf keeps both halves' tags: one Document of two Parts (kk, ru); every page's
    key in the parent tree leads to elements of that page, and every element's page is one
    of the booklet's."""
    out, _ = flip
    with pikepdf.open(out / "booklet.pdf") as pdf:
        assert pdf.Root.MarkInfo.Marked
        root = pdf.Root.StructTreeRoot
        parts = list(root.K.K)
        assert root.K.S == "/Document" and [(str(p.S), str(p.Lang)) for p in parts] == \
            [("/Part", "kk"), ("/Part", "ru")]
        pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
        nums = list(root.ParentTree.Nums)
        tree = dict(zip((int(key) for key in nums[::2]), nums[1::2]))
        assert len(tree) == len(nums) // 2  # no key twice
        for index, page in enumerate(pdf.pages):
            found = tree[int(page.obj.StructParents)]
            assert len(found) and all(pages[element.Pg.objgen] == index for element in found
                                      if isinstance(element, pikepdf.Dictionary)), index

        def elements(element, part):
            if not isinstance(element, pikepdf.Dictionary):
                return
            if "/Pg" in element:
                yield part, pages[element.Pg.objgen]
            kids = element.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                yield from elements(kid, part)

        half = len(pdf.pages) // 2
        for number, part in enumerate(parts):
            placed = {index for _, index in elements(part, number)}
            assert placed == (set(range(half)) if number == 0 else set(range(half, 2 * half)))


def test_outline_and_contents_links_lead_into_each_half(flip):
    out, _ = flip
    with pikepdf.open(out / "booklet.pdf") as pdf:
        index = {page.objgen: i for i, page in enumerate(pdf.pages)}
        last = len(pdf.pages) - 1
        with pdf.open_outline() as outline:
            halves = {item.title: (index[item.destination[0].objgen],
                                   {c.title: index[c.destination[0].objgen] for c in item.children})
                      for item in outline.root}
        assert halves["Абай әлемі"][0] == 0 and halves["Мир Абая"][0] == last
        texts = page_texts(out / "booklet.pdf")
        for (title, target) in [*halves["Абай әлемі"][1].items(), *halves["Мир Абая"][1].items()]:
            assert squeezed(title.split()[0]).upper() in squeezed(texts[target]).upper(), title
        # the Russian contents (second page from the back) link to the Russian pages
        contents = pdf.pages[last - 1]
        targets = {index[a.Dest[0].objgen] for a in contents.obj.Annots if "/Dest" in a}
        assert targets and all(last // 2 < t < last for t in targets)
        x0, y0, x1, y1 = (float(v) for v in contents.obj.MediaBox)
        for annot in contents.obj.Annots:  # turned with the page: inside it
            a, b, c, d = (float(v) for v in annot.Rect)
            assert x0 <= min(a, c) and max(a, c) <= x1 and y0 <= min(b, d) and max(b, d) <= y1


def test_poster_carries_both_titles_kazakh_first_and_larger(flip):
    out, _ = flip
    page = pdfium.PdfDocument(out / "poster-a3.pdf")[0]
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    kk, ru = text.index("Абай әлемі"), text.index("Мир Абая")
    kk_box, ru_box = textpage.get_charbox(kk), textpage.get_charbox(ru)
    assert kk_box[1] > ru_box[1]  # above
    assert kk_box[3] - kk_box[1] >= ru_box[3] - ru_box[1]  # and larger or equal
    for both in ["10 тамыз", "10 августа", "Оқу залы", "Читальный зал",
                 "Қалалық орталық кітапхана", "Центральная городская библиотека"]:
        assert both.replace(" ", "") in text.replace(" ", "").replace("\xa0", ""), both


def test_the_schema_allows_texts_per_language():
    schema = json.loads(subprocess.run([sys.executable, "-m", "booklet", "schema"],
                                       capture_output=True, text=True, check=True).stdout)
    title = schema["properties"]["title"]
    assert {"type": "string"} in title["anyOf"]
    mapping = next(s for s in title["anyOf"] if s.get("type") == "object")
    assert set(mapping["properties"]) >= {"kk", "ru"}
    assert any(s.get("type") == "array" for s in schema["properties"]["language"]["anyOf"])


@pytest.mark.parametrize("old, new, where, message", [
    ("  ru: Мир Абая\n", "  kz: Мир Абая\n", "title.kz", "not a language of this exhibition"),
    ("language: [kk, ru]", "language: [kk, kk]", "language", "two different ones"),
    ("language: [kk, ru]", "language: [kk, rus]", "language", "unknown language"),
])
def test_wrong_languages_are_errors_at_their_line(tmp_path, old, new, where, message):
    text = ABAI.replace(old, new, 1)
    folder = tmp_path / "wrong"
    folder.mkdir()
    (folder / "exhibition.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        build(folder, tmp_path / "out", only=("booklet",))
    found = [p for p in caught.value.problems if p.where == where]
    assert found and message in found[0].message, caught.value.problems
    line = text.splitlines().index(new.rstrip("\n")) + 1
    assert found[0].line == line


@pytest.fixture(scope="module")
def parallel(tmp_path_factory):
    text = ABAI.replace("booklet: {size: a6}", "booklet: {size: a6, bilingual: parallel}")
    return built(tmp_path_factory, text, ("booklet",))[0] / "booklet.pdf"


def above(page, first, second):
    """Whether `first` starts above `second` on the page (both on it)."""
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    return textpage.get_charbox(text.index(first))[3] > textpage.get_charbox(text.index(second))[3]


def test_parallel_sets_both_languages_on_each_page_kazakh_first(parallel):
    pdf = pdfium.PdfDocument(parallel)
    texts = page_texts(parallel)
    assert len(texts) % 4 == 0
    for number, page in enumerate(pdf):  # nothing upside down
        for word in re.findall(r"[А-Яа-яӘәҚқҢңӨөҰұҮүІі]{6,}", texts[number])[:3]:
            assert reading_direction(page, word)[0] == 1
    cover = texts[0]
    assert "Абай әлемі" in cover and "Мир Абая" in cover and above(pdf[0], "Абай әлемі", "Мир Абая")
    whole = squeezed("".join(texts))
    for kk, ru in [("МАЗМҰНЫ", "СОДЕРЖАНИЕ"), ("БӨЛІМ /", "РАЗДЕЛ 1"),
                   ("Ақыншығармалары", "Произведенияпоэта"), ("Абайтуралы", "ОбАбае"),
                   ("Ақынныңқырықбесқарасөзі", "Сорокпять«Словназидания»"),
                   ("Абай Құнанбайұлы", "Абай Кунанбаев"), ("10тамыз", "10августа")]:
        assert squeezed(kk) in whole and squeezed(ru) in whole, (kk, ru)
        page = next(i for i, t in enumerate(texts) if squeezed(kk) in squeezed(t))
        assert squeezed(ru) in squeezed(texts[page]), (kk, ru)  # on the same page
    # the introduction: the Kazakh text above the Russian one
    intro = next(i for i, t in enumerate(texts) if "Абай Құнанбайұлы" in t)
    assert above(pdf[intro], "Абай Құнанбайұлы", "Абай Кунанбаев")
    # a text missing in Russian is printed once, not twice
    assert squeezed("".join(texts)).count("Ақынныңөміріменшығармашылығытуралызерттеулер") == 1


def test_the_preview_shows_the_second_half_upright_from_its_cover(flip, tmp_path):
    from booklet.preview.pictures import make
    from booklet.preview.server import tete_beche
    from PIL import Image, ImageChops, ImageStat

    (tmp_path / "flip.yaml").write_text(ABAI, encoding="utf-8")
    (tmp_path / "parallel.yaml").write_text(ABAI.replace("{size: a6}", "{size: a6, bilingual: "
                                                         "parallel}"), encoding="utf-8")
    assert tete_beche(tmp_path / "flip.yaml") and not tete_beche(tmp_path / "parallel.yaml")
    out, result = flip
    booklet = [o for o in result.outputs if o.path.name == "booklet.pdf"]
    found = make(out, booklet, flip=True)
    pages = len(found.pages)
    assert found.second_half == pages // 2
    shown = Image.open(out / found.pages[found.second_half]).convert("L")
    last = pdfium.PdfDocument(out / "booklet.pdf")[pages - 1]
    printed = last.render(scale=shown.width / last.get_width()).to_pil().convert("L")
    printed = printed.resize(shown.size)

    def difference(a, b):
        return ImageStat.Stat(ImageChops.difference(a, b)).mean[0]

    assert difference(shown, printed.rotate(180)) < 0.2 * difference(shown, printed)


SMALL = """\
language: [kk, ru]
booklet: {size: a6}
title: {kk: Абай әлемі, ru: Мир Абая}
library: {name: {kk: Қалалық кітапхана, ru: Городская библиотека}}
sections:
  - title: {kk: Ақын шығармалары, ru: Произведения поэта}
    books:
      - title: Қара сөздер
        authors: ["Абай"]
        year: 2020
"""


def test_a_change_in_the_second_language_alone_rebuilds_the_booklet(tmp_path):
    """…and what both halves show wrong (a blurred cover) is said once."""
    from PIL import Image

    folder = tmp_path / "small"
    (folder / "images").mkdir(parents=True)
    Image.new("RGB", (60, 90), "#446688").save(folder / "images" / "cover.jpg")
    (folder / "exhibition.yaml").write_text(SMALL + "        cover: images/cover.jpg\n",
                                            encoding="utf-8")
    first = build(folder, tmp_path / "out", only=("booklet",), parallel=False)
    blurred = [w for w in first.warnings if w.where.endswith("cover") and "ppi" in w.message]
    assert len(blurred) == 1
    assert "Произведенияпоэта" in squeezed("".join(page_texts(tmp_path / "out" / "booklet.pdf")))
    (folder / "exhibition.yaml").write_text(SMALL.replace("Произведения поэта", "Стихи поэта")
                                            + "        cover: images/cover.jpg\n",
                                            encoding="utf-8")
    result = build(folder, tmp_path / "out", only=("booklet",), parallel=False)
    text = squeezed("".join(page_texts(tmp_path / "out" / "booklet.pdf")))
    assert "Стихипоэта" in text and "Произведенияпоэта" not in text
    assert all(o.seconds > 0 for o in result.outputs)


def test_new_starts_a_bilingual_exhibition(tmp_path):
    from booklet.content.load import load
    from booklet.content.bilingual import bilingual

    subprocess.run([sys.executable, "-m", "booklet", "new", str(tmp_path / "both"),
                    "--language", "kk,ru"], check=True, capture_output=True)
    loaded = load(tmp_path / "both")
    assert bilingual(loaded) == ("kk", "ru")
    assert loaded.exhibition.booklet.bilingual == "flip"
    versions = dict(loaded.versions)
    assert versions["kk"].title != versions["ru"].title
    assert versions["kk"].sections[0].title == "Бірінші бөлім"
    assert versions["ru"].sections[0].title == "Первый раздел"


def test_pages_count_the_whole_tete_beche_booklet(tmp_path):
    folder = tmp_path / "small"
    folder.mkdir()
    (folder / "exhibition.yaml").write_text(SMALL.replace("{size: a6}", "{size: a6, pages: 12}"),
                                            encoding="utf-8")
    build(folder, tmp_path / "out", only=("booklet",), parallel=False)
    texts = page_texts(tmp_path / "out" / "booklet.pdf")
    assert len(texts) == 12 and "Абай әлемі" in texts[0] and "Мир Абая" in texts[-1]
    (folder / "exhibition.yaml").write_text(SMALL.replace("{size: a6}", "{size: a6, pages: 4}"),
                                            encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        build(folder, tmp_path / "out", only=("booklet",), parallel=False)
    natural = int(re.search(r"needs (\d+) pages", str(caught.value.problems[0])).group(1))
    assert natural % 4 == 0 and 4 < natural < 12


def test_a_stand_in_text_is_set_in_its_own_language(tmp_path):
    """The Kazakh intro that stands in for a missing Russian one is marked Kazakh in the
    Russian half: hyphenated and typeset as Kazakh."""
    from booklet.check import prepare
    from booklet.render.booklet import booklet_html
    from booklet.render.flip import half

    folder = tmp_path / "abai"
    folder.mkdir()
    (folder / "exhibition.yaml").write_text(ABAI, encoding="utf-8")
    prepared = prepare(folder)
    russian = booklet_html(half(prepared.loaded, "ru"), prepared.layout)
    kazakh = booklet_html(half(prepared.loaded, "kk"), prepared.layout)
    assert re.search(r'<div lang="kk"><p[^>]*>Ақынның өмірі', russian)
    assert 'lang="kk"><p' not in kazakh and "Ақынның өмірі" in kazakh
    assert '<html lang="ru"' in russian and '<html lang="kk"' in kazakh


def test_the_schema_and_the_projection_name_the_same_fields():
    """The fields the JSON Schema allows per language are those the loader projects."""
    from booklet.content.bilingual import LOCALISED
    from booklet.content.model import Exhibition

    schema = Exhibition.model_json_schema()

    def per_language(node):
        options = node.get("anyOf", [node])
        options = [o for option in options for o in option.get("anyOf", [option])]
        return any(o.get("type") == "object" and "kk" in o.get("properties", {}) for o in options)

    def walk(node, path):
        if "$ref" in node:
            node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        for option in node.get("anyOf", []):
            if "$ref" in option or option.get("type") == "array":
                yield from walk(option, path)
        if node.get("type") == "array":
            yield from walk(node["items"], path + ("*",))
        for key, child in node.get("properties", {}).items():
            if per_language(child):
                yield path + (key,)
            else:
                yield from walk(child, path + (key,))

    assert set(walk(schema, ())) == set(LOCALISED)


# The starter of `booklet new --language kk,ru` in every layout, as a tête-bêche booklet and
# as a parallel one: its pages measured as a reader and a printer see them.
LAYOUTS = ("classic", "memorial", "bright")
MM_PX = 72 / 25.4  # a millimetre in PDF points, which pdfium renders at scale 1


@pytest.fixture(scope="module")
def starters(tmp_path_factory):
    """{(layout, mode): the output folder} of the bilingual starter built, and
    {("warnings", layout, mode): what the build warned of}."""
    from booklet.new import new

    made = {}
    for layout in LAYOUTS:
        for mode in ("flip", "parallel"):
            folder = tmp_path_factory.mktemp("starter") / "both"
            new(folder, "kk,ru", layout)
            yaml = folder / "exhibition.yaml"
            yaml.write_text(re.sub(r"bilingual: flip\b", f"bilingual: {mode}",
                                   yaml.read_text(encoding="utf-8")), encoding="utf-8")
            out = tmp_path_factory.mktemp("out")
            result = build(folder, out, only=("booklet", "print"), parallel=False)
            made[layout, mode] = out
            made["warnings", layout, mode] = [w.message for w in result.warnings]
    return made


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_inside_page_of_each_half_is_over_half_full(starters, layout):
    """Issue #14's rule for each half of the tête-bêche starter: no blank page, pages a
    multiple of 4, no inside page under half full but, in each half, its contents page
    where the sections start overleaf (variant spread: a page with the contents and the
    introduction rather than pages padded with lines for notes). Inside pages: all but the
    covers and the library pages; the Russian ones turned to be read."""
    path = starters[layout, "flip"] / "booklet.pdf"
    pdf = pdfium.PdfDocument(path)
    count, half = len(pdf), len(pdf) // 2
    assert count % 4 == 0
    texts = page_texts(path)
    library = [n for n, text in enumerate(texts) if "library.example.kz" in text]
    assert library[0] == half - 1 and set(library) <= {half - 1, half}
    inside = [n for n in range(1, count - 1) if n not in library]
    pictures = [pdf[n].render(scale=0.6, grayscale=True).to_pil().convert("L") for n in inside]
    pictures = [p.rotate(180) if n >= half else p for n, p in zip(inside, pictures)]
    measured = dict(zip(inside, fills(pictures)))
    assert None not in measured.values(), measured
    under = {n + 1: round(f, 2) for n, f in measured.items() if f < 0.5}
    contents = {n + 1 for n in (1, count - 2) if "Тегі,А." not in squeezed(texts[n])
                and "Фамилия,И." not in squeezed(texts[n])}  # no book on it
    assert len(set(under) - contents) <= 1 and not (set(under) - contents and count == 8), \
        (under, measured)


def ruled_lines(picture):
    """How many rules run across at least half of a greyscale picture's width."""
    data, width = picture.load(), picture.width
    ground = sorted(data[x, picture.height // 2] for x in range(width))[width // 2]
    found, before = 0, False
    for y in range(picture.height):
        ruled = sum(data[x, y] < ground - 25 for x in range(width)) > width / 2
        found += ruled and not before
        before = ruled
    return found


@pytest.mark.parametrize("layout", LAYOUTS)
def test_no_page_of_the_tete_beche_starter_is_padded_with_lines_for_notes(starters, layout):
    """The starter's little content spread over its pages (the sections overleaf from the
    contents, the index run on, the Russian half ending with its library page), not set on
    one page with the rest ruled for notes: no page with 10 ruled lines or more."""
    pdf = pdfium.PdfDocument(starters[layout, "flip"] / "booklet.pdf")
    ruled = {n: ruled_lines(page.render(scale=2, grayscale=True).to_pil().convert("L"))
             for n, page in enumerate(pdf, 1)}
    assert max(ruled.values()) < 10, ruled


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_centre_spread_is_each_halfs_library_page_its_language_first(starters, layout):
    """The centre spread: the library page (address, hours, QR code) in both languages on
    either side, the Kazakh half's upright, Kazakh first; facing it the Russian half's last
    page, turned, Russian first, so that neither reader's half ends on lines for notes. Each
    cover names the library in its own language only. memorial's and classic's library page
    inside is paper (no cover's charcoal, no cover's frame)."""
    path = starters[layout, "flip"] / "booklet.pdf"
    texts = page_texts(path)
    half = len(texts) // 2
    left, right = squeezed(texts[half - 1]), squeezed(texts[half])
    for both in ("Астанақ.,Үлгік-сі,1", "г.Астана,ул.Образцовая,1", "Дс–Жм9:00–19:00",
                 "Пн–Пт9:00–19:00"):
        assert both in left and both in right and sum(both in squeezed(t) for t in texts) == 2
    kk, ru = "Қалалықорталықкітапхана", "Центральнаягородскаябиблиотека"
    assert left.index(kk) < left.index(ru) and right.index(ru) < right.index(kk)
    pdf = pdfium.PdfDocument(path)
    assert reading_direction(pdf[half], "Центральная")[0] == -1
    cover, back = squeezed(texts[0]).casefold(), squeezed(texts[-1]).casefold()
    assert kk.casefold() in cover and ru.casefold() not in cover
    assert ru.casefold() in back and kk.casefold() not in back
    if layout == "bright":  # its library page is teal, as its back cover
        return
    for number in (half - 1, half):
        picture = pdf[number].render(scale=0.5, grayscale=True).to_pil().convert("L")
        histogram = picture.histogram()
        light = sum(histogram[200:]) / (picture.width * picture.height)
        assert light > 0.85, (number + 1, light)  # paper, not a dark page
        assert ruled_lines(picture.rotate(90, expand=True)) == 0  # no frame's sides


def small_text(page):
    """(size in pt, contrast 0…255 in greyscale) of each run of letters on `page`: its font
    size, and how far its darkest or lightest pixel stands from the ground around it."""
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    text = textpage.get_text_range()
    picture = page.render(scale=4, grayscale=True).to_pil().convert("L")
    height = page.get_height()
    found = []
    for match in re.finditer(r"\w[\w ]{2,}\w", text):
        # WeasyPrint draws in CSS px, scaled to ¾ pt: the font's size is given in px
        size = raw.FPDFText_GetFontSize(textpage.raw, match.start()) * 0.75
        boxes = [textpage.get_charbox(i) for i in range(match.start(), match.end())
                 if not text[i].isspace()]
        x0, x1 = min(b[0] for b in boxes) * 4, max(b[2] for b in boxes) * 4
        y0, y1 = (height - max(b[3] for b in boxes)) * 4, (height - min(b[1] for b in boxes)) * 4
        darkest, lightest = picture.crop((int(x0), int(y0), int(x1) + 1, int(y1) + 1)).getextrema()
        around = picture.getpixel((max(0, int(x0) - 8), int((y0 + y1) / 2)))
        found.append((match.group(0), size, max(abs(darkest - around), abs(lightest - around))))
    return found


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_library_page_and_the_covers_read_in_grey(starters, layout):
    """No text on the covers or the library page under 7 pt, nor fainter than 110 of 255
    grey levels from its ground in greyscale; the cover's subtitle 8 pt at least."""
    path = starters[layout, "flip"] / "booklet.pdf"
    pdf = pdfium.PdfDocument(path)
    half = len(pdf) // 2
    for number in (0, half - 1, len(pdf) - 1):
        for words, size, contrast in small_text(pdf[number]):
            assert size >= 6.95 and contrast >= 110, (number + 1, words, size, contrast)
    subtitle = [size for words, size, _ in small_text(pdf[0]) if "КӨРМЕС" in words.upper()]
    assert subtitle and min(subtitle) >= 8
    assert not [w for w in starters["warnings", layout, "flip"] if "greyscale" in w]


def test_classic_cover_foot_reads_at_arms_length(starters):
    """classic's cover foot, on either cover: the dates 10 pt, the venue 9 pt, the library
    7.5 pt (a critic found them at 8.5 and 7 pt, too small under the framed title)."""
    pdf = pdfium.PdfDocument(starters["classic", "flip"] / "booklet.pdf")
    for page, venue in ((pdf[0], "Оқу"), (pdf[len(pdf) - 1], "Читальный")):
        sizes = {words: size for words, size, _ in small_text(page)}
        assert [round(s, 1) for w, s in sizes.items() if "2026" in w] == [10.0]
        assert {round(s, 1) for w, s in sizes.items() if w.startswith(venue)} == {9.0}
        library = [round(s, 1) for w, s in sizes.items() if "КІТАПХАНА" in w or "БИБЛИОТЕКА" in w]
        assert library == [7.5], sizes


def test_no_running_head_over_a_page_that_opens_with_its_heading(flip, starters):
    """A page that opens with its own heading (contents, introduction, author index) has
    no running head above it saying it again, or the exhibition: nothing in its top 15 mm
    (the Russian half's pages turned: their foot). The tête-bêche booklets and the parallel
    starters, every layout."""
    from booklet.text.labels import labels

    headings = {squeezed(labels(lang)[key]).casefold() for lang in ("kk", "ru")
                for key in ("contents", "introduction", "authors_index")}
    paths = [(flip[0], "flip")] + [(starters[layout, mode], mode)
                                   for layout in LAYOUTS for mode in ("flip", "parallel")]
    opening = 0
    for out, mode in paths:
        path = out / "booklet.pdf"
        pdf = pdfium.PdfDocument(path)
        for number, page in enumerate(pdf):
            turned = mode == "flip" and number >= len(pdf) // 2
            width, height = page.get_size()
            textpage = page.get_textpage()
            body = textpage.get_text_bounded(0, 15 * MM_PX, width, height - 15 * MM_PX)
            lines = [squeezed(line).casefold() for line in body.split("\r\n") if line.strip()]
            first = lines[-1 if turned else 0] if lines else ""
            if first.split("/")[0] not in headings:
                continue
            opening += 1
            band = (0, 15 * MM_PX) if turned else (height - 15 * MM_PX, height)
            assert not textpage.get_text_bounded(0, band[0], width, band[1]).strip(), \
                (str(path), number + 1, first)
    assert opening >= 4


def paper(picture, x, y):
    """The picture's colour at (x, y), the middle of a 3 px square."""
    return tuple(sum(c) // 9 for c in zip(*(picture.getpixel((x + i, y + j))
                                             for i in (-1, 0, 1) for j in (-1, 0, 1))))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_office_sheets_print_both_halves_on_white(starters, layout):
    """booklet-print.pdf: every page of either half that the reading copy prints on the
    paper tint is white on the sheets, the turned Russian pages too, and a dark page stays
    as dark; sampled in each page's inner margin, 8 mm from the fold, halfway down. Every
    sheet has the one-language file's frame: white 2.5 mm in from its outer edges, none at
    the fold, where each page prints as it reads."""
    from booklet.press.imposition import sheet_order

    out = starters[layout, "flip"]
    pages = pdfium.PdfDocument(out / "booklet.pdf")
    sheets = pdfium.PdfDocument(out / "booklet-print.pdf")
    reading = {}
    for number in range(1, len(pages) + 1):
        picture = pages[number - 1].render(scale=1).to_pil().convert("RGB")
        x = picture.width - 8 * MM_PX if number % 2 == 0 else 8 * MM_PX
        reading[number] = paper(picture, int(x), picture.height // 2)
    tinted = {n for n, colour in reading.items() if min(colour) > 200}
    assert tinted & set(range(len(pages) // 2 + 1, len(pages) + 1))  # Russian pages among them
    for index, (left, right) in enumerate(sheet_order(len(pages))):
        sheet = sheets[index].render(scale=1).to_pil().convert("RGB")
        middle, y = sheet.width // 2, sheet.height // 2
        for number, x in ((left, middle - 8 * MM_PX), (right, middle + 8 * MM_PX)):
            found = paper(sheet, int(x), y)
            if number in tinted:
                assert min(found) >= 250, (index + 1, number, found, reading[number])
            else:
                assert max(abs(a - b) for a, b in zip(found, reading[number])) < 12, number
                fold = paper(sheet, int(middle + (1 if number == right else -1) * MM_PX), y)
                assert max(abs(a - b) for a, b in zip(fold, found)) < 12, (index + 1, number)
        edge = int(2.5 * MM_PX)
        for x, y in ((edge, y), (sheet.width - edge, y), (middle // 2, edge),
                     (middle // 2, sheet.height - edge)):
            assert min(paper(sheet, x, y)) >= 250, (index + 1, x, y)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_parallel_starter_is_fitted_and_its_cover_plain_text(starters, layout):
    """…the cover's subtitle in both languages, not its markup printed (a subtitle balanced
    into lines was escaped whole)."""
    path = starters[layout, "parallel"] / "booklet.pdf"
    assert_fitted(path)
    assert not [w for w in starters["warnings", layout, "parallel"] if "greyscale" in w]
    cover = page_texts(path)[0]
    assert "ЕСКЕАЛУКҮНІНЕ" in squeezed(cover.upper()) and "КНИЖНАЯВЫСТАВКА" in squeezed(cover.upper())
    assert "<" not in cover
