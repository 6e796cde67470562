"""What goes wrong when librarians import: broken and odd sources, a malformed or locked
`--into` target, a full disk. Each gives one clear line, no traceback, and leaves the
librarian's YAML as it was."""

import codecs
import contextlib
import io
import os
import resource
import signal
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from booklet.importers import SourceError, import_books

DATA = Path(__file__).parent / "data"
RECORD = (DATA / "nlr-rusmarc.iso").read_bytes().split(b"\x1d")[0] + b"\x1d"
EXHIBITION = ("# выставка\ntitle: Выставка\nlibrary: {name: Библиотека}\nsections:\n"
              "  - title: Первый\n    books:\n      - title: Было\n")


def run(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "booklet", "import", *map(str, args)],
                          capture_output=True, text=True, **kwargs)


def one_clear_line(stderr: str, start: str) -> str:
    errors = [line for line in stderr.splitlines() if ": error: " in line]
    assert "Traceback" not in stderr and len(errors) == 1, stderr
    assert errors[0].startswith(start), stderr
    return errors[0]


# ------------------------------------------------------------------ sources

def test_one_column_csv(tmp_path):
    path = tmp_path / "books.csv"
    path.write_text("Заглавие\nПуть Абая\nКөшпенділер\n", encoding="utf-8")
    assert import_books(path).books == [{"title": "Путь Абая"}, {"title": "Көшпенділер"}]


def test_header_only_csv_says_no_books(tmp_path):
    path = tmp_path / "books.csv"
    path.write_text("Заглавие;Автор\n", encoding="utf-8")
    result = run(path)
    assert result.returncode == 0 and result.stdout == "books: []\n"
    assert f"{path}: note: no books found" in result.stderr


def test_a_truncated_iso_file_is_not_taken_for_csv(tmp_path):
    path = tmp_path / "export.iso"
    path.write_bytes(RECORD[:10])
    result = run(path)
    assert result.returncode == 1
    one_clear_line(result.stderr, f"{path}: error: record 1 (at byte 0): cannot be read: only "
                                  "10 bytes, not a whole record")


def test_a_record_cut_short_names_its_number_and_offset(tmp_path):
    path = tmp_path / "export.iso"
    path.write_bytes(RECORD * 2 + RECORD[:300])
    result = run(path)
    assert result.returncode == 1
    one_clear_line(result.stderr, f"{path}: error: record 3 (at byte {2 * len(RECORD)}): cannot "
                                  "be read: cut short: the file ends 300 bytes into the record, "
                                  "which says it is 562 bytes long")
    assert result.stdout.count("- title: Задачи и этюды") == 2


def test_a_trailing_newline_is_no_error_and_eof_junk_is_a_note(tmp_path):
    path = tmp_path / "export.iso"
    path.write_bytes(RECORD + b"\r\n")
    assert run(path).returncode == 0
    path.write_bytes(RECORD + b"\x1a\r\nEND")
    result = import_books(path)
    assert len(result.books) == 1 and not result.skipped
    assert f"3 bytes after the last record (at byte {len(RECORD) + 3}) are not a record; " \
           "left out" in result.notes


def test_a_10_mb_csv_field(tmp_path):
    path = tmp_path / "books.csv"
    path.write_text("title,annotation\nA," + "x" * 10_000_000 + "\n", encoding="utf-8")
    result = run(path)
    assert result.returncode == 1
    one_clear_line(result.stderr, f"{path}: error: line 2: a field longer than 131072 "
                                  "characters: is it really a table of books?")


def test_a_nul_in_a_csv_is_shown_escaped(tmp_path):
    path = tmp_path / "books.csv"
    path.write_bytes(b"a\x00b,c\n")
    result = run(path)
    line = one_clear_line(result.stderr, f"{path}: error: no column for the title")
    assert "a\\x00b" in line and "\x00" not in result.stderr


def test_broken_xml(tmp_path):
    path = tmp_path / "export.xml"
    path.write_text('<collection xmlns="http://www.loc.gov/MARC21/slim"><record><leader>',
                    encoding="utf-8")
    result = run(path)
    assert result.returncode == 1
    one_clear_line(result.stderr, f"{path}: error: not well-formed XML: line 1, column 68: "
                                  "the file ends before the XML is closed")


def test_xml_entities_are_refused(tmp_path):
    path = tmp_path / "export.xml"
    path.write_text('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]>'
                    "<collection><record>&a;</record></collection>", encoding="utf-8")
    with pytest.raises(SourceError, match="DOCTYPE or entities"):
        import_books(path)


def test_irbis_text_given_as_rusmarc_is_read_as_irbis_text():
    result = import_books(DATA / "irbis-records.txt", "rusmarc")
    assert result.books == import_books(DATA / "irbis-records.txt").books


@pytest.mark.parametrize("name", ["klingon", "base64", "idna"])  # no codec; not text; strict
def test_an_unknown_encoding(tmp_path, name):
    path = tmp_path / "export.iso"
    path.write_bytes(RECORD)
    result = run(path, "--encoding", name)
    assert result.returncode == 1
    one_clear_line(result.stderr, f"{path}: error: unknown encoding {name}")


def test_xlsx_as_a_library_exports_it(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Заглавие", "Автор", "Год", "Кол-во страниц", "ISBN", "Инв. номер"])
    sheet.append(["Путь Абая", "Ауэзов, Мухтар", 1997.0, "[2], 450–886 с.", "5-900776-31-х", 17])
    sheet.append([None, None, None, None, None, None])
    sheet.append(["Абай", None, 2010, 480, None, 18])
    path = tmp_path / "catalogue.xlsx"
    book.save(path)
    result = import_books(path)
    assert result.books == [
        {"title": "Путь Абая", "authors": ["Ауэзов, Мухтар"], "year": 1997,
         "extent": "[2], 450–886 с.", "isbn": "5-900776-31-X"},  # a Cyrillic х is the Latin X
        {"title": "Абай", "year": 2010, "pages": 480}]
    assert "column «Инв. номер» is not a field of a book; left out" in result.notes
    assert "format: xlsx (guessed; give --format to choose)" in result.notes


def test_a_broken_xlsx(tmp_path):
    path = tmp_path / "catalogue.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    result = run(path)
    assert result.returncode == 1
    one_clear_line(result.stderr, f"{path}: error: not a readable XLSX workbook")


def _workbook() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["Заглавие", "Год"])
    book.active.append(["Путь Абая", 1997])
    saved = io.BytesIO()
    book.save(saved)
    return saved.getvalue()


WORKBOOK = _workbook()
PARTS = zipfile.ZipFile(io.BytesIO(WORKBOOK)).namelist()


@pytest.mark.parametrize("damage", ["garbage", "cut", "missing"])
def test_a_damaged_part_of_a_workbook_is_one_line_never_a_traceback(tmp_path, capfd, damage):
    """openpyxl raises what its parsers raise (lxml's XMLSyntaxError, IndexError…) on a
    workbook with a part broken or missing; each part in turn."""
    for part in PARTS:
        path = tmp_path / "catalogue.xlsx"
        with zipfile.ZipFile(io.BytesIO(WORKBOOK)) as source, \
                zipfile.ZipFile(path, "w") as damaged:
            for name in source.namelist():
                data = source.read(name)
                if name == part and damage == "missing":
                    continue
                if name == part:
                    data = b"<x" if damage == "garbage" else data[:len(data) // 2]
                damaged.writestr(name, data)
        try:
            result = import_books(path)
        except SourceError as exc:
            assert str(exc).startswith("not a readable XLSX workbook"), part
        else:
            assert result.books == [{"title": "Путь Абая", "year": 1997}], part
    assert capfd.readouterr() == ("", "")


def test_a_javascript_link_is_left_out_with_a_note(tmp_path):
    path = tmp_path / "books.csv"
    path.write_text("title,link\nА,javascript:alert(1)\nБ,https://catalog.example.kz/1\n",
                    encoding="utf-8")
    result = import_books(path)
    assert result.books == [{"title": "А"}, {"title": "Б", "link": "https://catalog.example.kz/1"}]
    assert any(note.startswith("line 2: `link` left out: expected a web address")
               for note in result.notes)


def iso_mutations():
    """A real record, cut anywhere, with its length, base address or directory bytes
    replaced, or bytes dropped in."""
    base = RECORD * 2
    position = st.integers(0, len(base) - 1)
    return st.one_of(
        position.map(lambda at: base[:at]),
        st.tuples(st.binary(min_size=5, max_size=5), st.sampled_from([0, 12])).map(
            lambda pair: base[:pair[1]] + pair[0] + base[pair[1] + 5:]),
        st.tuples(st.integers(24, 24 + 12 * 9), st.binary(min_size=1, max_size=12)).map(
            lambda pair: base[:pair[0]] + pair[1] + base[pair[0] + len(pair[1]):]),
        st.tuples(position, st.binary(max_size=40)).map(
            lambda pair: base[:pair[0]] + pair[1] + base[pair[0]:]),
    )


@given(raw=iso_mutations())
@example(raw=(RECORD * 2)[:817] + b"\x00\n" + (RECORD * 2)[817:])  # a line break in an ISBN
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_broken_iso_2709_gives_lines_never_a_traceback(raw):
    from booklet.content.model import Book

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.iso"
        path.write_bytes(raw)
        said = io.StringIO()
        try:
            with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):
                result = import_books(path, "rusmarc")
        except SourceError as exc:
            assert "\n" not in str(exc)
            return
        finally:
            assert said.getvalue() == ""  # nothing printed behind our back
    for line in result.notes + result.skipped:
        assert "\n" not in line and "\r" not in line
    for book in result.books:
        Book.model_validate(book)


def test_broken_iso_through_the_command_line(tmp_path):
    first_field_end = RECORD.index(b"\x1e", RECORD.index(b"\x1e") + 1)
    cases = {"cut.iso": RECORD[:200], "directory.iso": RECORD[:30] + b"x#" + RECORD[32:],
             "lost-end-mark.iso": RECORD[:first_field_end] + b"x" + RECORD[first_field_end + 1:]}
    for name, raw in cases.items():
        (tmp_path / name).write_bytes(raw)
        result = run(tmp_path / name, "--format", "rusmarc")
        assert result.returncode == 1, name
        one_clear_line(result.stderr, f"{tmp_path / name}: error: record 1 (at byte 0): "
                                      "cannot be read: ")


def test_a_wrong_record_length_is_read_to_the_end_mark_with_a_note(tmp_path):
    path = tmp_path / "export.iso"
    path.write_bytes(b"99999" + RECORD[5:])
    result = run(path)
    assert result.returncode == 0 and "- title: Задачи и этюды" in result.stdout
    assert f"{path}: note: record 1 (at byte 0): its leader says 99999 bytes, it has 562 to " \
           "its end mark; read so" in result.stderr.splitlines()


def test_wrong_directory_offsets_are_read_at_the_end_marks_with_a_note(tmp_path):
    path = tmp_path / "export.iso"
    path.write_bytes(RECORD[:24 + 12 * 3 + 7] + b"99999" + RECORD[24 + 12 * 3 + 12:])
    result = import_books(path)
    path.write_bytes(RECORD)
    assert result.books == import_books(path).books
    assert "record 1 (at byte 0): its directory's lengths are wrong; the fields were read to " \
           "their end marks" in result.notes


# ------------------------------------------------------------------ --into

@pytest.fixture
def target(tmp_path):
    path = tmp_path / "exhibition.yaml"
    path.write_text(EXHIBITION, encoding="utf-8")
    return path


MALFORMED = {  # case: (text, --section, the line)
    "missing": (None, 1, "1:1: error: no such file"),
    "not-yaml": ("title: [\n", 1, "2:1: error: not valid YAML"),
    "not-utf8": ("\udcff\udcfe", 1, "1:1: error: not UTF-8 text"),
    "empty": ("", 1, "1:1: error: not an exhibition"),
    "a list at the top": ("- a\n- b\n", 1, "1:1: error: not an exhibition"),
    "no sections": ("title: A\n", 1, "1:1: error: sections: no section 1: the file has none"),
    "sections not a list": ("title: A\nsections: 5\n", 1, "2:11: error: sections: no section 1"),
    "no such section": ("title: A\nsections:\n  - title: S\n", 2,
                        "3:3: error: sections: no section 2: the file has 1 (they count from 1"),
    "section 0": ("title: A\nsections:\n  - title: S\n", 0, "3:3: error: sections: no section 0"),
    "a section that is a word": ("title: A\nsections:\n  - S\n  - x\n", 2,
                                 "4:5: error: sections[2]: expected a section"),
    "books as a mapping": ("title: A\nsections:\n  - title: S\n  - title: T\n    books: {a: 1}\n",
                           2, "5:12: error: sections[2].books: write the books as a list"),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_every_malformed_into_target_is_one_line_and_untouched(tmp_path, case):
    text, section, message = MALFORMED[case]
    path = tmp_path / "exhibition.yaml"
    if text is not None:
        path.write_bytes(text.encode("utf-8", "surrogateescape"))
    result = run(DATA / "marc8.mrc", "--into", path, "--section", section)
    assert result.returncode == 1
    one_clear_line(result.stderr, f"{path}:{message}")
    assert not path.exists() if text is None else path.read_bytes() == text.encode(
        "utf-8", "surrogateescape")


def test_into_a_folder(tmp_path):
    result = run(DATA / "marc8.mrc", "--into", tmp_path)
    assert result.returncode == 1
    one_clear_line(result.stderr, f"{tmp_path}:1:1: error: a folder, not the exhibition's YAML")


def test_into_keeps_a_bom_and_crlf_and_skips_books_already_there(target):
    original = codecs.BOM_UTF8 + EXHIBITION.replace("\n", "\r\n").encode("utf-8")
    target.write_bytes(original)
    first = run(DATA / "marc8.mrc", "--into", target)
    assert first.returncode == 0 and "added 1 book to section 1 of" in first.stderr
    after = target.read_bytes()
    assert after.startswith(original)
    assert after[len(original):] == ("      - title: Escape from loneliness\r\n"
                                     "        authors:\r\n        - Tournier, Paul\r\n"
                                     "        place: Philadelphia\r\n"
                                     "        publisher: Westminster Press\r\n"
                                     "        year: 1962\r\n        pages: 192\r\n"
                                     "        language: en\r\n").encode("utf-8")
    second = run(DATA / "marc8.mrc", "--into", target)
    assert second.returncode == 0
    assert "added 0 books to section 1 of" in second.stderr
    assert "; 1 already there, left out" in second.stderr
    assert target.read_bytes() == after


def test_into_skips_the_same_isbn_written_otherwise(target):
    target.write_text(EXHIBITION + "        isbn: 5 86150 048 7\n", encoding="utf-8")
    result = run(DATA / "irbis-records.txt", "--into", target)
    assert "added 2 books" in result.stderr and "1 already there" in result.stderr


def test_nothing_is_appended_when_a_record_is_skipped(target):
    source = target.parent / "export.iso"
    source.write_bytes(RECORD + RECORD[:100])
    result = run(source, "--into", target)
    assert result.returncode == 1
    assert "nothing was added to" in result.stderr
    assert target.read_text(encoding="utf-8") == EXHIBITION


def limit_file_size():
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (len(EXHIBITION.encode()) + 64,) * 2)


def test_a_full_disk_leaves_the_yaml_whole(target):
    result = run(DATA / "nlr-rusmarc.iso", "--into", target, preexec_fn=limit_file_size)
    assert result.returncode == 1
    one_clear_line(result.stderr, f"{target}: error: cannot write it (the file is too large); it is "
                                  "as it was")
    assert target.read_text(encoding="utf-8") == EXHIBITION
    assert os.listdir(target.parent) == ["exhibition.yaml"]  # no temporary file left


def test_into_an_empty_books_list_keeps_its_comment(tmp_path):
    path = tmp_path / "exhibition.yaml"
    path.write_text("title: A\nsections:\n  - title: S\n    books: []  # пока пусто\n"
                    "  - title: T\n    books:\n", encoding="utf-8")
    for section in ("1", "2"):
        assert run(DATA / "marc8.mrc", "--into", path, "--section", section).returncode == 0
    book = ("      - title: Escape from loneliness\n        authors:\n        - Tournier, Paul\n"
            "        place: Philadelphia\n        publisher: Westminster Press\n"
            "        year: 1962\n        pages: 192\n        language: en\n")
    assert path.read_text(encoding="utf-8") == (
        "title: A\nsections:\n  - title: S\n    books:  # пока пусто\n" + book +
        "  - title: T\n    books:\n" + book)


def test_an_article_without_a_title_of_its_own_is_skipped_not_a_traceback(tmp_path):
    path = tmp_path / "articles.txt"
    path.write_text("#463: ^CВосточно-Сибирская правда^H2001\n#700: ^AИванов^GИ.\n*****\n"
                    "#200: ^AЗадачи и этюды\n*****\n", encoding="utf-8")
    result = run(path)
    assert result.returncode == 1 and "- title: Задачи и этюды" in result.stdout
    one_clear_line(result.stderr, f"{path}: error: record 1: no title, skipped")
