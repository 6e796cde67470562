"""`booklet import`: books from a library catalogue's export, as `books:` entries.

ISO 2709 (MARC21, UNIMARC, RUSMARC, ИРБИС ISO) through pymarc, ИРБИС's text exchange
format, and CSV. Format and encoding are detected when not given, and the guess is said.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pymarc import MARCReader

from booklet.content.isbn import check_isbn
from booklet.importers import irbis, marc, table

FORMATS = ("csv", "marc21", "unimarc", "rusmarc", "irbis")


@dataclass
class Imported:
    books: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was guessed, what was left out
    skipped: list[str] = field(default_factory=list)  # records that could not be mapped


class SourceError(ValueError):
    """The source cannot be read at all (wrong format, no title column…)."""


def import_books(path: Path, fmt: str | None = None, encoding: str | None = None) -> Imported:
    raw = path.read_bytes()
    result = Imported()
    if not fmt:
        fmt = _detect_format(raw)
        result.notes.append(f"format: {fmt} (guessed; give --format to choose)")
    if not encoding:
        encoding = _detect_encoding(raw)
        result.notes.append(f"encoding: {encoding} (guessed; give --encoding to choose)")
    if fmt in ("marc21", "unimarc", "rusmarc", "iso2709"):
        _from_iso(raw, fmt, encoding, result)
    else:
        try:
            text = raw.decode("utf-8-sig" if encoding.lower().replace("_", "-") == "utf-8" else encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise SourceError(f"cannot read {path.name} as {encoding}: {exc}") from None
        if fmt == "irbis":
            for number, record in enumerate(irbis.records(text), 1):
                _keep(result, f"record {number}", *marc.unimarc_book(record))
        else:
            try:
                for line, book in table.rows(text):
                    _keep(result, f"line {line}", book, [])
            except table.TableError as exc:
                raise SourceError(str(exc)) from None
    return result


def _from_iso(raw: bytes, fmt: str, encoding: str, result: Imported) -> None:
    utf8 = encoding.lower().replace("_", "-") in ("utf-8", "utf8")
    reader = MARCReader(raw, to_unicode=True, force_utf8=utf8, permissive=True,
                        file_encoding="iso8859-1" if encoding.lower() == "marc8" else encoding)
    for number, record in enumerate(reader, 1):
        if record is None:
            result.skipped.append(f"record {number}: cannot be read ({reader.current_exception})")
            continue
        marc21 = fmt == "marc21" or (fmt == "iso2709" and marc.is_marc21(record))
        _keep(result, f"record {number}",
              *(marc.marc21_book(record) if marc21 else marc.unimarc_book(record)))


def _keep(result: Imported, where: str, book: dict, notes: list[str]) -> None:
    if not book.get("title"):
        result.skipped.append(f"{where}: no title, skipped")
        return
    if book.get("isbn"):
        try:
            check_isbn(book["isbn"])
        except ValueError as exc:
            result.notes.append(f"{where}: ISBN left out: {exc}")
            del book["isbn"]
    result.notes += [f"{where}: {note}" for note in notes]
    result.books.append(book)


def _detect_format(raw: bytes) -> str:
    if raw[:5].isdigit() and b"\x1e" in raw[:2000]:
        return "iso2709"
    text = raw[:4000].decode("utf-8", "replace")
    return "irbis" if irbis.looks_like(text) else "csv"


def _detect_encoding(raw: bytes) -> str:
    try:
        raw.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1251"  # what ИРБИС and Windows Excel write in Kazakhstan and Russia


def to_yaml(books: list[dict]) -> str:
    return yaml.safe_dump({"books": books}, allow_unicode=True, sort_keys=False, width=100,
                          default_flow_style=False)
