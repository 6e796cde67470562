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


def direct(name: str) -> str:
    """ "Байтурсынов, Ахмет" → "А. Байтурсынов" (after the slash)."""
    surname, given = split(name)
    return f"{_initials(given)}\u00a0{surname}" if given else surname


def full(name: str) -> str:
    """ "Байтурсынов, Ахмет" → "Ахмет Байтурсынов" (in running text)."""
    surname, given = split(name)
    return f"{given} {surname}" if given else surname
