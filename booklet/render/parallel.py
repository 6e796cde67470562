"""A parallel bilingual booklet (`booklet.bilingual: parallel`): both languages on every page,
the main one first — each heading with the second language's below it, each text with the
second language's block under it, labels as «Мазмұны / Содержание». For short texts; a long
one reads better as a tête-bêche booklet (render/flip.py).

The templates need nothing new: the view of each language is made as for a booklet in that
language (its labels, dates and typography), and the two are merged here, the second
language's part marked with its `lang` so that it is hyphenated as that language.
"""

from __future__ import annotations

from markupsafe import Markup, escape

BELOW = object()  # the second language on a line of its own
BESIDE = " / "
# the words a booklet prints, per language; those with a {placeholder} are filled in Python
INLINE_LABELS = "{"


def merged(first: dict, second: dict, lang: str) -> dict:
    """The view `first` (the main language) with `second`'s texts set after its own."""
    view = dict(first)

    def pair(a, b, sep=BELOW):
        return _pair(a, b, lang, sep)

    view["labels"] = {key: value if INLINE_LABELS in value else pair(value, second["labels"].get(key), BESIDE)
                      for key, value in first["labels"].items()}
    for key in ("subtitle", "venue", "dates", "picture_headline"):
        view[key] = pair(first[key], second[key])
    view["kicker"] = pair(first["kicker"], second["kicker"], BESIDE)
    view["title"] = pair(first["title"], second["title"])
    view["running_title"] = first["running_title"] if _same(first["title"], second["title"]) \
        else f'{first["running_title"]} / {second["running_title"]}'  # in an attribute: text
    if second["title"] != first["title"]:
        view["title_lines"] = (*first["title_lines"], _second(second["title"], lang, "cover-second"))
    view["intro"] = _blocks(first["intro"], second["intro"], lang)
    view["library"] = library_in_both(first, second, lang)["library"]
    if first["colophon"]:
        view["colophon"] = {**first["colophon"], "lines": [
            {**line, "label": pair(line["label"], other["label"], BESIDE)}
            for line, other in zip(first["colophon"]["lines"], second["colophon"]["lines"])],
            "note": pair(first["colophon"]["note"], second["colophon"]["note"])}
    view["sections"] = [_section(a, b, lang) for a, b in zip(first["sections"], second["sections"])]
    return view


def library_in_both(first: dict, second: dict, lang: str) -> dict:
    """The view `first` with the library's name, address and hours and their labels in both
    languages, the second's below (or, for a label, beside) the first's: the library page
    at the centre of a tête-bêche booklet, one for both halves."""
    view = dict(first)
    view["library"] = {**first["library"], **{
        key: _pair(first["library"][key], second["library"][key], lang, BELOW)
        for key in ("name", "address", "hours")}}
    view["labels"] = {**first["labels"], **{
        key: _pair(first["labels"][key], second["labels"][key], lang, BESIDE)
        for key in ("address", "hours", "phone", "email", "website", "qr_website")}}
    view["back_title"] = _pair(*(Markup(" · ").join(part for part in (v["title"], v["dates"]) if part)
                                 for v in (first, second)), lang, BELOW)
    return view


def _section(first: dict, second: dict, lang: str) -> dict:
    section = {**first, "title": _pair(first["title"], second["title"], lang, BELOW),
               "intro": _blocks(first["intro"], second["intro"], lang)}
    if first["quote"]:
        section["quote"] = {"text": _blocks(first["quote"]["text"], second["quote"]["text"], lang),
                            "source": _pair(first["quote"]["source"], second["quote"]["source"],
                                            lang, BESIDE)}
    section["books"] = [{**a, "annotation": _blocks(a["annotation"], b["annotation"], lang),
                         "location": _pair(a["location"], b["location"], lang, BESIDE)}
                        for a, b in zip(first["books"], second["books"])]
    return section


def _second(text, lang: str, name: str = "second") -> Markup:
    return Markup(f'<span class="{name}" lang="{lang}">') + escape(text) + Markup("</span>")


def _pair(a, b, lang: str, sep) -> Markup | str:
    """`a`, then `b` after `sep` in the second language, unless it says the same."""
    if not b or _same(a, b):
        return a
    if not a:
        return _second(b, lang)
    if sep is BELOW:  # a line of its own (CSS: .second.below); the « / » shows only inline
        return escape(a) + _second(Markup('<span class="sep"> / </span>') + escape(b), lang,
                                   "second below")
    return escape(a) + _second(escape(sep) + escape(b), lang)


def _blocks(a: Markup, b: Markup, lang: str) -> Markup:
    """Two prose texts (HTML), the second in a block of its own below the first."""
    if not b or _same(a, b):
        return a
    return Markup(a) + Markup(f'<div class="second-block" lang="{lang}">') + Markup(b) + \
        Markup("</div>")


def _same(a, b) -> bool:
    """The same text (one language's, used for both), whatever each language's typography
    made of its spaces."""
    return Markup(escape(a)).striptags() == Markup(escape(b)).striptags()
