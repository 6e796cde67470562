"""Personal names as librarians write them: "Surname, Given names" or a single name."""

from __future__ import annotations

import re


def _initials(given: str) -> str:
    parts = [p for p in re.split(r"\s+", given.strip()) if p]
    out = []
    for part in parts:
        if re.fullmatch(r"\w\.(-\w\.)?", part):  # already an initial
            out.append(part)
        else:
            out.append("-".join(piece[0] + "." for piece in part.split("-") if piece))
    return "\u00a0".join(out)


def split(name: str) -> tuple[str, str]:
    surname, _, given = name.partition(",")
    return surname.strip(), given.strip()


def inverted(name: str) -> str:
    """ "Байтурсынов, Ахмет" → "Байтурсынов, А." (a heading); one name stays as it is."""
    surname, given = split(name)
    return f"{surname}, {_initials(given)}" if given else surname


def direct(name: str, genitive: bool = False) -> str:
    """ "Байтурсынов, Ахмет" → "А. Байтурсынов" (after the slash); in the genitive
    ("пер. И. Ю. Багровой") when asked and the surname's ending is a regular Russian one."""
    surname, given = split(name)
    if genitive:
        surname = genitive_surname(surname)
    return f"{_initials(given)}\u00a0{surname}" if given else surname


GENITIVE_ENDINGS = [  # ending → replacement, longest first
    ("ская", "ской"), ("цкая", "цкой"), ("ский", "ского"), ("цкий", "цкого"),
    ("ова", "овой"), ("ева", "евой"), ("ёва", "ёвой"), ("ина", "иной"), ("ына", "ыной"),
    ("ов", "ова"), ("ев", "ева"), ("ёв", "ёва"), ("ин", "ина"), ("ын", "ына"),
]


def genitive_surname(surname: str) -> str:
    for ending, replacement in GENITIVE_ENDINGS:
        if surname.endswith(ending):
            return surname[: -len(ending)] + replacement
    return surname


def full(name: str) -> str:
    """ "Байтурсынов, Ахмет" → "Ахмет Байтурсынов" (in running text)."""
    surname, given = split(name)
    return f"{given} {surname}" if given else surname
