"""Bibliographic records from a book's fields, in the style `booklet.bibliography` chooses.

- gost-7.1-2003: areas after ". — ", places abbreviated (М., СПб.), heading for one to three
  authors, «[и др.]» after the first of four or more.
- gost-r-7.0.100-2018: areas after ". – ", places in full, up to four authors named, roles in
  full words, ending «Текст : непосредственный».
- short: a friendly line for posters and children's booklets.

The general material designation «[Текст]» of 7.1-2003 is optional there and left out.
Names after a role that governs the genitive (пер., ред., ил., предисл.) are declined when
their ending is a regular Russian one; any other name is left as written.
"""

from __future__ import annotations

from booklet.content.isbn import formatted_isbn
from booklet.content.model import Book
from booklet.text import names
from booklet.text.typography import typeset

NB = "\u00a0"
PLACES_7_1 = {"Москва": "М.", "Санкт-Петербург": "СПб.", "Ленинград": "Л.",
              "Ростов-на-Дону": "Ростов н/Д", "Нижний Новгород": "Н. Новгород"}

ROLES = {  # language → role → (7.1 abbreviation, 7.0.100 word, takes genitive)
    "ru": {"compiler": ("сост.", "составитель", False), "editor": ("ред.", "редактор", False),
           "translator": ("пер.", "перевод", True), "illustrator": ("ил.", "иллюстрации", True),
           "foreword": ("предисл.", "предисловие", True)},
    "kk": {"compiler": ("құраст.", "құрастырушы", False), "editor": ("ред.", "редактор", False),
           "translator": ("ауд.", "аударған", False), "illustrator": ("сурет.", "суретші", False),
           "foreword": ("алғы сөз.", "алғы сөз", False)},
    "en": {"compiler": ("comp.", "compiled by", False), "editor": ("ed.", "edited by", False),
           "translator": ("trans.", "translated by", False),
           "illustrator": ("ill.", "illustrated by", False),
           "foreword": ("foreword", "foreword by", False)},
}
WORDS = {  # and others, pages, medium
    "ru": ("и др.", "с.", "Текст : непосредственный"),
    "kk": ("т.б.", "б.", "Мәтін : тікелей"),
    "en": ("et al.", "p.", "Text : unmediated"),
}


def record(book: Book, style: str, language: str) -> str:
    """The record of `book`; `language` is the exhibition's, used when the book has none."""
    if book.record:
        return book.record
    lang = book.language or language
    # the free-text fields get the language's typography; the punctuation around them is ours
    book = book.model_copy(update={
        key: typeset(getattr(book, key), lang)
        for key in ("title", "subtitle", "series", "publisher", "edition") if getattr(book, key)})
    if style == "short":
        return _short(book, lang)
    return _gost(book, lang, modern=style == "gost-r-7.0.100-2018")


def _gost(book: Book, lang: str, modern: bool) -> str:
    and_others, pages_word, medium = WORDS[lang]
    authors = book.authors
    named = authors if len(authors) <= (4 if modern else 3) else authors[: 3 if modern else 1]
    responsibility = []
    if named:
        text = ", ".join(names.direct(a) for a in named)
        responsibility.append(text + (f" [{and_others}]" if len(named) < len(authors) else ""))
    for role in ROLES[lang]:  # one statement per role, names of the same role together
        people = [c.name for c in book.contributors if role in c.role]
        if people:
            short, word, genitive = ROLES[lang][role]
            shown = ", ".join(names.direct(name, genitive=genitive) for name in people)
            responsibility.append(f"{word if modern else short} {shown}")

    heading = _heading(authors[0]) + " " if 1 <= len(authors) <= 3 else ""
    title = book.title + (f". {book.volume}" if book.volume else "")
    title += f" : {book.subtitle}" if book.subtitle else ""
    areas = [heading + title + (" / " + " ; ".join(responsibility) if responsibility else "")]
    if book.edition:
        areas.append(book.edition)
    place = book.place if modern or not book.place else PLACES_7_1.get(book.place, book.place)
    imprint = " : ".join(filter(None, [place, book.publisher]))
    if book.year:
        imprint += (", " if imprint else "") + str(book.year)
    if imprint:
        areas.append(imprint)
    extent = f"{book.pages}{NB}{pages_word}" if book.pages else ""
    if book.series:
        extent += (f" {'–' if modern else '—'} " if extent else "") + f"({book.series})"
    if extent:
        areas.append(extent)
    if book.isbn:
        areas.append(f"ISBN {formatted_isbn(book.isbn)}")
    if modern:
        areas.append(medium)
    return _join(areas, f"{NB}– " if modern else f"{NB}— ")


def _heading(author: str) -> str:
    """The first author inverted, closed by a full stop ("Абай." as much as "Сатпаева, А.")."""
    text = names.inverted(author)
    return text if text.endswith(".") else text + "."


def _short(book: Book, lang: str) -> str:
    parts = []
    if book.authors:
        parts.append(", ".join(names.direct(a) for a in book.authors[:3])
                     + (f" {WORDS[lang][0]}" if len(book.authors) > 3 else ""))
    parts.append(book.title + (f": {book.subtitle}" if book.subtitle else ""))
    where = ", ".join(filter(None, [book.place, str(book.year) if book.year else None]))
    if where:
        parts.append(where)
    return _join(parts, " ")


TERMINAL = (".", "!", "?", "…")


def _join(parts: list[str], separator: str) -> str:
    """Parts joined by ". " + separator, and closed by a full stop; a part that already
    ends with one (an abbreviation, «!», «?») gives no second one."""
    text = parts[0].rstrip()
    for part in parts[1:]:
        text += ("" if text.endswith(TERMINAL) else ".") + separator + part.rstrip()
    return text if text.endswith(TERMINAL) else text + "."
