"""CSV exports and spreadsheets saved as CSV: a header row, columns named in English,
Russian or Kazakh."""

from __future__ import annotations

import csv
import io

from booklet.importers import fields as f

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
    "pages": ["pages", "страниц", "страницы", "объем", "объём", "бет", "беттер"],
    "isbn": ["isbn"],
    "language": ["language", "язык", "тіл", "тілі"],
    "annotation": ["annotation", "аннотация", "аңдатпа"],
    "shelfmark": ["shelfmark", "шифр", "call number"],
    "location": ["location", "место хранения", "где найти", "орналасуы", "сақталатын жері"],
    "link": ["link", "ссылка", "сілтеме", "url"],
}
REQUIRED = ("title",)


class TableError(ValueError):
    pass


def rows(text: str) -> list[tuple[int, dict]]:
    """(line number, book) for each data row."""
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;\t")
    reader = csv.reader(io.StringIO(text), dialect)
    header = [name.strip().lower() for name in next(reader, [])]
    columns = {}
    for field, names in COLUMNS.items():
        for index, name in enumerate(header):
            if name in names:
                columns[field] = index
                break
    missing = [field for field in REQUIRED if field not in columns]
    if missing:
        raise TableError(f"no column for {', '.join(missing)}: name one "
                         f"{' or '.join(repr(n) for n in COLUMNS[missing[0]][:3])}; "
                         f"the header has {', '.join(header) or 'nothing'}")
    found = []
    for number, row in enumerate(reader, 2):
        if not any(cell.strip() for cell in row):
            continue
        value = {field: row[index].strip() if index < len(row) else ""
                 for field, index in columns.items()}
        found.append((number, f.book(
            title=value.get("title"), subtitle=value.get("subtitle"),
            authors=[a.strip() for a in value.get("authors", "").split(";") if a.strip()],
            edition=value.get("edition"), volume=value.get("volume"), series=value.get("series"),
            place=value.get("place"), publisher=value.get("publisher"),
            year=f.year(value.get("year")), pages=f.pages(value.get("pages")),
            isbn=value.get("isbn"), language=f.language(value.get("language")),
            annotation=value.get("annotation"), shelfmark=value.get("shelfmark"),
            location=value.get("location"), link=value.get("link"))))
    return found
