"""Typographic rules of a language applied to plain text: quotes, dashes, non-breaking spaces.

Text in, text out. Web and mail addresses, ISBNs and ISO dates inside the text are left
exactly as written; shelf marks, phones and URLs are never given to this function.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
UPPER = "А-ЯЁӘҒҚҢӨҰҮҺІA-Z"
LOWER = "а-яёәғқңөұүһіa-z"

# Spans that are copied as they are: addresses, ISBNs, ISO dates.
_PROTECTED = re.compile(r"https?://\S+|www\.\S+|mailto:\S+|[\w.+-]+@[\w-]+\.[\w.-]+"
                        r"|ISBN[\s\u00a0]*[\dXx-]+|\b\d{4}-\d{2}-\d{2}\b")

_QUOTES = {  # outer open, outer close, inner open, inner close
    "ru": ("«", "»", "„", "“"),
    "kk": ("«", "»", "„", "“"),
    "en": ("\u201c", "\u201d", "\u2018", "\u2019"),
}
_OPENS_AFTER = set(" \t\n\u00a0([{«„“‘—–-/") | {""}

_RANGE = re.compile(r"(?<=\d)[ \u00a0]?[-–—][ \u00a0]?(?=\d)")
_SENTENCE_DASH = re.compile(r"(?<=\S)[ \u00a0]+(?:-{1,3}|–|—)[ \u00a0]+")
_OPENING_DASH = re.compile(r"^(?:-{1,2}|–|—)[ \u00a0]+", re.MULTILINE)
_DOUBLE_HYPHEN = re.compile(r"(?<=\w)--(?=\w)")
_ELLIPSIS = re.compile(r"\.\.\.")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")

_INITIAL_BEFORE_NAME = re.compile(rf"(?<![\w])([{UPPER}]\.)[ ]+(?=[{UPPER}])")
_NAME_BEFORE_INITIAL = re.compile(rf"(?<=[{LOWER}])[ ]+(?=[{UPPER}]\.(?:[ \u00a0]?[{UPPER}]\.|[ ,;:)]|$))")
_ABBREVIATIONS = re.compile(r"\b(т\.|и\.)[ ]+(?=(?:д|п|е|к|н|о)\.)")
_NUMBER_UNIT = re.compile(r"(?<=\d)[ ]+(?=(?:г|гг|в|вв|тыс|млн|млрд|руб|коп|см|мм|км|кг|"
                          r"с|б|ж|жж|мың|млн|%)(?:\.|(?![\w])))")
_NUMERO = re.compile(r"([№§])[ ]*(?=\d)")
_DIGIT_GROUP = re.compile(r"(?<![\d.,\u00a0])\d{5,}(?![\d.,]|\u00a0\d)")
_SHORT_WORD = re.compile(r"(?<![\w\-\u00a0.])(\w{1,2})[ ]+(?=\S)")
_PARTICLE = re.compile(r"(?<=\w)[ ]+(?=(?:бы|ли|же|ль|б|ж)(?![\w]))")


def typeset(text: str, language: str) -> str:
    if not text:
        return text
    kept: list[str] = []

    def keep(match):
        kept.append(match[0])
        return chr(0xE000 + len(kept) - 1)

    text = _PROTECTED.sub(keep, text)
    text = _ELLIPSIS.sub("…", text)
    text = _APOSTROPHE.sub("\u2019", text)
    text = quotes(text, language)
    text = dashes(text, language)
    if language in ("ru", "kk"):
        text = _INITIAL_BEFORE_NAME.sub(rf"\1{NBSP}", text)
        text = _NAME_BEFORE_INITIAL.sub(NBSP, text)
        text = _ABBREVIATIONS.sub(rf"\1{NBSP}", text)
        text = _NUMBER_UNIT.sub(NBSP, text)
        text = _NUMERO.sub(rf"\1{NBSP}", text)
        text = _DIGIT_GROUP.sub(lambda m: _group_digits(m[0]), text)
        text = _SHORT_WORD.sub(rf"\1{NBSP}", text)
        text = _PARTICLE.sub(NBSP, text)
    return re.sub("[\ue000-\uf8ff]", lambda m: kept[ord(m[0]) - 0xE000], text)


def quotes(text: str, language: str) -> str:
    """Straight double quotes become the language's quotes, nested ones the inner kind."""
    outer_open, outer_close, inner_open, inner_close = _QUOTES.get(language, _QUOTES["en"])
    depth = 0
    out = []
    for i, char in enumerate(text):
        before = text[i - 1] if i else ""
        if char == '"':
            if before in _OPENS_AFTER or before == '"':
                out.append(outer_open if depth == 0 else inner_open)
                depth += 1
            else:
                out.append(outer_close if depth <= 1 else inner_close)
                depth = max(depth - 1, 0)
            continue
        if char == outer_open or (char == inner_open and inner_open != inner_close):
            depth += 1
        elif (char == outer_close or (char == inner_close and language != "en")) and depth:
            # (in English the inner closing quote is also the apostrophe: not counted)
            depth -= 1
        out.append(char)
    return "".join(out)


def dashes(text: str, language: str) -> str:
    text = _RANGE.sub("–", text)
    if language == "en":
        text = _SENTENCE_DASH.sub("—", text)
        return _DOUBLE_HYPHEN.sub("—", text)
    text = _SENTENCE_DASH.sub(f"{NBSP}— ", text)
    text = _OPENING_DASH.sub(f"—{NBSP}", text)
    return _DOUBLE_HYPHEN.sub(f"{NBSP}— ", text)


def _group_digits(number: str) -> str:
    groups = []
    while number:
        groups.insert(0, number[-3:])
        number = number[:-3]
    return NBSP.join(groups)
