"""Two languages in one exhibition (contract §7): `language: [kk, ru]`, and every
exhibition-level text either one plain string (the same in both) or `{kk: "…", ru: "…"}`.

The YAML is projected onto each language before the model sees it: each projection is an
ordinary single-language exhibition, with the same marks (a value's place in the file), so
that every renderer lays out a half as it lays out any booklet. A text missing in one
language is a warning naming the field and the language; the other language's text is used.
"""

from __future__ import annotations

import copy
import difflib
import re
from dataclasses import replace

from booklet.content.yamlread import Marks
from booklet.messages import _
from booklet.problems import Problem

LANGUAGES = ("ru", "kk", "en")
# the texts that may be written per language; "*" is any entry of a list. A book's own title
# and record stay in the book's language.
LOCALISED = (
    ("title",), ("subtitle",), ("venue",), ("intro",),
    ("library", "name"), ("library", "address"), ("library", "hours"),
    ("sections", "*", "title"), ("sections", "*", "intro"),
    ("sections", "*", "quote", "text"), ("sections", "*", "quote", "source"),
    ("sections", "*", "books", "*", "annotation"), ("sections", "*", "books", "*", "location"),
    ("poster", "headline"), ("poster", "text"), ("colophon", "note"),
)
MODES = ("flip", "parallel")


def languages(data) -> tuple[tuple[str, ...], list[Problem] | None]:
    """The exhibition's languages, the main one first: ("kk", "ru") for `[kk, ru]`, ("ru",)
    for `ru`; a list that is not two known languages is refused (the problem's message)."""
    value = data.get("language", "ru") if isinstance(data, dict) else "ru"
    if isinstance(value, str) and re.fullmatch(r"\s*\w{2,3}\s*,\s*\w{2,3}\s*", value):
        value = value.split(",")  # `kk,ru`, as `booklet new --language` has it
    if not isinstance(value, list):
        return (value if isinstance(value, str) else "ru",), None
    found = tuple(str(item).strip().lower() for item in value)
    unknown = [item for item in found if item not in LANGUAGES]
    if unknown:
        close = difflib.get_close_matches(unknown[0], LANGUAGES, n=1, cutoff=0.5)
        return ("ru",), [_("unknown language \"{value}\"").format(value=unknown[0]) + "; " + (
            _("did you mean `{word}`?").format(word=close[0]) if close
            else _("expected one of {values}").format(values=", ".join(LANGUAGES)))]
    if len(found) != len(set(found)) or not 1 <= len(found) <= 2:
        return ("ru",), [_("expected one language or two different ones, such as [kk, ru]")]
    return found, None


def project(data: dict, lang: str, langs: tuple[str, ...], marks: Marks,
            refused: bool = False) -> tuple[dict, list[Problem], tuple]:
    """`data` in the language `lang`: each per-language mapping replaced by its text in
    `lang` (else the other language's, with a warning); the problems of the mappings; and
    where the other language's text stands in, ((lang, location, its language), …). With
    `refused` (the `language:` line is wrong, and said so), any language's key is taken."""
    projected = copy.deepcopy(data)
    projected["language"] = lang
    problems: list[Problem] = []
    foreign = []
    for pattern in LOCALISED:
        for loc, holder, key in _places(projected, pattern):
            value = holder[key]
            if not isinstance(value, dict):
                continue
            wrong = [k for k in value if k not in (LANGUAGES if refused else langs)]
            if wrong:
                close = difflib.get_close_matches(str(wrong[0]).lower(), langs, n=1, cutoff=0.5)
                problems.append(marks.problem(loc + (wrong[0],), _(
                    "`{key}` is not a language of this exhibition; expected {values}").format(
                    key=wrong[0], values=", ".join(langs)), at_key=True,
                    hint=_("did you mean `{word}`?").format(word=close[0]) if close else ""))
                kept = {k: v for k, v in value.items() if k not in wrong}
                if not kept:  # its text stands, so that nothing else is said of the field
                    holder[key] = next(iter(value.values()))
                    continue
                value = kept
            text = value.get(lang)
            if isinstance(text, str) and text.strip():
                holder[key] = text
                continue
            source = next((k for k in langs if k != lang and isinstance(value.get(k), str)
                           and value[k].strip()), None)
            if source is None:
                continue  # nothing in either language: the model says what is missing
            holder[key] = value[source]
            foreign.append((lang, loc, source))
            problems.append(marks.problem(loc, _("no text in {language}: the {other} text is "
                                                 "used there").format(
                language=_language_name(lang), other=_language_name(
                    next(k for k in langs if k != lang))),
                hint=_("add `{lang}: …` to this field").format(lang=lang), severity="warning"))
    return projected, problems, tuple(foreign)


def _places(data, pattern: tuple, loc: tuple = ()):
    """(location, the mapping that holds it, its key) for every value matching `pattern`."""
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        items = enumerate(data) if isinstance(data, list) else ()
    else:
        items = [(head, data[head])] if isinstance(data, dict) and head in data else ()
    for key, value in items:
        if rest:
            yield from _places(value, rest, loc + (key,))
        else:
            yield loc + (key,), data, key


def localised(loc: tuple) -> bool:
    """Whether the value at `loc` may be written per language."""
    return any(len(loc) == len(p) and all(a == "*" and isinstance(b, int) or a == b
                                          for a, b in zip(p, loc)) for p in LOCALISED)


def _language_name(lang: str) -> str:
    """The language's name as the warning puts it: "no text in Kazakh" (Russian: «на
    казахском языке», Kazakh: «қазақ тіліндегі»)."""
    return {"kk": _("Kazakh"), "ru": _("Russian"), "en": _("English")}.get(lang, lang)


def in_language(loaded, lang: str):
    """The exhibition in one of its languages: an ordinary single-language Loaded (the same
    marks and folder), for the booklet's halves, the posters and any other output."""
    versions = dict(loaded.versions)
    if lang not in versions:
        return loaded
    return replace(loaded, exhibition=versions[lang], versions=(),
                   foreign=tuple(f for f in loaded.foreign if f[0] == lang))


def bilingual(loaded) -> tuple[str, ...]:
    """The exhibition's two languages, the main one first; () for one language."""
    return tuple(lang for lang, _ in loaded.versions) if len(loaded.versions) > 1 else ()
