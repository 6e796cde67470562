"""MARCXML and UNIMARC XML ("slim" schemas: <collection>, <record>, <leader>,
<controlfield>, <datafield>, <subfield>), whatever the namespace, into pymarc records."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from pymarc import Field, Leader, Record, Subfield


class XmlError(ValueError):
    pass


def looks_like(raw: bytes) -> bool:
    head = raw[:2000].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") and (b"<record" in head or b"<collection" in head
                                      or b":record" in head or b":collection" in head)


def records(raw: bytes) -> list[Record]:
    if b"<!ENTITY" in raw or b"<!DOCTYPE" in raw:
        raise XmlError("the XML declares a DOCTYPE or entities; a catalogue export never does")
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        raise XmlError(f"not well-formed XML: {exc}") from None
    found = []
    for element in root.iter():
        if _name(element) == "record":
            found.append(_record(element))
    return found


def _name(element) -> str:
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def _record(element) -> Record:
    record = Record(force_utf8=True)
    for child in element:
        name, text = _name(child), child.text or ""
        if name == "leader" and len(text) == 24:
            record.leader = Leader(text)
        elif name == "controlfield":
            record.add_field(Field(tag=child.get("tag", "").zfill(3), data=text))
        elif name == "datafield":
            indicators = [(child.get("ind1") or " ")[:1], (child.get("ind2") or " ")[:1]]
            subfields = [Subfield(sub.get("code", " ")[:1] or " ", sub.text or "")
                         for sub in child if _name(sub) == "subfield"]
            record.add_field(Field(tag=child.get("tag", "").zfill(3), indicators=indicators,
                                   subfields=subfields))
    return record
