"""A tête-bêche booklet («перевёртыш»): the main language's half reads from the front cover,
the second language's from the back cover, which is its own front cover; the halves meet in
the middle, one upside down relative to the other.

Each half is an ordinary booklet in its language (content/bilingual.py projects it) laid out
by render_booklet() without a back cover: its own contents, page numbers, labels, dates,
hyphenation and typography. Both halves get the same even page count, so that together they
make a multiple of 4 and meet at the centre spread; the shorter one is fitted again to the
longer one's count (its left-over pages get fillers, never a blank page). press/flip.py
puts the pages together.
"""

from __future__ import annotations

from dataclasses import replace

from booklet.content.bilingual import bilingual, in_language
from booklet.content.load import Loaded
from booklet.render import layouts
from booklet.render.booklet import PagesError, RenderedBooklet, _unfitted, render_booklet
from booklet.render.cmyk import Colours


def is_flip(loaded: Loaded) -> bool:
    return bool(bilingual(loaded)) and loaded.exhibition.booklet.bilingual == "flip"


def half(loaded: Loaded, lang: str, pages: int | str | None = None) -> Loaded:
    """The half in `lang`, fitted to `pages` (even, or "auto") when given."""
    found = in_language(loaded, lang)
    first, other = bilingual(loaded)
    ex = found.exhibition
    if pages:  # even, not a multiple of 4: set past the model's check on purpose
        ex = ex.model_copy(update={"booklet": ex.booklet.model_copy(update={"pages": pages})})
    return replace(found, exhibition=ex, half="first" if lang == first else "second",
                   second=in_language(loaded, other if lang == first else first).exhibition)


def render_halves(loaded: Loaded, layout: layouts.Layout, theme: dict[str, str],
                  colours: Colours | None = None,
                  like: list[RenderedBooklet] | None = None) -> list[RenderedBooklet]:
    """Both halves, the main language first, with as many pages each. With `like` (the office
    pass's halves), the same fitting variant and page count (the CMYK pass)."""
    langs = bilingual(loaded)
    if like:
        return [render_booklet(half(loaded, lang, len(done.fit.pages)), layout, theme, colours,
                               done.variant) for lang, done in zip(langs, like)]
    forced = loaded.exhibition.booklet.pages
    each = None if forced == "auto" else forced // 2
    try:
        halves = [render_booklet(half(loaded, lang, each), layout, theme, colours)
                  for lang in langs]
    except PagesError:  # said again of the whole booklet, not of a half
        natural = [2 * len(render_booklet(half(loaded, lang, "auto"), layout, theme,
                                          colours).fit.pages)
                   for lang in langs]
        raise PagesError(_unfitted(forced, [max(natural)])) from None
    pages = max(len(done.fit.pages) for done in halves)
    return [done if len(done.fit.pages) == pages else
            render_booklet(half(loaded, lang, pages), layout, theme, colours)
            for lang, done in zip(langs, halves)]


def booklets(loaded: Loaded, layout: layouts.Layout, theme: dict[str, str],
             colours: Colours | None = None,
             like: list[RenderedBooklet] | None = None) -> list[RenderedBooklet]:
    """The booklet laid out: [the booklet], or the two halves of a tête-bêche one. With
    `like`, the same fitting as those (the CMYK pass repeats the office pass's choice)."""
    if is_flip(loaded):
        return render_halves(loaded, layout, theme, colours, like)
    return [render_booklet(loaded, layout, theme, colours, like[0].variant if like else None)]
