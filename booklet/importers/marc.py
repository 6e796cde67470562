"""MARC21 and UNIMARC/RUSMARC records (ISO 2709, through pymarc), and ИРБИС's own tags, to
books. The field map is the one in the project's library notes."""

from __future__ import annotations

from pymarc import Record

from booklet.importers import fields as f


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


def marc21_book(record: Record) -> tuple[dict, list[str]]:
    notes = []
    authors, contributors = [], []
    for field in record.get_fields("100", "700"):
        name = f.clean(_strip_dates(field.get_subfields("a")[0] if field.get_subfields("a") else ""))
        roles = [r for code in ("e", "4") for r in field.get_subfields(code)]
        kind = next(filter(None, (f.role(r) for r in roles)), None)
        if not name:
            continue
        if kind:
            contributors.append({"name": name, "role": kind})
        elif field.tag == "100" or not roles or any(r.strip(" .,").lower() in f.AUTHOR_ROLES for r in roles):
            authors.append(name)
    volume = " ".join(f.clean(v) for v in _all(record, "245", "n") + _all(record, "245", "p"))
    imprint = "264" if record.get_fields("264") else "260"
    isbn = _isbn(_first(record, "020", "a"))
    return f.book(
        title=f.clean(_first(record, "245", "a")), subtitle=f.clean(_first(record, "245", "b")),
        authors=authors, contributors=contributors, edition=f.clean(_first(record, "250", "a")),
        volume=volume, series=f.clean(_first(record, "490", "a")),
        place=f.clean(_first(record, imprint, "a")), publisher=f.clean(_first(record, imprint, "b")),
        year=f.year(_first(record, imprint, "c")), pages=f.pages(_first(record, "300", "a")),
        isbn=isbn, language=f.language(_first(record, "041", "a") or _language_008(record)),
        annotation=" ".join(_first(record, "520", "a").split()),
        shelfmark=f.clean(_first(record, "852", "h") or _first(record, "084", "a")),
        location=f.clean(_first(record, "852", "b") or _first(record, "852", "c")),
    ), notes


def unimarc_book(record: Record) -> tuple[dict, list[str]]:
    """UNIMARC and RUSMARC; ИРБИС exports add 910 (copies: ^d location, ^r shelf index),
    903 (the document's code) and 621 (BBK)."""
    authors, contributors = [], []
    for field in record.get_fields("700", "701"):
        name = _unimarc_name(field)
        if name:
            authors.append(name)
    for field in record.get_fields("702"):
        name, kind = _unimarc_name(field), next(filter(None, map(f.role, field.get_subfields("4"))), None)
        if name and kind:
            contributors.append({"name": name, "role": kind})
        elif name:
            authors.append(name)
    volume = " ".join(f.clean(v) for v in _all(record, "200", "h") + _all(record, "200", "i"))
    return f.book(
        title=f.clean(_first(record, "200", "a")), subtitle=f.clean(_first(record, "200", "e")),
        authors=authors, contributors=contributors, edition=f.clean(_first(record, "205", "a")),
        volume=volume, series=f.clean(_first(record, "225", "a")),
        place=f.clean(_first(record, "210", "a")), publisher=f.clean(_first(record, "210", "c")),
        year=f.year(_first(record, "210", "d")), pages=f.pages(_first(record, "215", "a")),
        isbn=_isbn(_first(record, "010", "a")), language=f.language(_first(record, "101", "a")),
        annotation=" ".join((_first(record, "330", "a") or _first(record, "331", "a")).split()),
        shelfmark=f.clean(_first(record, "899", "j") or _first(record, "910", "r")
                          or _first(record, "903", "a") or _first(record, "686", "a")
                          or _first(record, "621", "a")),
        location=f.clean(_first(record, "899", "a") or _first(record, "910", "d")),
    ), []


def _unimarc_name(field) -> str:
    surname = f.clean(field.get_subfields("a")[0]) if field.get_subfields("a") else ""
    given = (field.get_subfields("g") or field.get_subfields("b") or [""])[0]
    given = f.clean(given) if field.get_subfields("g") else given.strip(" ,")
    return f"{surname}, {given}" if surname and given else surname


def _strip_dates(name: str) -> str:
    return name.split(" (")[0]


def _isbn(value: str) -> str:
    return value.split(" ")[0].strip(" :;,.") if value else ""


def _language_008(record: Record) -> str:
    field = record.get_fields("008")
    return field[0].data[35:38] if field and len(field[0].data) >= 38 else ""
