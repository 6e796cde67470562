"""The exhibition kit (spec §9): labels, signs, a bookmark and a leaflet, laid out from the
layout's templates (labels.html, sign.html, bookmark.html, leaflet.html, gathered by
_shared/kit.html) in ONE WeasyPrint pass: every piece is a page of its own named size.
Imposing the pieces on sheets with marks is the press's work (press/sheets.py)."""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass

from weasyprint import HTML

from markupsafe import Markup, escape

from booklet.content.bilingual import bilingual, in_language
from booklet.content.load import Loaded
from booklet.messages import _
from booklet.problems import ContentError, Problem
from booklet.render import headline, layouts, templates
from booklet.render.booklet import RENDER_OPTIONS, view
from booklet.render.columns import balanced
from booklet.render.fonts import FAMILIES, FONTS_DIR
from booklet.render.poster import PT_PER_MM
from booklet.render.qr import qr_data_uri
from booklet.render.styles import styles
from booklet.text.records import record
from booklet.text.typography import typeset as typeset_text, unbroken_ranges

LABEL_MM = {"a7": (74, 105), "a6": (105, 148), "90x55mm": (90, 55)}
SIGN_MM = {"a4-landscape": (297, 210), "a3-landscape": (420, 297), "a4": (210, 297)}
LEAFLET_MM = (297, 210)
PANELS_MM = (100, 100, 97)  # the inside, left to right: the right one tucks in (roll fold),
# 3 mm narrower so that it folds in without buckling
PANEL_MARGIN_MM = 10  # the least margin of a panel's text from its folds and edges
# the inside's three columns are of one width (CSS columns) and stand LIST_INSET_MM[0] inside
# each panel, so that they line up as the panels do; the narrow panel's column ends
# PANEL_MARGIN_MM from the sheet's edge, the others' a little further from their folds,
# where ragged lines end anyway
LIST_INSET_MM = (11.5, PANEL_MARGIN_MM)
LIST_COLUMN_MM = PANELS_MM[2] - sum(LIST_INSET_MM)
LIST_GAP_MM = PANELS_MM[0] - LIST_COLUMN_MM
# how much of each book the leaflet's inside shows, richest first: covers, the lines of its
# annotation (None: all of it), and the type a step smaller; the first that holds every book
# is taken (render_kit), so that a list with room shows every annotation whole and a long
# one still every book
LEAFLET_LEVELS = ((True, None, False), (True, 6, False), (True, 5, False), (True, 4, False),
                  (True, 3, False), (False, 3, False), (False, 2, False), (False, 0, False),
                  (False, 0, True))
# as _shared/kit.css sets them: whole points, four sizes (the shelf mark's 7.5 pt caps)
LEAFLET_PT = {"book": 10, "text": 9, "intro": 9.5, "section": 11, "heading": 13}
FEW_BOOKS = 6  # a leaflet with fewer books has its introduction inside, beside them
NUMBER_MM = 7  # the column of the list's numbers
COVER_MM = 20  # a cover's width in its own column beside a book in the leaflet's list
COVER_GAP_MM = 4  # between that column and the book's text
SAFE_MM = 5  # important content at least this far inside the cut (spec §9)
BLEED_MM = 2  # a cut piece's ground beyond its cut, into the 5 mm gutter: a miscut shows no
# white sliver (labels and bookmarks; press/sheets.py places the trim on the grid)
INSET_MM = 10  # a coloured ground's even white frame on an office printer's sheet: a mat,
# not the 4–5 mm an office printer leaves white anyway, which would show uneven
PADDING_MM = 6  # what the pieces keep inside their cut: the safe 5 mm and a little more
BOOKMARK_BOOKS = (3, 7)  # the fewest and the most books a bookmark's back recommends
# a label's type (pt) on an A7; an A6 sets it larger: one title size on every label (smaller
# only for a long title, to title_least), the annotation smaller than the author, the foot
# (shelf mark, place) and a book's facts where it has no annotation the smallest
LABEL_PT = {"section": 7, "title": 16, "title_least": 13, "author": 10, "text": 9.5,
            "second": 9.5, "foot": 8, "facts": 8}
LABEL_SCALE = {"a7": 1.0, "a6": 1.3, "90x55mm": 0.95}
TITLE_LINES = {"a7": 3, "a6": 3, "90x55mm": 2}
LINE_MM = 1.3 / PT_PER_MM  # a line of text is 1.3 × its size
INTRO_LINES = 30  # at most, of the exhibition's introduction on the leaflet's inner flap
BOOKMARK_PT = {"kicker": 7.5, "book": 9, "library": 7.5,  # as _shared/kit.css sets them
               "dates": (10, 11)}  # one line at the least, else two lines at the most
# a sign's type (pt) on an A4, × √2 for an A3, read from two metres: three sizes, the title's,
# the text's (kicker, subtitle, dates and venue, quote: capitals 7 mm high) and the source's
# and footer's
SIGN_PT = {"title": 100, "title_least": 40, "text": 28, "small": 20, "dates": 36, "venue": 24}
# a bilingual sign's two titles, each in this share of one title's box, at one size: the law
# «О языках в Республике Казахстан» (art. 21) has visual information in the state language
# first (left or above) and both languages in letters of the same size
BOTH_TITLES_SCALE = 0.62
SECTION_OF_TITLE = 0.85  # a section sign's title at most this share of the title sign's
BOTH_SECTION_TITLES_SCALE = 0.8  # a section's sign, with fewer lines, in a larger share
# the kit's own words that a bilingual exhibition prints in both languages, «Бөлім / Раздел»
BOTH_LABELS = ("recommended", "sections_list", "address", "hours", "phone")


@dataclass(frozen=True)
class Piece:
    kind: str  # label, sign, bookmark-front, bookmark-back, leaflet-outside, leaflet-inside
    loc: tuple  # where in the YAML it comes from


@dataclass(frozen=True)
class RenderedKit:
    document: object  # weasyprint.Document: every piece, a page each, in `pieces` order
    pieces: tuple[Piece, ...]
    leaflet: object | None  # the leaflet's own document when its list had to be cut
    label_mm: tuple[float, float]  # a label as cut: a tent card is two labels tall
    sign_mm: tuple[float, float]
    bookmark_mm: tuple[float, float]
    folded: bool
    words: dict[str, str]  # the sheets' slug line's words, in the exhibition's language

    def documents(self) -> list[tuple[object, tuple[Piece, ...]]]:
        """The laid-out documents and their pieces: the leaflet alone when laid out again."""
        if self.leaflet is None:
            return [(self.document, self.pieces)]
        return [(self.document, tuple(p for p in self.pieces if p.kind != "leaflet-inside"
                                      and p.kind != "leaflet-outside")),
                (self.leaflet, tuple(p for p in self.pieces if p.kind.startswith("leaflet")))]

    def document_of(self, kind: str):
        """A WeasyPrint document of the pieces of one kind (label, sign, bookmark, leaflet)."""
        for document, pieces in self.documents():
            pages = [page for page, piece in zip(document.pages, pieces)
                     if piece.kind.split("-")[0] == kind]
            if pages:
                return document.copy(pages)
        return None


def bookmark_mm(size: str) -> tuple[float, float]:
    width, height = re.fullmatch(r"(\d+)x(\d+)mm", size).groups()
    return float(width), float(height)


def render_kit(loaded: Loaded, layout: layouts.Layout, theme: dict[str, str]) -> RenderedKit:
    """Every piece of the kit laid out in one pass; the leaflet again, alone, when its list of
    books is longer than its panels hold. ContentError when a piece cannot be made."""
    ex = loaded.exhibition
    kit = ex.kit or _default_kit()
    label = LABEL_MM[kit.labels.size]
    sign = SIGN_MM[kit.signs.size]
    mark = bookmark_mm(kit.bookmarks.size)
    context = kit_view(loaded, layout, theme, kit)
    found = styles(loaded, layout, ["kit.css"], page_css(kit) + layouts.theme_css(theme, layout))

    def laid_out(shown: int | None, leaflet_only: bool = False, level=LEAFLET_LEVELS[0],
                 outside_only: bool = False):
        books = [_leaflet_entry(book, level) for book in context["leaflet_books"]]
        html = templates.render(layout, "_shared/kit.html", {
            **context, "leaflet_only": leaflet_only, "leaflet_outside_only": outside_only,
            "leaflet_compact": level[2],
            **_leaflet_books(books, shown, context["labels"])})
        document = HTML(string=html, base_url=str(loaded.folder) + os.sep,
                        url_fetcher=found.fetcher).render(
            stylesheets=found.sheets, font_config=found.font_config, **RENDER_OPTIONS)
        balanced(document)  # the list's columns: laid out once, dealt out again (columns.py)
        return document

    pieces = _pieces(context, kit)
    document = laid_out(None)
    leaflet = None  # the leaflet laid out again alone: its flap filled, or its list shortened
    if kit.leaflet and context["leaflet_intro_cut"] and len(document.pages) == len(pieces):
        leaflet = _intro_filled(document, len(pieces), context, ex, laid_out)
    if kit.leaflet and len(document.pages) > len(pieces):  # the inside's list ran over
        for level in LEAFLET_LEVELS[1:]:  # less of each book, until every book fits
            leaflet = laid_out(None, leaflet_only=True, level=level)  # two pages: a small pass
            if len(leaflet.pages) == 2:
                break
        held = _books_on_inside(leaflet, 2) if len(leaflet.pages) > 2 else None
        if held is not None:  # even bare, the list ran over: as many as fit, and "N more"
            for shown in range(held - 1, max(held - 6, 0), -1):  # room for "and N more"
                leaflet = laid_out(shown, leaflet_only=True, level=LEAFLET_LEVELS[-1])
                if len(leaflet.pages) == 2:
                    break
        if len(leaflet.pages) != 2:
            raise ContentError([loaded.marks.problem(("kit", "leaflet"), "leaflet.pdf: " + _(
                "the leaflet's list of books runs over its page"))])
    if leaflet is not None:
        document = document.copy(document.pages[:len(pieces) - 2])
    pieces_here = len(pieces) - (2 if leaflet is not None else 0)
    if len(document.pages) != pieces_here:
        raise ContentError([loaded.marks.problem(("kit",), _(
            "a piece of the kit runs over its page"), hint=_("shorten its text"))])
    folded = kit.labels.fold
    words = {key: context["labels"][f"slug_{key}"] for key in ("sheet", "front", "back")}
    return RenderedKit(document, tuple(pieces), leaflet,
                       (label[0], label[1] * 2) if folded else label, sign, mark, folded, words)


def _default_kit():
    from booklet.content.model import Kit
    return Kit()


def page_css(kit) -> str:
    """The pieces' named pages, and their sizes for the layout's CSS."""
    label, sign = LABEL_MM[kit.labels.size], SIGN_MM[kit.signs.size]
    tent = (label[0], label[1] * 2) if kit.labels.fold else label
    mark = bookmark_mm(kit.bookmarks.size)
    factor = min(sign) / 210
    scale = LABEL_SCALE[kit.labels.size]
    sizes = " ".join(f"--label-{k}: {round(v * scale, 2)}pt;" for k, v in LABEL_PT.items())
    signs = " ".join(f"--sign-{k}: {round(v * factor, 1)}pt;" for k, v in SIGN_PT.items())
    bled = lambda w, h: (w + 2 * BLEED_MM, h + 2 * BLEED_MM)
    pages = {"label": bled(*tent), "sign": sign, "bookmark": bled(*mark),
             "leaflet": LEAFLET_MM}
    return "\n".join(f"@page {name} {{ size: {w}mm {h}mm; margin: 0; }}"
                     for name, (w, h) in pages.items()) + (
        f"\n@page leaflet-list {{ size: {LEAFLET_MM[0]}mm {LEAFLET_MM[1]}mm; "
        f"margin: {PANEL_MARGIN_MM}mm {LIST_INSET_MM[1]}mm {PANEL_MARGIN_MM}mm "
        f"{LIST_INSET_MM[0]}mm; }}"
        f"\nhtml {{ --label-width: {label[0]}mm; --label-height: {label[1]}mm; "
        f"--sign-width: {sign[0]}mm; --sign-height: {sign[1]}mm; "
        f"--bookmark-width: {mark[0]}mm; --bookmark-height: {mark[1]}mm; "
        f"--padding: {PADDING_MM}mm; --inset: {INSET_MM}mm; --bleed: {BLEED_MM}mm; --qr-label: {round(16 * scale, 1)}mm; "
        f"--qr-sign: {round(30 * factor, 1)}mm; {sizes} {signs} "
        f"--panel-1: {PANELS_MM[0]}mm; --panel-2: {PANELS_MM[1]}mm; "
        f"--panel-3: {PANELS_MM[2]}mm; --panel-margin: {PANEL_MARGIN_MM}mm; "
        f"--list-column: {LIST_COLUMN_MM}mm; --list-gap: {LIST_GAP_MM}mm; "
        f"--number: {NUMBER_MM}mm; --list-cover: {COVER_MM}mm; --cover-gap: {COVER_GAP_MM}mm; }}")


def _pieces(context: dict, kit) -> list[Piece]:
    """The pages the kit template makes, in its order."""
    pieces = [Piece("label", book["loc"]) for section in context["sections"]
              for book in section["books"]]
    pieces.append(Piece("sign-title", ("title",)))
    pieces += [Piece("sign", section["loc"]) for section in context["sections"]]
    pieces += [Piece("bookmark-front", ("kit", "bookmarks")),
               Piece("bookmark-back", ("kit", "bookmarks"))]
    if kit.leaflet:
        pieces += [Piece("leaflet-outside", ("kit", "leaflet")),
                   Piece("leaflet-inside", ("kit", "leaflet"))]
    return [Piece(p.kind, tuple(int(x) if x.isdigit() else x for x in p.loc.split(".")))
            if isinstance(p.loc, str) else p for p in pieces]


def _leaflet_books(books: list[dict], shown: int | None, words: dict[str, str]) -> dict:
    """The leaflet's list: the first `shown` books (None: all), and how many more there are,
    in the exhibition's language."""
    if shown is None or shown >= len(books):
        return {"leaflet_list": books, "leaflet_more": ""}
    return {"leaflet_list": books[:shown],
            "leaflet_more": words["more_books"].format(n=len(books) - shown)}


def _leaflet_entry(book: dict, level: tuple[bool, int | None]) -> dict:
    """A book as the leaflet's list shows it at `level` (LEAFLET_LEVELS): its cover or none,
    its annotation (and a bilingual one's second) in as many lines."""
    covers, lines, _compact = level
    cover = book["cover"] if covers else None
    texts = lambda key: book.get(key, {}).get((bool(cover), lines), "") if lines != 0 else ""
    return {**book, "leaflet_cover": cover, "leaflet_text": texts("leaflet_texts"),
            "second_leaflet_text": texts("second_leaflet_texts")}


def _leaflet_texts(text: str, font, has_cover: bool) -> dict[tuple[bool, int | None], str]:
    """A book's annotation shortened to each number of lines the leaflet may give it, beside
    its cover's column or not; whole where the level gives it all its lines."""
    width = LIST_COLUMN_MM - NUMBER_MM
    found = {}
    for covers, lines, _compact in LEAFLET_LEVELS:
        for cover in {False, has_cover and covers}:
            found[(cover, lines)] = text if lines is None else shortened(
                text, font, width - (COVER_MM + COVER_GAP_MM) * cover, LEAFLET_PT["text"],
                lines) if text else ""
    return found


def _books_on_inside(document, pieces: int) -> int:
    """How many of the leaflet's books its inside page (page `pieces`) holds."""
    from booklet.render.inspection import _is_element_box, _walk
    inside = document.pages[pieces - 1]
    return len({box.element.get("data-loc") for box, _loc, _parent in _walk(inside._page_box, ())
                if _is_element_box(box) and box.element_tag == "li"
                and "leaflet-book" in (box.element.get("class") or "").split()})


SHORT_COMPOUND = re.compile(r"(?<![\w-])([^\W\d_]{2,6})-([^\W\d_]{2,6})(?![\w-])")
SHORT_LOCATION = 24  # characters: «Читальный зал, 2 этаж» kept on one line


def typeset(text: str, lang: str) -> str:
    """The booklet's typograph pass (no-break spaces after short words …), ranges that no
    line breaks at their dash, and short hyphenated names no line breaks at their hyphen
    («Алма-Ата», «Усть-Каменогорск» may: a narrow column needs its break), on every text
    the kit sets: a non-breaking hyphen, which PT Serif and PT Sans have."""
    return SHORT_COMPOUND.sub("\\1\u2011\\2", unbroken_ranges(typeset_text(text, lang)))


def kept_together(location):
    """A short location («Читальный зал, 2 этаж») on one line: a lone «зал» was left on the
    leaflet's next line."""
    return location.replace(" ", "\u00a0") if location and len(location) <= SHORT_LOCATION \
        else location


def font_file(family: str, style: str = "Regular"):
    return FONTS_DIR / f"{FAMILIES.get(family, 'PTSerif')}-{style}.ttf"


SENTENCE_END = re.compile(r"(?<=[^\s.]{2})[.!?…](?= )")  # not after an initial: «И. А. Крылов»


def shortened(text: str, font, width_mm: float, size_pt: float, lines: int,
              sentences: bool = False) -> str:
    """`text` in at most `lines` lines of `width_mm` at `size_pt`: cut after the last whole
    sentence that fits, or else the last whole word, with "…"; never inside a word, nor
    between the words typography bound with a no-break space. With `sentences`, only after
    a whole sentence: nothing where the first does not fit."""
    if lines < 1:
        return ""
    width_em = _width_em(width_mm, size_pt)
    words = text.split(" ")
    if _lines(words, font, width_em) <= lines:
        return text
    kept = []
    for word in words:
        if _lines(kept + [word + "…"], font, width_em) > lines:
            break
        kept.append(word)
    shown = " ".join(kept)
    ends = [m.end() for m in SENTENCE_END.finditer(shown + " ")]
    if sentences:
        return shown[:ends[-1]] if ends else ""
    if ends and ends[-1] > len(shown) * 0.5:  # a whole sentence, if it keeps most of it
        return shown[:ends[-1]]
    return shown.rstrip(",;:—–-  ") + "…"


def _intro_filled(document, pages: int, context: dict, ex, laid_out):
    """The leaflet laid out again, alone, with as much of a shortened introduction as the flap
    holds: the estimate of its lines leaves room in some layouts, so the flap's free lines
    are measured on the kit's layout and given to the introduction (whole sentences only).
    Only its outside is laid out again, the inside taken from the kit's pass (its columns
    of books are most of a pass's work): an introduction set inside is never cut (kit_view).
    None where that adds nothing or runs over."""
    free = _flap_free_lines(document.pages[pages - 2])
    if free <= 0:
        return None
    first = context["leaflet_intro"], context["leaflet_intro_cut"]
    context["leaflet_intro"], context["leaflet_intro_cut"] = _leaflet_intro(
        ex.intro, context["leaflet_lang"], context["leaflet_body"],
        context["leaflet_intro_lines"] + free)
    if context["leaflet_intro"] != first[0]:  # else the next sentence is longer than the room
        again = laid_out(None, leaflet_only=True, outside_only=True)
        if len(again.pages) == 1 and _flap_free_lines(again.pages[0]) >= 0:
            return again.copy([again.pages[0], document.pages[pages - 1]])
    context["leaflet_intro"], context["leaflet_intro_cut"] = first
    return None


def _flap_free_lines(page) -> int:
    """Whole lines of the introduction the leaflet's flap has free below it (negative: run
    over its margin)."""
    from booklet.render.inspection import _is_element_box, _walk
    flap, bottom = None, None
    for box, _loc, _parent in _walk(page._page_box, ()):
        classes = (box.element.get("class") or "").split() if _is_element_box(box) else ()
        if "panel-flap" in classes:
            flap = box.content_box_y() + box.height
        elif "leaflet-intro" in classes:
            bottom = max(bottom or 0, box.border_box_y() + box.border_height())
    if flap is None or bottom is None:
        return 0
    return math.floor((flap - bottom) / (LEAFLET_PT["intro"] * 1.35 / 0.75))


def _width_em(width_mm: float, size_pt: float) -> float:
    return width_mm * PT_PER_MM * headline.SAFETY * 0.95 / size_pt


def line_count(text: str, font, width_mm: float, size_pt: float) -> int:
    """The lines `text` takes in `width_mm` at `size_pt` (0 for no text)."""
    return _lines(text.split(" "), font, _width_em(width_mm, size_pt)) if text else 0


def _lines(words: list[str], font, width_em: float) -> int:
    count, line = 1, ""
    for word in words:
        tried = f"{line} {word}" if line else word
        if line and headline.width_em(tried, font) > width_em:
            count, line = count + 1, word
        else:
            line = tried
    return count


def _plain(markdown_text: str | None) -> str:
    """A Markdown field as one line of plain text."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown_text or "")
    text = re.sub(r"(^|\n)\s*(?:[-*+>]|\d+[.)])\s+", r"\1", text)
    return re.sub(r"[ \t\n]+", " ", re.sub(r"[*_`]", "", text)).strip()


def kit_view(loaded: Loaded, layout: layouts.Layout, theme: dict[str, str], kit) -> dict:
    """The booklet's view, and what the kit adds: labels' shortened texts, the books the
    bookmark and the leaflet recommend, their QR codes."""
    ex = loaded.exhibition
    langs = bilingual(loaded)
    context = view(in_language(loaded, langs[0]) if langs else loaded, layout, theme=theme)
    lang = ex.language
    size = kit.labels.size
    scale = LABEL_SCALE[size]
    width = LABEL_MM[size][0] - 2 * PADDING_MM
    body = font_file(theme.get("body_font", "PT Serif"))
    bold = font_file(theme.get("heading_font", theme.get("body_font", "PT Serif")), "Bold")
    short = {}
    for entry in context["sections"]:
        entry["label_section"] = label_section(f'{entry["number"]}. {entry["title"]}', theme,
                                               size)
    for number, section in enumerate(ex.sections):
        for index, book in enumerate(section.books):
            book_lang = book.language or lang
            entry = context["sections"][number]["books"][index]
            entry["label_text"] = ""
            entry["location"] = kept_together(entry["location"])
            entry["label_title"], entry["label_title_pt"] = _label_title(
                book.title, book_lang, size, bold)
            # a book without annotation: its kind, publisher and year where the text would be
            entry["label_facts"] = "" if book.annotation else _label_facts(book, lang)
            entry["label_foot"] = round(_foot_mm(entry, size), 1)
            if book.annotation:  # the library's words, in the exhibition's language (a
                # Russian note on a Kazakh book takes the Russian rules: «в\u00a0Уфе»)
                entry["label_text"] = _label_text(
                    typeset(_plain(book.annotation), lang), entry, size, body, bold,
                    bool(langs))
            short[(number, index)] = typeset(record(book, "short", lang,
                                                    ex.booklet.places), lang)
    books = [{**entry, "short": short[(s, b)], "section": section["title"],
              "leaflet_texts": _leaflet_texts(
                  typeset(_plain(found.annotation), lang), body,
                  bool(entry["cover"]))}
             for s, section in enumerate(context["sections"])
             for b, (entry, found) in enumerate(zip(section["books"], ex.sections[s].books))]
    link = ex.poster.link or ex.library.website
    words = context["labels"]
    sign_title = _sign_title(context["title"], layout, kit, title=True)
    context.update(
        kit={"labels": {"size": size, "fold": kit.labels.fold}, "signs": kit.signs.size,
             "leaflet": kit.leaflet},
        bookmark_books=_recommended(context["sections"], books, _fits_bookmark(
            kit, body, font_file(theme.get("body_font", "PT Serif"), "Bold"),
            [t for t in (context["library"]["name"], context["library"]["address"],
                         context["library"]["hours"]) if t] + (_library_lines(
                second_view(loaded, layout, theme, langs[1])) if langs else []))),
        leaflet_books=books,
        leaflet_intro_inside=len(books) < FEW_BOOKS,
        leaflet_intro_lines=_intro_lines(context, body, langs, len(books) < FEW_BOOKS),
        leaflet_body=body, leaflet_lang=lang,
        kit_qr={"image": qr_data_uri(link), "link": link, "shown": link.split("://", 1)[-1]
                .rstrip("/"), "caption": words["qr_catalogue"] if ex.poster.link
                else words["qr_website"]} if link else None,
        sign_title=sign_title,  # the largest of the signs': the series' title over its parts
        sign_titles=_one_size({section["number"]: section["title"]
                               for section in context["sections"]},
                              lambda text, most: _sign_title(text, layout, kit, most_pt=most,
                                                             gain=1.0),
                              sign_title.size_pt * SECTION_OF_TITLE),
        sign_subtitle=_sign_lines(context["subtitle"], theme, kit),
        dates=dash_break(context["dates"]),
        subtitle=no_widow(context["subtitle"]),
        bookmark_quote=None if langs else _bookmark_quote(context["sections"]),
        bookmark_title=_bookmark_title(context["title"], layout, kit),
        bookmark_dates_pt=_bookmark_dates_pt(context["dates"], theme, kit),  # 0: wraps
    )
    context["leaflet_intro"], context["leaflet_intro_cut"] = _leaflet_intro(
        ex.intro, lang, body, context["leaflet_intro_lines"])
    context["leaflet_intro_cut"] = context["leaflet_intro_cut"] and not langs \
        and not context["leaflet_intro_inside"]  # measured on the flap, one language only
    context["second"] = None
    for section in context["sections"]:  # one language: nothing beside the texts
        section.update(second_title="", second_kicker="", second_quote="", second_source="",
                       second_sign_title=None)
        for book in section["books"]:
            book.update(second_label_text="", second_location="", second_section="")
    for book in context["leaflet_books"]:
        book.update(second_section="", second_location="")
    if langs:
        context["second"] = second_kit(loaded, layout, theme, kit, context, langs[1])
    return context


INTRO_MM = PANELS_MM[2] - 2 * PANEL_MARGIN_MM  # the flap's measure, and the inside's columns'


def _leaflet_intro(intro: str | None, lang: str, font, lines: int) -> tuple[str, bool]:
    """The exhibition's introduction for the leaflet in at most `lines` lines, its paragraphs
    one to a line of the string (the template sets each as a paragraph), and whether text
    was dropped: only whole sentences, never a cut one with «…» (it reads as a quotation)."""
    kept = []
    paragraphs = [p for p in (typeset(_plain(part), lang)
                              for part in re.split(r"\n\s*\n", intro or "")) if p]
    for paragraph in paragraphs:
        shown = shortened(paragraph, font, INTRO_MM, LEAFLET_PT["intro"], lines,
                          sentences=True)
        if shown:
            kept.append(shown)
        if shown != paragraph:
            break
        lines -= line_count(paragraph, font, INTRO_MM, LEAFLET_PT["intro"])
    return "\n".join(kept), len(kept) < len(paragraphs) or (kept and kept[-1] != paragraphs[len(kept) - 1])


def _intro_lines(context: dict, font, langs, inside: bool = False) -> int:
    """The lines of the introduction the leaflet's flap holds below the list of sections
    (kit.css: its sizes and gaps), or the inside's first column, for each language of a
    bilingual one."""
    if inside:  # a column of few books: two thirds of it
        return int(2 / 3 * (210 - 2 * PANEL_MARGIN_MM) / (LEAFLET_PT["intro"] * 1.35 / PT_PER_MM)
                   ) // (2 if langs else 1)
    width = INTRO_MM
    titles = sum(line_count(str(_plain_markup(section["title"])), font, width,
                            LEAFLET_PT["section"]) for section in context["sections"][:8])
    used = 8 * LINE_MM + 4 + titles * LEAFLET_PT["section"] * 1.25 / PT_PER_MM \
        + 3 * min(len(context["sections"]), 8) + 6
    if langs:
        used *= 2  # the sections' second titles, about as long
    lines = int((210 - 2 * PANEL_MARGIN_MM - used) * 0.9 / (LEAFLET_PT["intro"] * 1.35 / PT_PER_MM))
    return max(min(lines, INTRO_LINES) // (2 if langs else 1), 0)


def _label_text(text: str, entry: dict, size: str, body, bold, both: bool) -> str:
    """A label's annotation in the room left on the label, at the one size labels set it,
    shortened where it does not fit; a bilingual label's in half of it, the second
    language's below at the same size."""
    pt = LABEL_PT["text"] * LABEL_SCALE[size]
    room = _label_spare(entry, size, body, bold) - 1.5
    lines = int(room // (pt * LINE_MM)) // (2 if both else 1)
    return shortened(text, body, LABEL_MM[size][0] - 2 * PADDING_MM, pt, lines)


def _label_title(title: str, lang: str, size: str, bold) -> tuple[str, float]:
    """A book's title on its label and its size (pt): the labels' one size, a point smaller
    at a time only where a long title needs it to fit its lines, shortened at the least."""
    scale = LABEL_SCALE[size]
    width = LABEL_MM[size][0] - 2 * PADDING_MM
    text = typeset(title, lang)
    pt = LABEL_PT["title"]
    while pt > LABEL_PT["title_least"] and line_count(text, bold, width, pt * scale) \
            > TITLE_LINES[size]:
        pt -= 1
    return shortened(text, bold, width, pt * scale, TITLE_LINES[size]), round(pt * scale, 2)


def _label_facts(book, lang: str) -> str:
    """What a label without annotation says of its book below the author: its kind
    (subtitle), publisher and year, «сборник документов · Алматы: Атамұра, 2021»."""
    where = ", ".join(p for p in (": ".join(p for p in (book.place, book.publisher) if p),
                                  str(book.year) if book.year else "") if p)
    return typeset(" · ".join(p for p in (book.subtitle, where) if p), book.language or lang)


def label_section(text: str, theme: dict, size: str) -> str:
    """A section's name as a label's kicker sets it, in capitals, letter-spaced, on one line:
    shortened with "…" where it is longer."""
    font = font_file(theme.get("heading_font", theme.get("body_font", "PT Serif")))
    width = (LABEL_MM[size][0] - 2 * PADDING_MM) / 1.1  # 0.08 em between letters (kit.css)
    return shortened(text.upper(), font, width, LABEL_PT["section"] * LABEL_SCALE[size], 1)


def _label_spare(book: dict, size: str, body, bold) -> float:
    """The height (mm) a label's face has to spare below its texts in the main language
    (kit.css: its sizes, line heights and gaps), less a margin for what estimates miss."""
    scale = LABEL_SCALE[size]
    width = LABEL_MM[size][0] - 2 * PADDING_MM
    pt = {key: value * scale for key, value in LABEL_PT.items()}
    title = book["label_title_pt"]
    text = pt["text"]
    used = pt["section"] * LINE_MM + 1.5 \
        + max(line_count(book["label_title"], bold, width, title), 1) \
        * title * 1.15 / PT_PER_MM + 1.5 \
        + (pt["author"] * LINE_MM + 1 if book["authors"] else 0) \
        + (line_count(book["label_text"], body, width, text) * text * LINE_MM + 1.5
           if book["label_text"] else 0) \
        + _foot_mm(book, size)
    return LABEL_MM[size][1] - 2 * PADDING_MM - used - 2.5


def _foot_mm(book: dict, size: str, more: int = 0) -> float:
    """The height of a label's foot: its lines (and `more`), or its QR code beside them."""
    scale = LABEL_SCALE[size]
    lines = bool(book["shelfmark"]) + bool(book["location"]) + more
    return max(lines * LABEL_PT["foot"] * scale * LINE_MM, 16 * scale if book.get("qr") else 0)


def second_view(loaded: Loaded, layout: layouts.Layout, theme: dict, lang: str) -> dict:
    return view(in_language(loaded, lang), layout, theme=theme)


def _library_lines(other: dict) -> list[str]:
    return [t for t in (other["library"]["name"], other["library"]["address"],
                        other["library"]["hours"]) if t]


def also(first, second, lang: str, name: str = "second") -> Markup | str:
    """`second`, the second language's text, in an element of its own with its `lang`; ""
    where it says what `first` says (a name, a date written the same in both)."""
    if not second or _plain_markup(first) == _plain_markup(second):
        return ""
    return Markup(f'<span class="{name}" lang="{lang}">') + escape(second) + Markup("</span>")


def _plain_markup(text) -> str:
    return Markup(escape(text or "")).striptags()


def second_kit(loaded: Loaded, layout: layouts.Layout, theme: dict, kit, context: dict,
               lang: str) -> dict:
    """What the kit of a bilingual exhibition sets in its second language beside the main
    one's (Kazakh first, the second as large and lighter, each with its own `lang`):
    the exhibition's and sections' titles, quotes, dates, venue, the library's details, the
    kit's own words, and each label's annotation and location, shortened to fit. A book's
    title and record stay in the book's language. Where both say the same, nothing."""
    other = second_view(loaded, layout, theme, lang)
    ex = in_language(loaded, lang).exhibition
    context["labels"] = words = dict(context["labels"])  # the view's may be shared
    theirs = other["labels"]
    size = kit.labels.size
    width = LABEL_MM[size][0] - 2 * PADDING_MM
    body = font_file(theme.get("body_font", "PT Serif"))
    bold = font_file(theme.get("heading_font", theme.get("body_font", "PT Serif")), "Bold")
    scale = LABEL_SCALE[size]
    for key in BOTH_LABELS:  # «Бөлім / Раздел»: short words, beside each other
        if key in words and key in theirs and words[key] != theirs[key]:
            words[key] = escape(words[key]) + also("", " / " + theirs[key], lang)
    for number, (mine, section) in enumerate(zip(context["sections"], other["sections"])):
        mine["second_title"] = also(mine["title"], section["title"], lang)
        mine["second_kicker"] = also("", f'{theirs["section"]} {section["number"]}', lang) \
            if theirs["section"] != context["labels"]["section"] else ""
        mine["second_quote"] = Markup(f'<div class="second-block" lang="{lang}">') + \
            section["quote"]["text"] + Markup("</div>") if mine["quote"] and section["quote"] \
            and _plain_markup(mine["quote"]["text"]) != _plain_markup(section["quote"]["text"]) \
            else ""
        mine["second_source"] = also(mine["quote"]["source"], section["quote"]["source"], lang) \
            if mine["quote"] and section["quote"] else ""
        mine["second_sign_title"] = None
        if mine["second_title"]:
            context["sign_titles"][mine["number"]], mine["second_sign_title"] = _both_titles(
                mine["title"], section["title"], layout, kit)
        for index, (book, theirs_book) in enumerate(zip(mine["books"], section["books"])):
            found = ex.sections[number].books[index]
            spare = _label_spare(book, size, body, bold)
            location = also(book["location"], theirs_book["location"], lang, "second below")
            line = _foot_mm(book, size, 1) - _foot_mm(book, size)  # the second language
            book["second_location"] = location if location and spare >= line else ""  # if it fits
            spare -= line if book["second_location"] else 0
            section_line = LABEL_PT["section"] * scale * LINE_MM
            book["second_section"] = also("", label_section(section["title"], theme, size), lang) \
                if spare >= section_line and mine["second_title"] else ""
            spare -= section_line if book["second_section"] else 0
            second_line = LABEL_PT["second"] * scale * LINE_MM
            room = int((spare - 1) // second_line)
            text = shortened(typeset(_plain(found.annotation), lang), body, width,
                             LABEL_PT["second"] * scale, room) \
                if found.annotation and room > 0 else ""
            book["second_label_text"] = also(book.get("label_text"), text, lang,
                                             "label-text second")
    title = other["title"]
    differs = _plain_markup(title) != _plain_markup(context["title"])
    second_sign_title = _both_titles_of_exhibition(context, title, layout, kit) if differs \
        else None
    title_pt = context["sign_title"].size_pt * SECTION_OF_TITLE
    both = [m for m in context["sections"] if m["second_sign_title"]]
    least = min([m["second_sign_title"].size_pt for m in both] + [title_pt])
    for mine, section in zip(context["sections"], other["sections"]):  # the series at one size
        if mine["second_sign_title"]:
            context["sign_titles"][mine["number"]], mine["second_sign_title"] = _same_size(
                lambda text, most: _sign_title(text, layout, kit,
                                               scale=BOTH_SECTION_TITLES_SCALE,
                                               most_pt=min(most or least, least)),
                (mine["title"], section["title"]))
        elif context["sign_titles"][mine["number"]].size_pt > title_pt:
            context["sign_titles"][mine["number"]] = _sign_title(mine["title"], layout, kit,
                                                                 most_pt=title_pt)
    for book, found in zip(context["leaflet_books"], (
            b for section in ex.sections for b in section.books)):
        book["second_section"] = context["sections"][int(book["loc"].split(".")[1])]["second_title"]
        # each field in both languages, the second below at the same size, as the labels
        text = typeset(_plain(found.annotation), lang)
        book["second_leaflet_texts"] = _leaflet_texts(text, body, bool(book["cover"])) \
            if _plain_markup(text) != _plain_markup(book["leaflet_texts"][(False, None)]) else {}
        book["second_location"] = also(book["location"], found.location and kept_together(
            typeset(found.location, lang)), lang)
    if context["kit_qr"]:  # «Кітапхана сайты», and below it «Сайт библиотеки»
        caption = context["kit_qr"]["caption"]
        context["kit_qr"] = {**context["kit_qr"], "caption": escape(caption) + also(
            caption, theirs["qr_catalogue" if ex.poster.link else "qr_website"], lang,
            "second below")}
    context["bookmark_dates_pt"] = min(  # both languages' dates at one size (the law)
        context["bookmark_dates_pt"], _bookmark_dates_pt(other["dates"], theme, kit))
    return {
        "lang": lang,
        "title": also(context["title"], title, lang),
        "sign_title": second_sign_title,
        "sign_subtitle": _sign_lines(other["subtitle"], theme, kit)
        if _plain_markup(other["subtitle"]) != _plain_markup(context["subtitle"]) else (),
        "bookmark_title": _both_bookmark_titles(context, title, layout, kit) if differs
        else None,
        "kicker": also(context["kicker"], other["kicker"], lang),
        "subtitle": also(context["subtitle"], no_widow(other["subtitle"]), lang),
        "dates": also(context["dates"], dash_break(other["dates"]), lang),
        "venue": also(context["venue"], other["venue"], lang),
        "library": {key: also(context["library"][key], other["library"][key], lang)
                    for key in ("name", "address", "hours")},
        "intro": _leaflet_intro(ex.intro, lang, body, _intro_lines(
            context, body, [lang], context["leaflet_intro_inside"]))[0]
        if context["leaflet_intro"] else "",
    }


def dash_break(dates: str) -> Markup:
    """Dates that break, if they must, only after their dash: «26 ноября —» and «10 декабря
    2026 г.» each kept whole, so that both languages' dates break alike."""
    parts = str(dates or "").split("\u00a0— ")
    return Markup("\u00a0— ").join(Markup('<span class="whole">') + escape(part)
                                    + Markup("</span>") for part in parts) if dates else ""


def no_widow(text) -> str:
    """A short text whose last word does not stand alone on its line."""
    head, space, last = str(text or "").rpartition(" ")
    if not space or len(last) >= 12 or "<" in last:  # a long word, or markup
        return text
    return type(text)(f"{head}\u00a0{last}")


BOOKMARK_QUOTE = 90  # the most letters of a quote a bookmark's front has room for


def _bookmark_quote(sections: list[dict]) -> dict | None:
    """The shortest of the sections' quotes, for the room between a bookmark's title and its
    QR code, if it is short enough for it."""
    quotes = [section["quote"] for section in sections if section["quote"]]
    quotes = [q for q in quotes if len(_plain_markup(q["text"])) <= BOOKMARK_QUOTE]
    return min(quotes, key=lambda q: len(_plain_markup(q["text"])), default=None)


def _both_titles_of_exhibition(context: dict, title: str, layout, kit):
    """The title sign's second title; the first set again at the same size."""
    context["sign_title"], second = _both_titles(context["title"], title, layout, kit, True)
    return second


def _recommended(sections: list[dict], books: list[dict], fits) -> list[dict]:
    """Up to five books for a bookmark's back, as many as `fits` the strip (three to five
    when their records are of a usual length): the first of each section, then the next of
    each in turn."""
    most = BOOKMARK_BOOKS[1]
    queues = [list(section["books"]) for section in sections]
    order = []
    while len(order) < most and any(queues):
        for queue in queues:
            if queue and len(order) < most:
                order.append(queue.pop(0)["number"])
    short = {book["number"]: book["short"] for book in books}
    chosen = []
    for number in order:
        if chosen and not fits([short[n] for n in chosen + [number]]):
            break
        chosen.append(number)
    return [book for book in books if book["number"] in chosen]


def _fits_bookmark(kit, font, bold, library: list[str]):
    """Whether records fit a bookmark's back above the library's lines (kit.css's sizes)."""
    width, height = bookmark_mm(kit.bookmarks.size)
    column = width - 2 * PADDING_MM
    line_mm = lambda pt: pt * 1.3 / PT_PER_MM

    def lines(text: str, size_pt: float, face=font, width=column) -> int:
        em = width * PT_PER_MM * headline.SAFETY * 0.95 / size_pt
        return _lines(text.split(" "), face, em)

    below = sum(lines(text, BOOKMARK_PT["library"], bold if i == 0 else font)
                for i, text in enumerate(library)) * line_mm(BOOKMARK_PT["library"])
    room = (height - 2 * PADDING_MM - line_mm(BOOKMARK_PT["kicker"]) - 3 - below - 4) * 0.92

    def fits(records: list[str]) -> bool:  # 12 pt lines, turned ones 3 mm in
        return sum(lines(r, BOOKMARK_PT["book"], width=column - 3) * 12 / PT_PER_MM + 3
                   for r in records) <= room
    return fits


def _sign_title(text: str, layout: layouts.Layout, kit, title: bool = False,
                scale: float = 1.0, most_pt: float | None = None, gain: float = 1.25):
    """A sign's title as large as its box allows, in balanced lines; `scale` < 1 for a
    bilingual sign's second title, in a box that much lower and type at most that large."""
    width, height = SIGN_MM[kit.signs.size]
    factor = min(width, height) / 210
    # inside the sign's padding (2.5 × PADDING_MM); the title sign's also inside its mat
    box_w = (width - 2 * 20 * factor - (2 * INSET_MM if title else 0)) * PT_PER_MM
    box_h = (height * (0.42 if title else 0.38)) * PT_PER_MM * scale
    largest = min(SIGN_PT["title"] * factor * (1.15 if title else 1) * scale, most_pt or 1e9)
    return headline.fit(text, FONTS_DIR / f"{layout.headline_font}.ttf", box_w, box_h, largest,
                        max_lines=4, least_pt=SIGN_PT["title_least"] * factor * scale, gain=gain)


def _sign_lines(text: str, theme: dict, kit) -> tuple[str, ...]:
    """A sign's text (its subtitle) in even lines at the sign's text size: no word alone on
    the last line."""
    if not text:
        return ()
    width, height = SIGN_MM[kit.signs.size]
    factor = min(width, height) / 210
    return headline.balance(str(_plain_markup(text)), font_file(theme.get("body_font", "PT Serif")),
                            (width - 2 * 20 * factor) * PT_PER_MM * 0.96,
                            SIGN_PT["text"] * factor)


def _one_size(titles: dict, fit, most_pt: float | None = None) -> dict:
    """The section signs' titles, each `fit(text, most_pt)`, all at the size of the one
    that must be smallest: a series hung side by side does not jump in size. Capped, a title
    may take fewer lines at a size of its own below the cap (one line rather than two), so
    the series is fitted again at its smallest until it agrees."""
    found = {key: fit(text, most_pt) for key, text in titles.items()}
    for _step in range(3):
        sizes = {title.size_pt for title in found.values()}
        if len(sizes) < 2:
            break
        found = {key: fit(text, min(sizes)) for key, text in titles.items()}
    return found


def _same_size(fit, texts: tuple[str, str]) -> tuple:
    """Two languages' titles at one size (the law on languages): each fitted by
    `fit(text, most_pt)`, then both at the smaller size."""
    size = min(fit(text, None).size_pt for text in texts)
    fits = [fit(text, size) for text in texts]
    size = min(found.size_pt for found in fits)
    return tuple(headline.Headline(found.lines, size) for found in fits)


def _both_titles(first: str, second: str, layout: layouts.Layout, kit,
                 title: bool = False) -> tuple:
    """A bilingual sign's two titles at one size, each in its share of the title's box."""
    scale = BOTH_TITLES_SCALE if title else BOTH_SECTION_TITLES_SCALE
    return _same_size(lambda text, most: _sign_title(text, layout, kit, title=title,
                                                      scale=scale, most_pt=most),
                      (first, second))


def _bookmark_title(text: str, layout: layouts.Layout, kit, share: float = 1.0,
                    most_pt: float | None = None):
    """A bookmark's title as large as its strip allows; `share` of the box for each of a
    bilingual one's two."""
    return headline.fit(text, FONTS_DIR / f"{layout.headline_font}.ttf",
                        (bookmark_mm(kit.bookmarks.size)[0] - 2 * PADDING_MM) * PT_PER_MM,
                        60 * share * PT_PER_MM, min(20, most_pt or 20),
                        max_lines=round(6 * share))


def _bookmark_dates_pt(dates: str, theme: dict, kit) -> float:
    """The bookmark's dates a size above its 9 pt text, 10 to 11 pt: on one line where they
    fit the strip, else broken at their dash (dash_break) with each part whole; 0 where a
    part is wider than the strip at 10 pt (the dates then wrap where they must, at 10 pt)."""
    text = re.sub(r"<[^>]*>", "", str(dates or ""))  # its no-break spaces kept
    if not text:
        return BOOKMARK_PT["dates"][1]
    least, most = BOOKMARK_PT["dates"]
    width = (bookmark_mm(kit.bookmarks.size)[0] - 2 * PADDING_MM) * PT_PER_MM * headline.SAFETY
    fonts = {font_file(theme.get(key, theme.get("body_font", "PT Serif")), "Bold")
             for key in ("body_font", "heading_font")}  # classic sets its dates in its heading's
    one_line, parts = text, text.replace("\u00a0— ", "\u00a0—\n").split("\n")
    for texts in ([one_line], parts):
        size = math.floor(min(width / headline.width_em(t, f) for t in texts for f in fonts)
                          * 2) / 2
        if size >= least:
            return min(size, most)
    return 0


def _both_bookmark_titles(context: dict, title: str, layout, kit):
    """The bookmark's second title; the first set again at the same size."""
    context["bookmark_title"], second = _same_size(
        lambda text, most: _bookmark_title(text, layout, kit, 0.5, most),
        (context["title"], title))
    return second


def problems(rendered: RenderedKit, loaded: Loaded) -> list[Problem]:
    """Text nearer than 5 mm to a piece's cut: what a guillotine may take away. The pieces are
    whole pages, so their cut is the page's edge; a leaflet's folds are not cuts."""
    from booklet.render.inspection import text_ink
    found = []
    for document, pieces in rendered.documents():
        for page, piece in zip(document.pages, pieces):
            bleed = BLEED_MM if piece.kind.split("-")[0] in BLEEDING else 0
            safe = (SAFE_MM + bleed) * 96 / 25.4 - 0.5  # CSS px; half a pixel for rounding
            for ink in text_ink(page):
                if (ink.left < safe or ink.top < safe or ink.right > page.width - safe
                        or ink.bottom > page.height - safe):
                    found.append(loaded.marks.problem(ink.loc or piece.loc, f"{_file(piece)}: " + _(
                        "“{text}” is closer than 5 mm to the cut and may be cut off").format(
                        text=ink.text[:40]), hint=_("shorten it")))
                    break
    return found


BLEEDING = ("label", "bookmark")  # the pieces laid out with BLEED_MM beyond their cut


def _file(piece: Piece) -> str:
    return {"label": "labels.pdf", "sign": "signs.pdf", "bookmark": "bookmarks.pdf",
            "leaflet": "leaflet.pdf"}[piece.kind.split("-")[0]]
