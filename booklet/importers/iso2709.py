"""ISO 2709 records (MARC21, UNIMARC, RUSMARC, ИРБИС ISO) read here rather than by pymarc's
reader, so that every broken record is one line naming its number and byte offset, the
encoding is chosen record by record, and nothing is printed behind the user's back."""

from __future__ import annotations

import contextlib
import io
import re
from dataclasses import dataclass

from pymarc import Field, Leader, Record, Subfield
from pymarc.marc8 import MARC8ToUnicode

from booklet.messages import _, ngettext

END_OF_FIELD, END_OF_RECORD, SUBFIELD = b"\x1e", b"\x1d", b"\x1f"
# UNIMARC/RUSMARC 100 $a/26-27: the character set; RUSMARC adds the Russian code pages
# (26-27 the basic set G0, 28-29 the additional set G1, which holds the Cyrillic letters)
UNIMARC_SETS = {"50": "utf-8", "89": "cp1251", "79": "cp866", "99": "koi8-r"}


class RecordError(ValueError):
    """One record cannot be read; the others still can."""


@dataclass
class Read:
    number: int
    offset: int
    record: Record | None = None
    encoding: str = ""
    error: str = ""
    note: str = ""


def looks_like(raw: bytes) -> bool:
    """A record length of five digits, then the leader's fixed "22" (indicator and
    subfield code counts), its base address, or field terminators near the start — or a
    file cut short before any of them."""
    start = raw.lstrip(b"\r\n\x00 ")
    return start[:5].isdigit() and (start[10:12] == b"22" or start[12:17].isdigit()
                                    or END_OF_FIELD in start[:2000] or len(start) < 24)


def records(raw: bytes, encoding: str | None = None, marc21: bool | None = None):
    """Every record of the file, in order: a Read with a record or with the reason it was
    skipped. `encoding` None chooses it from each record."""
    offset, number, known = 0, 0, {"marc21": marc21}
    while offset < len(raw):
        while offset < len(raw) and raw[offset] in b"\r\n\x00 \x1a":  # line ends, EOF marks
            offset += 1
        if offset >= len(raw):
            return
        number += 1
        end = raw.find(END_OF_RECORD, offset)
        chunk = raw[offset:] if end < 0 else raw[offset:end + 1]
        try:
            record, used, fault = _record(chunk, encoding, known)
            stated = int(chunk[:5])
            note = "" if stated == len(chunk) else _(
                "its leader says {stated} bytes, it has {found} to its end mark; read so").format(
                stated=stated, found=len(chunk))
            note = "; ".join(filter(None, (note, fault)))
            yield Read(number, offset, record, used, note=note)
        except RecordError as exc:
            yield Read(number, offset, error=str(exc))
        offset += len(chunk)


def _record(chunk: bytes, encoding: str | None, known: dict) -> tuple[Record, str, str]:
    """`known["marc21"]`: the file's schema, when given or seen in an earlier record."""
    if len(chunk) < 25:
        raise RecordError(ngettext("only {n} byte, not a whole record",
                                   "only {n} bytes, not a whole record", len(chunk)).format(
            n=len(chunk)))
    leader = chunk[:24].decode("ascii", "replace")
    if not leader[:5].isdigit() or not leader[12:17].isdigit():
        raise RecordError(_("it does not start with its length in five digits, as an ISO 2709 "
                            "record does; is the file really MARC (ISO 2709)?"))
    if not chunk.endswith(END_OF_RECORD):
        raise RecordError(_("cut short: the file ends {found} bytes into the record, which "
                            "says it is {stated} bytes long").format(
            found=len(chunk), stated=int(leader[:5])))
    directory_end = chunk.find(END_OF_FIELD)
    if directory_end < 24 or (directory_end - 24) % 12:
        raise RecordError(_("its directory is broken (not a whole number of 12-character "
                            "entries before the first field terminator)"))
    entries = []
    for at in range(24, directory_end, 12):
        entry = chunk[at:at + 12].decode("ascii", "replace")
        tag, length, start = entry[:3], entry[3:7], entry[7:12]
        if not (length.isdigit() and start.isdigit()) or not re.fullmatch(r"[0-9A-Za-z]{3}", tag):
            raise RecordError(_("its directory entry {entry} is not a tag, length and start")
                              .format(entry=repr(entry)))
        entries.append((tag, int(length), int(start)))
    data = chunk[directory_end + 1:]
    pieces, fault = _fields(entries, data), ""
    if pieces is None:
        pieces, fault = _fields_at_end_marks(entries, data), _(
            "its directory's lengths are wrong; the fields were read to their end marks")
    tags = {tag for tag, _ in pieces}
    if known["marc21"] is None and ("245" in tags or "200" in tags):
        known["marc21"] = "245" in tags
    used = encoding or _encoding(leader, pieces, known["marc21"] is not False)
    record = Record()
    record.leader = Leader(leader)  # as the record holds it (force_utf8 would set 09 to "a")
    faults: list[str] = [fault] if fault else []
    for tag, body in pieces:
        record.add_field(_field(tag, body, used, faults))
    return record, used, faults[0] if faults else ""


def _fields(entries, data: bytes) -> list[tuple[str, bytes]] | None:
    pieces = []
    for tag, length, start in entries:
        body = data[start:start + length]
        if start + length > len(data) or not body.endswith(END_OF_FIELD):
            return None
        pieces.append((tag, body[:-1]))
    return pieces


def _fields_at_end_marks(entries, data: bytes) -> list[tuple[str, bytes]]:
    """The fields one per directory entry, in its order, when the directory's lengths or
    starts are wrong (a multi-byte character counted as one, say)."""
    bodies = data.rstrip(END_OF_RECORD).split(END_OF_FIELD)
    if bodies and not bodies[-1]:
        bodies.pop()
    if len(bodies) != len(entries):
        raise RecordError(_("its directory lists {listed} fields, its data holds {found}")
                          .format(listed=len(entries), found=len(bodies)))
    return [(tag, body) for (tag, _, _), body in zip(entries, bodies)]


def _encoding(leader: str, pieces: list[tuple[str, bytes]], marc21: bool) -> str:
    text = b"".join(body for _, body in pieces)
    if marc21 and leader[9] == "a":
        return "utf-8"
    try:
        text.decode("utf-8")
        if re.search(rb"[\x80-\xff]", text):
            return "utf-8"
    except UnicodeDecodeError:
        pass
    if marc21:
        # MARC-8 when leader/09 is blank — unless the bytes are a Cyrillic code page: MARC-8
        # puts one or two combining marks before a letter, never runs of high bytes
        return "cp1251" if re.search(rb"[\xc0-\xff]{3}", text) and b"\x1b" not in text else "marc-8"
    for tag, body in pieces:
        if tag == "100":
            value = body.split(SUBFIELD + b"a", 1)[-1]
            sets = value[26:30].decode("ascii", "replace")
            return UNIMARC_SETS.get(sets[2:], UNIMARC_SETS.get(sets[:2], "cp1251"))
    return "cp1251"


def decode(value: bytes, encoding: str, faults: list[str]) -> str:
    """The text of a subfield; MARC-8's faults (pymarc writes them to stderr, or fails on
    a cut escape sequence) are collected in `faults`, never printed."""
    if encoding != "marc-8":
        return value.decode(encoding, "replace")
    said = io.StringIO()
    try:
        with contextlib.redirect_stderr(said):
            text = MARC8ToUnicode(quiet=True).translate(value)
    except (TypeError, IndexError, KeyError, ValueError):
        faults.append(_("MARC-8: an escape sequence is cut short"))
        return value.decode("latin-1")
    if said.getvalue():  # pymarc's words: a character MARC-8 has not, or one cut short
        faults.append(_("MARC-8: a character that is not in MARC-8 or is cut short; "
                        "a space is put in its place"))
    return text


def _field(tag: str, body: bytes, encoding: str, faults: list[str]) -> Field:
    if tag < "010" and tag.isdigit():
        return Field(tag=tag, data=body.decode("latin-1" if encoding == "marc-8" else encoding,
                                                "replace"))
    head, *parts = body.split(SUBFIELD)
    indicators = (head.decode("latin-1") + "  ")[:2]
    subfields = [Subfield(part[:1].decode("latin-1") or " ", decode(part[1:], encoding, faults))
                 for part in parts if part]
    return Field(tag=tag, indicators=list(indicators), subfields=subfields)
