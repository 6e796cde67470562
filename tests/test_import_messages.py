"""`booklet import` in the librarian's language: the same mistakes under LANG=ru_RU.UTF-8,
kk_KZ.UTF-8 and C.UTF-8 give the same lines, word for word in each language, after the
`FILE: error:` prefix that stays as editors read it; never a traceback."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from booklet import messages

DATA = Path(__file__).parent / "data"
RECORD = (DATA / "nlr-rusmarc.iso").read_bytes().split(b"\x1d")[0] + b"\x1d"
LOCALES = {"ru": "ru_RU.UTF-8", "kk": "kk_KZ.UTF-8", "en": "C.UTF-8"}


def sources(folder: Path) -> None:
    """The bad inputs a librarian brings: each a file of the folder."""
    (folder / "cp1251.csv").write_bytes("Заглавие;Автор\nПуть Абая;Ауэзов\n".encode("cp1251"))
    (folder / "broken.iso").write_bytes(RECORD * 2 + RECORD[:300])
    (folder / "tiny.iso").write_bytes(RECORD[:10])
    (folder / "catalogue.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    (folder / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500)
    (folder / "no-title.csv").write_text("Автор;Год\nАбай;1909\n", encoding="utf-8")
    (folder / "export.xml").write_text("<collection><record><leader>", encoding="utf-8")
    (folder / "exhibition.yaml").write_text(
        "title: Выставка\nsections:\n  - title: Первый\n  - title: Второй\n", encoding="utf-8")


CASES = {  # name: (arguments, {language: what is printed to stderr})
    "a wrong encoding": (["cp1251.csv", "--encoding", "utf-8"], {
        "ru": "cp1251.csv: error: файл cp1251.csv не в кодировке utf-8: байт 0 в неё не "
              "укладывается; укажите нужную через --encoding\n",
        "kk": "cp1251.csv: error: cp1251.csv файлы utf-8 кодтауында емес: 0-байт оған сәйкес "
              "келмейді; дұрысын --encoding арқылы көрсетіңіз\n",
        "en": "cp1251.csv: error: cp1251.csv is not in the utf-8 encoding: byte 0 does not fit "
              "it; give the right one with --encoding\n"}),
    "an unknown encoding": (["tiny.iso", "--encoding", "klingon"], {
        "ru": "tiny.iso: error: неизвестная кодировка klingon\n",
        "kk": "tiny.iso: error: белгісіз кодтау: klingon\n",
        "en": "tiny.iso: error: unknown encoding klingon\n"}),
    "a broken MARC file": (["broken.iso"], {
        "ru": "broken.iso: note: формат: iso2709 (определён автоматически; другой можно указать "
              "через --format)\n"
              "broken.iso: note: кодировка: cp1251 у всех записей (определена по каждой записи; "
              "другую можно указать через --encoding)\n"
              + "".join(f"broken.iso: note: запись {n}: издания в целом «Задачи и этюды» "
                        "(RU\\NLR\\bibl\\5996) нет в этом файле: взято только то, что о нём "
                        "сказано в поле связи\n" for n in (1, 2)) +
              "broken.iso: error: запись 3 (с байта 1124): не читается: оборвана: файл "
              "кончается на 300-м байте записи, а по маркеру записи её длина — 562\n",
        "kk": "broken.iso: note: формат: iso2709 (автоматты түрде анықталды; басқасын --format "
              "арқылы көрсетуге болады)\n"
              "broken.iso: note: кодтау: барлық жазбада cp1251 (әр жазба бойынша анықталды; "
              "басқасын --encoding арқылы көрсетуге болады)\n"
              + "".join(f"broken.iso: note: {n}-жазба: «Задачи и этюды» жалпы басылымы "
                        "(RU\\NLR\\bibl\\5996) бұл файлда жоқ: ол туралы тек байланыс "
                        "өрісіндегі мәлімет алынды\n" for n in (1, 2)) +
              "broken.iso: error: 3-жазба (1124-байттан): оқылмайды: үзілген: файл жазбаның "
              "300-байтында бітеді, ал жазба маркері бойынша оның ұзындығы 562 байт\n",
        "en": "broken.iso: note: format: iso2709 (guessed; give --format to choose)\n"
              "broken.iso: note: encoding: cp1251 for all records (guessed from each record; "
              "give --encoding to choose)\n"
              + "".join(f"broken.iso: note: record {n}: the set «Задачи и этюды» "
                        "(RU\\NLR\\bibl\\5996) is not in this file: only what the link field "
                        "holds of it is used\n" for n in (1, 2)) +
              "broken.iso: error: record 3 (at byte 1124): cannot be read: cut short: the file "
              "ends 300 bytes into the record, which says it is 562 bytes long\n"}),
    "a file of ten bytes": (["tiny.iso"], {
        "ru": "tiny.iso: note: формат: iso2709 (определён автоматически; другой можно указать "
              "через --format)\n"
              "tiny.iso: error: запись 1 (с байта 0): не читается: всего 10 байт, это не целая "
              "запись\n",
        "kk": "tiny.iso: note: формат: iso2709 (автоматты түрде анықталды; басқасын --format "
              "арқылы көрсетуге болады)\n"
              "tiny.iso: error: 1-жазба (0-байттан): оқылмайды: небәрі 10 байт, бұл тұтас жазба "
              "емес\n",
        "en": "tiny.iso: note: format: iso2709 (guessed; give --format to choose)\n"
              "tiny.iso: error: record 1 (at byte 0): cannot be read: only 10 bytes, not a whole "
              "record\n"}),
    "an unknown format: a PDF": (["catalogue.pdf"], {
        "ru": "catalogue.pdf: error: catalogue.pdf — документ PDF, а не выгрузка из каталога\n",
        "kk": "catalogue.pdf: error: catalogue.pdf — PDF құжаты, каталогтан экспортталған файл "
              "емес\n",
        "en": "catalogue.pdf: error: catalogue.pdf is a PDF document, not a catalogue export\n"}),
    "the exhibition itself given as the source": (["exhibition.yaml"], {
        "ru": "exhibition.yaml: error: exhibition.yaml — YAML-файл выставки, а не выгрузка из "
              "каталога; чтобы добавить в него книги, укажите его после --into\n",
        "kk": "exhibition.yaml: error: exhibition.yaml — көрменің YAML файлы, каталогтан "
              "экспортталған файл емес; оған кітап қосу үшін оны --into арқылы көрсетіңіз\n",
        "en": "exhibition.yaml: error: exhibition.yaml is an exhibition's YAML, not a catalogue "
              "export; to add books to it, give it with --into\n"}),
    "an unknown format: an old Excel file": (["old.xls"], {
        "ru": "old.xls: error: old.xls — файл старого Excel (.xls) или Word (.doc): сохраните "
              "его в Excel в формате XLSX или CSV и импортируйте новый файл\n",
        "kk": "old.xls: error: old.xls — ескі Excel (.xls) немесе Word (.doc) файлы: оны "
              "Excel-де XLSX немесе CSV форматында сақтап, жаңа файлды импорттаңыз\n",
        "en": "old.xls: error: old.xls is an old Excel (.xls) or Word (.doc) file: save it from "
              "Excel as .xlsx or as CSV and import that\n"}),
    "a CSV without a title column": (["no-title.csv"], {
        "ru": "no-title.csv: error: нет столбца с заглавием: назовите столбец одним из слов "
              "`title`, `заглавие`, `название`; в первой строке, заголовке таблицы, сейчас: "
              "Автор, Год\n",
        "kk": "no-title.csv: error: кітап атауының бағаны жоқ: бағандардың бірін `title`, "
              "`заглавие`, `название` сөздерінің бірімен атаңыз; бірінші жолда, кесте "
              "тақырыбында, қазір: Автор, Год\n",
        "en": "no-title.csv: error: no column for the title: name one `title`, `заглавие`, "
              "`название`; the first line, the header, has Автор, Год\n"}),
    "a CSV given as MARC": (["no-title.csv", "--format", "marc21"], {
        "ru": "no-title.csv: error: запись 1 (с байта 0): не читается: в начале нет длины записи "
              "из пяти цифр, как в ISO 2709; это точно файл MARC (ISO 2709)?\n",
        "kk": "no-title.csv: error: 1-жазба (0-байттан): оқылмайды: басында ISO 2709 "
              "жазбаларындағыдай бес цифрлы жазба ұзындығы жоқ; бұл шынымен MARC (ISO 2709) "
              "файлы ма?\n",
        "en": "no-title.csv: error: record 1 (at byte 0): cannot be read: it does not start with "
              "its length in five digits, as an ISO 2709 record does; is the file really MARC "
              "(ISO 2709)?\n"}),
    "broken XML": (["export.xml"], {
        "ru": "export.xml: error: XML составлен неверно: строка 1, позиция 29: файл кончается "
              "раньше, чем закрыт XML\n",
        "kk": "export.xml: error: XML дұрыс құрылмаған: 1-жол, 29-позиция: файл XML жабылмай "
              "тұрып аяқталады\n",
        "en": "export.xml: error: not well-formed XML: line 1, column 29: the file ends before "
              "the XML is closed\n"}),
    "--into a section the file has not": (
        [DATA / "marc8.mrc", "--format", "marc21", "--encoding", "marc8",
         "--into", "exhibition.yaml", "--section", "5"], {
            "ru": "exhibition.yaml:3:3: error: sections: раздела 5 нет: в файле 2 раздела (они "
                  "считаются с 1, как в буклете)\n",
            "kk": "exhibition.yaml:3:3: error: sections: 5-бөлім жоқ: файлда 2 бөлім бар (олар "
                  "буклеттегідей 1-ден бастап саналады)\n",
            "en": "exhibition.yaml:3:3: error: sections: no section 5: the file has 2 (they count "
                  "from 1, as printed in the booklet)\n"}),
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    path = tmp_path_factory.mktemp("import-messages")
    sources(path)
    return path


@pytest.mark.parametrize("code", LOCALES)
@pytest.mark.parametrize("case", CASES)
def test_the_same_import_mistakes_in_each_language_exactly(folder, case, code):
    arguments, said = CASES[case]
    env = {k: v for k, v in os.environ.items()
           if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")} | {"LANG": LOCALES[code]}
    yaml_before = (folder / "exhibition.yaml").read_bytes()
    run = subprocess.run([sys.executable, "-m", "booklet", "import", *map(str, arguments)],
                         cwd=folder, env=env, capture_output=True, text=True)
    assert (run.returncode, run.stderr) == (1, said[code])
    assert (folder / "exhibition.yaml").read_bytes() == yaml_before


@pytest.mark.parametrize("code, counts, expected", [
    ("ru", [1, 2, 5, 21], ["1 запись", "2 записи", "5 записей", "21 запись"]),
    ("kk", [1, 2, 5, 21], ["1 жазба", "2 жазба", "5 жазба", "21 жазба"]),
    ("en", [1, 2, 5, 21], ["1 record", "2 records", "5 records", "21 records"]),
])
def test_records_are_counted_as_the_language_counts_them(code, counts, expected):
    """A file whose records come in two encodings says how many are in each."""
    messages.use(code)
    try:
        said = [messages.ngettext(
            "encoding: {encoding} for {n} record (guessed from each record; give --encoding "
            "to choose)", "encoding: {encoding} for {n} records (guessed from each record; give "
            "--encoding to choose)", n).format(encoding="cp1251", n=n) for n in counts]
    finally:
        messages.use(None)
    for line, words in zip(said, expected):
        assert words in line.replace(" — ", " ")


def test_two_encodings_in_one_file_are_said_with_the_number_of_records(tmp_path):
    from booklet.importers import import_books

    path = tmp_path / "mixed.iso"
    path.write_bytes(RECORD * 2 + _as_utf8(RECORD) * 5)
    messages.use("ru")
    try:
        notes = import_books(path).notes
    finally:
        messages.use(None)
    assert [n for n in notes if n.startswith("кодировка")] == [
        "кодировка: cp1251 — 2 записи (определена по каждой записи; другую можно указать через "
        "--encoding)",
        "кодировка: utf-8 — 5 записей (определена по каждой записи; другую можно указать через "
        "--encoding)"]


def _as_utf8(record: bytes) -> bytes:
    """The record in UTF-8, its length and directory made right again."""
    from booklet.importers.iso2709 import records

    read = next(records(record))
    read.record.force_utf8 = True
    return read.record.as_marc()
