"""Spreadsheets: CSV exports and XLSX workbooks, a header row, columns named in English,
Russian or Kazakh."""

from __future__ import annotations

import csv
import io
import warnings
import zipfile

from booklet.importers import fields as f
from booklet.messages import _

COLUMNS = {  # our field ← the names librarians give the column
    "title": ["title", "заглавие", "название", "атауы", "атау"],
    "subtitle": ["subtitle", "подзаголовок", "сведения к заглавию", "тақырыпша"],
    "authors": ["authors", "author", "автор", "авторы", "авторлар"],
    "edition": ["edition", "издание", "басылым"],
    "volume": ["volume", "том"],
    "series": ["series", "серия"],
    "place": ["place", "место издания", "город", "қала", "басылған жері"],
    "publisher": ["publisher", "издательство", "баспа"],
    "year": ["year", "год", "год издания", "жыл", "жылы"],
    "pages": ["pages", "страниц", "страницы", "кол-во страниц", "количество страниц",
              "число страниц", "объем", "объём", "бет", "беттер", "бет саны"],
    "isbn": ["isbn"],
    "language": ["language", "язык", "тіл", "тілі"],
    "annotation": ["annotation", "аннотация", "аңдатпа"],
    "shelfmark": ["shelfmark", "шифр", "call number"],
    "location": ["location", "место хранения", "где найти", "орналасуы", "сақталатын жері"],
    "link": ["link", "ссылка", "сілтеме", "url"],
}


class TableError(ValueError):
    pass


# what openpyxl raises on a damaged workbook: not a zip, a part missing (KeyError,
# IndexError), a part that is not XML (lxml's and ElementTree's errors are SyntaxErrors),
# a value out of place
BROKEN_WORKBOOK = (zipfile.BadZipFile, LookupError, SyntaxError, ValueError, TypeError,
                   AttributeError, OSError)


def csv_rows(text: str) -> list[list[str]]:
    first = text.splitlines()[0] if text.strip() else ""
    try:
        dialect = csv.Sniffer().sniff(first, delimiters=",;\t")
    except csv.Error:  # one column: nothing to split on
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    found = []
    try:
        for row in reader:
            found.append(row)
    except csv.Error as exc:
        raise TableError(_("line {n}").format(n=reader.line_num) + ": " + _csv_error(exc)) from None
    return found


def _csv_error(exc: csv.Error) -> str:
    """What the csv module says, in the user's words (it says it in English)."""
    said = str(exc)
    if said.startswith("field larger than field limit"):
        return _("a field longer than {limit} characters: is it really a table of books?").format(
            limit=csv.field_size_limit())
    if said.startswith("new-line character seen in unquoted field"):
        return _("a line break inside a field without quotes around it")
    return _("not readable as CSV ({why})").format(why=said)


def xlsx_rows(raw: bytes) -> list[list[str]]:
    """The first sheet of a workbook, every cell as the text it shows."""
    import openpyxl

    unreadable = _("not a readable XLSX workbook; save it again in Excel, or as CSV")
    try:
        with warnings.catch_warnings():  # "UserWarning: …" on stderr, in English: not ours
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except BROKEN_WORKBOOK:
        raise TableError(unreadable) from None
    try:  # read_only: the sheet itself is parsed only now
        sheet = book.worksheets[0]
        return [["" if cell is None else _cell(cell) for cell in row]
                for row in sheet.iter_rows(values_only=True)]
    except BROKEN_WORKBOOK:
        raise TableError(unreadable) from None
    finally:
        book.close()


def _cell(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def books(rows: list[list[str]]) -> tuple[list[tuple[int, dict]], list[str]]:
    """(row number, book) for each data row, and notes on the columns left out."""
    header = [name.strip().lower() for name in (rows[0] if rows else [])]
    columns, notes = {}, []
    for field, names in COLUMNS.items():
        for index, name in enumerate(header):
            if name in names:
                columns[field] = index
                break
    if "title" not in columns:
        names = ", ".join(f"`{n}`" for n in COLUMNS["title"][:3])
        raise TableError(_("no column for the title: name one {names}; the first line, the "
                           "header, has {header}").format(names=names,
                                                         header=", ".join(c.strip() for c in rows[0])[:200])
                         if any(header) else
                         _("no column for the title: the first line, the header, is empty; "
                           "name a column {names}").format(names=names))
    used = set(columns.values())
    notes += [_("column «{name}» is not a field of a book; left out").format(
        name=rows[0][i].strip()) for i, name in enumerate(header) if i not in used and name]
    found = []
    for number, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        value = {field: row[index].strip() if index < len(row) else ""
                 for field, index in columns.items()}
        pages, extent = f.extent(value.get("pages"))
        found.append((number, f.book(
            title=value.get("title"), subtitle=value.get("subtitle"),
            authors=[a.strip() for a in value.get("authors", "").split(";") if a.strip()],
            edition=value.get("edition"), volume=value.get("volume"), series=value.get("series"),
            place=value.get("place"), publisher=value.get("publisher"),
            year=f.year(value.get("year")), pages=pages, extent=extent,
            isbn=f.isbn(value.get("isbn")), language=f.language(value.get("language")),
            annotation=value.get("annotation"), shelfmark=value.get("shelfmark"),
            location=value.get("location"), link=value.get("link"))))
    return found, notes
