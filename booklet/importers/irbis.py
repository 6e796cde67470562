"""ИРБИС64 text exchange format: one field a line, `#200: ^aTitle^eSubtitle`, records ending
with a line `*****`. Read into pymarc records, so that the UNIMARC map serves both."""

from __future__ import annotations

import re

from pymarc import Field, Record, Subfield

from booklet.messages import _

LINE = re.compile(r"^#(\d{1,4}):?\s?(.*)$")


def records(text: str) -> tuple[list[Record], list[str]]:
    """The records, and a note for each line that is not a field."""
    found, notes, current = [], [], None
    for number, line in enumerate(text.splitlines(), 1):
        line = line.rstrip("\r")
        if line.strip() == "*****":
            if current is not None:
                found.append(current)
            current = None
            continue
        match = LINE.match(line)
        if not match:
            if line.strip():
                notes.append(_("line {n}").format(n=number) + ": " + _(
                    "«{text}» is not a field (#tag: value); left out").format(
                    text=line.strip()[:40]))
            continue
        current = current or Record(force_utf8=True)
        tag, body = match[1].zfill(3), match[2]
        if tag < "010":
            current.add_field(Field(tag=tag, data=body))
        elif "^" in body:
            parts = [p for p in body.split("^") if p]
            subfields = [Subfield(p[0].lower(), p[1:]) for p in parts]
            current.add_field(Field(tag=tag, indicators=[" ", " "], subfields=subfields))
        else:
            current.add_field(Field(tag=tag, indicators=[" ", " "],
                                    subfields=[Subfield("a", body)]))
    if current is not None:
        found.append(current)
    return found, notes


def looks_like(text: str) -> bool:
    return any(LINE.match(line) for line in text.lstrip("\ufeff").splitlines()[:20])
