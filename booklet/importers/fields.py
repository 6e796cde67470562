"""What every importer shares: ISBD punctuation off the ends of fields, years, extents,
ISBNs, languages and roles as catalogues write them, and books as plain dicts in the order
of the exhibition's fields."""

from __future__ import annotations

import re

ORDER = ("title", "subtitle", "authors", "authors_more", "contributors", "organisation",
         "translated_from", "edition", "volumes", "volume", "series", "place", "publisher",
         "publishers", "year", "pages", "extent", "illustrations", "isbn", "language",
         "annotation", "shelfmark", "location", "link", "record")

# ISO 639-2 (MARC, UNIMARC) → ISO 639-1, for the languages a book may be translated from
CODES = {"rus": "ru", "kaz": "kk", "eng": "en", "ger": "de", "deu": "de", "fre": "fr",
         "fra": "fr", "spa": "es", "ita": "it", "por": "pt", "pol": "pl", "cze": "cs",
         "ces": "cs", "slo": "sk", "slk": "sk", "ukr": "uk", "bel": "be", "bul": "bg",
         "srp": "sr", "hrv": "hr", "slv": "sl", "rum": "ro", "ron": "ro", "hun": "hu",
         "gre": "el", "ell": "el", "lat": "la", "tur": "tr", "aze": "az", "uzb": "uz",
         "kir": "ky", "tuk": "tk", "tat": "tt", "bak": "ba", "mon": "mn", "chi": "zh",
         "zho": "zh", "jpn": "ja", "kor": "ko", "ara": "ar", "per": "fa", "fas": "fa",
         "heb": "he", "hin": "hi", "arm": "hy", "hye": "hy", "geo": "ka", "kat": "ka",
         "nor": "no", "swe": "sv", "dan": "da", "fin": "fi", "est": "et", "lav": "lv",
         "lit": "lt", "dut": "nl", "nld": "nl", "ice": "is", "isl": "is"}
BOOK_LANGUAGES = {"ru", "kk", "en"}  # the languages the booklet itself knows
LANGUAGE_NAMES = {"русский": "ru", "казахский": "kk", "английский": "en", "қазақ": "kk",
                  "орыс": "ru", "ағылшын": "en", "russian": "ru", "kazakh": "kk",
                  "english": "en"}
# «пер. с англ.», «translated from the French»: the stems librarians abbreviate to
FROM_WORDS = {"англ": "en", "нем": "de", "франц": "fr", "фр": "fr", "пол": "pl", "рус": "ru",
              "каз": "kk", "итал": "it", "исп": "es", "укр": "uk", "чеш": "cs", "япон": "ja",
              "кит": "zh", "араб": "ar", "лат": "la", "перс": "fa", "тур": "tr", "швед": "sv",
              "норв": "no", "фин": "fi", "дат": "da", "нидерл": "nl", "голл": "nl", "венг": "hu",
              "болг": "bg", "серб": "sr", "греч": "el", "груз": "ka", "арм": "hy", "эст": "et",
              "латыш": "lv", "литов": "lt", "french": "fr", "german": "de", "english": "en",
              "russian": "ru", "italian": "it", "spanish": "es", "polish": "pl"}

RELATORS = {  # UNIMARC and MARC21 relator codes → the exhibition's roles
    "340": "editor", "edt": "editor", "730": "translator", "trl": "translator",
    "220": "compiler", "com": "compiler", "440": "illustrator", "ill": "illustrator",
    "080": "foreword", "aui": "foreword", "win": "foreword", "wpr": "foreword",
    "212": "commentary", "cmm": "commentary", "ann": "commentary", "651": "editor",
}
AUTHOR_CODES = {"070", "aut", "author", "автор", "cre", ""}
# the words of a statement of responsibility that name a role, longest first when matched
ROLE_WORDS = {
    "general_editor": ["под общей редакцией", "под общ. ред.", "общ. ред.", "general editor"],
    "scientific_editor": ["под научной редакцией", "под науч. ред.", "науч. ред.",
                          "научный редактор"],
    "executive_editor": ["ответственный редактор", "отв. ред.", "жауапты редактор",
                         "жауапты ред."],
    "editor": ["под редакцией", "под ред.", "редакторы", "редактор", "редкол.", "ред.",
               "edited by", "editors", "editor", "eds.", "ed.", "a cura di", "hrsg. von",
               "sous la direction de", "бас редактор"],
    "compiler": ["составители", "составитель", "сост.", "құрастырған", "құраст.",
                 "compiled by", "compiler"],
    "translator": ["переводчик", "перевод", "пер.", "аударған", "ауд.", "translated by",
                   "translation by", "translator", "traduzione di", "traduit par",
                   "übersetzt von"],
    "illustrator": ["художник", "худож.", "иллюстрации", "ил.", "illustrated by",
                    "illustrations by", "illustrator"],
    "foreword": ["вступительная статья", "вступ. ст.", "предисловие", "предисл.",
                 "introduction by", "with an introduction by", "foreword by",
                 "introduzione di", "prefazione di", "кіріспе"],
    "commentary": ["комментарии", "коммент.", "примечания", "примеч.", "commentary by",
                   "notes by", "түсініктеме"],
}
_WORDS = sorted(((word, role) for role, words in ROLE_WORDS.items() for word in words),
                key=lambda pair: -len(pair[0]))
ET_AL = re.compile(r"(?<!\w)(?:и др|et al|және т\. б)(?!\w)", re.I)

ABBREVIATIONS = {"изд", "доп", "испр", "перераб", "ред", "сост", "пер", "ил", "предисл",
                 "др", "ун-та", "обл", "вып", "кн", "ч", "т", "б", "с", "ed", "vol", "rev",
                 "сб", "ст", "м", "л", "спб", "гос", "акад", "тип", "ин-та"}
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0, C1: NSB/NSE (U+0088/U+0089…)


def clean(value: str | None) -> str:
    """A field's text without control characters and non-sorting marks, without the ISBD
    punctuation that catalogues leave at its end (" :", " /", " ;", " =", ","), without a
    final full stop — unless it closes an initial ("А.") or an abbreviation ("доп.") — and
    with its square brackets balanced."""
    if not value:
        return ""
    text = " ".join(CONTROLS.sub("", value).split())
    while True:
        before = text
        text = re.sub(r"\s*[:/;=,]\s*$", "", text)
        text = re.sub(r"^\s*[:/;=,]\s+", "", text)
        last = text.split(" ")[-1] if text else ""
        word = last[:-1]
        abbreviated = word.lower() in ABBREVIATIONS or len(word.rsplit("-", 1)[-1]) <= 2
        if last.endswith(".") and (word.isdigit() or (
                len(word) >= 3 and "." not in word and not abbreviated)):
            text = text[:-1]
        if text == before:
            break
    return _balanced(text)


def _balanced(text: str) -> str:
    if text.count("[") > text.count("]"):
        return text + "]" if text.startswith("[") else text.replace("[", "", 1)
    if text.count("]") > text.count("["):
        return "[" + text if text.endswith("]") else text[::-1].replace("]", "", 1)[::-1]
    return text


def year(value: str | None) -> int | None:
    """The first year of «c1962», «[1998]», «1998–2001», «[2002?]»."""
    found = re.search(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)", value or "")
    return int(found[1]) if found else None


def extent(value: str | None) -> tuple[int | None, str]:
    """(pages, extent as stated): «320 с.» and «424» are pages; «[2], 450–886 с.»,
    «xii, 192 p.», «80 с., [8] л. ил.», «2 т.» are kept as the book states them."""
    text = clean(value)
    plain = re.fullmatch(r"(\d+)\s*(?:с|c|p|pp|б|стр|pages|S)?\.?", text)
    if plain:
        return int(plain[1]), ""
    return None, text


def isbn(value: str | None) -> str:
    """The ISBN alone, from «978-5-4448-1257-0 (в пер.)» or «5-900776-31-х»: a Cyrillic
    Х/х check character is the Latin X, spaces inside are dropped."""
    found = re.match(r"\s*([0-9][0-9\- ]{8,16}[0-9XxХх])(?![0-9])", value or "")
    if not found:
        return (value or "").split(" ")[0].strip(" :;,.")
    return re.sub(r"[Хх]$", "X", found[1].replace(" ", "")).replace("x", "X")


def language(value: str | None) -> str | None:
    """The book's language, when the booklet knows it (ru, kk, en)."""
    key = (value or "").strip().lower()
    found = CODES.get(key[:3]) if len(key) == 3 else LANGUAGE_NAMES.get(key, key)
    return found if found in BOOK_LANGUAGES else None


def source_language(value: str | None) -> str | None:
    return CODES.get((value or "").strip().lower()[:3])


def relator(value: str) -> str | None:
    """A role from a relator code or word (MARC21 $e/$4, UNIMARC $4, ИРБИС «340 ред.»)."""
    key = clean(value).lower().rstrip(".")
    code = key.split(" ")[0] if key else ""
    if code in RELATORS:
        return RELATORS[code]
    stated = roles_in(key + ".")
    return stated[0][0][0] if stated and stated[0][0] else None


def is_author_code(value: str) -> bool:
    return clean(value).lower().rstrip(".").split(" ")[0] in AUTHOR_CODES


def roles_in(statement: str | None) -> list[tuple[tuple[str, ...], str]]:
    """A statement of responsibility in groups, each with the roles its words give, in
    the order written, and the rest of its text (names): «Сост., вступ. ст., пер. с рус.
    М. Бьеркенг» → ((compiler, foreword, translator), «с рус. М. Бьеркенг»)."""
    groups = []
    for part in re.split(r"\s;\s|;\s*(?=\S)", CONTROLS.sub("", statement or "")):
        text, roles = part.strip(" []"), []
        while True:
            lower = text.lower()
            for word, role in _WORDS:
                if lower.startswith(word) and not lower[len(word):][:1].isalnum():
                    if role not in roles:
                        roles.append(role)
                    text = text[len(word):].lstrip(" ,:")
                    text = re.sub(r"^(?:и|and|e|et)\s+", "", text)
                    break
            else:
                break
        if text or roles:
            groups.append((tuple(roles), text))
    return groups


def translated_from(statement: str | None) -> str | None:
    found = re.search(r"(?:пер(?:\.|евод)?|translated)\s+(?:с|from(?: the)?)\s+([a-zа-яё]+)",
                      statement or "", re.I)
    if not found:
        return None
    word = found[1].lower()
    return next((code for stem, code in sorted(FROM_WORDS.items(), key=lambda p: -len(p[0]))
                 if word.startswith(stem)), None)


def stated_role(statement: str | None, surname: str) -> tuple[str, ...]:
    """The roles the statement of responsibility gives the person with this surname
    (found also in the genitive: «под ред. Ю. Н. Климова»)."""
    stem = surname[:-1] if len(surname) > 4 else surname
    for roles, names in roles_in(statement):
        if roles and stem and stem.lower() in names.lower():
            return roles
    return ()


def names_more(statement: str | None) -> bool:
    """The statement's first group (the authors) ends in «[и др.]» / «et al.»."""
    groups = roles_in(statement)
    return bool(groups) and not groups[0][0] and bool(ET_AL.search(groups[0][1]))


def book(**fields) -> dict:
    """A book in the exhibition's field order, empty fields left out."""
    return {key: fields[key] for key in ORDER if fields.get(key) not in (None, "", [], (), False)}
