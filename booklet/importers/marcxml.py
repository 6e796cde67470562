"""MARCXML and UNIMARC XML ("slim" schemas: <collection>, <record>, <leader>,
<controlfield>, <datafield>, <subfield>), whatever the namespace, into pymarc records."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.parsers import expat

from pymarc import Field, Leader, Record, Subfield

from booklet.messages import N_, _

EXPAT = {  # what the XML parser says (in English), in the words of its user
    "no element found": N_("the file ends before the XML is closed"),
    "mismatched tag": N_("a closing tag does not match the tag it closes"),
    "not well-formed (invalid token)": N_("a character XML does not allow there"),
    "unclosed token": N_("a tag is not closed"),
    "junk after document element": N_("text after the end of the XML"),
    "syntax error": N_("not XML at all"),
    "undefined entity": N_("an unknown entity (&…;)"),
    "duplicate attribute": N_("an attribute is given twice"),
}


class XmlError(ValueError):
    pass


def looks_like(raw: bytes) -> bool:
    head = raw[:2000].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") and (b"<record" in head or b"<collection" in head
                                      or b":record" in head or b":collection" in head)


def records(raw: bytes) -> list[Record]:
    if b"<!ENTITY" in raw or b"<!DOCTYPE" in raw:
        raise XmlError(_("the XML declares a DOCTYPE or entities; a catalogue export never "
                         "does"))
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        line, column = exc.position
        said = expat.errors.messages.get(exc.code, "")
        why = _(EXPAT[said]) if said in EXPAT else said
        raise XmlError(_("not well-formed XML: line {line}, column {column}: {why}").format(
            line=line, column=column + 1, why=why)) from None
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
