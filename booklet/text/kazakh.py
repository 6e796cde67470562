"""Kazakh hyphenation patterns, written from the syllable structure of the language.

Kazakh syllables are V, CV, VC, CVC, VCC and CVCC: every syllable has one vowel, and a
consonant between vowels opens the next syllable. So a line may break
- before a consonant that is followed by a vowel (мек-теп-ке, кі-тап-ха-на), and
- between two vowels (әде-би-ет).
«У» counts as a consonant here (қа-уіп, тау-да); «и» as a vowel. Never before «ь» or «ъ»,
never inside «дж». Where these rules are unsure, the patterns allow no break at all.
Pyphen keeps two letters on each side (left=2, right=2).

    python -m booklet.text.kazakh   # rewrites hyph_kk.dic beside this file
"""

from __future__ import annotations

from pathlib import Path

import pyphen

VOWELS = "аәеёиіоөұүыэюя"
CONSONANTS = "бвгғджзйкқлмнңпрстуфхһцчшщ"
DICTIONARY = Path(__file__).resolve().parent / "hyph_kk.dic"


def patterns() -> list[str]:
    found = [f"1{c}{v}" for c in CONSONANTS for v in VOWELS]
    found += [f"{a}1{b}" for a in VOWELS for b in VOWELS]
    found += ["2ь", "2ъ", "д2ж"]
    return found


def dictionary_text() -> str:
    return "UTF-8\n" + "\n".join(patterns()) + "\n"


def register() -> None:
    """Make `lang="kk"` hyphenate with these patterns, in Pyphen and so in WeasyPrint."""
    pyphen.LANGUAGES["kk"] = DICTIONARY
    pyphen.LANGUAGES_LOWERCASE["kk"] = "kk"


def hyphenated(word: str) -> str:
    return pyphen.Pyphen(filename=str(DICTIONARY), left=2, right=2).inserted(word)


if __name__ == "__main__":
    DICTIONARY.write_text(dictionary_text(), encoding="utf-8")
    print(f"{DICTIONARY}: {len(patterns())} patterns")
