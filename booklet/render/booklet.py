"""The booklet: exhibition → HTML (Jinja2, the layout's templates) → one WeasyPrint pass."""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup
from weasyprint import HTML

from booklet.content.load import Loaded
from booklet.render import fitting, headline, layouts, setting
from booklet.render.cmyk import Colours
from booklet.render.fonts import FONTS_DIR
from booklet.render.qr import qr_data_uri
from booklet.render.styles import pictures_for_print, styles
from booklet.text import hyphenation, markdown, names
from booklet.text.labels import format_dates, labels
from booklet.text.records import record
from booklet.text.typography import typeset

PAGE_SIZES_MM = {"a6": (105, 148), "a5": (148, 210), "a4": (210, 297)}
NOTE_LINES = {"a6": 14, "a5": 22, "a4": 32}  # ruled lines of a notes page
# Image options must reach render(): given only to write_pdf() they are ignored (notes).
RENDER_OPTIONS = {"dpi": 300, "jpeg_quality": 88, "pdf_tags": True}
MENDING_PASSES = 3  # at most this many more passes to mend the typesetting
PARAGRAPH = re.compile(r"<(?:p|li)(?=[\s>])")

logging.getLogger("weasyprint").setLevel(logging.ERROR)
hyphenation.install()


@dataclass(frozen=True)
class RenderedBooklet:
    document: object  # weasyprint.Document: the pages the fitting kept
    variant: tuple[str, ...]  # the layout's fitting variant laid out (its class names)
    fit: fitting.Fit
    faults: tuple[setting.Fault, ...] = ()  # typesetting faults the mending could not mend

    def summary(self) -> str:
        """"16 pages, standard setting; left-over pages: colophon, notes"."""
        text = f"{len(self.fit.pages)} pages, {' '.join(self.variant) or 'standard'} setting"
        return text + (f"; left-over pages: {', '.join(self.fit.fillers)}" if self.fit.fillers else "")


class PagesError(Exception):
    """The booklet cannot be fitted to the page count asked for."""


def render_booklet(loaded: Loaded, layout: layouts.Layout, theme: dict[str, str],
                   colours: Colours | None = None,
                   variant: tuple[str, ...] | None = None) -> RenderedBooklet:
    """The booklet laid out and fitted to its page count, with bleed: the layout's fitting
    variants are tried in order, and a later one is laid out only when the one before leaves
    more than one page under half full, misses a forced count, or fills so little of its
    pages that a tighter setting could save four. With `variant`,
    only that one (the CMYK pass repeats the office pass's choice). With `colours`,
    everything is CMYK through the print shop's profile (for booklet-press.pdf as PDF/X)."""
    forced = loaded.exhibition.booklet.pages
    forced = None if forced == "auto" else forced
    best = None
    natural = []
    for tried in ([variant] if variant is not None else layout.fit):
        html = booklet_html(loaded, layout, colours, theme, tried)
        document = _laid_out(loaded, layout, theme, colours, html)
        found = fitting.parts(document)
        choice = fitting.choose(found, forced)
        if choice is None:
            natural.append(fitting.choose(found))
            continue
        if best is None or _worse(best[2], choice):
            best = (document, tried, choice, html)
        if len(choice.underfilled) <= 1 and (forced or not choice.might_shrink()):
            break
    if best is None:
        raise PagesError(_unfitted(forced, [len(f.pages) for f in natural if f]))
    document, tried, choice, html = best
    kept = document.copy([document.pages[i] for i in choice.pages])
    faults = setting.faults(setting.lines(kept))
    latest, whole = faults, set()
    for _ in range(MENDING_PASSES):  # the faulty paragraphs re-set; the best pass is kept
        if not latest:
            break
        html, whole = setting.mend(html, latest), whole | setting.kept_whole(latest)
        mended = _laid_out(loaded, layout, theme, colours, html, whole)
        again = fitting.choose(fitting.parts(mended), forced)
        if again is None or _worse(again, choice):
            break
        retry = mended.copy([mended.pages[i] for i in again.pages])
        latest = setting.faults(setting.lines(retry))
        if len(latest) < len(faults):
            kept, choice, faults = retry, again, latest
    return RenderedBooklet(kept, tried, choice, tuple(faults))


def _worse(fit: fitting.Fit, other: fitting.Fit) -> bool:
    """More pages, or as many with more of them under half full."""
    return (len(fit.pages), len(fit.underfilled) > 1) > (len(other.pages), len(other.underfilled) > 1)


def _unfitted(forced: int | None, natural: list[int]) -> str:
    fewest = min(natural, default=None)
    if fewest is None:
        return "the content cannot be fitted to a multiple of 4 pages"
    if forced and fewest > forced:
        return f"the content needs {fewest} pages"
    return f"the content fills only {fewest} pages: {forced} would leave pages with nothing to print"


def _laid_out(loaded: Loaded, layout: layouts.Layout, theme: dict[str, str],
              colours: Colours | None, html: str, whole: set[str] = frozenset()):
    """One WeasyPrint pass of the whole template: body, every filler and both back covers."""
    exhibition = loaded.exhibition
    size = PAGE_SIZES_MM[exhibition.booklet.size]
    bleed = exhibition.booklet.bleed
    page_css = (f"@page {{ size: {size[0]}mm {size[1]}mm; bleed: {bleed}mm; }}\n"
                f"html {{ --trim-width: {size[0]}mm; --trim-height: {size[1]}mm; --bleed: {bleed}mm; }}")
    if colours:
        theme = pictures_for_print(theme, layout, colours)
    found = styles(loaded, layout, ["booklet.css", f"size-{exhibition.booklet.size}.css"],
                   page_css + layouts.theme_css(theme, layout), colours)
    with hyphenation.keeping_whole(whole):  # `whole`: words the mending keeps unbroken
        return HTML(string=html, base_url=str(loaded.folder) + os.sep,
                    url_fetcher=found.fetcher).render(
            stylesheets=found.sheets, font_config=found.font_config,
            color_profiles=found.color_profiles, **RENDER_OPTIONS)


def booklet_html(loaded: Loaded, layout: layouts.Layout, colours: Colours | None = None,
                 theme: dict[str, str] | None = None, variant: tuple[str, ...] = ()) -> str:
    template = environment(layout).get_template("booklet.html")
    html = template.render(**view(loaded, layout, colours, theme, variant))
    numbers = iter(range(1, 1 << 30))  # paragraphs numbered, for mending them after layout
    return PARAGRAPH.sub(lambda m: f'{m[0]} data-p="{next(numbers)}"', html)


def environment(layout: layouts.Layout) -> jinja2.Environment:
    """Templates by plain name from the layout's own folders, or by "memorial/booklet.html"
    and "_shared/booklet.html" from the bundled ones, so that an event's layout can extend."""
    bundled = {folder.name: jinja2.FileSystemLoader(str(folder))
               for folder in layouts.BUNDLED.iterdir() if folder.is_dir()}
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader([str(f) for f in layout.folders]),
                                  jinja2.PrefixLoader(bundled)])
    return jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True)


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
         theme: dict[str, str] | None = None, fit: tuple[str, ...] = ()) -> dict:
    """Plain values for the templates, typeset for the language; prose already HTML.
    With `colours`, pictures are their CMYK copies and QR codes pure K; `fit` names the
    layout's fitting variants in force (classes `fit-<name>` on the root element)."""
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
            citation = record(book, ex.booklet.bibliography, lang, ex.booklet.places)
            count += 1
            bare = not book.cover and not book.annotation and not book.link
            books.append({
                "number": count,
                "bare": bare,
                "citation": citation,
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
        "fit": fit,
        "labels": words,
        "colophon": colophon_view(ex, words, t),
        "authors_index": authors_index(ex),
        "note_lines": NOTE_LINES[ex.booklet.size],
        "index_fits_a_page": sum(len(e["books"]) + 1 for e in authors_index(ex))
        <= NOTE_LINES[ex.booklet.size],  # else the index flows on without lines for notes
        "picture": picture(ex.poster.image),
        "picture_headline": t(ex.poster.headline or ""),
        "exhibition_qr": qr(ex.poster.link),
        "exhibition_link": (ex.poster.link or "").split("://", 1)[-1].rstrip("/"),
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
        "created": dt.datetime.fromtimestamp(int(created), dt.timezone.utc).strftime(
            "%Y-%m-%dT%H:%M:%SZ") if created else "",
    }


def colophon_view(ex, words: dict[str, str], t) -> dict | None:
    """The imprint's lines in the exhibition's language: «Составитель: Айгуль Сатпаева»."""
    colophon = ex.colophon
    if colophon is None:
        return None
    lines = [{"label": words[f"colophon_{role}"], "value": t(names.full(getattr(colophon, role)))}
             for role in ("compiler", "editor", "designer") if getattr(colophon, role)]
    run = words["print_run"].format(n=colophon.print_run) if colophon.print_run else ""
    return {"lines": lines, "print_run": t(run), "note": t(colophon.note)}


KAZAKH_ORDER = {"ә": "а~", "ғ": "г~", "қ": "к~", "ң": "н~", "ө": "о~", "ұ": "у~", "ү": "у~~",
                "һ": "х~", "і": "ы~", "ё": "е~"}  # each letter just after its neighbour


def authors_index(ex) -> list[dict]:
    """Authors and compilers with their books' titles (and, in the layout, their pages), in
    alphabetical order with the Kazakh letters in their places, for the index the fitting
    may print."""
    found: dict[str, list[dict]] = {}
    number = 0
    for section in ex.sections:
        for book in section.books:
            number += 1
            people = list(book.authors) + [c.name for c in book.contributors
                                           if "compiler" in c.role]
            for person in dict.fromkeys(people):
                found.setdefault(names.inverted(person), []).append(
                    {"number": number, "title": typeset(book.title, book.language or ex.language)})
    key = lambda name: "".join(KAZAKH_ORDER.get(c, c) for c in name.casefold())
    return [{"name": name, "books": books} for name, books in sorted(found.items(),
                                                                      key=lambda i: key(i[0]))]
