"""The booklet: exhibition → HTML (Jinja2, the layout's templates) → one WeasyPrint pass."""

from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup
from weasyprint import HTML

from booklet.content.load import Loaded
from booklet.render import headline, layouts, templates
from booklet.render.cmyk import Colours
from booklet.render.fonts import FONTS_DIR
from booklet.render.qr import qr_data_uri
from booklet.render.styles import pictures_for_print, styles
from booklet.text import kazakh, markdown, names
from booklet.text.labels import format_dates, labels
from booklet.text.records import record
from booklet.text.typography import typeset

PAGE_SIZES_MM = {"a6": (105, 148), "a5": (148, 210), "a4": (210, 297)}
FILLERS = 3  # blank pages the template puts before the back cover; the unneeded ones are dropped
# Image options must reach render(): given only to write_pdf() they are ignored (notes).
RENDER_OPTIONS = {"dpi": 300, "jpeg_quality": 88, "pdf_tags": True}

logging.getLogger("weasyprint").setLevel(logging.ERROR)
kazakh.register()


@dataclass(frozen=True)
class RenderedBooklet:
    document: object  # weasyprint.Document, fillers already dropped


def render_booklet(loaded: Loaded, layout: layouts.Layout, theme: dict[str, str],
                   colours: Colours | None = None) -> RenderedBooklet:
    """One layout pass of the booklet, with bleed. With `colours`, everything is CMYK
    through the print shop's profile (for booklet-press.pdf as PDF/X)."""
    exhibition = loaded.exhibition
    size = PAGE_SIZES_MM[exhibition.booklet.size]
    bleed = exhibition.booklet.bleed
    page_css = (f"@page {{ size: {size[0]}mm {size[1]}mm; bleed: {bleed}mm; }}\n"
                f"html {{ --trim-width: {size[0]}mm; --trim-height: {size[1]}mm; --bleed: {bleed}mm; }}")
    if colours:
        theme = pictures_for_print(theme, layout, colours)
    found = styles(loaded, layout, ["booklet.css", f"size-{exhibition.booklet.size}.css"],
                   page_css + layouts.theme_css(theme, layout), colours)
    html = booklet_html(loaded, layout, colours, theme)
    document = HTML(string=html, base_url=str(loaded.folder) + os.sep,
                    url_fetcher=found.fetcher).render(
        stylesheets=found.sheets, font_config=found.font_config,
        color_profiles=found.color_profiles, **RENDER_OPTIONS)
    return RenderedBooklet(_drop_unneeded_fillers(document))


def _drop_unneeded_fillers(document):
    pages = document.pages
    body, fillers, back = pages[:-1 - FILLERS], pages[-1 - FILLERS:-1], pages[-1:]
    needed = -(len(body) + 1) % 4
    return document.copy(body + fillers[:needed] + back)


def booklet_html(loaded: Loaded, layout: layouts.Layout, colours: Colours | None = None,
                 theme: dict[str, str] | None = None) -> str:
    return templates.render(layout, "booklet.html", view(loaded, layout, colours, theme))


def cover_title_lines(title: str, layout: layouts.Layout, size: str) -> tuple[str, ...]:
    """The cover title in balanced lines (no lone word below), where the layout says how
    large it sets the title; else one piece for the browser to wrap."""
    if size not in layout.cover_title:
        return (title,)
    size_pt, width_mm = layout.cover_title[size]
    return headline.balance(title, FONTS_DIR / f"{layout.headline_font}.ttf",
                            width_mm * 72 / 25.4, size_pt)


def prose(text: str | None, language: str) -> Markup:
    """A Markdown field as HTML that the templates may insert as it is (it is safe)."""
    return Markup(markdown.to_html(text, language))


def view(loaded: Loaded, layout: layouts.Layout, colours: Colours | None = None,
         theme: dict[str, str] | None = None) -> dict:
    """Plain values for the templates, typeset for the language; prose already HTML.
    With `colours`, pictures are their CMYK copies and QR codes pure K."""
    ex = loaded.exhibition
    lang = ex.language
    dark = "device-cmyk(0 0 0 1)" if colours else "#000000"

    def picture(path, ground: str = "#ffffff") -> str | None:
        if not path:
            return None
        return (colours.picture(Path(path), ground) if colours else Path(path)).as_uri()

    def qr(link) -> str | None:
        return qr_data_uri(link, dark) if link else None

    def t(text):
        return typeset(text, lang) if text else ""

    def md(text):
        return prose(text, lang)

    library = ex.library
    sections = []
    count = 0  # books are numbered through the booklet
    for number, section in enumerate(ex.sections, 1):
        books = []
        for index, book in enumerate(section.books):
            book_lang = book.language or lang
            citation = record(book, ex.booklet.bibliography, lang)
            count += 1
            books.append({
                "number": count,
                "loc": f"sections.{number - 1}.books.{index}",
                "title": typeset(book.title, book_lang),
                "subtitle": typeset(book.subtitle or "", book_lang),
                "authors": ", ".join(names.full(a) for a in book.authors),
                # a record that only repeats the title line says nothing
                "record": "" if citation.rstrip(".") == typeset(book.title, book_lang) else citation,
                "language": book_lang,
                "cover": picture(book.cover),
                "annotation": md(book.annotation),
                "shelfmark": book.shelfmark or "",
                "location": t(book.location),
                "link": book.link,
                "qr": qr(book.link),
            })
        sections.append({
            "id": f"section-{number}", "number": number, "title": t(section.title),
            "loc": f"sections.{number - 1}",
            "intro": md(section.intro),
            "quote": {"text": md(section.quote.text), "source": t(section.quote.source)}
            if section.quote else None,
            "books": books,
        })
    created = os.environ.get("SOURCE_DATE_EPOCH")
    words = {**labels(lang), **layout.labels.get(lang, {})}
    # «Книжная выставка» above a subtitle that starts with the same words says it twice
    kicker = "" if (ex.subtitle or "").lower().startswith(words["exhibition"].lower()) \
        else words["exhibition"]
    return {
        "lang": lang,
        "labels": words,
        "kicker": kicker,
        "title": t(ex.title),
        "title_lines": cover_title_lines(t(ex.title), layout, ex.booklet.size),
        "plain_title": ex.title,
        "size": ex.booklet.size,
        "layout": layout.name,
        "subtitle": t(ex.subtitle),
        "dates": format_dates(ex.dates.start, ex.dates.end, lang) if ex.dates else "",
        "venue": t(ex.venue),
        "intro": md(ex.intro),
        "library": {
            "name": t(library.name), "plain_name": library.name, "address": t(library.address),
            "phone": library.phone or "", "email": library.email or "",
            "website": library.website or "",
            "website_shown": (library.website or "").split("://", 1)[-1].rstrip("/"),
            "hours": t(library.hours),
            "logo": picture(library.logo, (theme or {}).get(layout.logo_ground, "#ffffff")),
            "qr": qr(library.website),
        },
        "sections": sections,
        "fillers": FILLERS,
        "created": dt.datetime.fromtimestamp(int(created), dt.timezone.utc).strftime(
            "%Y-%m-%dT%H:%M:%SZ") if created else "",
    }
