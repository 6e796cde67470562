"""What every importer shares: ISBD punctuation off the ends of fields, and books as plain
dicts in the order of the exhibition's fields."""

from __future__ import annotations

import re

ORDER = ("title", "subtitle", "authors", "contributors", "edition", "volume", "series", "place",
         "publisher", "year", "pages", "isbn", "language", "annotation", "shelfmark", "location",
         "link")
LANGUAGES = {"rus": "ru", "kaz": "kk", "eng": "en", "ru": "ru", "kk": "kk", "en": "en",
             "русский": "ru", "казахский": "kk", "английский": "en", "қазақ": "kk", "орыс": "ru"}
ROLE_WORDS = {  # relator codes (MARC21, UNIMARC) and words librarians write → our roles
    "trl": "translator", "730": "translator", "translator": "translator", "пер": "translator",
    "переводчик": "translator", "перевод": "translator", "ауд": "translator",
    "edt": "editor", "340": "editor", "editor": "editor", "ред": "editor", "редактор": "editor",
    "com": "compiler", "220": "compiler", "compiler": "compiler", "сост": "compiler",
    "составитель": "compiler", "құраст": "compiler",
    "ill": "illustrator", "440": "illustrator", "illustrator": "illustrator", "ил": "illustrator",
    "художник": "illustrator",
    "aui": "foreword", "080": "foreword", "author of introduction": "foreword",
    "предисл": "foreword", "writer of preface": "foreword",
}
AUTHOR_ROLES = {"aut", "070", "author", "автор", ""}


ABBREVIATIONS = {"изд", "доп", "испр", "перераб", "ред", "сост", "пер", "ил", "предисл",
                 "др", "ун-та", "обл", "вып", "кн", "ч", "т", "б", "с", "ed", "vol", "rev"}


def clean(value: str | None) -> str:
    """A field's text without the ISBD punctuation that catalogues leave at its end
    (" :", " /", " ;", " =", ","), and without a final full stop — unless it closes an
    initial ("А.") or an abbreviation ("доп.", "С.-Петерб.")."""
    if not value:
        return ""
    text = " ".join(value.split())
    while True:
        before = text
        text = re.sub(r"\s*[:/;=,]\s*$", "", text)
        last = text.split(" ")[-1] if text else ""
        word = last[:-1]
        if last.endswith(".") and (word.isdigit() or (
                len(word) >= 3 and "." not in word and word.lower() not in ABBREVIATIONS)):
            text = text[:-1]
        if text == before:
            return text


def year(value: str | None) -> int | None:
    found = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", value or "")
    return int(found[1]) if found else None


def pages(value: str | None) -> int | None:
    found = re.search(r"(\d+)\s*(?:с|p|б|стр|pages|pp)?\b", value or "")
    return int(found[1]) if found else None


def role(value: str) -> str | None:
    key = clean(value).lower().rstrip(".")
    return ROLE_WORDS.get(key) if key not in AUTHOR_ROLES else None


def language(value: str | None) -> str | None:
    return LANGUAGES.get((value or "").strip().lower())


def book(**fields) -> dict:
    """A book in the exhibition's field order, empty fields left out."""
    return {key: fields[key] for key in ORDER if fields.get(key) not in (None, "", [], ())}
