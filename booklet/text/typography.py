"""Typographic rules of a language applied to plain text: quotes, dashes, non-breaking spaces.

Text in, text out; never given URLs, ISBNs or shelf marks.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
QUOTES = {"ru": ("«", "»"), "kk": ("«", "»"), "en": ("\u201c", "\u201d")}
DASH = {"ru": f"{NBSP}— ", "kk": f"{NBSP}— ", "en": f"{NBSP}– "}

_SHORT_WORD = re.compile(r"(?<![\w\-])(\w{1,2}) (?=\S)")
_SENTENCE_DASH = re.compile(r"\s+(?:-{1,2}|—|–)\s+")
_RANGE = re.compile(r"(?<=\d)-(?=\d)")
_NUMBER_UNIT = re.compile(r"(?<=\d) (?=(?:г|гг|в|вв|тыс|млн|млрд|ж|с|б)\.)|(?<=№) ?(?=\d)")
_INITIALS = re.compile(r"(?<=\b\w\.) (?=\w)")
_QUOTE = re.compile(r'"([^"]*)"')


def typeset(text: str, language: str) -> str:
    if not text:
        return text
    opening, closing = QUOTES.get(language, QUOTES["en"])
    text = _QUOTE.sub(lambda m: f"{opening}{m[1]}{closing}", text)
    text = _SENTENCE_DASH.sub(DASH.get(language, DASH["en"]), text)
    text = _RANGE.sub("–", text)
    if language in ("ru", "kk"):
        text = _NUMBER_UNIT.sub(NBSP, text)
        text = _INITIALS.sub(NBSP, text)
        text = _SHORT_WORD.sub(lambda m: m[1] + NBSP, text)
    return text
