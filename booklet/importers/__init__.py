"""`booklet import`: books from a library catalogue's export, as `books:` entries.

ISO 2709 (MARC21, UNIMARC, RUSMARC, ИРБИС ISO), MARCXML and UNIMARC XML, ИРБИС's text
exchange format, CSV and XLSX. Format and encoding are detected when not given, and the
guess is said. Every book is checked against the exhibition's model: a field the model
would refuse is left out with a note, so that what is imported always builds.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from booklet.importers import irbis, iso2709, marc, marcxml, table, unimarc

FORMATS = ("csv", "xlsx", "marc21", "unimarc", "rusmarc", "irbis", "marcxml")


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
    container = _container(raw, fmt)
    if not fmt:
        result.notes.append(f"format: {container} (guessed; give --format to choose)")
    schema = {"marc21": True, "unimarc": False, "rusmarc": False}.get(fmt or "")
    if container == "iso2709":
        _from_iso(raw, encoding, schema, result)
    elif container == "marcxml":
        try:
            records = marcxml.records(raw)
        except marcxml.XmlError as exc:
            raise SourceError(str(exc)) from None
        _from_records([(f"record {n}", r) for n, r in enumerate(records, 1)], schema, result)
    elif container == "xlsx":
        _from_rows(_rows(lambda: table.xlsx_rows(raw)), "row", result)
    else:
        text = _text(raw, path, encoding, result)
        if container == "irbis":
            records, notes = irbis.records(text)
            result.notes += notes
            _from_records([(f"record {n}", r) for n, r in enumerate(records, 1)], False, result)
        else:
            _from_rows(_rows(lambda: table.csv_rows(text)), "line", result)
    if not result.books and not result.skipped:
        result.notes.append("no books found")
    return result


def _container(raw: bytes, fmt: str | None) -> str:
    """How the file is written, whatever the record schema in it."""
    if fmt in ("csv", "irbis", "xlsx"):
        return fmt
    if marcxml.looks_like(raw):
        return "marcxml"
    if iso2709.looks_like(raw):
        return "iso2709"
    if raw[:4] == b"PK\x03\x04":
        return "xlsx"
    if irbis.looks_like(raw[:4000].decode("utf-8", "replace")):
        return "irbis"  # ИРБИС text holds UNIMARC/RUSMARC fields, whatever --format says
    return "iso2709" if fmt else "csv"


def _text(raw: bytes, path: Path, encoding: str | None, result: Imported) -> str:
    if not encoding:
        try:
            raw.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = "cp1251"  # what ИРБИС and Windows Excel write in Kazakhstan and Russia
        result.notes.append(f"encoding: {encoding} (guessed; give --encoding to choose)")
    try:
        return raw.decode("utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8")
                          else encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise SourceError(f"cannot read {path.name} as {encoding}: {exc}") from None


def _from_iso(raw: bytes, encoding: str | None, marc21: bool | None, result: Imported) -> None:
    if encoding and encoding.lower().replace("_", "-") in ("marc8", "marc-8"):
        encoding = "marc-8"
    if encoding and encoding != "marc-8":
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise SourceError(f"unknown encoding {encoding}") from None
    found, used = [], {}
    for read in iso2709.records(raw, encoding, marc21):
        if read.record is None:
            tail = raw[read.offset:].strip(b"\x1a\x00 \r\n\x1d")
            if read.offset + 24 > len(raw) and not tail[:5].isdigit():
                result.notes.append(f"{len(raw) - read.offset} bytes after the last record "
                                    f"(at byte {read.offset}) are not a record; left out")
            else:
                result.skipped.append(f"record {read.number} (at byte {read.offset}): "
                                      f"cannot be read: {read.error}")
            continue
        if read.note:
            result.notes.append(f"record {read.number} (at byte {read.offset}): {read.note}")
        used.setdefault(read.encoding, []).append(read.number)
        found.append((f"record {read.number}", read.record))
    if not encoding:
        for name, numbers in used.items():
            which = "all records" if len(used) == 1 else f"{len(numbers)} record(s)"
            result.notes.append(f"encoding: {name} for {which} (guessed from each record; "
                                "give --encoding to choose)")
    _from_records(found, marc21, result)


def _from_records(found: list, marc21: bool | None, result: Imported) -> None:
    linked = {marc.record_id(record): record for _, record in found if marc.record_id(record)}
    for where, record in found:
        if marc21 if marc21 is not None else marc.is_marc21(record):
            _keep(result, where, *marc.marc21_book(record))
        else:
            _keep(result, where, *unimarc.unimarc_book(record, linked))


def _rows(read) -> list[list[str]]:
    try:
        return read()
    except table.TableError as exc:
        raise SourceError(str(exc)) from None


def _from_rows(rows: list[list[str]], unit: str, result: Imported) -> None:
    try:
        books, notes = table.books(rows)
    except table.TableError as exc:
        raise SourceError(str(exc)) from None
    result.notes += notes
    for number, book in books:
        _keep(result, f"{unit} {number}", book, [])


def _keep(result: Imported, where: str, book: dict, notes: list[str]) -> None:
    result.notes += [f"{where}: {note}" for note in notes]
    if not book.get("title"):
        result.skipped.append(f"{where}: no title, skipped")
        return
    result.notes += [f"{where}: {note}" for note in _valid(book)]
    result.books.append(book)


def _valid(book: dict) -> list[str]:
    """Leave out, with a note, every field the exhibition's model refuses (an ISBN with a
    wrong check digit, a `javascript:` link…), so that imported books always build."""
    from booklet.content.model import Book

    notes = []
    for _ in range(len(book)):
        try:
            Book.model_validate(book)
            return notes
        except ValidationError as exc:
            error = exc.errors()[0]
            key = error["loc"][0] if error["loc"] else None
            if key not in book or key == "title":
                notes.append(f"not a valid book: {error['msg']}")
                return notes
            notes.append(f"{key} left out: {error['msg'].removeprefix('Value error, ')}")
            del book[key]
    return notes


def to_yaml(books: list[dict]) -> str:
    return yaml.safe_dump({"books": books}, allow_unicode=True, sort_keys=False, width=100,
                          default_flow_style=False)
