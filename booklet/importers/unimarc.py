"""UNIMARC and RUSMARC records, and ИРБИС's (read into the same shape), to books.

A part of a set is titled as GOST and ISBD describe it: the set's title, then the part's
designation and title («Задачи и этюды : Сб. Вып. 13»), with the set's authors and imprint
where the part has none — from 461/462 (embedded fields, or the linked record when the
file holds it), 200 $h $i $v, and ИРБИС's 461 ^C ^F ^X and 961. An article (463) keeps its
source in `record:`."""

from __future__ import annotations

import re

from pymarc import Field, Record, Subfield

from booklet.importers import fields as f
from booklet.importers.marc import (book, capital, edition, every, first, imprints, numbered,
                                    organisation, people, record_id, same, sub)
from booklet.messages import _

VOLUMES = re.compile(r"^\[?\s*в\s+(\d+)\s+т(?:\.|омах)?\s*\]?$", re.I)  # «В 4 т.», «[В 2 т.]»
DESIGNATION = re.compile(r"^(?:Т|Ч|Кн|Вып|Tome|Vol|Part|Bd)\.?\s*\d", re.I)


def unimarc_book(record: Record, linked: dict[str, Record] | None = None
                 ) -> tuple[dict, list[str]]:
    """`linked`: the file's records by their 001, to find the set a part belongs to."""
    notes: list[str] = []
    own = _described(record, notes)
    sets = [_linked(field, linked or {}, notes) for field in record.get_fields("461", "462")]
    statement, volumes = own["statement"], own["volumes"]
    title, subtitle = own["title"], own["subtitle"]
    volume = ". ".join(capital(p) for p in _pieces(record, "", "") if p) or f.clean(
        first(record, "200", "v"))
    if sets:  # the set's other title information stays with its title, before the part
        upper = sets[0]
        title = " : ".join(filter(None, (upper["title"], upper["subtitle"])))
        volume, volumes = _part_volume(record, sets), upper["volumes"]
        statement = statement or upper["statement"]
        for key in ("authors", "contributors", "organisation", "edition", "imprints", "year"):
            own[key] = own[key] or upper[key]
    original = _original_language(record, statement)
    if original:  # «[Пер. с англ.]» in 200 $e is now `translated_from`
        subtitle = " : ".join(p for p in subtitle.split(" : ") if not f.translated_from(p))
    found = book(own, statement, title=title, subtitle=subtitle, volume=volume, volumes=volumes,
                 language=f.language(first(record, "101", "a")),
                 isbn=f.isbn(first(record, "010", "a")), series=_series(record),
                 annotation=" ".join((first(record, "330", "a")
                                      or first(record, "331", "a")).split()),
                 shelfmark=_shelfmark(record), link=first(record, "856", "u").strip(),
                 location=f.clean(first(record, "899", "a") or first(record, "910", "d")),
                 translated_from=original)
    for field in record.get_fields("463")[:1]:
        source = _linked(field, {}, [])
        found["record"] = _article(found, statement, source, field)
        found = f.book(**{"year": source["year"], **found})
        notes.append(_("an article in «{title}»: its description with the source is kept in "
                       "`record:`").format(title=source["title"]))
    return found, notes


def _described(record: Record, notes: list[str]) -> dict:
    """What one record (or the fields embedded in a link) says of its own title, people
    and imprint."""
    others = [f.clean(v) for v in every(record, "200", "e")]
    volumes = next((int(VOLUMES.match(v)[1]) for v in others if VOLUMES.match(v)), None)
    statement = " ; ".join(every(record, "200", "f") + every(record, "200", "g"))
    authors, contributors = people(
        [(field.tag, _name(field), field.get_subfields("4"))
         for field in record.get_fields("700", "701", "702", "961")], statement, notes)
    return {"title": f.clean(first(record, "200", "a")),
            "subtitle": " : ".join(v for v in others if not VOLUMES.match(v)),
            "statement": statement, "volumes": volumes, "edition": edition(record, "205"),
            "organisation": organisation(record, ("710", "711", "712", "971", "972")),
            "year": f.year(first(record, "210", "d")), "authors": authors,
            "contributors": contributors, "imprints": imprints(record.get_fields("210"), "a", "c"),
            "record": record}


def _name(field: Field) -> str:
    """«Surname, Given names» from $a and $g (ИРБИС ^G), else $b (initials)."""
    surname = sub(field, "a")
    given = sub(field, "g") or f.CONTROLS.sub("", (field.get_subfields("b") or [""])[0]).strip(" ,")
    return f"{surname}, {given}" if surname and given else surname


def _linked(field: Field, linked: dict[str, Record], notes: list[str]) -> dict:
    """The set (461), subset (462) or source (463) a record belongs to: the record itself
    when the file holds it, else what the link field embeds (UNIMARC $1) or states
    (ИРБИС ^C title, ^F responsibility, ^X author, ^D place, ^G publisher, ^H year)."""
    irbis = not field.get_subfields("1")
    embedded = _irbis_link(field) if irbis else _embedded(field)
    key = record_id(embedded)
    if key in linked:
        embedded = linked[key]
    elif key:
        notes.append(_("the set «{title}» ({key}) is not in this file: only what the link "
                       "field holds of it is used").format(
            title=f.clean(first(embedded, "200", "a")), key=key))
    described = _described(embedded, [])
    if irbis and " : " in sub(field, "c"):  # «Собрание сочинений : в 6 кн.»
        described["title"], _sep, other = sub(field, "c").partition(" : ")
        match = VOLUMES.match(other)
        described["volumes"] = int(match[1]) if match else None
        described["subtitle"] = "" if match else other
    return described


def _embedded(field: Field) -> Record:
    """UNIMARC embedded fields: each $1 starts a field, «2001 » its tag and indicators."""
    record, current = Record(), None
    for item in field.subfields:
        if item.code == "1":
            tag = item.value[:3]
            if tag.isdigit() and tag < "010":
                record.add_field(Field(tag=tag, data=item.value[3:]))
                current = None
            else:
                current = Field(tag=tag, indicators=list((item.value[3:5] + "  ")[:2]),
                                subfields=[])
                record.add_field(current)
        elif current is not None:
            current.add_subfield(item.code, item.value)
    return record


def _irbis_link(field: Field) -> Record:
    """ИРБИС's 461 (a set) or 463 (an article's source) as UNIMARC fields."""
    def get(code):
        return (field.get_subfields(code) or [""])[0]

    article = field.tag == "463"
    record = Record()
    for tag, pairs in (("200", [("a", get("c")), ("f", get("f")),
                                ("v", get("h") if article else "")]),
                       ("205", [("a", get("p"))]),
                       ("210", [("a", get("d")), ("c", get("g")),
                                ("d", get("j" if article else "h"))]),
                       ("700", [("a", get("x").partition(",")[0].strip()),
                                ("g", get("x").partition(",")[2].strip())])):
        pairs = [(code, value) for code, value in pairs if value]
        if pairs:
            record.add_field(Field(tag=tag, indicators=[" ", " "],
                                   subfields=[Subfield(code, value) for code, value in pairs]))
    return record


def _part_volume(record: Record, sets: list[dict]) -> str:
    """«Вып. 13», «Кн. 3, Странные люди», «Т. 2. Кн. 4, Народная дипломатия и туризм»."""
    links = record.get_fields("461", "462")
    designation = f.clean(next((v for field in reversed(links) for v in field.get_subfields("v")),
                               "") or first(record, "200", "v"))
    pieces = [s["title"] for s in sets[1:]]  # a subset's title, between the set and the part
    pieces += _pieces(record, designation, f.clean(first(record, "200", "a")))
    return ". ".join(capital(p) for p in pieces if p)


def _pieces(record: Record, designation: str, own_title: str) -> list[str]:
    """The part («Т. 2», or its designation and title) and the parts 200 $h $i name."""
    if own_title and designation and same(own_title, designation):
        own_title = ""
    if not designation and DESIGNATION.match(own_title):
        designation, own_title = own_title, ""
    numbers = [f.clean(v) for field in record.get_fields("200") for v in field.get_subfields("h")]
    names = [f.clean(v) for field in record.get_fields("200") for v in field.get_subfields("i")]
    count = max(len(numbers), len(names))
    numbers, names = numbers + [""] * (count - len(numbers)), names + [""] * (count - len(names))
    pairs = [(designation, own_title), *zip(numbers, names)]
    return [", ".join(filter(None, pair)) for pair in pairs]


def _series(record: Record) -> str:
    for field in record.get_fields("225"):
        if sub(field, "a"):
            return numbered(sub(field, "a"), sub(field, "v"))
    for field in record.get_fields("410"):
        embedded = _embedded(field)
        if first(embedded, "200", "a"):
            return numbered(f.clean(first(embedded, "200", "a")),
                            sub(field, "v") or f.clean(first(embedded, "200", "v")))
    return ""


def _shelfmark(record: Record) -> str:
    """899 $j, ИРБИС 910 ^r; else the classification with the author sign (ИРБИС 906 or
    BBK 621/686 or UDC 675, and 908) — never ИРБИС 903, the record's internal code."""
    found = first(record, "899", "j") or first(record, "910", "r")
    if found:
        return f.clean(found)
    sign = f.clean(first(record, "908", "a"))
    classification = next((f.clean(first(record, tag, "a"))
                           for tag in ("906", "621", "686", "675") if first(record, tag, "a")), "")
    return f"{classification}/{sign}" if sign and classification else ""


def _original_language(record: Record, statement: str) -> str | None:
    """101 $c when 101 says «a translation», 454's embedded 101, or «пер. с англ.»."""
    for field in record.get_fields("101"):
        if field.indicator1 == "1" and field.get_subfields("c"):
            return f.source_language(field.get_subfields("c")[0])
    for field in record.get_fields("454"):
        code = first(_embedded(field), "101", "a")
        if code:
            return f.source_language(code)
    return f.translated_from(statement) or next(
        filter(None, map(f.translated_from, every(record, "200", "e"))), None)


def _article(found: dict, statement: str, source: dict, field: Field) -> str:
    """GOST 7.1 analytic description: «Title / Responsibility // Source. – Year. – No. – P.»."""
    own = found.get("title", "") + (f" / {f.clean(statement)}" if statement else "")
    parts = [source["title"], str(source["year"] or "") or sub(field, "j"),
             sub(field, "h") or f.clean(first(source["record"], "200", "v")),
             f"С. {sub(field, 's')}" if sub(field, "s") else ""]
    return f"{own} // " + ". – ".join(p for p in parts if p) + "."
