"""Hyphenation as WeasyPrint asks Pyphen for it, without the words a typographer never
breaks: a word that starts with a capital (a name, an abbreviation, a sentence's first word),
one that holds a digit (1930-х), and the words the layout pass asked to keep whole (a word
split at a page turn or in a ladder, render/setting.py). The Kazakh patterns are registered
here too.

Why a dictionary and not `<span style="hyphens: manual">` around such words: WeasyPrint 70
breaks a line short before it hyphenates the text that follows an inline box («системы
Главного / управле- / ния лагерей»); a dictionary that declines those words leaves each
paragraph one run of text.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

import pyphen

from booklet.text import kazakh

_kept_whole: ContextVar[frozenset[str]] = ContextVar("kept_whole", default=frozenset())


class _Careful(pyphen.Pyphen):
    def iterate(self, word: str):
        if never_hyphenated(word):
            return iter(())
        return super().iterate(word)


def never_hyphenated(word: str) -> bool:
    return word[:1].isupper() or any(c.isdigit() for c in word) or word in _kept_whole.get()


@contextmanager
def keeping_whole(words):
    """Lay out, in this block, with `words` never hyphenated."""
    token = _kept_whole.set(frozenset(words))
    try:
        yield
    finally:
        _kept_whole.reset(token)


def install() -> None:
    """Pyphen as WeasyPrint will create it (it calls pyphen.Pyphen each time it lays out)."""
    pyphen.Pyphen = _Careful
    kazakh.register()
