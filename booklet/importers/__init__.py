"""`booklet import`: books from a library catalogue's export, as `books:` entries.

ISO 2709 (MARC21, UNIMARC, RUSMARC, ИРБИС ISO), MARCXML and UNIMARC XML, ИРБИС's text
exchange format, CSV and XLSX. Format and encoding are detected when not given, and the
guess is said. Every book is checked against the exhibition's model: a field the model
would refuse is left out with a note, so that what is imported always builds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from booklet.importers import irbis, iso2709, marc, marcxml, table, unimarc
from booklet.messages import N_, _, ngettext
from booklet.problems import shown

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
    container = _container(raw, fmt, path.name)
    if not fmt:
        result.notes.append(_("format: {format} (guessed; give --format to choose)").format(
            format=container))
    schema = {"marc21": True, "unimarc": False, "rusmarc": False}.get(fmt or "")
    if container == "iso2709":
        _from_iso(raw, encoding, schema, result)
    elif container == "marcxml":
        try:
            records = marcxml.records(raw)
        except marcxml.XmlError as exc:
            raise SourceError(str(exc)) from None
        _from_records([(_("record {n}").format(n=n), r) for n, r in enumerate(records, 1)],
                      schema, result)
    elif container == "xlsx":
        _from_rows(_rows(lambda: table.xlsx_rows(raw)), _("row {n}"), result)
    else:
        text = _text(raw, path, encoding, result)
        if container == "irbis":
            records, notes = irbis.records(text)
            result.notes += notes
            _from_records([(_("record {n}").format(n=n), r) for n, r in enumerate(records, 1)],
                          False, result)
        else:
            _from_rows(_rows(lambda: table.csv_rows(text)), _("line {n}"), result)
    if not result.books and not result.skipped:
        result.notes.append(_("no books found"))
    return result


def _container(raw: bytes, fmt: str | None, name: str) -> str:
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
    if not fmt:
        _refuse_other_files(raw, name)
    return "iso2709" if fmt else "csv"


OTHER_FILES = {  # what else a librarian may pick by mistake, by its first bytes
    b"\xd0\xcf\x11\xe0": N_("{name} is an old Excel (.xls) or Word (.doc) file: save it from "
                          "Excel as .xlsx or as CSV and import that"),
    b"%PDF": N_("{name} is a PDF document, not a catalogue export"),
    b"\x89PNG": N_("{name} is a picture, not a catalogue export"),
    b"\xff\xd8\xff": N_("{name} is a picture, not a catalogue export"),
}


def _refuse_other_files(raw: bytes, name: str) -> None:
    for start, message in OTHER_FILES.items():
        if raw.startswith(start):
            raise SourceError(_(message).format(name=name))
    if name.lower().endswith((".yaml", ".yml")):  # the exhibition itself, given as the source
        raise SourceError(_("{name} is an exhibition's YAML, not a catalogue export; to add "
                            "books to it, give it with --into").format(name=name))
    if raw[:4000].count(b"\x00") >= 32:
        raise SourceError(_("{name} is in a format booklet does not know: import reads CSV, "
                            "XLSX, ISO 2709 (MARC21, UNIMARC, RUSMARC), MARCXML and ИРБИС "
                            "text; give --format if it is one of them").format(name=name))


def _text(raw: bytes, path: Path, encoding: str | None, result: Imported) -> str:
    if not encoding:
        try:
            raw.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = "cp1251"  # what ИРБИС and Windows Excel write in Kazakhstan and Russia
        result.notes.append(_("encoding: {encoding} (guessed; give --encoding to choose)").format(
            encoding=encoding))
    try:
        return raw.decode("utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8")
                          else encoding)
    except UnicodeDecodeError as exc:
        raise SourceError(_("{name} is not in the {encoding} encoding: byte {offset} does not fit "
                            "it; give the right one with --encoding").format(
            name=path.name, encoding=encoding, offset=exc.start)) from None
    except LookupError:
        raise SourceError(_("unknown encoding {encoding}").format(encoding=encoding)) from None


def _from_iso(raw: bytes, encoding: str | None, marc21: bool | None, result: Imported) -> None:
    if encoding and encoding.lower().replace("_", "-") in ("marc8", "marc-8"):
        encoding = "marc-8"
    if encoding and encoding != "marc-8":
        try:  # a text encoding, that can stand in a character it cannot read (not base64, idna)
            b"\xff".decode(encoding, "replace")
        except (LookupError, UnicodeError):
            raise SourceError(_("unknown encoding {encoding}").format(encoding=encoding)) from None
    found, used = [], {}
    for read in iso2709.records(raw, encoding, marc21):
        where = _("record {n} (at byte {offset})").format(n=read.number, offset=read.offset)
        if read.record is None:
            tail = raw[read.offset:].strip(b"\x1a\x00 \r\n\x1d")
            if read.offset + 24 > len(raw) and not tail[:5].isdigit():
                left = len(raw) - read.offset
                result.notes.append(ngettext(
                    "{n} byte after the last record (at byte {offset}) is not a record; left out",
                    "{n} bytes after the last record (at byte {offset}) are not a record; "
                    "left out", left).format(n=left, offset=read.offset))
            else:
                result.skipped.append(where + ": " + _("cannot be read: {why}").format(
                    why=read.error))
            continue
        if read.note:
            result.notes.append(where + ": " + read.note)
        used.setdefault(read.encoding, []).append(read.number)
        found.append((_("record {n}").format(n=read.number), read.record))
    if not encoding:
        for name, numbers in used.items():
            result.notes.append(
                _("encoding: {encoding} for all records (guessed from each record; give "
                  "--encoding to choose)").format(encoding=name) if len(used) == 1 else
                ngettext("encoding: {encoding} for {n} record (guessed from each record; give "
                         "--encoding to choose)",
                         "encoding: {encoding} for {n} records (guessed from each record; give "
                         "--encoding to choose)", len(numbers)).format(
                    encoding=name, n=len(numbers)))
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
    """`unit`: the words for the n-th row, «line {n}» of a CSV file, «row {n}» of a sheet."""
    try:
        books, notes = table.books(rows)
    except table.TableError as exc:
        raise SourceError(str(exc)) from None
    result.notes += notes
    for number, book in books:
        _keep(result, unit.format(n=number), book, [])


def _keep(result: Imported, where: str, book: dict, notes: list[str]) -> None:
    # a note quotes the record's own bytes, which may hold a line break: each note one line
    result.notes += [shown(f"{where}: {note}") for note in notes]
    if not book.get("title"):
        result.skipped.append(where + ": " + _("no title, skipped"))
        return
    result.notes += [shown(f"{where}: {note}") for note in _valid(book)]
    result.books.append(book)


def _valid(book: dict) -> list[str]:
    """Leave out, with a note, every field the exhibition's model refuses (an ISBN with a
    wrong check digit, a `javascript:` link…), so that imported books always build."""
    from booklet.content.model import Book

    notes = []
    for _attempt in range(len(book)):
        try:
            Book.model_validate(book)
            return notes
        except ValidationError as exc:
            error = exc.errors()[0]
            key = error["loc"][0] if error["loc"] else None
            # the model's own checks say why in the user's language; pydantic's rarely speak
            why = str(error["ctx"]["error"]) if error["type"] == "value_error" else error["msg"]
            if key not in book or key == "title":
                notes.append(_("not a valid book: {why}").format(why=why))
                return notes
            notes.append(_("`{key}` left out: {why}").format(key=key, why=why))
            del book[key]
    return notes


def to_yaml(books: list[dict]) -> str:
    return yaml.safe_dump({"books": books}, allow_unicode=True, sort_keys=False, width=100,
                          default_flow_style=False)
