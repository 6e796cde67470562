"""MARC21 records to books, and what the MARC21 and UNIMARC maps share: headings and their
roles, imprints, editions, extents. Records come as pymarc records, whatever their file
(ISO 2709, MARCXML, ИРБИС text)."""

from __future__ import annotations

import re

from pymarc import Field, Record

from booklet.importers import fields as f
from booklet.messages import _


def first(record: Record, tag: str, code: str) -> str:
    """The first non-empty subfield `code` of the fields `tag`."""
    for field in record.get_fields(tag):
        for value in field.get_subfields(code):
            if value.strip():
                return value
    return ""


def every(record: Record, tag: str, code: str) -> list[str]:
    return [v for field in record.get_fields(tag) for v in field.get_subfields(code) if v.strip()]


def sub(field: Field, code: str) -> str:
    """A field's first subfield `code`, cleaned of ISBD punctuation."""
    return f.clean((field.get_subfields(code) or [""])[0])


def is_marc21(record: Record) -> bool:
    return bool(record.get_fields("245")) or not record.get_fields("200")


def record_id(record: Record) -> str:
    fields = record.get_fields("001")
    return fields[0].data.strip() if fields and fields[0].data else ""


def people(headings, statement: str, notes: list[str]) -> tuple[list[str], list[dict]]:
    """Authors and contributors from (tag, name, relator codes) headings: the role from the
    codes, else from the words of the statement of responsibility; a secondary heading
    (UNIMARC 702) with neither is left out with a note, never made an author."""
    authors, contributors = [], {}
    for tag, name, codes in headings:
        if not name:
            continue
        roles = tuple(dict.fromkeys(filter(None, map(f.relator, codes))))
        if not roles and not any(f.is_author_code(code) for code in codes):
            roles = f.stated_role(statement, name.split(",")[0])
        if roles:
            known = contributors.setdefault(name, [])
            known += [role for role in roles if role not in known]
        elif tag == "702":
            notes.append(_("{name} (field 702) has no role the record states; left out").format(
                name=name))
        elif name not in authors:
            authors.append(name)
    return authors, [{"name": name, "role": roles[0] if len(roles) == 1 else roles}
                     for name, roles in contributors.items()]


def imprints(fields: list[Field], place: str, publisher: str) -> list[dict]:
    """Places and publishers in the order written: places before a publisher share it
    («Abingdon ; N.Y. : Routledge»), publishers after one place follow each other
    («СПб. : Питер : Питер Принт»); a place after a publisher starts a new imprint."""
    groups: list[dict] = []
    for field in fields:
        subfields = field.subfields
        if len(field.get_subfields(place)) <= 1 and len(field.get_subfields(publisher)) <= 1:
            subfields = sorted(subfields, key=lambda s: s.code != place)  # ИРБИС: any order
        for item in subfields:
            value = f.clean(item.value)
            if not value or item.code not in (place, publisher):
                continue
            if not groups or (item.code == place and groups[-1]["publisher"]):
                groups.append({"place": "", "publisher": ""})
            key, joint = ("place", " ; ") if item.code == place else ("publisher", " : ")
            groups[-1][key] += (joint if groups[-1][key] else "") + value
    return groups


def edition(record: Record, tag: str) -> str:
    """«2-е изд., пер. и доп.» from 205 $a «2-е изд.» and $b «пер. и доп»."""
    for field in record.get_fields(tag):
        text = ", ".join(filter(None, (f.clean(v) for v in field.get_subfields("a", "b"))))
        if text:
            return text + ("." if re.search(r"\b(?:доп|испр|перераб|изм)$", text) else "")
    return ""


def organisation(record: Record, tags: tuple[str, ...]) -> str:
    for field in record.get_fields(*tags):
        parts = [f.clean(v) for v in field.get_subfields("a", "b")]
        if any(parts):
            return ". ".join(filter(None, parts))
    return ""


def numbered(name: str, number: str) -> str:
    """A series with its number: «Bestsellers ; 641»."""
    return f"{name} ; {number}" if name and number else name


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def same(a: str, b: str) -> bool:
    """«Вып. 13.» and «[Вып. 13]» are the same designation."""
    def bare(text):
        return re.sub(r"[\s.\[\]]", "", text).lower()
    return bare(a) == bare(b)


def book(described: dict, statement: str, **given) -> dict:
    """A book from what a record describes (its headings, imprints, extent) and what its
    format adds in `given`."""
    found = described["imprints"]
    one = found[0] if len(found) == 1 else {}
    record = described["record"]
    pages, extent = f.extent(first(record, "300" if record.get_fields("245") else "215", "a"))
    unit = first(record, "215", "1")  # ИРБИС: the number in ^A, its unit in ^1
    if pages and unit and unit.rstrip(".") not in ("с", "p", "б"):
        pages, extent = None, f"{pages} {unit}"
    illustrated = bool(first(record, "215", "c")) or bool(
        re.search(r"\b(?:ill|ил)", first(record, "300", "b"), re.I))
    return f.book(
        authors=described["authors"],
        authors_more=f.names_more(statement) and len(described["authors"]) < 4,
        contributors=described["contributors"], organisation=described["organisation"],
        edition=described["edition"], place=one.get("place"), publisher=one.get("publisher"),
        publishers=[{k: v for k, v in g.items() if v} for g in found] if len(found) > 1 else [],
        year=described["year"], pages=pages, extent=extent, illustrations=illustrated, **given)


# ---------------------------------------------------------------- MARC21

def marc21_book(record: Record) -> tuple[dict, list[str]]:
    notes: list[str] = []
    record = _original_script(record, notes)
    statement = " ; ".join(every(record, "245", "c"))
    authors, contributors = people(
        [(field.tag, f.clean(_strip_dates((field.get_subfields("a") or [""])[0])),
          field.get_subfields("e", "4")) for field in record.get_fields("100", "700")],
        statement, notes)
    imprint = next((field for field in record.get_fields("264") if field.indicator2 == "1"),
                   None) or next(iter(record.get_fields("264", "260")), None)
    year = f.year(sub(imprint, "c") if imprint else "") or f.year(_fixed(record, 7, 11))
    described = {"authors": authors, "contributors": contributors,
                 "organisation": organisation(record, ("110", "710", "111", "711")),
                 "edition": edition(record, "250"), "year": year, "record": record,
                 "imprints": imprints([imprint] if imprint else [], "a", "b")}
    original = next((f.source_language(code) for code in every(record, "041", "h")), None)
    found = book(
        described, statement, title=f.clean(first(record, "245", "a")),
        subtitle=f.clean(first(record, "245", "b")),
        volume=". ".join(capital(f.clean(v))
                         for v in every(record, "245", "n") + every(record, "245", "p")),
        series=_marc21_series(record), isbn=f.isbn(first(record, "020", "a")),
        language=f.language(first(record, "041", "a")[:3] or _fixed(record, 35, 38)),
        translated_from=original or f.translated_from(statement),
        annotation=" ".join(first(record, "520", "a").split()),
        shelfmark=f.clean(" ".join(every(record, "852", "h") + every(record, "852", "i"))),
        location=f.clean(first(record, "852", "b") or first(record, "852", "c")),
        link=first(record, "856", "u").strip())
    host = record.get_fields("773")
    if host and record.leader[7:8] in ("a", "b"):
        source = ". – ".join(f.clean(v) for code in "tdg"
                             for v in host[0].get_subfields(code))
        own = found.get("title", "") + (f" / {f.clean(statement)}" if statement else "")
        found["record"] = f"{own} // {source}."
        notes.append(_("an article: its description with the source is kept in `record:`"))
    elif host and sub(host[0], "t"):
        found = _in_set(found, host[0])
    return found, notes


def _in_set(found: dict, host: Field) -> dict:
    """A volume described under its own title, with the set in 773 $t (and $g «Vol. 2»,
    $a the set's author): «Set title. Vol. 2, Volume title»."""
    own = " : ".join(filter(None, (found.get("title"), found.pop("subtitle", ""))))
    if own and sub(host, "g") and same(own, sub(host, "g")):
        own = ""
    pieces = [", ".join(filter(None, (sub(host, "g"), own))), found.get("volume", "")]
    found.update(title=sub(host, "t"), volume=". ".join(capital(p) for p in pieces if p))
    if not found.get("authors") and sub(host, "a"):
        found["authors"] = [_strip_dates(sub(host, "a"))]
    return f.book(**found)


def _original_script(record: Record, notes: list[str]) -> Record:
    """Fields in their original script (Cyrillic 880 beside a romanised 245) where the
    record has them — unless the 880 has subfields its field has not (a byte of the script
    read as a subfield delimiter): then the romanised field is kept."""
    originals = {}
    for field in record.get_fields("880"):
        link = (field.get_subfields("6") or [""])[0]
        if re.match(r"^\d{3}-\d\d", link) and link[4:6] != "00":
            originals[link[:6]] = field
    if not originals:
        return record
    copy = Record(leader=record.leader, force_utf8=True)
    for field in record.fields:
        link = "" if field.is_control_field() else (field.get_subfields("6") or [""])[0]
        original = originals.get(f"{field.tag}-{link[4:6]}") if link.startswith("880-") else None
        if original and {s.code for s in original.subfields} - {s.code for s in field.subfields}:
            notes.append(_("field 880 for {tag} is broken (it has subfields that {tag} has "
                           "not); the romanised {tag} is kept").format(tag=field.tag))
            original = None
        copy.add_field(Field(tag=field.tag, indicators=field.indicators,
                             subfields=original.subfields) if original else field)
    return copy


def _marc21_series(record: Record) -> str:
    for tag, code in (("490", "a"), ("440", "a"), ("830", "a"), ("800", "t")):
        for field in record.get_fields(tag):
            if sub(field, code):
                return numbered(sub(field, code), sub(field, "v"))
    return ""


def _fixed(record: Record, start: int, end: int) -> str:
    field = record.get_fields("008")
    return field[0].data[start:end] if field and len(field[0].data or "") >= end else ""


def _strip_dates(name: str) -> str:
    return re.sub(r",?\s*\d{4}-(?:\d{4})?\.?$", "", name.split(" (")[0])
