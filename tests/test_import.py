"""Importing from catalogue exports the tests write themselves: MARC21, RUSMARC (UTF-8 and
cp1251), ИРБИС text, CSV. Every mapped field is checked exactly."""

import subprocess
import sys

import pypdfium2 as pdfium
import pytest
from pymarc import Field, Record, Subfield

from booklet.build import build
from booklet.importers import import_books, to_yaml
from booklet.importers.into import append_books

ANNOTATION = "Очерки истории Казахстана для старших школьников."
HISTORY = {
    "title": "История Казахстана", "subtitle": "очерки",
    "authors": ["Абенов, Ерлан", "Бекова, Айгуль", "Ветров, Олег", "Гуляева, Нина"],
    "contributors": [{"name": "Иванова, А. П.", "role": "translator"}],
    "edition": "2-е изд., доп.", "series": "История Казахстана", "place": "Алматы",
    "publisher": "Атамура", "year": 2010, "pages": 320, "isbn": "978-5-4448-1257-0",
    "language": "ru", "annotation": ANNOTATION, "shelfmark": "63.3(5Каз)",
    "location": "Читальный зал",
}
ABAI = {"title": "Путь Абая", "volume": "Т. 2", "authors": ["Ауэзов, Мухтар"],
        "place": "Алматы", "publisher": "Жазушы", "year": 1997, "pages": 480, "language": "ru"}


def iso2709(records, encoding, leader9=" "):
    """ISO 2709 written by hand, so that any encoding can be had (pymarc writes UTF-8)."""
    out = b""
    for fields in records:
        directory, data = b"", b""
        for tag, subfields in fields:
            body = b"  " + b"".join(b"\x1f" + code.encode() + value.encode(encoding)
                                    for code, value in subfields) + b"\x1e"
            directory += tag.encode() + b"%04d%05d" % (len(body), len(data))
            data += body
        base = 24 + len(directory) + 1
        length = base + len(data) + 1
        leader = b"%05dnam %s22%05d   4500" % (length, leader9.encode(), base)
        out += leader + directory + b"\x1e" + data + b"\x1d"
    return out


RUSMARC = [
    [("010", [("a", "978-5-4448-1257-0")]), ("101", [("a", "rus")]),
     ("200", [("a", "История Казахстана"), ("e", "очерки"), ("f", "Е. Абенов [и др.]")]),
     ("205", [("a", "2-е изд., доп.")]),
     ("210", [("a", "Алматы"), ("c", "Атамура"), ("d", "2010")]), ("215", [("a", "320 с.")]),
     ("225", [("a", "История Казахстана")]), ("330", [("a", ANNOTATION)]),
     ("700", [("a", "Абенов"), ("g", "Ерлан")]), ("701", [("a", "Бекова"), ("g", "Айгуль")]),
     ("701", [("a", "Ветров"), ("g", "Олег")]), ("701", [("a", "Гуляева"), ("g", "Нина")]),
     ("702", [("a", "Иванова"), ("b", "А. П."), ("4", "730")]),
     ("899", [("a", "Читальный зал"), ("j", "63.3(5Каз)")])],
    [("101", [("a", "rus")]), ("200", [("a", "Путь Абая"), ("h", "Т. 2")]),
     ("210", [("a", "Алматы"), ("c", "Жазушы"), ("d", "1997")]), ("215", [("a", "480 с.")]),
     ("700", [("a", "Ауэзов"), ("g", "Мухтар")])],
    [("101", [("a", "rus")]), ("215", [("a", "100 с.")])],  # no title: skipped
]


@pytest.mark.parametrize("encoding", ["utf-8", "cp1251"])
def test_rusmarc(tmp_path, encoding):
    path = tmp_path / "export.iso"
    path.write_bytes(iso2709(RUSMARC, encoding))
    result = import_books(path)
    assert result.books == [HISTORY, ABAI]
    assert result.skipped == ["record 3: no title, skipped"]
    assert f"encoding: {encoding} for all records (guessed from each record; give --encoding " \
           "to choose)" in result.notes


def test_marc21_with_isbd_punctuation(tmp_path):
    record = Record(force_utf8=True)
    record.leader = record.leader[:9] + "a" + record.leader[10:]
    for tag, subfields in [
        ("020", [("a", "9785444812570 (в пер.)")]), ("041", [("a", "rus")]),
        ("100", [("a", "Абенов, Ерлан,"), ("e", "author.")]),
        ("245", [("a", "История Казахстана :"), ("b", "очерки /"), ("c", "Е. Абенов [и др.].")]),
        ("250", [("a", "2-е изд., доп.")]),
        ("264", [("a", "Алматы :"), ("b", "Атамура,"), ("c", "2010.")]),
        ("300", [("a", "320 с. ;")]), ("490", [("a", "История Казахстана ;")]),
        ("520", [("a", ANNOTATION)]),
        ("700", [("a", "Бекова, Айгуль,"), ("e", "author.")]), ("700", [("a", "Ветров, Олег.")]),
        ("700", [("a", "Гуляева, Нина.")]), ("700", [("a", "Иванова, А. П.,"), ("e", "translator.")]),
        ("852", [("b", "Читальный зал"), ("h", "63.3(5Каз)")])]:
        record.add_field(Field(tag=tag, indicators=["1", "0"],
                               subfields=[Subfield(c, v) for c, v in subfields]))
    path = tmp_path / "export.mrc"
    path.write_bytes(record.as_marc())
    result = import_books(path, "marc21", "utf-8")
    assert result.books == [dict(HISTORY, isbn="9785444812570")]
    assert not result.skipped and not result.notes


IRBIS = """#10: ^a978-5-4448-1257-0
#101: rus
#200: ^aИстория Казахстана^eочерки^fЕ. Абенов [и др.]
#205: ^a2-е изд., доп.
#210: ^aАлматы^cАтамура^d2010
#215: ^a320
#225: ^aИстория Казахстана
#331: {annotation}
#700: ^aАбенов^gЕрлан
#701: ^aБекова^gАйгуль
#701: ^aВетров^gОлег
#701: ^aГуляева^gНина
#702: ^aИванова^bА. П.^4730
#910: ^a0^b12345^dЧитальный зал^r63.3(5Каз)
#621: 63.3(5Каз)
*****
#101: rus
#200: ^aПуть Абая^hТ. 2
#210: ^aАлматы^cЖазушы^d1997
#215: ^a480
#700: ^aАуэзов^gМухтар
*****
""".format(annotation=ANNOTATION)


def test_irbis_text_in_cp1251(tmp_path):
    path = tmp_path / "export.txt"
    path.write_bytes(IRBIS.replace("\n", "\r\n").encode("cp1251"))
    result = import_books(path)
    assert result.books == [HISTORY, ABAI]
    assert "format: irbis (guessed; give --format to choose)" in result.notes
    assert "encoding: cp1251 (guessed; give --encoding to choose)" in result.notes


CSV = (
    "Заглавие;Подзаголовок;Авторы;Издание;Город;Издательство;Год;Страниц;ISBN;Язык;Аннотация;Шифр;Место хранения\n"
    f'История Казахстана;очерки;"Абенов, Ерлан; Бекова, Айгуль; Ветров, Олег; Гуляева, Нина";'
    f"2-е изд., доп.;Алматы;Атамура;2010;320 с.;978-5-4448-1257-0;русский;{ANNOTATION};63.3(5Каз);Читальный зал\n"
    ";;;;;;;;;;;;\n"
    ";;Без заглавия;;;;2001;;;;;;\n"
)


def test_csv_with_russian_headers(tmp_path):
    path = tmp_path / "books.csv"
    path.write_text(CSV, encoding="utf-8")
    result = import_books(path)
    expected = {k: v for k, v in HISTORY.items() if k not in ("contributors", "series")}
    assert result.books == [expected]
    assert result.skipped == ["line 4: no title, skipped"]


def test_csv_without_a_title_column_names_it(tmp_path):
    path = tmp_path / "books.csv"
    path.write_text("Автор,Год\nАбай,1909\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "booklet", "import", str(path)],
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert run.stderr == f"{path}: error: no column for the title: name one `title`, `заглавие`, " \
                         "`название`; the first line, the header, has Автор, Год\n"


def test_cli_prints_yaml_and_exits_1_when_something_was_skipped(tmp_path):
    path = tmp_path / "export.iso"
    path.write_bytes(iso2709(RUSMARC, "utf-8"))
    run = subprocess.run([sys.executable, "-m", "booklet", "import", str(path)],
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert "error: record 3: no title, skipped" in run.stderr
    assert run.stdout.startswith("books:\n- title: История Казахстана\n  subtitle: очерки\n")


def test_into_keeps_the_rest_of_the_file(tmp_path):
    path = tmp_path / "exhibition.yaml"
    original = ("# выставка\ntitle: A  # заглавие\nlibrary: {name: B}\nsections:\n"
                "  - title: Первый\n    books:\n      - title: Было\n\n  # второй раздел\n"
                "  - title: Второй\n")
    path.write_text(original, encoding="utf-8")
    append_books(path, 1, [ABAI])
    append_books(path, 2, [{"title": "Новая"}])
    assert path.read_text(encoding="utf-8") == (
        "# выставка\ntitle: A  # заглавие\nlibrary: {name: B}\nsections:\n"
        "  - title: Первый\n    books:\n      - title: Было\n"
        "      - title: Путь Абая\n        volume: Т. 2\n        authors:\n        - Ауэзов, Мухтар\n"
        "        place: Алматы\n        publisher: Жазушы\n        year: 1997\n        pages: 480\n"
        "        language: ru\n"
        "\n  # второй раздел\n  - title: Второй\n    books:\n      - title: Новая\n")


def test_import_then_build_is_the_hand_written_booklet(tmp_path, exhibition):
    head = "title: Выставка\nlibrary: {name: Библиотека}\nsections:\n  - title: Раздел\n    books:\n"
    by_hand = exhibition(head + "".join("      " + line + "\n" for line in
                                        to_yaml([HISTORY, ABAI]).splitlines()[1:]))
    imported = tmp_path / "imported"
    imported.mkdir()
    (imported / "exhibition.yaml").write_text(head + "      - title: Заглушка\n", encoding="utf-8")
    source = tmp_path / "export.iso"
    source.write_bytes(iso2709(RUSMARC[:2], "cp1251"))
    run = subprocess.run([sys.executable, "-m", "booklet", "import", str(source), "--into",
                          str(imported / "exhibition.yaml"), "--section", "1"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    text = (imported / "exhibition.yaml").read_text(encoding="utf-8")
    (imported / "exhibition.yaml").write_text(text.replace("      - title: Заглушка\n", ""),
                                              encoding="utf-8")

    def pages(folder, out):
        [output] = build(folder, out, only=("booklet",)).outputs
        return [p.get_textpage().get_text_range() for p in pdfium.PdfDocument(output.path)]

    assert pages(imported, tmp_path / "a") == pages(by_hand, tmp_path / "b")
