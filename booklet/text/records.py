"""Bibliographic records from a book's fields, in the style `booklet.bibliography` chooses.

- gost-7.1-2003: areas after ". — ", roles abbreviated (сост., под ред., пер. с англ.).
- gost-r-7.0.100-2018: areas after ". – ", roles in full words, plural for several people
  («составители»), ending «Текст : непосредственный».
- short: a friendly line for posters and children's booklets.

Both GOST styles: a heading (the first author inverted) for one to three authors; four and
more, or a list that names only the first ones (`authors_more`), give no heading and
«[и др.]» (GOST 7.80-2000). The statement of responsibility keeps the book's order: authors,
the organisation, then the contributors as given, one person's roles as one group
(«сост., вступ. ст., пер. М. Бьеркенг»), neighbours with the same roles together. Places are
abbreviated (М., СПб.) unless `booklet.places: full`. A missing place or publisher is
«[Б. м.]», «[б. и.]». The general material designation «[Текст]» of 7.1-2003 is optional
there and left out.
"""

from __future__ import annotations

import re

from booklet.content.isbn import formatted_isbn
from booklet.content.model import Book, Contributor, Imprint
from booklet.text import names
from booklet.text.labels import SOURCE_LANGUAGES
from booklet.text.typography import typeset

NB = "\u00a0"
PLACES_ABBREVIATED = {"Москва": "М.", "Санкт-Петербург": "СПб.", "Ленинград": "Л.",
                      "Ростов-на-Дону": "Ростов н/Д", "Нижний Новгород": "Н. Новгород"}
GEN, NOM = True, False  # the case of the names after a role word

# language → role → (7.1-2003 abbreviation, 7.0.100 words for one and for several people,
# 7.0.100 word inside a group of one person's roles, case of the names). The cases follow
# published records: «под ред. Ю. Н. Климова», «науч. ред. Л. М. Иньковой», but
# «отв. ред. Г. Г. Матишов», «сост. Ж. Л. Гайдай».
ROLES = {
    "ru": {
        "compiler": ("сост.", ("составитель", "составители"), "составление", NOM),
        "editor": ("под ред.", ("под редакцией",) * 2, "редакция", GEN),
        "general_editor": ("под общ. ред.", ("под общей редакцией",) * 2, "общая редакция", GEN),
        "scientific_editor": ("науч. ред.", ("научный редактор", "научные редакторы"),
                              "научная редакция", GEN),
        "executive_editor": ("отв. ред.", ("ответственный редактор", "ответственные редакторы"),
                             "ответственная редакция", NOM),
        "translator": ("пер.", ("перевод",) * 2, "перевод", GEN),
        "illustrator": ("ил.", ("иллюстрации",) * 2, "иллюстрации", GEN),
        "foreword": ("вступ. ст.", ("вступительная статья",) * 2, "вступительная статья", GEN),
        "commentary": ("коммент.", ("комментарии",) * 2, "комментарии", GEN),
    },
    "kk": {  # Kazakh names stay in the nominative
        "compiler": ("құраст.", ("құрастырған",) * 2, "құрастырған", NOM),
        "editor": ("ред.", ("редакциясын басқарған",) * 2, "редакциясын басқарған", NOM),
        "general_editor": ("жалпы ред.", ("жалпы редакциясын басқарған",) * 2,
                           "жалпы редакциясын басқарған", NOM),
        "scientific_editor": ("ғыл. ред.", ("ғылыми редактор", "ғылыми редакторлар"),
                              "ғылыми редакциясын басқарған", NOM),
        "executive_editor": ("жауапты ред.", ("жауапты редактор", "жауапты редакторлар"),
                             "жауапты редакторы", NOM),
        "translator": ("ауд.", ("аударған",) * 2, "аударған", NOM),
        "illustrator": ("сурет.", ("суретін салған",) * 2, "суретін салған", NOM),
        "foreword": ("алғы сөз.", ("алғы сөзін жазған",) * 2, "алғы сөзін жазған", NOM),
        "commentary": ("түсін.", ("түсініктемесін жазған",) * 2, "түсініктемесін жазған", NOM),
    },
    "en": {
        "compiler": ("comp.", ("compiled by",) * 2, "compiled", NOM),
        "editor": ("ed.", ("edited by",) * 2, "edited", NOM),
        "general_editor": ("gen. ed.", ("general editor", "general editors"), "general editing",
                           NOM),
        "scientific_editor": ("sci. ed.", ("scientific editor", "scientific editors"),
                              "scientific editing", NOM),
        "executive_editor": ("exec. ed.", ("executive editor", "executive editors"),
                             "executive editing", NOM),
        "translator": ("trans.", ("translated by",) * 2, "translated", NOM),
        "illustrator": ("ill.", ("illustrated by",) * 2, "illustrated", NOM),
        "foreword": ("foreword", ("foreword by",) * 2, "foreword", NOM),
        "commentary": ("comment.", ("commentary by",) * 2, "commentary", NOM),
    },
}
WORDS = {  # the record's fixed words per language
    "ru": {"others": f"и{NB}др.", "pages": "с.", "medium": "Текст : непосредственный",
           "and": "и", "ill": "ил.", "volumes": f"в{NB}{{}}{NB}т.", "no_place": "б. м.",
           "no_publisher": "б. и."},
    "kk": {"others": "т.б.", "pages": "б.", "medium": "Мәтін : тікелей", "and": "және",
           "ill": "сурет.", "volumes": f"{{}}{NB}томдық", "no_place": None, "no_publisher": None},
    "en": {"others": "et al.", "pages": "p.", "medium": "Text : unmediated", "and": "and",
           "ill": "ill.", "volumes": f"in {{}}{NB}vols.", "no_place": "s. l.",
           "no_publisher": "s. n."},
}
TERMINAL = (".", "!", "?", "…")


def record(book: Book, style: str, language: str, places: str = "abbreviated") -> str:
    """The record of `book`; `language` is the exhibition's, used when the book has none;
    `places` is `booklet.places`: abbreviated (М., СПб.) or full."""
    if book.record:
        return book.record
    lang = book.language or language
    # the free-text fields get the language's typography; the punctuation around them is ours
    book = book.model_copy(update={
        key: typeset(getattr(book, key), lang)
        for key in ("title", "subtitle", "volume", "series", "publisher", "edition", "organisation")
        if getattr(book, key)})
    if style == "short":
        return _short(book, lang)
    return _gost(book, lang, modern=style == "gost-r-7.0.100-2018",
                 abbreviate=places == "abbreviated")


def record_parts(book: Book, style: str, language: str,
                 places: str = "abbreviated") -> tuple[str, str]:
    """The record of `book` cut after its title (the heading and title that a list sets in
    bold) and the rest: «Солженицын, А. Архипелаг ГУЛАГ», « : опыт… — 2020.». The two
    joined are `record()`. A record given whole whose text does not hold the title is all
    rest."""
    text = record(book, style, language, places)
    for title in (typeset(book.title, book.language or language), book.title):
        at = text.find(title)
        if at == 0 and book.authors and text.find(title, 1) > 0:
            at = text.find(title, 1)  # «Абай. Абай» : the title after the heading
        if at >= 0:
            return text[:at + len(title)], text[at + len(title):]
    return "", text


def _gost(book: Book, lang: str, modern: bool, abbreviate: bool) -> str:
    words = WORDS[lang]
    areas = [_title_area(book, lang, modern)]
    if book.edition:
        areas.append(book.edition)
    imprint = _imprint(book, lang, abbreviate)
    if imprint:
        areas.append(imprint)
    extent = _extent(book, lang)
    if book.series:
        extent += (f" {'–' if modern else '—'} " if extent else "") + f"({book.series})"
    if extent:
        areas.append(extent)
    if book.isbn:
        areas.append(f"ISBN {formatted_isbn(book.isbn)}")
    if modern:
        areas.append(words["medium"])
    return _join(areas, f"{NB}– " if modern else f"{NB}— ")


# --- title and statement of responsibility ----------------------------------------------

def _title_area(book: Book, lang: str, modern: bool) -> str:
    authors = book.authors
    heading = _heading(authors[0]) + " " if 1 <= len(authors) <= 3 and not book.authors_more \
        else ""
    title = book.title
    if book.volumes:
        title += " : " + WORDS[lang]["volumes"].format(book.volumes)
    if book.volume:
        title = _then(title, book.volume)
    if book.subtitle:
        title += f" : {book.subtitle}"
    statements = _responsibility(book, lang, modern)
    return heading + title + (" / " + " ; ".join(statements) if statements else "")


def _then(text: str, part: str) -> str:
    """`part` after `text` as a new element: ". " unless `text` already closes («!», «т.»)."""
    return text + (" " if text.endswith(TERMINAL) else ". ") + part


def credit(book: Book, lang: str) -> str:
    """Who made a book without authors, as its record says it: «сост. М. Койгелдиев»."""
    return " ; ".join(_responsibility(book, lang, True))


def _responsibility(book: Book, lang: str, modern: bool) -> list[str]:
    statements = []
    named = _named_authors(book, modern)
    if named:
        statements.append(", ".join(names.direct(a) for a in named)
                          + (f" [{WORDS[lang]['others']}]" if len(named) < len(book.authors)
                             or book.authors_more else ""))
    if book.organisation:
        statements.append(book.organisation)
    groups: list[list[Contributor]] = []
    for person in book.contributors:  # neighbours with the same roles share one statement
        if groups and groups[-1][0].role == person.role:
            groups[-1].append(person)
        else:
            groups.append([person])
    statements += [_statement(group, book, lang, modern) for group in groups]
    translated = any("translator" in person.role for person in book.contributors)
    if book.translated_from and not translated:
        statements.append(_role_words(("translator",), book, lang, modern, several=False)[0])
    return statements


def _named_authors(book: Book, modern: bool) -> list[str]:
    authors = book.authors
    if book.authors_more or len(authors) <= (4 if modern else 3):
        return authors
    return authors[: 3 if modern else 1]


def _statement(group: list[Contributor], book: Book, lang: str, modern: bool) -> str:
    words, genitive = _role_words(group[0].role, book, lang, modern, several=len(group) > 1)
    people = ", ".join(names.direct(p.name, genitive=genitive, override=p.name_genitive)
                       for p in group)
    return f"{words} {people}"


def _role_words(roles: tuple[str, ...], book: Book, lang: str, modern: bool,
                several: bool) -> tuple[str, bool]:
    """The words before the names of one person (or of several with the same roles), and
    whether the names follow in the genitive."""
    table = ROLES[lang]
    if len(roles) == 1:
        short, (one, many), _, case = table[roles[0]]
        words = [short if not modern else many if several else one]
    else:  # one person's roles: abbreviations in a row, or in full the nouns of the work
        case = GEN if modern and lang == "ru" else table[roles[-1]][3]
        words = [table[role][0] if not modern else table[role][2] for role in roles]
    if book.translated_from and "translator" in roles:
        at = roles.index("translator")
        words[at] = _translated_from(words[at], book.translated_from, lang, modern)
    if modern and len(words) > 1:
        text = ", ".join(words[:-1]) + f" {WORDS[lang]['and']} " + words[-1]
    else:
        text = ", ".join(words)
    return text, case


def _translated_from(word: str, code: str, lang: str, modern: bool) -> str:
    """«пер. с англ.», «перевод с английского», «ағылшын тілінен аударған»,
    "translated from English by"."""
    abbreviated, in_full, kazakh, english = SOURCE_LANGUAGES[code]
    if lang == "kk":
        return f"{kazakh} тілінен аударған"
    if lang == "en":
        return word.replace("translated", f"translated from {english}") if modern \
            else f"{word} from {english}"
    return f"{word} с {in_full if modern else abbreviated}"


def _heading(author: str) -> str:
    """The first author inverted, closed by a full stop ("Абай." as much as "Сатпаева, А.")."""
    text = names.inverted(author)
    return text if text.endswith(".") else text + "."


# --- publication and extent -------------------------------------------------------------

def _imprint(book: Book, lang: str, abbreviate: bool) -> str:
    """«М. : Юрайт ; Екатеринбург : Изд-во Урал. ун-та, 2020», «Мончегорск : [б. и.], 2023»,
    «[Б. м. : б. и.], 2001». A place without a publisher followed by another place shares
    the next publisher («М. ; СПб. : Питер»). Kazakh records leave an unknown place or
    publisher out («Алматы, 2012», as the National Library of Kazakhstan writes them)."""
    imprints = list(book.publishers) or (
        [Imprint(place=book.place, publisher=book.publisher)] if book.place or book.publisher
        else [])
    if not imprints and not book.year:
        return ""
    no_place, no_publisher = WORDS[lang]["no_place"], WORDS[lang]["no_publisher"]
    parts = []
    for i, imprint in enumerate(imprints):
        place = imprint.place and (PLACES_ABBREVIATED.get(imprint.place, imprint.place)
                                   if abbreviate else imprint.place)
        publisher = imprint.publisher
        if not publisher and i == len(imprints) - 1 and no_publisher:
            publisher = f"[{no_publisher}]"
        if not place and no_place:
            place = f"[{no_place}]"
        parts.append(" : ".join(filter(None, [place, publisher])))
    if not imprints and no_place:
        parts.append(f"[{no_place} : {no_publisher}]")
    text = " ; ".join(filter(None, parts)).replace("] : [", " : ")  # «[Б. м. : б. и.]»
    text = text[:1] + text[1:2].upper() + text[2:] if text.startswith("[") else text
    # «[Б. м. : б. и.], 2001» is read as one group: never broken across lines
    text = re.sub(r"\[[^\]]*\](?:, \d+)?", lambda m: m[0].replace(" ", NB), text)
    if book.year:
        text += (", " if text else "") + str(book.year)
        text = re.sub(r"\], (\d+)$", rf"],{NB}\1", text)
    return text


def _extent(book: Book, lang: str) -> str:
    words = WORDS[lang]
    if book.pages:
        extent = f"{book.pages}{NB}{words['pages']}"
    elif book.extent:  # as stated: «191, [2] с.», «355 с., [8] л. ил.»
        extent = re.sub(r"(?<=[\d\]]) (?=\w)", NB, book.extent.strip())
    else:
        return ""
    return extent + (f" : {words['ill']}" if book.illustrations else "")


# --- the short style ------------------------------------------------------------------------

def _short(book: Book, lang: str) -> str:
    parts = []
    others = WORDS[lang]["others"]
    if book.authors:
        shown = book.authors[:3]
        parts.append(", ".join(names.direct(a) for a in shown)
                     + (f" {others}" if len(book.authors) > 3 or book.authors_more else ""))
    title = book.title + (f": {book.subtitle}" if book.subtitle else "")
    parts.append(_then(title, book.volume) if book.volume else title)
    place = book.place or next((p.place for p in book.publishers if p.place), None)
    where = ", ".join(filter(None, [place, str(book.year) if book.year else None]))
    if where:
        parts.append(where)
    return _join(parts, " ")


def _join(parts: list[str], separator: str) -> str:
    """Parts joined by ". " + separator, and closed by a full stop; a part that already
    ends with one (an abbreviation, «!», «?») gives no second one."""
    text = parts[0].rstrip()
    for part in parts[1:]:
        text += ("" if text.endswith(TERMINAL) else ".") + separator + part.rstrip()
    return text if text.endswith(TERMINAL) else text + "."
