"""ИРБИС64 text exchange format: one field a line, `#200: ^aTitle^eSubtitle`, records ending
with a line `*****`. Read into pymarc records, so that the UNIMARC map serves both."""

from __future__ import annotations

import re

from pymarc import Field, Record, Subfield

LINE = re.compile(r"^#(\d{1,4}):\s?(.*)$")


def records(text: str) -> list[Record]:
    found, current = [], None
    for line in text.splitlines():
        line = line.rstrip("\r")
        if line.strip() == "*****":
            if current is not None:
                found.append(current)
            current = None
            continue
        match = LINE.match(line)
        if not match:
            continue
        current = current or Record()
        tag, body = match[1].zfill(3), match[2]
        if "^" in body:
            parts = [p for p in body.split("^") if p]
            subfields = [Subfield(p[0].lower(), p[1:]) for p in parts]
            current.add_field(Field(tag=tag, indicators=[" ", " "], subfields=subfields))
        else:
            current.add_field(Field(tag=tag, indicators=[" ", " "],
                                    subfields=[Subfield("a", body)]))
    if current is not None:
        found.append(current)
    return found


def looks_like(text: str) -> bool:
    return any(LINE.match(line) for line in text.splitlines()[:20])
