"""Personal names as librarians write them: "Surname, Given names" or a single name."""

from __future__ import annotations

import re

NB = "\u00a0"


def _initials(given: str) -> str:
    given = re.sub(r"\.(?=\w)", ". ", given)  # "Г.В." typed without a space: two initials
    parts = [p for p in re.split(r"\s+", given.strip()) if p]
    out = []
    for part in parts:
        if re.fullmatch(r"\w\.(-\w\.)?", part):  # already an initial
            out.append(part)
        else:
            out.append("-".join(piece[0] + "." for piece in part.split("-") if piece))
    return NB.join(out)


def split(name: str) -> tuple[str, str]:
    surname, _, given = name.partition(",")
    return surname.strip(), given.strip()


def inverted(name: str) -> str:
    """ "Байтурсынов, Ахмет" → "Байтурсынов, А." (a heading); one name stays as it is."""
    surname, given = split(name)
    return f"{surname}, {_initials(given)}" if given else surname


def direct(name: str, genitive: bool = False, override: str | None = None) -> str:
    """ "Байтурсынов, Ахмет" → "А. Байтурсынов" (after the slash); in the genitive when asked
    ("под ред. Ю. Н. Климова"). `override` is the genitive as the librarian wrote it, like
    `name` ("Климовой, Ю. Н.") or only the surname ("Климовой")."""
    surname, given = split(name)
    if genitive and override:
        override_surname, override_given = split(override)
        surname, given = override_surname, override_given or given
    elif genitive:
        surname = genitive_surname(surname, gender(given))
    return f"{_initials(given)}{NB}{surname}" if given else surname


# --- the genitive of a surname ---------------------------------------------------------

MALE_NAMES_IN_A = {"никита", "илья", "фома", "лука", "кузьма", "савва", "фока", "данила",
                   "гаврила", "муса", "иса", "хамза", "мұса", "жора", "саша", "миша"}


def gender(given: str) -> str | None:
    """ "m", "f" or None, from the patronymic or the first name when they are written out;
    initials tell nothing."""
    words = [w for w in re.split(r"[\s.]+", given.lower()) if len(w) > 1]
    for word in words[1:]:  # a patronymic
        if word.endswith(("вич", "ьич", "ич", "улы", "ұлы", "оглы")):
            return "m"
        if word.endswith(("вна", "чна", "кызы", "қызы", "гызы")):
            return "f"
    if words:
        first = words[0]
        if first.endswith(("а", "я")):
            return "m" if first in MALE_NAMES_IN_A else "f"
    return None  # a first name ending in a consonant is male in Russian, often female in Kazakh


INDECLINABLE = ("ых", "их", "ко", "о", "е", "и", "у", "ю", "э", "ы", "ұлы", "улы", "қызы",
                "кызы")
ADJECTIVAL = [  # ending → genitive, both genders told apart by the ending itself; longest first
    ("ская", "ской"), ("цкая", "цкой"), ("ая", "ой"), ("яя", "ей"),
    ("ский", "ского"), ("цкий", "цкого"), ("кий", "кого"), ("гий", "гого"), ("хий", "хого"),
    ("ый", "ого"), ("ой", "ого"), ("ий", "его"),
]
POSSESSIVE = [("ова", "овой"), ("ева", "евой"), ("ёва", "ёвой"), ("ина", "иной"),
              ("ына", "ыной"), ("ов", "ова"), ("ев", "ева"), ("ёв", "ёва"), ("ин", "ина"),
              ("ын", "ына")]
VOWELS = "аеёиоуыэюяәөүұі"


def genitive_surname(surname: str, sex: str | None = None) -> str:
    """The genitive of a Russian-declined surname; a double one part by part ("Мамин-Сибиряк")."""
    sex = sex or _gender_of_surname(surname)
    if "-" in surname:
        return "-".join(genitive_surname(part, sex) for part in surname.split("-"))
    low = surname.lower()
    if len(low) < 3 or not low[-1].isalpha() or low.endswith(INDECLINABLE):
        return surname
    for ending, replacement in ADJECTIVAL:
        if low.endswith(ending) and len(low) > len(ending) + 1:
            return surname[: -len(ending)] + replacement
    for ending, replacement in POSSESSIVE:
        if low.endswith(ending) and not (sex == "f" and replacement.endswith("а")):
            return surname[: -len(ending)] + replacement
    if low.endswith("я"):
        return surname[:-1] + "и"  # Берия → Берии
    if low.endswith("а"):  # both genders: Глинка → Глинки, Дума → Думы
        return surname[:-1] + ("и" if low[-2] in "гкхжшчщ" else "ы")
    if sex != "m":  # a surname ending in a consonant is declined for men only
        return surname
    if low.endswith("ь"):
        return surname[:-1] + "я"  # Мигонь → Мигоня
    if low.endswith("й") and low[-2] in VOWELS:
        return surname[:-1] + "я"  # Гайдай → Гайдая
    return surname + "а"  # Шмидт → Шмидта


def _gender_of_surname(surname: str) -> str | None:
    """Russian surnames of the possessive and adjectival kinds say the gender themselves."""
    for part in surname.lower().split("-"):
        if part.endswith(("ов", "ев", "ёв", "ин", "ын", "ский", "цкий")):
            return "m"
        if part.endswith(("ова", "ева", "ёва", "ина", "ына", "ская", "цкая")):
            return "f"
    return None


def full(name: str) -> str:
    """ "Байтурсынов, Ахмет" → "Ахмет Байтурсынов" (in running text)."""
    surname, given = split(name)
    return f"{given} {surname}" if given else surname
