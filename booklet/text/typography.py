"""Typographic rules of a language applied to text as it will be set: quotes, dashes,
non-breaking spaces, and the words that must not be hyphenated.

Text in, text out. A paragraph cut by inline markup (emphasis, links) is typeset whole with
`typeset_pieces`, so that a rule holds across a tag: «в *Казахстане*», «1954 **год**». Web
and mail addresses, ISBNs and ISO dates inside the text are left exactly as written.
"""

from __future__ import annotations

import re
from itertools import accumulate

NBSP = "\u00a0"
UPPER = "А-ЯЁӘҒҚҢӨҰҮҺІA-Z"
LOWER = "а-яёәғқңөұүһіa-z"
LETTER = UPPER + LOWER
# A bond that is given up again if it makes the run of bound words too long (see _chains)
_LOOSE = "\ufdd0"  # a noncharacter (masked where the input has it, see _PROTECTED)
_LONGEST_RUN = 16  # characters of words held together by no-break spaces

# Spans that are copied as they are: addresses, ISBNs, ISO dates (and private-use characters
# and _LOOSE, which typeset_pieces uses itself). A trailing full stop or quote is not part of an address.
_PROTECTED = re.compile(r"(?:https?://|www\.|mailto:)[^\s\"«»„“”]*[^\s\"«»„“”.,;:!?)]"
                        r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
                        r"|ISBN[\s\u00a0]*[\dXx-]*[\dXx]|\b\d{4}-\d{2}-\d{2}\b"
                        r"|[\ue000-\uf8ff\ufdd0]+")

_QUOTES = {  # outer open, outer close, inner open, inner close
    "ru": ("«", "»", "„", "“"),
    "kk": ("«", "»", "„", "“"),
    "en": ("\u201c", "\u201d", "\u2018", "\u2019"),
}
_ALWAYS_OPEN = "«„"
_ALWAYS_CLOSE = "»"
_EITHER = '"\u201c\u201d'  # straight, and Word's curly quotes, which it uses both ways
_QUOTE_CHARS = _ALWAYS_OPEN + _ALWAYS_CLOSE + _EITHER
_QUOTE = re.compile(f"[{_QUOTE_CHARS}]")
_OPENING_CONTEXT = set(" \t\n\u00a0([{/—–-\ufffc") | set(_ALWAYS_OPEN) | {""}

_MASKED = re.compile("([\ue000-\uf8ff])\\1*")
_RANGE = re.compile(r"(?<=\d)[ \u00a0]?[-–—][ \u00a0]?(?=\d)")
_SENTENCE_DASH = re.compile(r"(?<=\S)[ \u00a0]+(?:-{1,3}|–|—)[ \u00a0]+")
_OPENING_DASH = re.compile(r"^(?:-{1,2}|–|—)[ \u00a0]+", re.MULTILINE)
_DOUBLE_HYPHEN = re.compile(r"(?<=\w)--(?=\w)")
_ELLIPSIS = re.compile(r"\.\.\.")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_SINGLE_QUOTE = re.compile(r"'")
_SINGLE_PAIR = re.compile(r"(?<!\w)['\u2018]([^'\u2018\u2019\n]+?)['\u2019](?!\w)")


def _words(*words: str) -> str:
    """An alternation of `words` that also matches each capitalised (sentence start)."""
    return "|".join(f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}" for w in words)


# Words a typographer keeps with the word after them: prepositions, conjunctions, articles
_SHORT_WORDS = {
    "ru": _words("в", "на", "и", "о", "с", "к", "у", "а", "не", "ни", "но", "из", "за", "по",
                 "от", "до", "об", "со", "во", "ко"),
    "kk": "мен|пен|бен|да|де|та|те|[Бб]ір",
    "en": _words("a", "an", "the", "of", "to", "in"),
}
# Particles that belong to the word before them
_PARTICLES = {
    "ru": "бы|б|ли|ль|же|ж",
    "kk": "ма|ме|ба|бе|па|пе",  # question particles, written apart
    "en": "",
}
# Abbreviations kept with what follows: «г. Семей», «ул. Абая», «сост. М.», «с. 45»
_ABBREVIATIONS = {
    "ru": _words("г", "гг", "ул", "им", "сост", "ред", "пер", "проф", "акад", "доц", "д", "кв",
                 "пр", "просп", "пл", "обл", "пос", "с", "ст", "т", "тт", "рис", "табл", "гл",
                 "см", "ср", "св", "оз", "р", "стр", "изд", "вып", "кн", "ч", "илл"),
    "kk": _words("құраст", "ред", "ауд", "проф", "акад", "т", "б", "бб", "обл"),
    "en": _words("mr", "mrs", "ms", "dr", "st", "prof", "p", "pp", "vol", "no", "ed", "eds",
                 "trans", "comp", "fig", "ch"),
}

_INITIAL_BEFORE_NAME = re.compile(rf"(?<!\w)([{UPPER}]\.)[ ]+(?=[{UPPER}])")
# a surname before initials that no other surname follows: «Чехов А. П.», not «писал А. П. Чехов»
_NAME_BEFORE_INITIAL = re.compile(
    rf"(?<![\w-])([{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?)[ ]+"
    rf"(?=[{UPPER}]\.(?:[ \u00a0]?[{UPPER}]\.)?(?![ \u00a0]*[{UPPER}]))")
_ETC = re.compile(r"\b(т\.)[ ]+(?=(?:д|п|е|к|н|о)\.)")
_NUMBER_WORD = "(?<=\\d)((?:-[{LOWER}]{{1,3}})?)[ ]+(?!(?:{short})[ ])(?=[{LOWER}%])"
_NUMERO = re.compile(r"([№§])[ ]*(?=\d)")
_DIGIT_GROUP = re.compile(r"(?<![\d.,\u00a0])\d{5,}(?![\d.,]|\u00a0\d)")


def typeset(text: str, language: str) -> str:
    return typeset_pieces([text], language)[0] if text else text


def typeset_pieces(pieces: list[str], language: str) -> list[str]:
    """Typeset the text that `pieces` make together, and cut it again where they were cut.

    The cuts are where inline markup stands; rules see through them. What a rule puts in place
    of text that ends at a cut stays before it, what starts at a cut goes after it."""
    text = _Text(pieces)
    kept: list[str] = []

    def keep(match):  # masked by as many characters, so that no cut moves
        kept.append(match[0])
        return chr(0xE000 + len(kept) - 1) * len(match[0])

    text.sub(_PROTECTED, keep)
    text.sub(_ELLIPSIS, "…")
    text.sub(_APOSTROPHE, "\u2019")
    text.text = quotes(text.text, language)
    dashes(text, language)
    text.sub(_INITIAL_BEFORE_NAME, rf"\1{NBSP}")
    text.sub(_NAME_BEFORE_INITIAL, rf"\1{NBSP}")
    # a number keeps the word it counts, not a short word after it («с. 45 и т. 2»)
    text.sub(re.compile(_NUMBER_WORD.format(LOWER=LOWER, short=_SHORT_WORDS[language])),
             rf"\1{NBSP}")
    text.sub(_NUMERO, rf"\1{NBSP}")
    if language in ("ru", "kk"):
        text.sub(_ETC, rf"\1{NBSP}")
        text.sub(_DIGIT_GROUP, lambda m: _group_digits(m[0]))
    # an abbreviation already bound to what stands before it is a unit («1937 г.», «т. д.»)
    text.sub(re.compile(rf"(?<![\w.\u00a0])((?:{_ABBREVIATIONS[language]})\.)[ ]+(?=\S)"),
             rf"\1{NBSP}")
    if _PARTICLES[language]:
        text.sub(re.compile(rf"(?<=\w)[ ]+(?=(?:{_PARTICLES[language]})(?!\w))"), NBSP)
    text.sub(re.compile(rf"(?<![\w\-.’])((?:{_SHORT_WORDS[language]}))[ ]+"
                        rf"(?=[\w\"«„“‘(№\ufffc\ue000-\uf8ff])"), rf"\1{_LOOSE}")
    text.text = _chains(text.text)
    text.sub(_MASKED, lambda m: kept[ord(m[1]) - 0xE000])
    return text.pieces()


class _Text:
    """A text and the places where it was cut, kept in step as rules replace parts of it."""

    def __init__(self, pieces: list[str]):
        self.text = "".join(pieces)
        self.cuts = list(accumulate(len(piece) for piece in pieces[:-1]))

    def sub(self, pattern: re.Pattern, replacement) -> None:
        parts, cuts, delta, last, i = [], [], 0, 0, 0
        for match in pattern.finditer(self.text):
            start, end = match.span()
            new = replacement(match) if callable(replacement) else match.expand(replacement)
            while i < len(self.cuts) and self.cuts[i] <= start:
                cuts.append(self.cuts[i] + delta)
                i += 1
            while i < len(self.cuts) and self.cuts[i] < end:  # inside: same offset, if it can
                cuts.append(start + delta + min(self.cuts[i] - start, len(new)))
                i += 1
            parts += [self.text[last:start], new]
            delta += len(new) - (end - start)
            last = end
        parts.append(self.text[last:])
        self.cuts = cuts + [cut + delta for cut in self.cuts[i:]]
        self.text = "".join(parts)

    def pieces(self) -> list[str]:
        bounds = [0, *self.cuts, len(self.text)]
        return [self.text[a:b] for a, b in zip(bounds, bounds[1:])]


def quotes(text: str, language: str) -> str:
    """Any quotes, straight or curly, become the language's quotes, nested ones the inner
    kind. Replaces character for character: the text keeps its length."""
    outer_open, outer_close, inner_open, inner_close = _QUOTES.get(language, _QUOTES["en"])
    if language != "en":  # a pair of single quotes is quotes too (Word's ‘…’): made double
        text = _SINGLE_PAIR.sub(lambda m: f'"{m[1]}"', text)
    out = list(text)
    depth = 0
    opened = False  # what the last quote was, for a run of them: ""Степь" вышла", "…"Степь""
    for match in _QUOTE.finditer(text):
        i, char = match.start(), match[0]
        before = text[i - 1] if i else ""
        if char not in _EITHER:
            opening = char in _ALWAYS_OPEN
        elif before and before in _QUOTE_CHARS:
            opening = opened
        else:
            opening = before in _OPENING_CONTEXT and text[i + 1:i + 2].strip() != ""
        if opening:
            out[i] = outer_open if depth == 0 else inner_open
            depth += 1
        else:
            depth = max(depth - 1, 0)
            out[i] = outer_close if depth == 0 else inner_close
        opened = opening
    if language == "en":  # a straight single quote: opening after a space, else closing
        for match in _SINGLE_QUOTE.finditer(text):
            i = match.start()
            out[i] = "\u2018" if (text[i - 1] if i else "") in _OPENING_CONTEXT else "\u2019"
    return "".join(out)


def dashes(text: _Text, language: str) -> None:
    """Ranges of numbers take an en dash; a hyphen or dash between words becomes an em dash
    that no line can start with (a no-break space before it)."""
    text.sub(_RANGE, "–")
    text.sub(_SENTENCE_DASH, f"{NBSP}— ")
    text.sub(_OPENING_DASH, f"—{NBSP}")
    text.sub(_DOUBLE_HYPHEN, f"{NBSP}— ")


WORD_JOINER = "\u2060"  # no break here, and nothing printed (Pango leaves it out)
_BREAKABLE_RANGE = re.compile(r"(?<=\w)–(?=\w)")  # «9:00–19:00», «Пн–Пт»
_DAY_AND_HOURS = re.compile(r"(?<=[^\W\d_])[ \t](?=\d{1,2}[:.]\d\d)")  # «Сб 10:00»


def unbroken_ranges(text: str) -> str:
    """`text` whose ranges of numbers no line breaks after their en dash, nor a day from
    its hours: opening hours «Сб 10:00–17:00» on narrow pieces (the bookmark, the library
    page) stay whole."""
    return _DAY_AND_HOURS.sub(NBSP, _BREAKABLE_RANGE.sub("–" + WORD_JOINER, text))


def _chains(text: str) -> str:
    """Short words bound one after another make a run of words no line can break; in a narrow
    justified column such a run stretches the line before it. In a run longer than
    _LONGEST_RUN a short word lets go of a next word that is short too («и в_мире»): only
    the last short word of a chain keeps to its word."""
    word = rf"[^ \t\n\u00a0{_LOOSE}]+"
    short = re.compile(rf"{word}{_LOOSE}(?={word}{_LOOSE})")

    def loosen(match):
        run, let_go = match[0], ""
        while len(run) > _LONGEST_RUN and (first := short.search(run)):
            let_go += run[:first.end() - 1] + " "
            run = run[first.end():]
        return let_go + run

    text = re.sub(rf"[^ \t\n]*{_LOOSE}[^ \t\n]*", loosen, text)
    return text.replace(_LOOSE, NBSP)


def _group_digits(number: str) -> str:
    groups = []
    while number:
        groups.insert(0, number[-3:])
        number = number[:-3]
    return NBSP.join(groups)


def addresses(text: str) -> list[tuple[int, int]]:
    """Where the web and e-mail addresses of typeset `text` are: they are set unhyphenated.
    (Names, abbreviations and numbers with words are kept whole by the hyphenation
    dictionary itself: text/hyphenation.py.)"""
    return [match.span() for match in _PROTECTED.finditer(text)
            if "@" in match[0] or "/" in match[0] or match[0].startswith("www.")]
