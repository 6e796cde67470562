"""What booklet says, in the user's language: Russian, Kazakh or English.

The words live in gettext catalogues, booklet/locale/<lang>/LC_MESSAGES/booklet.po, extracted
from the code with Babel (`_`, `ngettext`, `N_`). They are read here as .po text, not
compiled to .mo: the package then needs no build step of its own, an editable install
speaks at once, and a wheel carries them as plain package data. A catalogue is a few
hundred entries, read once per process in about a millisecond.

The language follows the locale as every command-line tool does: the first of LANGUAGE
(a colon-separated list), LC_ALL, LC_MESSAGES and LANG that is set; English for C and POSIX
and for languages booklet does not speak.
"""

from __future__ import annotations

import errno
import os
import re
from functools import lru_cache
from pathlib import Path

LANGUAGES = ("ru", "kk", "en")
LOCALE = Path(__file__).resolve().parent / "locale"

# the index of the plural form for n, as each catalogue's Plural-Forms header says
PLURALS = {
    "en": lambda n: 0 if n == 1 else 1,
    "ru": lambda n: (0 if n % 10 == 1 and n % 100 != 11
                     else 1 if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else 2),
    # Kazakh: the two forms are alike, a noun after a numeral stays singular («5 кітап»)
    "kk": lambda n: 0 if n == 1 else 1,
}

_chosen: str | None = None


def language() -> str:
    """The language messages are printed in."""
    return _chosen or from_environment(os.environ)


def from_environment(env) -> str:
    # GNU gettext: LANGUAGE is a list of preferences, ignored when the locale is C
    locale = env.get("LC_ALL") or env.get("LC_MESSAGES") or env.get("LANG") or "C"
    preferences = env.get("LANGUAGE", "").split(":") if _code(locale) not in ("c", "posix") else []
    for item in [*preferences, locale]:
        if _code(item) in LANGUAGES:
            return _code(item)
    return "en"


def _code(locale: str) -> str:
    return re.split(r"[_.@-]", locale, maxsplit=1)[0].lower()


def use(code: str | None) -> None:
    """Speak `code` from now on (None: follow the locale again)."""
    global _chosen
    _chosen = code if code in LANGUAGES else None


def _(message: str) -> str:
    return catalogue(language()).get((None, message), message)


def ngettext(singular: str, plural: str, n: int) -> str:
    code = language()
    forms = catalogue(code).get((None, singular))
    if isinstance(forms, tuple):
        return forms[min(PLURALS[code](n), len(forms) - 1)]
    return singular if n == 1 else plural


def number(n: int) -> str:
    """`n` with its thousands grouped as the language writes them: 12,000 · 12 000."""
    text = f"{n:,}"
    return text if language() == "en" else text.replace(",", "\u00a0")


def N_(message: str) -> str:
    """Marks a message for extraction where it is translated later, by `_`."""
    return message


# what the system says of a file, in the user's words (not every code exists on Windows)
ERRNO = {getattr(errno, name): words for name, words in (
    ("ENOENT", N_("no such file or folder")), ("ENOTDIR", N_("not a folder")),
    ("EISDIR", N_("a folder, not a file")), ("EACCES", N_("permission denied")),
    ("EPERM", N_("permission denied")), ("ENOSPC", N_("no space left on the disk")),
    ("EROFS", N_("the disk is read-only")), ("EEXIST", N_("it exists already")),
    ("EFBIG", N_("the file is too large")), ("ENAMETOOLONG", N_("the name is too long")),
    ("EDQUOT", N_("the disk quota is used up")), ("EIO", N_("the disk fails to read or write")),
    ("ELOOP", N_("a loop of links"))) if hasattr(errno, name)}


def reason(exc: OSError) -> str:
    """Why a file operation failed, in the user's words where it is the system's own."""
    if exc.errno in ERRNO and exc.strerror in (None, os.strerror(exc.errno)):
        return _(ERRNO[exc.errno])
    return exc.strerror or str(exc)


@lru_cache(maxsize=None)
def catalogue(code: str) -> dict:
    """(context, msgid) → the translation: a string, or a tuple of plural forms."""
    path = LOCALE / code / "LC_MESSAGES" / "booklet.po"
    return read_po(path.read_text(encoding="utf-8")) if path.is_file() else {}


def read_po(text: str) -> dict:
    """The translated entries of a .po file; untranslated and fuzzy ones are left out, so
    that the English message is printed rather than nothing."""
    found = {}
    for block in re.split(r"\n\s*\n", text):
        entry, fuzzy, field = {}, False, None
        for line in block.splitlines():
            line = line.strip()
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            if not line or line.startswith("#"):
                continue
            if line.startswith('"'):
                entry[field] += _unquote(line)
                continue
            field, _sep, rest = line.partition(" ")
            entry[field] = _unquote(rest.strip())
        if "msgid" not in entry or not entry["msgid"] or fuzzy:
            continue
        key = (entry.get("msgctxt"), entry["msgid"])
        if "msgid_plural" in entry:
            forms = tuple(entry[f] for f in sorted((f for f in entry if f.startswith("msgstr[")),
                                                    key=lambda f: int(f[7:-1])))
            if forms and all(forms):
                found[key] = forms
        elif entry.get("msgstr"):
            found[key] = entry["msgstr"]
    return found


ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(text: str) -> str:
    """A quoted .po string's text: "a \\"b\\"\\n" → a "b" and a new line."""
    if not text.startswith('"'):
        return text
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m[1], m[0]), text[1:-1])


# ---- where in the file, in words: sections[1].books[0].year → раздел 2, книга 1, год

ITEMS = {  # a list in the content, and the words for its n-th entry
    "sections": N_("section {n}"),
    "books": N_("book {n}"),
    "authors": N_("author {n}"),
    "contributors": N_("contributor {n}"),
    "publishers": N_("publisher {n}"),
    "sizes": N_("poster size {n}"),
    "role": N_("role {n}"),
}


def in_words(where: str) -> str:
    """A machine path of the content as a librarian says it, counting from 1."""
    words = []
    for key, index in re.findall(r"([^.\[\]]+)?(?:\[(\d+)\])?\.?", where):
        if key and index:
            words.append(_(ITEMS[key]).format(n=int(index) + 1) if key in ITEMS
                         else f"{_(key)} {int(index) + 1}")
        elif key:
            words.append(_(key))
        elif index:
            words.append(str(int(index) + 1))
    return ", ".join(words)


FIELDS = [  # every key of exhibition.yaml, for the words of a place in the file
    N_("language"), N_("layout"), N_("title"), N_("subtitle"), N_("dates"), N_("start"),
    N_("end"), N_("venue"), N_("library"), N_("name"), N_("address"), N_("phone"),
    N_("email"), N_("website"), N_("hours"), N_("logo"), N_("intro"), N_("sections"),
    N_("quote"), N_("text"), N_("source"), N_("books"), N_("authors"), N_("authors_more"),
    N_("contributors"), N_("role"), N_("name_genitive"), N_("organisation"),
    N_("translated_from"), N_("edition"), N_("volumes"), N_("volume"), N_("series"),
    N_("place"), N_("publisher"), N_("publishers"), N_("year"), N_("pages"), N_("extent"),
    N_("illustrations"), N_("isbn"), N_("cover"), N_("annotation"), N_("shelfmark"),
    N_("location"), N_("link"), N_("record"), N_("colophon"), N_("compiler"), N_("editor"),
    N_("designer"), N_("print_run"), N_("note"), N_("booklet"), N_("size"),
    N_("bibliography"), N_("places"), N_("bleed"), N_("creep"), N_("marks"), N_("press"),
    N_("profile"), N_("pdfx"), N_("rich_black"), N_("ink_limit"), N_("poster"), N_("sizes"),
    N_("headline"), N_("image"), N_("theme"), N_("screens"), N_("bilingual"), N_("kit"),
    N_("labels"), N_("fold"), N_("signs"), N_("bookmarks"), N_("leaflet"), N_("site"),
]


ARGPARSE = [  # what argparse prints, through its module's `_`: translated by translate_argparse
    N_("usage: "), N_("positional arguments"), N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"), N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"), N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"), N_("expected one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("expected at least one argument"), N_("expected at most one argument"),
]


def translate_argparse() -> None:
    """argparse says its own words (usage:, error:, options) through gettext's default
    domain; they are given ours instead."""
    import argparse

    argparse._ = _
    argparse.ngettext = ngettext
