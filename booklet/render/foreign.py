"""A text that one language of a bilingual exhibition lacks is printed in the other
(content/bilingual.py warns of it): here it is set as the language it is written in — its
typography, and a `lang` that gives it that language's hyphenation — in the view of the
language it stands in."""

from __future__ import annotations

from markupsafe import Markup, escape

from booklet.content.load import Loaded
from booklet.text import markdown
from booklet.text.typography import typeset

PROSE = {"intro", "annotation", "text"}  # Markdown fields (content/load.py MARKDOWN_FIELDS)
# where a field's text stands in the view, when not at its own location
IN_VIEW = {("poster", "headline"): ("picture_headline",)}


def marked(view: dict, loaded: Loaded) -> dict:
    """`view` with each stand-in text set in its own language."""
    ex = loaded.exhibition
    for lang, loc, source in loaded.foreign:
        if lang != ex.language:
            continue
        text = _value(ex, loc)
        path = IN_VIEW.get(loc, loc)
        holder = _holder(view, path)
        if holder is None or not text:
            continue
        if loc[-1] in PROSE:
            holder[path[-1]] = Markup(f'<div lang="{source}">') + \
                Markup(markdown.to_html(text, source)) + Markup("</div>")
        else:
            holder[path[-1]] = Markup(f'<span lang="{source}">') + escape(typeset(text, source)) \
                + Markup("</span>")
    return view


def _value(ex, loc: tuple):
    value = ex
    for part in loc:
        value = value[part] if isinstance(part, int) else getattr(value, part, None)
        if value is None:
            return None
    return value


def _holder(view: dict, path: tuple):
    """The dict in `view` that holds the last part of `path`, or None."""
    holder = view
    for part in path[:-1]:
        try:
            holder = holder[part]
        except (KeyError, IndexError, TypeError):
            return None
    return holder if isinstance(holder, dict) and path[-1] in holder else None
