"""The booklet: exhibition → HTML (Jinja2, the layout's templates) → one WeasyPrint pass."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from markupsafe import Markup
from weasyprint import HTML

from booklet.content.bilingual import bilingual, in_language
from booklet.content.load import Loaded
from booklet.messages import N_, _, ngettext
from booklet.problems import ContentError
from booklet.render import (cover, fitting, foreign, layouts, parallel, pictures, relayout,
                            setting, spreads, templates)
from booklet.render.cmyk import Colours
from booklet.render.qr import qr_data_uri
from booklet.render.styles import pictures_for_print, styles
from booklet.text import hyphenation, markdown, names
from booklet.text.labels import format_dates, labels
from booklet.text.records import credit, record_parts
from booklet.text.typography import typeset, unbroken_ranges

PAGE_SIZES_MM = {"a6": (105, 148), "a5": (148, 210), "a4": (210, 297)}
NOTE_LINES = {"a6": 14, "a5": 22, "a4": 32}  # ruled lines of a notes page
FILLERS = {"colophon": N_("colophon"), "index": N_("index"), "notes": N_("notes"),
           "invitation": N_("invitation")}  # the left-over pages, as a summary names them
VARIANTS = {"compact": N_("compact"), "spread": N_("spread")}  # the bundled layouts' settings
# Image options must reach render(): given only to write_pdf() they are ignored (notes).
# No jpeg_quality: it re-encodes every JPEG at each layout pass; pictures come prepared.
RENDER_OPTIONS = {"dpi": 300, "pdf_tags": True}
SPREAD_PAGES = 4  # a tête-bêche half this short with pages left over tries its sections overleaf
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
    laid_out: fitting.Fit | None = None  # the variant's fit as first laid out, before mending

    def summary(self) -> str:
        """"16 pages, standard setting; left-over pages: colophon, notes"."""
        pages = ngettext("{n} page", "{n} pages", len(self.fit.pages)).format(n=len(self.fit.pages))
        text = _("{pages}, {variant} setting").format(
            pages=pages, variant=" ".join(_(VARIANTS.get(name, name)) for name in self.variant)
            or _("standard"))
        return text + ("; " + _("left-over pages: {names}").format(
            names=", ".join(_(FILLERS.get(name, name)) for name in self.fit.fillers))
            if self.fit.fillers else "")


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
    return finish(loaded, layout, theme, lay_out(loaded, layout, theme, colours, variant))


@dataclass(frozen=True)
class Fitted:
    """A variant laid out and fitted, its setting not yet mended nor its spreads balanced."""
    document: object  # weasyprint.Document: every page laid out, fillers and back covers too
    variant: tuple[str, ...]
    fit: fitting.Fit
    html: str
    colours: Colours | None
    forced: int | None  # the page count asked for


def lay_out(loaded: Loaded, layout: layouts.Layout, theme: dict[str, str],
            colours: Colours | None = None, variant: tuple[str, ...] | None = None) -> Fitted:
    """The first half of render_booklet(): the variants laid out and one chosen."""
    forced = loaded.exhibition.booklet.pages
    forced = None if forced == "auto" else forced
    cover_title(loaded, layout)  # a title too long for the cover stops here, named
    best = None
    natural = []
    allowed = underfilled_allowed(loaded)
    for tried in ([variant] if variant is not None else variants(loaded, layout)):
        html = booklet_html(loaded, layout, colours, theme, tried)
        document = _laid_out(loaded, layout, theme, colours, html)
        found = fitting.parts(document)
        choice = fitting.choose(found, forced, allowed)
        if choice is None:
            natural.append(fitting.choose(found))
            continue
        if best is None or worse(best.fit, choice, allowed):
            best = Fitted(document, tried, choice, html, colours, forced)
        if good_enough(choice, forced, allowed):
            break
    if best is None:
        raise PagesError(_unfitted(forced, [len(f.pages) for f in natural if f]))
    if spreads_out(loaded, variant, best.fit):
        spread = (*best.variant, "spread")
        html = booklet_html(loaded, layout, colours, theme, spread)
        document = _laid_out(loaded, layout, theme, colours, html)
        choice = fitting.choose(fitting.parts(document), len(best.fit.pages), allowed)
        if choice is not None and fewer_fillers(choice, best.fit, allowed):
            best = Fitted(document, spread, choice, html, colours, forced)
    return best


def spreads_out(loaded: Loaded, variant: tuple[str, ...] | None, fit: fitting.Fit) -> bool:
    """Whether to lay out the fitting variant `spread` too: for a half of a tête-bêche
    booklet of a few pages with pages left over, when no variant is given (the CMYK pass
    repeats the office pass's). Not for a one-language booklet: build.py may lay out its
    variants in two processes, each given its own."""
    return bool(loaded.half) and variant is None and bool(fit.fillers) \
        and len(fit.pages) <= SPREAD_PAGES


def fewer_fillers(fit: fitting.Fit, other: fitting.Fit, allowed: int = 1) -> bool:
    """As many pages as `other`, fewer of them left over and none for notes: the text spread
    over them instead, with one page under half full at most, though a half of a tête-bêche
    booklet may otherwise have none: as a rule its front matter (contents and introduction)
    alone, which a designer's eye prefers to pages padded with lines for notes."""
    return len(fit.pages) == len(other.pages) and len(fit.fillers) < len(other.fillers) \
        and "notes" not in fit.fillers and len(fit.underfilled) <= max(allowed, 1)


def finish(loaded: Loaded, layout: layouts.Layout, theme: dict[str, str],
           fitted: Fitted) -> RenderedBooklet:
    """The second half of render_booklet(): the setting mended, the spreads balanced."""
    colours, forced, html, choice = fitted.colours, fitted.forced, fitted.html, fitted.fit
    document = fitted.document
    allowed = underfilled_allowed(loaded)
    kept = fitting.kept(document, choice)
    faults = setting.faults(setting.lines(kept))
    latest, whole = faults, set()
    base = document  # the pass the next one starts from
    for _ in range(MENDING_PASSES):  # the faulty paragraphs re-set; the best pass is kept
        if not latest:
            break
        html, whole = setting.mend(html, latest), whole | setting.kept_whole(latest)
        mended = base = _laid_out(loaded, layout, theme, colours, html, whole, base)
        again = fitting.choose(fitting.parts(mended), forced, allowed)
        if again is None or worse(again, choice, allowed):
            break
        retry = fitting.kept(mended, again)
        latest = setting.faults(setting.lines(retry))
        if len(latest) < len(faults):
            kept, choice, faults = retry, again, latest
    balanced = _balanced(kept, choice)
    if balanced:
        kept, choice = balanced
    return RenderedBooklet(kept, fitted.variant, choice, tuple(faults), fitted.fit)


def variants(loaded: Loaded, layout: layouts.Layout) -> tuple[tuple[str, ...], ...]:
    """The fitting variants to lay out, in order: the layout's; for a half of a tête-bêche
    booklet then each of them with the author index run on after the text (`run-on`), which
    fills a last text page that a section's tail leaves nearly empty."""
    if not loaded.half:
        return layout.fit
    return (*layout.fit, *((*tried, "run-on") for tried in layout.fit))


def underfilled_allowed(loaded: Loaded) -> int:
    """The pages under half full a booklet may have: one; none in a half of a tête-bêche
    booklet, the two halves sharing the booklet's one."""
    return 0 if loaded.half else 1


def good_enough(fit: fitting.Fit, forced: int | None, allowed: int = 1) -> bool:
    """Whether a variant's fit ends the search: no later, tighter variant is laid out."""
    return len(fit.underfilled) <= allowed and bool(forced or not fit.might_shrink())


def _balanced(kept, choice: fitting.Fit):
    """The booklet with facing pages ending at the same depth (spreads.py), and its fit with
    the pages that are no longer under half full struck off; None when no spread needs it.
    No layout pass: the boxes of the laid-out pages are moved."""
    body = {i for part in fitting.parts(kept) if part.role == "body" for i in part.pages}
    found = spreads.spacers(kept, body)
    balanced = spreads.spaced(kept, found) if found else None
    if balanced is None:
        return None
    fills = [fitting.page_fill(page._page_box) for page in balanced.pages]
    underfilled = tuple(n for n in choice.underfilled
                        if n - 1 not in body or fills[n - 1] < fitting.HALF)
    return balanced, dataclasses.replace(choice, underfilled=underfilled)


def worse(fit: fitting.Fit, other: fitting.Fit, allowed: int = 1) -> bool:
    """More pages, or as many with more of them under half full than `allowed`."""
    return (len(fit.pages), len(fit.underfilled) > allowed) > \
        (len(other.pages), len(other.underfilled) > allowed)


def _unfitted(forced: int | None, natural: list[int]) -> str:
    fewest = min(natural, default=None)
    if fewest is None:
        return _("the content cannot be fitted to a multiple of 4 pages")
    if forced and fewest > forced:
        return ngettext("the content needs {n} page", "the content needs {n} pages",
                        fewest).format(n=fewest)
    return ngettext("the content fills only {n} page: {forced} would leave pages with nothing "
                    "to print", "the content fills only {n} pages: {forced} would leave pages "
                    "with nothing to print", fewest).format(n=fewest, forced=forced)


def _laid_out(loaded: Loaded, layout: layouts.Layout, theme: dict[str, str],
              colours: Colours | None, html: str, whole: set[str] = frozenset(),
              after=None):
    """One WeasyPrint pass of the whole template: body, every filler and both back covers.
    With `after` (an earlier pass's document, with `whole` less some words), only the pages
    that change are laid out again (render/relayout.py); the whole pass when a page kept
    from before would misnumber."""
    exhibition = loaded.exhibition
    if after is not None:
        found = after.record.styles  # its fonts: the pages taken from it use them
    else:
        size = PAGE_SIZES_MM[exhibition.booklet.size]
        bleed = exhibition.booklet.bleed
        page_css = (f"@page {{ size: {size[0]}mm {size[1]}mm; bleed: {bleed}mm; }}\n"
                    f"html {{ --trim-width: {size[0]}mm; --trim-height: {size[1]}mm; "
                    f"--bleed: {bleed}mm; }}")
        if colours:
            theme = pictures_for_print(theme, layout, colours)
        found = styles(loaded, layout, ["booklet.css", f"size-{exhibition.booklet.size}.css"],
                       page_css + layouts.theme_css(theme, layout), colours)
    record = relayout.Record(styles=found, whole=set(whole))
    previous = after.record if after is not None else None
    newly_whole = set(whole) - previous.whole if previous is not None else set()
    # `whole`: words the mending keeps unbroken
    with hyphenation.keeping_whole(whole), relayout.recorded(record, previous, newly_whole):
        document = HTML(string=html, base_url=str(loaded.folder) + os.sep,
                        url_fetcher=found.fetcher).render(
            stylesheets=found.sheets, font_config=found.font_config,
            color_profiles=found.color_profiles, **RENDER_OPTIONS)
    if previous is not None and relayout.stale_numbers(record, previous):
        return _laid_out(loaded, layout, theme, colours, html, whole)
    document.record = record
    return document


def booklet_html(loaded: Loaded, layout: layouts.Layout, colours: Colours | None = None,
                 theme: dict[str, str] | None = None, variant: tuple[str, ...] = ()) -> str:
    html = templates.render(layout, "booklet.html", view(loaded, layout, colours, theme, variant))
    numbers = iter(range(1, 1 << 30))  # paragraphs numbered, for mending them after layout
    return PARAGRAPH.sub(lambda m: f'{m[0]} data-p="{next(numbers)}"', html)


def cover_title(loaded: Loaded, layout: layouts.Layout) -> cover.CoverTitle:
    """The cover title fitted to the cover; ContentError naming `title` when it is too long
    even at the floor."""
    ex = loaded.exhibition
    fitted = cover.fit_title(typeset(ex.title, ex.language), layout, ex.booklet.size)
    if fitted is None:
        raise ContentError([loaded.marks.problem(
            ("title",), "booklet: " + _("the title is too long for the {size} cover, even at "
                                        "{percent} % of its type size").format(
                size=ex.booklet.size.upper(), percent=round(cover.STEPS[-1] * 100)),
            hint=_("shorten the title; put the rest in subtitle"))])
    return fitted


def says_already(label: str, text: str) -> bool:
    """Whether `text` already says `label` («Книжная выставка» in «Выставка к юбилею: книжная
    выставка…», «кітап көрмесі» at the end of a Kazakh subtitle): its words in a row, in any
    case and ending, anywhere in the text."""
    def words(value: str) -> list[str]:
        return re.findall(r"\w+", value.casefold())
    stems = [word[:max(4, len(word) - 2)] for word in words(label)]
    found = words(text)
    return bool(stems) and any(
        all(found[start + i].startswith(stem) for i, stem in enumerate(stems))
        for start in range(len(found) - len(stems) + 1))


def prose(text: str | None, language: str) -> Markup:
    """A Markdown field as HTML that the templates may insert as it is (it is safe)."""
    return Markup(markdown.to_html(text, language))


def view(loaded: Loaded, layout: layouts.Layout, colours: Colours | None = None,
         theme: dict[str, str] | None = None, fit: tuple[str, ...] = ()) -> dict:
    """Plain values for the templates, typeset for the language; prose already HTML.
    With `colours`, pictures are their CMYK copies and QR codes pure K; `fit` names the
    layout's fitting variants in force (classes `fit-<name>` on the root element).
    A parallel bilingual booklet's view holds both languages (render/parallel.py)."""
    langs = bilingual(loaded)
    if langs and loaded.exhibition.booklet.bilingual == "parallel":
        first, second = (view(in_language(loaded, lang), layout, colours, theme, fit)
                         for lang in langs)
        return parallel.merged(first, second, langs[1])
    if loaded.foreign:  # a text one language lacks, set in the language it is written in
        return foreign.marked(view(replace(loaded, foreign=()), layout, colours, theme, fit),
                              loaded)
    ex = loaded.exhibition
    lang = ex.language
    dark = "device-cmyk(0 0 0 1)" if colours else "#000000"

    css = [layouts.SHARED / "booklet.css"] + [folder / name for folder in reversed(layout.folders)
                                              for name in ("booklet.css", f"size-{ex.booklet.size}.css")]
    covers = pictures.cover_scale(css, fit, PAGE_SIZES_MM[ex.booklet.size][0])

    def picture(path, ground: str = "#ffffff", scale=covers) -> pictures.Picture | None:
        """The picture prepared for print (and, with `colours`, its CMYK copy)."""
        if not path:
            return None
        convert = (lambda prepared: colours.picture(prepared, ground)) if colours else None
        return pictures.picture(Path(path), loaded.folder, scale, convert)

    def qr(link) -> str | None:
        return qr_data_uri(link, dark) if link else None

    def t(text):
        return typeset(text, lang) if text else ""

    def md(text):
        return prose(text, lang)

    # the exhibition's picture, on a page of its own or across the cover: it covers at most
    # the page (bright's cover runs it across the page's width)
    page_picture = picture(ex.poster.image, scale=pictures.covering([PAGE_SIZES_MM[ex.booklet.size]]))
    library = ex.library
    sections = []
    count = 0  # books are numbered through the booklet
    for number, section in enumerate(ex.sections, 1):
        books = []
        for index, book in enumerate(section.books):
            book_lang = book.language or lang
            title_part, rest = record_parts(book, ex.booklet.bibliography, lang, ex.booklet.places)
            count += 1
            bare = not book.cover and not book.annotation and not book.link
            books.append({
                "number": count,
                "bare": bare,
                "record_title": title_part,  # the heading and title, set in bold
                "record_rest": rest,
                "loc": f"sections.{number - 1}.books.{index}",
                "title": typeset(book.title, book_lang),
                "subtitle": typeset(book.subtitle or "", book_lang),
                # the stand-in cover names who made the book: its authors, else its compiler…
                "authors": ", ".join(names.full(a) for a in book.authors)
                or typeset(credit(book, lang), book_lang),
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
    # «Книжная выставка» above a subtitle that already says so says it twice
    kicker = "" if says_already(words["exhibition"], ex.subtitle or "") else words["exhibition"]
    fitted = cover.fit_title(t(ex.title), layout, ex.booklet.size)
    if fitted is None:  # render_booklet() refuses it; a poster or web page still has a title
        fitted = cover.CoverTitle((t(ex.title),), 0.0, 0.0, cover.STEPS[-1])
    theme_picture = bool((theme or {}).get("cover_image"))
    index = authors_index(ex)
    # else the index flows on without lines for notes
    fits_a_page = sum(len(e["books"]) + 1 for e in index) <= NOTE_LINES[ex.booklet.size]
    found = {
        "lang": lang,
        "half": loaded.half,  # "first" or "second" half of a tête-bêche booklet: no back cover
        "fit": fit,
        "labels": words,
        "colophon": colophon_view(ex, words, t),
        "authors_index": index,
        "index_columns": index_columns(index, ex.booklet.size),
        "note_lines": NOTE_LINES[ex.booklet.size],
        "index_fits_a_page": fits_a_page,
        # laid out again under the last book, for the fitting to keep or lift off (fitting.py)
        "index_runs_on": fits_a_page or "run-on" in fit,
        "picture": page_picture,
        "picture_headline": t(ex.poster.headline or ""),
        "exhibition_qr": qr(ex.poster.link),
        "exhibition_link": (ex.poster.link or "").split("://", 1)[-1].rstrip("/"),
        "kicker": kicker,
        "title": t(ex.title),
        "running_title": t(ex.title),  # text only, for an attribute (a parallel title is HTML)
        "title_lines": fitted.lines,
        "cover_title": fitted,
        # the cover's picture: the theme's cover_image (set in CSS), else the poster's
        "theme_picture": theme_picture,
        "cover_picture": None if theme_picture else page_picture,
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
            "hours": unbroken_ranges(t(library.hours)),
            "logo": picture(library.logo, (theme or {}).get(layout.logo_ground, "#ffffff"),
                            pictures.within_edge(pictures.LOGO_MM)),
            "qr": qr(library.website),
        },
        "sections": sections,
        "created": dt.datetime.fromtimestamp(int(created), dt.timezone.utc).strftime(
            "%Y-%m-%dT%H:%M:%SZ") if created else "",
    }
    if loaded.half and loaded.second is not None:  # the library page in both, its own first
        other = replace(loaded, exhibition=loaded.second, half="", second=None, foreign=())
        return {**parallel.library_in_both(found, view(other, layout, colours, theme, fit),
                                           loaded.second.language),
                "cover_library": found["library"]["name"]}  # a cover in its own language
    return found


def colophon_view(ex, words: dict[str, str], t) -> dict | None:
    """The imprint's lines in the exhibition's language: «Составитель: Айгуль Сатпаева»."""
    colophon = ex.colophon
    if colophon is None:
        return None
    lines = [{"label": words[f"colophon_{role}"], "value": t(names.full(getattr(colophon, role)))}
             for role in ("compiler", "editor", "designer") if getattr(colophon, role)]
    run = words["print_run"].format(n=colophon.print_run) if colophon.print_run else ""
    return {"lines": lines, "print_run": t(run), "note": t(colophon.note)}


# the Kazakh alphabet, which holds the Russian one in its order: Ә after every А-word, before Б;
# Ё sorts as Е, as Russian indexes sort it
ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
RANK = {letter: rank for rank, letter in enumerate(ALPHABET)} | {"ё": ALPHABET.index("е")}


def alphabetical(name: str) -> list[int]:
    """The sorting key of a name: letters by their place in the alphabet, other letters
    (Latin) after them by code, spaces and punctuation first, so that Иванов comes before
    Иванова."""
    return [RANK.get(c, len(ALPHABET) + ord(c) if c.isalnum() else -1) for c in name.casefold()]


INDEX_LINE = {"a6": 18, "a5": 27, "a4": 36}  # characters of a title on a line of a run-on index's column


def index_columns(entries: list[dict], size: str) -> tuple[list[dict], list[dict]]:
    """The run-on index's entries in two columns as near the same depth as whole entries
    allow, the first rather the deeper, each weighed in lines at about INDEX_LINE[size]
    characters a line (the second may be empty: one entry). Split
    here, not by CSS columns: WeasyPrint balances those by laying their content out again
    and again, which cost nearly half of every pass of a booklet that tries a run-on index."""
    per_line = INDEX_LINE[size]
    depths = [1 + sum(-(-(len(book["title"]) + 4) // per_line) for book in entry["books"])
              for entry in entries]
    total, first = sum(depths), 0
    for count, depth in enumerate(depths):
        if first * 2 >= total or count == len(depths) - 1 and count:
            return entries[:count], entries[count:]
        first += depth
    return entries, []


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
    return [{"name": name, "books": books}
            for name, books in sorted(found.items(), key=lambda item: alphabetical(item[0]))]
