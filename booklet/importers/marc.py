"""MARC21 and UNIMARC/RUSMARC records (and ИРБИС's, read into the same shape) to books.

A part of a set is titled as GOST and ISBD describe it: the set's title, then the part's
designation and title («Задачи и этюды. Вып. 13»), with the set's authors and imprint where
the part has none (RUSMARC 461/462 and 200 $h $i; MARC21 245 $n $p)."""

from __future__ import annotations

import re

from pymarc import Field, Record, Subfield

from booklet.importers import fields as f

VOLUMES = re.compile(r"^\[?\s*в\s+(\d+)\s+т(?:\.|омах)?\s*\]?$", re.I)  # «В 4 т.», «[В 2 т.]»


def _first(record: Record, tag: str, code: str) -> str:
    for field in record.get_fields(tag):
        for value in field.get_subfields(code):
            if value.strip():
                return value
    return ""


def _all(record: Record, tag: str, code: str) -> list[str]:
    return [v for field in record.get_fields(tag) for v in field.get_subfields(code) if v.strip()]


def is_marc21(record: Record) -> bool:
    return bool(record.get_fields("245")) or not record.get_fields("200")


def record_id(record: Record) -> str:
    fields = record.get_fields("001")
    return fields[0].data.strip() if fields and fields[0].data else ""


# ---------------------------------------------------------------- UNIMARC, RUSMARC, ИРБИС

def unimarc_book(record: Record, linked: dict[str, Record] | None = None) -> tuple[dict, list[str]]:
    """`linked`: the file's records by their 001, to find the set a part belongs to."""
    notes: list[str] = []
    own = _described(record, notes)
    sets = [_linked(field, linked or {}, notes) for field in record.get_fields("461", "462")]
    statement = own["statement"]
    upper = sets[0] if sets else None
    if upper:  # the set's other title information stays with its title, before the part
        title = " : ".join(filter(None, (upper["title"], upper["subtitle"])))
        volume, subtitle = _part_volume(record, sets), own["subtitle"]
        statement = statement or upper["statement"]
        for key in ("authors", "contributors", "organisation", "edition", "imprints", "year"):
            own[key] = own[key] or upper[key]
        volumes = upper["volumes"]
    else:
        title, subtitle, volumes = own["title"], own["subtitle"], own["volumes"]
        volume = ". ".join(_capital(p) for p in _pieces(record, "", "") if p)
        if not volume and _first(record, "200", "v"):
            volume = f.clean(_first(record, "200", "v"))
    book = _book(own, title=title, subtitle=subtitle, volume=volume, volumes=volumes,
                 statement=statement, language=f.language(_first(record, "101", "a")),
                 isbn=f.isbn(_first(record, "010", "a")),
                 series=_series(record),
                 annotation=" ".join((_first(record, "330", "a") or _first(record, "331", "a")).split()),
                 shelfmark=_shelfmark(record), link=_first(record, "856", "u").strip(),
                 location=f.clean(_first(record, "899", "a") or _first(record, "910", "d")),
                 translated_from=_unimarc_original(record, statement))
    if book.get("translated_from") and book.get("subtitle"):  # «[Пер. с англ.]» is now a field
        kept = [p for p in book["subtitle"].split(" : ") if not f.translated_from(p.strip("[]"))]
        book["subtitle"] = " : ".join(kept)
        book = {k: v for k, v in book.items() if v}
    host = record.get_fields("463")
    if host:
        source = _linked(host[0], {}, [])
        book["record"] = _article(book, statement, source, host[0])
        book = f.book(**{"year": source["year"], **book})
        notes.append(f"an article in «{book['record'].split('// ')[1].split('. –')[0]}»: "
                     "its description with the source is kept in `record:`")
    return book, notes


def _described(record: Record, notes: list[str]) -> dict:
    """What one record (or the fields embedded in a link) says of its own title, people
    and imprint."""
    title = f.clean(_first(record, "200", "a"))
    others = [f.clean(v) for v in _all(record, "200", "e")]
    volumes = next((int(VOLUMES.match(v)[1]) for v in others if VOLUMES.match(v)), None)
    others = [v for v in others if not VOLUMES.match(v)]
    statement = " ; ".join(_all(record, "200", "f") + _all(record, "200", "g"))
    people = _unimarc_people(record, statement, notes)
    groups = _imprints(record.get_fields("210"), "a", "c")
    return {"title": title, "subtitle": " : ".join(others), "statement": statement,
            "volumes": volumes, "edition": _edition(record, "205"),
            "organisation": _organisation(record, ("710", "711", "712", "971", "972")),
            "year": f.year(_first(record, "210", "d")),
            "imprints": groups, "record": record, **people}


def _unimarc_people(record: Record, statement: str, notes: list[str]) -> dict:
    authors, contributors = [], {}
    for field in record.get_fields("700", "701", "702", "961"):
        name = _unimarc_name(field)
        if not name:
            continue
        codes = field.get_subfields("4")
        roles = tuple(dict.fromkeys(filter(None, map(f.relator, codes))))
        if not roles and not any(f.is_author_code(c) for c in codes):
            roles = f.stated_role(statement, name.split(",")[0])
        if roles:
            contributors.setdefault(name, [])
            contributors[name] += [r for r in roles if r not in contributors[name]]
        elif field.tag == "702":
            notes.append(f"{name} (field 702) has no role the record states; left out")
        elif name not in authors:
            authors.append(name)
    return {"authors": authors, "contributors": _contributors(contributors)}


def _contributors(found: dict[str, list[str]]) -> list[dict]:
    return [{"name": name, "role": roles[0] if len(roles) == 1 else roles}
            for name, roles in found.items()]


def _unimarc_name(field) -> str:
    surname = f.clean(field.get_subfields("a")[0]) if field.get_subfields("a") else ""
    given = (field.get_subfields("g") or field.get_subfields("b") or [""])[0]
    given = f.clean(given.strip(" ,")) if field.get_subfields("g") else f.CONTROLS.sub("", given).strip(" ,")
    return f"{surname}, {given}" if surname and given else surname


def _edition(record: Record, tag: str) -> str:
    """«2-е изд., пер. и доп.» from 205 $a «2-е изд.» and $b «пер. и доп»."""
    for field in record.get_fields(tag):
        parts = [f.clean(v) for v in field.get_subfields("a", "b")]
        text = ", ".join(p for p in parts if p)
        if text:
            return text + ("." if re.search(r"\b(?:доп|испр|перераб|изм)$", text) else "")
    return ""


def _organisation(record: Record, tags: tuple[str, ...]) -> str:
    for field in record.get_fields(*tags):
        parts = [f.clean(v) for code in ("a", "b") for v in field.get_subfields(code)]
        if any(parts):
            return ". ".join(p for p in parts if p)
    return ""


def _linked(field: Field, linked: dict[str, Record], notes: list[str]) -> dict:
    """The set (461), subset (462) or source (463) a record belongs to: the record itself
    when the file holds it, else what the link field embeds (UNIMARC $1) or states
    (ИРБИС ^C title, ^F responsibility, ^X author, ^D place, ^G publisher, ^H year)."""
    embedded = _embedded(field) if field.get_subfields("1") else _irbis_link(field)
    key = record_id(embedded)
    if key and key in linked:
        embedded = linked[key]
    elif key:
        title = f.clean(_first(embedded, "200", "a"))
        notes.append(f"the set «{title}» ({key}) is not in this file: only what the link "
                     "field holds of it is used")
    described = _described(embedded, [])
    irbis_title = f.clean(field.get_subfields("c")[0]) if field.get_subfields("c") and not field.get_subfields("1") else ""
    if irbis_title and " : " in irbis_title:  # «Собрание сочинений : в 6 кн.»
        described["title"], _, other = irbis_title.partition(" : ")
        match = VOLUMES.match(other)
        described["volumes"] = int(match[1]) if match else None
        described["subtitle"] = "" if match else other
    return described


def _embedded(field: Field) -> Record:
    """UNIMARC embedded fields: each $1 starts a field, «2001 » a tag and indicators."""
    record, current = Record(force_utf8=True), None
    for sub in field.subfields:
        if sub.code == "1":
            tag = sub.value[:3]
            if tag.isdigit() and tag < "010":
                record.add_field(Field(tag=tag, data=sub.value[3:]))
                current = None
            else:
                current = Field(tag=tag, indicators=list((sub.value[3:5] + "  ")[:2]), subfields=[])
                record.add_field(current)
        elif current is not None:
            current.add_subfield(sub.code, sub.value)
    return record


def _irbis_link(field: Field) -> Record:
    record = Record(force_utf8=True)

    def add(tag, pairs):
        pairs = [(code, value) for code, value in pairs if value]
        if pairs:
            record.add_field(Field(tag=tag, indicators=[" ", " "],
                                   subfields=[Subfield(c, v) for c, v in pairs]))

    get = lambda code: (field.get_subfields(code) or [""])[0]  # noqa: E731
    add("200", [("a", get("c")), ("f", get("f")), ("v", get("h") if field.tag == "463" else "")])
    add("205", [("a", get("p"))])
    add("210", [("a", get("d")), ("c", get("g")), ("d", get("h") if field.tag != "463" else get("j"))])
    if get("x"):
        surname, _, given = get("x").partition(",")
        add("700", [("a", surname.strip()), ("g", given.strip())])
    return record


def _part_volume(record: Record, sets: list[dict]) -> str:
    """«Вып. 13», «Кн. 3, Странные люди», «Т. 2. Кн. 4, Народная дипломатия и туризм»."""
    links = record.get_fields("461", "462")
    designation = f.clean(next((v for field in reversed(links) for v in field.get_subfields("v")), "")
                          or _first(record, "200", "v"))
    pieces = [s["title"] for s in sets[1:]]
    pieces += _pieces(record, designation, f.clean(_first(record, "200", "a")))
    return ". ".join(_capital(p) for p in pieces if p)


def _pieces(record: Record, designation: str, own_title: str) -> list[str]:
    if own_title and designation and _same(own_title, designation):
        own_title = ""
    if not designation and own_title and re.match(r"^(?:Т|Ч|Кн|Вып|Вол|Tome|Vol|Part|Bd)\.?\s*\d",
                                                  own_title, re.I):
        designation, own_title = own_title, ""
    first = ", ".join(p for p in (designation, own_title) if p)
    subparts = [f.clean(field.get_subfields("h")[i] if i < len(field.get_subfields("h")) else "")
                for field in record.get_fields("200") for i in range(len(field.get_subfields("h")))]
    names = [f.clean(v) for v in _all(record, "200", "i")]
    rest = [", ".join(p for p in pair if p) for pair in _zip_longest(subparts, names)]
    return [first] + rest


def _zip_longest(a: list[str], b: list[str]) -> list[tuple[str, str]]:
    return [(a[i] if i < len(a) else "", b[i] if i < len(b) else "") for i in range(max(len(a), len(b)))]


def _same(a: str, b: str) -> bool:
    norm = lambda s: re.sub(r"[\s.\[\]]", "", s).lower()  # noqa: E731
    return norm(a) == norm(b)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _series(record: Record) -> str:
    for field in record.get_fields("225"):
        name = f.clean((field.get_subfields("a") or [""])[0])
        number = f.clean((field.get_subfields("v") or [""])[0])
        if name:
            return f"{name} ; {number}" if number else name
    for field in record.get_fields("410"):
        embedded = _embedded(field)
        name = f.clean(_first(embedded, "200", "a"))
        number = f.clean((field.get_subfields("v") or [""])[0] or _first(embedded, "200", "v"))
        if name:
            return f"{name} ; {number}" if number else name
    return ""


def _shelfmark(record: Record) -> str:
    """899 $j, ИРБИС 910 ^r; else the classification with the author sign (ИРБИС 906 or
    BBK 621/686 or UDC 675, and 908) — never ИРБИС 903, the record's internal code."""
    found = _first(record, "899", "j") or _first(record, "910", "r")
    if found:
        return f.clean(found)
    sign = f.clean(_first(record, "908", "a"))
    classification = f.clean(next((_first(record, tag, "a") for tag in ("906", "621", "686", "675")
                                   if _first(record, tag, "a")), ""))
    return f"{classification}/{sign}" if sign and classification else ""


def _unimarc_original(record: Record, statement: str) -> str | None:
    for field in record.get_fields("101"):
        if field.indicator1 == "1" and field.get_subfields("c"):
            return f.source_language(field.get_subfields("c")[0])
    for field in record.get_fields("454"):
        code = _first(_embedded(field), "101", "a")
        if code:
            return f.source_language(code)
    return f.translated_from(statement)


def _article(book: dict, statement: str, host: dict, field: Field) -> str:
    """GOST 7.1 analytic description: «Title / Responsibility // Source. – Year. – No. – P.»."""
    get = lambda code: f.clean((field.get_subfields(code) or [""])[0])  # noqa: E731
    own = book["title"] + (f" / {f.clean(statement)}" if statement else "")
    parts = [host["title"], str(host["year"] or "") or get("j"),
             get("h") or f.clean(_first(host["record"], "200", "v"))]
    pages = get("s")
    if pages:
        parts.append(f"С. {pages}")
    return f"{own} // " + ". – ".join(p for p in parts if p) + "."


# ---------------------------------------------------------------- shared by both

def _imprints(imprints: list[Field], place: str, publisher: str) -> list[dict]:
    """Places and publishers in the order written: places before a publisher share it
    («Abingdon ; N.Y. : Routledge»), publishers after one place follow each other
    («СПб. : Питер : Питер Принт»); a place after a publisher starts a new imprint."""
    groups: list[dict] = []
    for field in imprints:
        subfields = field.subfields
        if len(field.get_subfields(place)) <= 1 and len(field.get_subfields(publisher)) <= 1:
            subfields = sorted(subfields, key=lambda sub: sub.code != place)  # ИРБИС: any order
        for sub in subfields:
            value = f.clean(sub.value)
            if not value or sub.code not in (place, publisher):
                continue
            if sub.code == place:
                if not groups or groups[-1]["publisher"]:
                    groups.append({"place": "", "publisher": ""})
                groups[-1]["place"] += (" ; " if groups[-1]["place"] else "") + value
            else:
                if not groups:
                    groups.append({"place": "", "publisher": ""})
                groups[-1]["publisher"] += (" : " if groups[-1]["publisher"] else "") + value
    return groups


def _book(described: dict, **given) -> dict:
    """A book from what a record describes and what its format adds."""
    imprints = described["imprints"]
    one = imprints[0] if len(imprints) == 1 else {}
    record = described["record"]
    extent_tag = "300" if record.get_fields("245") else "215"
    pages, stated = f.extent(_first(record, extent_tag, "a"))
    if pages and record.get_fields("215") and _first(record, "215", "1") not in ("", "с.", "p.", "с", "p"):
        pages, stated = None, f"{pages} {_first(record, '215', '1')}"
    illustrated = bool(_first(record, "215", "c")) or bool(
        re.search(r"\b(?:ill|ил)", _first(record, "300", "b"), re.I))
    statement = given.pop("statement")
    return f.book(
        authors=described["authors"],
        authors_more=f.names_more(statement) and len(described["authors"]) < 4,
        contributors=described["contributors"], organisation=described["organisation"],
        edition=described["edition"], place=one.get("place"), publisher=one.get("publisher"),
        publishers=[{k: v for k, v in g.items() if v} for g in imprints] if len(imprints) > 1 else [],
        year=described["year"], pages=pages, extent=stated, illustrations=illustrated, **given)


# ---------------------------------------------------------------- MARC21

def marc21_book(record: Record) -> tuple[dict, list[str]]:
    notes: list[str] = []
    record = _original_script(record, notes)
    statement = " ; ".join(_all(record, "245", "c"))
    authors, contributors = [], {}
    for field in record.get_fields("100", "700"):
        name = f.clean(_strip_dates((field.get_subfields("a") or [""])[0]))
        if not name:
            continue
        codes = field.get_subfields("e", "4")
        roles = tuple(dict.fromkeys(filter(None, map(f.relator, codes))))
        if not roles and not any(f.is_author_code(c) for c in codes):
            roles = f.stated_role(statement, name.split(",")[0])
        if roles:
            contributors.setdefault(name, [])
            contributors[name] += [r for r in roles if r not in contributors[name]]
        elif name not in authors:
            authors.append(name)
    volume = ". ".join(_capital(f.clean(v)) for v in _all(record, "245", "n") + _all(record, "245", "p"))
    imprint = next((field for field in record.get_fields("264") if field.indicator2 == "1"),
                   None) or next(iter(record.get_fields("264", "260")), None)
    year = f.year((imprint.get_subfields("c") or [""])[0] if imprint else "") or f.year(_fixed(record, 7, 11))
    described = {"authors": authors, "contributors": _contributors(contributors),
                 "organisation": _organisation(record, ("110", "710", "111", "711")),
                 "edition": _edition(record, "250"), "year": year,
                 "imprints": _imprints([imprint] if imprint else [], "a", "b"), "record": record}
    original = next((f.source_language(code) for code in _all(record, "041", "h")), None)
    book = _book(described, title=f.clean(_first(record, "245", "a")),
                 subtitle=f.clean(_first(record, "245", "b")), volume=volume,
                 statement=statement, series=_marc21_series(record),
                 isbn=f.isbn(_first(record, "020", "a")),
                 language=f.language(_first(record, "041", "a")[:3] or _fixed(record, 35, 38)),
                 translated_from=original or f.translated_from(statement),
                 annotation=" ".join(_first(record, "520", "a").split()),
                 shelfmark=f.clean(" ".join(_all(record, "852", "h") + _all(record, "852", "i"))),
                 location=f.clean(_first(record, "852", "b") or _first(record, "852", "c")),
                 link=_first(record, "856", "u").strip())
    host = record.get_fields("773")
    if host and record.leader[7:8] in ("a", "b"):
        source = ". – ".join(f.clean(v) for code in ("t", "d", "g") for v in host[0].get_subfields(code))
        own = book["title"] + (f" / {f.clean(statement)}" if statement else "")
        book["record"] = f"{own} // {source}."
        notes.append("an article: its description with the source is kept in `record:`")
    elif host and (host[0].get_subfields("t") or [""])[0].strip():
        book = _in_set(book, host[0])
    return book, notes


def _in_set(book: dict, host: Field) -> dict:
    """A volume described under its own title, with the set in 773 $t (and $g «Vol. 2»,
    $a the set's author): «Set title. Vol. 2, Volume title»."""
    get = lambda code: f.clean((host.get_subfields(code) or [""])[0])  # noqa: E731
    own = " : ".join(filter(None, (book.get("title"), book.pop("subtitle", ""))))
    if own and get("g") and _same(own, get("g")):
        own = ""
    pieces = [", ".join(filter(None, (get("g"), own))), book.get("volume", "")]
    book.update(title=get("t"), volume=". ".join(_capital(p) for p in pieces if p))
    if not book.get("authors") and get("a"):
        book["authors"] = [_strip_dates(get("a"))]
    return f.book(**book)


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
        link = (field.get_subfields("6") or [""])[0] if not field.is_control_field() else ""
        original = originals.get(f"{field.tag}-{link[4:6]}") if link.startswith("880-") else None
        if original and {s.code for s in original.subfields} - {s.code for s in field.subfields}:
            notes.append(f"field 880 for {field.tag} is broken (it has subfields that "
                         f"{field.tag} has not); the romanised {field.tag} is kept")
            original = None
        copy.add_field(Field(tag=field.tag, indicators=field.indicators, subfields=original.subfields)
                       if original else field)
    return copy


def _marc21_series(record: Record) -> str:
    for tag, code in (("490", "a"), ("440", "a"), ("830", "a"), ("800", "t")):
        for field in record.get_fields(tag):
            name = f.clean((field.get_subfields(code) or [""])[0])
            number = f.clean((field.get_subfields("v") or [""])[0])
            if name:
                return f"{name} ; {number}" if number else name
    return ""


def _fixed(record: Record, start: int, end: int) -> str:
    field = record.get_fields("008")
    return field[0].data[start:end] if field and len(field[0].data or "") >= end else ""


def _strip_dates(name: str) -> str:
    return re.sub(r",?\s*\d{4}-(?:\d{4})?\.?$", "", name.split(" (")[0])
