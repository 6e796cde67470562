"""Posters: one page per size, read from across the room. The facts (what the event is, the
dates, the venue) are set at sizes read from three metres and never shrink; the headline is
as large as the width allows but never under 1.5 × the dates; the text shrinks by steps
until the page holds it — never cut, never spilled onto a second page. The pictures for
screens (feed, story) are composed on pages of their own shape by the same templates."""

from __future__ import annotations

import os
from dataclasses import dataclass

from weasyprint import CSS, HTML

from booklet.content.bilingual import bilingual, in_language
from booklet.content.load import Loaded
from booklet.messages import _
from booklet.problems import ContentError, Problem
from booklet.render import headline, layouts, pictures, qr, templates
from booklet.render.booklet import RENDER_OPTIONS, prose, view
from booklet.render.fonts import FONTS_DIR
from booklet.render.qr import qr_data_uri
from booklet.render.styles import styles
from booklet.text.typography import typeset

SIZES_MM = {"a4": (210, 297), "a3": (297, 420), "a2": (420, 594), "a1": (594, 841)}
# Screens: pages of their shape, 5 px a millimetre; type as on an A4
SCREENS_MM = {"feed": (216, 270), "story": (216, 384)}
SCREENS_PX = {"feed": (1080, 1350), "story": (1080, 1920)}
# A phone shows the whole picture 7 cm wide: type a little larger; for a long headline the
# whole type steps down, the hierarchy kept, where paper would stop the build
SCREEN_TYPES = (1.15, 1.0, 0.85, 0.7)
STORY_BARS_PX = 250  # the app's own bars cover the top and bottom of a story
STEPS = (1.0, 0.92, 0.85, 0.78, 0.72, 0.66, 0.6)  # of the text; the last is the floor
PT_PER_MM = 72 / 25.4
# Read from three metres: on A3 (× √2 per A-size step) the dates at least 40 pt, the venue
# 24 pt, the event line 20 pt, the headline 1.5 × the dates. What the posters set, in pt on
# A3, is a little above, so that rounding never undercuts; the facts never shrink.
HEADLINE_OVER_DATES = 1.5
A3_PT = {"dates": 42, "venue": 25, "event": 21, "text": 19, "foot": 14, "root": 14}
HEADLINE_PT = {"standard": 70, "largest": 108, "largest_alone": 136}  # alone: no picture
SECOND_HEADLINE = 0.5  # the second language's headline, of the main one's size
QR_MODULES_MM = 26  # the code itself on A3, quiet zone aside: scanned from a step away


@dataclass(frozen=True)
class RenderedPoster:
    size: str  # a3, a2-landscape …, or a screen: feed, story
    document: object  # weasyprint.Document, for the preflight
    pdf: bytes
    scale: float


@dataclass(frozen=True)
class Geometry:
    size: str
    width: float  # mm
    height: float
    landscape: bool
    screen: bool
    factor: float  # type and QR against A3: × √2 per A-size step
    margin: float
    safe: float  # top and bottom: where nothing important goes (a story's bars)
    picture: float  # height (portrait) or width (landscape), at the text's full size
    has_picture: bool

    @classmethod
    def of(cls, size: str, has_picture: bool, type_scale: float = 1) -> "Geometry":
        name, _, orientation = size.partition("-")
        screen = name in SCREENS_MM
        width, height = SCREENS_MM[name] if screen else SIZES_MM[name]
        landscape = orientation == "landscape"
        if landscape:
            width, height = height, width
        short = min(width, height)
        factor = short / SIZES_MM["a3"][0] * type_scale
        margin = round(0.065 * short, 1)
        safe = STORY_BARS_PX * width / SCREENS_PX["story"][0] if name == "story" else margin
        shown = height - 2 * (safe - margin)  # a story's bars hide the rest
        picture = (0.4 * width if landscape else 0.4 * shown) if has_picture else 0
        return cls(size, width, height, landscape, screen, factor, margin, round(safe, 1),
                   round(picture, 1), has_picture)

    @property
    def shown(self) -> float:
        """The height a viewer sees: a story's bars hide the rest."""
        return self.height - 2 * (self.safe - self.margin)

    def pt(self, what: str) -> float:
        return round(A3_PT[what] * self.factor, 2)

    def headline_pt(self, which: str) -> float:
        if which == "floor":
            return round(HEADLINE_OVER_DATES * self.pt("dates"), 1)
        if which == "largest" and not self.has_picture:
            which = "largest_alone"
        return round(HEADLINE_PT[which] * self.factor, 1)

    def qr_mm(self, modules: int) -> float:
        """The QR image's width: the code at QR_MODULES_MM (× the sheet), quiet zone beside."""
        if not modules:  # no link, no code
            return 0
        return round(QR_MODULES_MM * self.factor * (modules + 2 * qr.QUIET_ZONE) / modules, 1)

    def foot_mm(self, modules: int) -> float:
        code = self.qr_mm(modules) if modules and not self.screen else 0
        caption = 2.6 * self.pt("foot") / PT_PER_MM  # the caption's line, or the library's two
        return round(max(code, caption) + caption * 0.5 + self.safe, 1)

    def picture_mm(self, scale: float) -> float:
        """The picture yields room as the text shrinks: a half to a third of the page."""
        return round(self.picture * (0.82 + 0.18 * (scale - STEPS[-1]) / (1 - STEPS[-1])), 1)

    def css(self, scale: float, modules: int, headline_pt: float, room: float = 0) -> str:
        """The page and the sizes at `scale` of the text; the headline yields with the text,
        down to its floor. `room` (mm, measured on a first pass) goes to the picture, up to
        half the page, and the rest between the lead and the facts."""
        picture = self.picture_mm(scale)
        room = max(0.0, room - 1.2 * self.pt("root") / PT_PER_MM)  # a line's gap to the foot
        if self.has_picture and not self.landscape:
            grown = min(room, max(0.0, round(0.5 * self.shown - picture, 1)))
            picture, room = picture + grown, room - grown
        spread = round(room, 1)
        foot = self.foot_mm(modules)
        foot_left = picture + self.margin if self.landscape else self.margin
        sizes = " ".join(f"--{what}: {self.pt(what)}pt;" for what in ("dates", "venue", "event",
                                                                        "foot"))
        return (f"@page {{ size: {self.width}mm {self.height}mm; margin: 0 0 {foot}mm 0; "
                f"@bottom-center {{ width: {self.width}mm; }} }}\n"
                f"html {{ font-size: {self.pt('root')}pt; {sizes} --headline: "
                f"{max(self.headline_pt('floor'), round(headline_pt * scale, 1))}pt; "
                f"--headline-second: {round(SECOND_HEADLINE * max(self.headline_pt('floor'), headline_pt * scale), 1)}pt; "
                f"--text: {round(self.pt('text') * scale, 2)}pt; --margin: {self.margin}mm; "
                f"--safe: {self.safe}mm; --picture: {picture}mm; --qr: {self.qr_mm(modules)}mm; "
                f"--foot-left: {foot_left}mm; --spread: {spread}mm; "
                f"--page-width: {self.width}mm; --page-height: {self.height}mm; }}")

    def headline_box_pt(self) -> tuple[float, float]:
        text_width = self.width - 2 * self.margin - (self.picture if self.landscape else 0)
        if not self.has_picture:
            share = 0.42
        else:
            share = 0.36 if self.landscape else 0.245
        return text_width * PT_PER_MM, share * self.shown * PT_PER_MM


def render_posters(loaded: Loaded, layout: layouts.Layout, theme: dict[str, str]
                   ) -> tuple[list[RenderedPoster], list[Problem]]:
    """Every size of `poster.sizes`, then every screen of `poster.screens`; the warnings.
    ContentError when a headline or a text cannot be set large enough."""
    ex = loaded.exhibition
    found = styles(loaded, layout, ["poster.css"], layouts.theme_css(theme, layout))
    context = poster_view(loaded, layout)
    modules = qr.modules(context["qr"]["link"]) if context["qr"] else 0
    posters, problems = [], []
    for size in [*ex.poster.sizes, *ex.poster.screens]:
        geometry, head, found_here = _sheet(loaded, context["headline_text"], layout, size)
        problems += found_here
        if head is None:
            continue
        html = templates.render(layout, "poster.html", {
            **context, "headline": head, "poster_size": size,
            "subtitle_lines": _event_lines(context, layout, geometry),
            "orientation": "landscape" if geometry.landscape else "portrait",
            "screen": geometry.screen})
        document = HTML(string=html, base_url=str(loaded.folder) + os.sep,
                        url_fetcher=found.fetcher)
        # pictures decoded once for every attempt; not across sizes: WeasyPrint keeps an
        # image's stream as first written, at the first size's resolution
        images: dict = {}

        def attempt(scale: float, room: float = 0, document=document, geometry=geometry,
                    head=head, images=images):
            sheet = CSS(string=geometry.css(scale, modules, head.size_pt, room))
            rendered = document.render(stylesheets=[*found.sheets, sheet], cache=images,
                                       font_config=found.font_config, **RENDER_OPTIONS)
            return rendered if len(rendered.pages) == 1 else None

        scale, rendered = _largest_that_fits(attempt)
        if rendered is None:
            problems.append(_too_long(loaded, size))
            continue
        room = _room_below(rendered.pages[0])  # to the picture or between the blocks:
        if room > 1:                            # the sheet used whole
            rendered = attempt(scale, room) or rendered
        if scale < 1:
            problems.append(loaded.marks.problem(
                ("poster", "text") if ex.poster.text else ("title",),
                f"poster-{size}: " + _("the text is long, so it is set at {percent} % of its "
                                       "size to fit the page").format(
                    percent=round(scale * 100)), severity="warning",
                hint=_("shorten poster.text for larger type") if ex.poster.text
                else _("shorten the subtitle or the title for larger type")))
        posters.append(RenderedPoster(size, rendered, rendered.write_pdf(**RENDER_OPTIONS), scale))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ContentError(errors)
    return posters, problems


def _sheet(loaded: Loaded, text: str, layout: layouts.Layout, size: str
           ) -> tuple[Geometry, headline.Headline | None, list[Problem]]:
    """The sheet's geometry and its headline; a screen's type steps down for a long one."""
    for type_scale in SCREEN_TYPES if size in SCREENS_MM else (1,):
        geometry = Geometry.of(size, bool(loaded.exhibition.poster.image), type_scale)
        head, problems = _headline(loaded, text, layout, geometry)
        if head is not None:
            break
    return geometry, head, problems


def _headline(loaded: Loaded, text: str, layout: layouts.Layout, geometry: Geometry
              ) -> tuple[headline.Headline | None, list[Problem]]:
    """The headline as large as its box allows; an error under the floor, a warning under
    the layout's standard size."""
    poster = loaded.exhibition.poster
    field = ("poster", "headline") if poster.headline else ("title",)
    font = FONTS_DIR / f"{layout.headline_font}.ttf"
    width_pt, height_pt = geometry.headline_box_pt()
    largest, floor = geometry.headline_pt("largest"), geometry.headline_pt("floor")
    try:
        head = headline.fit(text, font, width_pt, height_pt, largest, least_pt=floor,
                            gain=1.25 if geometry.has_picture else 1.1)  # alone: larger
    except headline.TooManyWords as exc:
        return None, [loaded.marks.problem(field, str(exc), hint=_("shorten {field}").format(
            field=".".join(field)))]
    name = f"poster-{geometry.size}"
    if head.size_pt < floor:
        words = text.split(" ")

        def fits(count: int) -> bool:
            return headline.fit(" ".join(words[:count]), font, width_pt, height_pt, largest,
                                least_pt=floor).size_pt >= floor

        low, high = 0, len(words) - 1  # the most words that fit: a few fits, not one a word
        while low < high:
            middle = (low + high + 1) // 2
            low, high = (middle, high) if fits(middle) else (low, middle - 1)
        longest = len(" ".join(words[:low]))
        return None, [loaded.marks.problem(
            field, f"{name}: " + _("the headline has {n} characters; at {floor:g} pt, the least "
                                   "for a headline there (1.5 × the dates), about {fit} fit")
            .format(n=len(text), floor=floor, fit=longest),
            hint=_("shorten {field} to {fit} characters or fewer (poster.headline may differ "
                   "from the title)").format(field=".".join(field), fit=longest))]
    standard = geometry.headline_pt("standard")
    if head.size_pt < standard:
        return head, [loaded.marks.problem(
            field, f"{name}: " + _("the headline is long, so it is set at {size:g} pt, {percent} % "
                                   "of its usual {standard:g} pt").format(
                size=head.size_pt, percent=round(100 * head.size_pt / standard),
                standard=standard),
            severity="warning", hint=_("a shorter {field} reads from further away").format(
                field=".".join(field)))]
    return head, []


def _event_lines(context: dict, layout: layouts.Layout, geometry: Geometry) -> tuple[str, ...]:
    style = layout.poster_subtitle
    subtitle = context["subtitle"].upper() if style["uppercase"] else context["subtitle"]
    width_pt, _ = geometry.headline_box_pt()
    return headline.balance(subtitle, FONTS_DIR / f"{style['font']}.ttf", width_pt,
                            geometry.pt("event"), letter_spacing_em=style["letter_spacing"])


def _room_below(page) -> float:
    """Millimetres between the last line of the page's body and the footer."""
    from weasyprint.formatting_structure import boxes

    area = page._page_box
    lowest, stack = 0.0, [c for c in area.children if not isinstance(c, boxes.MarginBox)]
    while stack:
        box = stack.pop()
        if isinstance(box, boxes.LineBox):
            lowest = max(lowest, box.position_y + box.height)
        elif isinstance(box, boxes.ParentBox):
            stack.extend(box.children)
    room = area.content_box_y() + area.height - lowest
    return max(0.0, round((room - 2) * 25.4 / 96, 1))  # 2 px: rounding, not room


def _largest_that_fits(attempt):
    """Bisect STEPS for the largest scale at which `attempt` gives one page: few renders."""
    first = attempt(STEPS[0])
    if first is not None:
        return STEPS[0], first
    low, high, found = 1, len(STEPS) - 1, (None, None)
    while low <= high:
        middle = (low + high) // 2
        rendered = attempt(STEPS[middle])
        if rendered is not None:
            found, high = (STEPS[middle], rendered), middle - 1
        else:
            low = middle + 1
    return found


def _too_long(loaded: Loaded, size: str) -> Problem:
    poster = loaded.exhibition.poster
    field = ("poster", "text") if poster.text else \
        (("poster", "headline") if poster.headline else ("subtitle",))
    return loaded.marks.problem(
        field, f"poster-{size}: " + _("too much text for one page, even at {percent} % of the "
                                      "type size").format(percent=round(STEPS[-1] * 100)),
        hint=_("shorten {field}").format(field=".".join(field)))


def poster_view(loaded: Loaded, layout: layouts.Layout) -> dict:
    ex = loaded.exhibition
    context = view(in_language(loaded, ex.language), layout)  # the main language's
    link = ex.poster.link or ex.library.website
    words = context["labels"]
    if words["exhibition"].lower() in context["subtitle"].lower():
        context["kicker"] = ""  # «…арналған кітап көрмесі» says it already, at its end
    context.update(
        headline_text=typeset(ex.poster.headline or ex.title, ex.language),
        text=prose(ex.poster.text, ex.language),
        picture=pictures.picture(ex.poster.image, loaded.folder, pictures.covering(
            [(g.width, g.height) for g in (Geometry.of(size, True)
                                           for size in [*ex.poster.sizes, *ex.poster.screens])]))
        if ex.poster.image else None,
        qr={"image": qr_data_uri(link), "link": link,
            "caption": words["qr_catalogue"] if ex.poster.link else words["qr_website"]}
        if link else None,
    )
    context["second"] = second_language(loaded, layout, context)
    return context


def second_language(loaded: Loaded, layout: layouts.Layout, context: dict) -> dict | None:
    """What a bilingual poster sets in its second language, below the main one's: the
    headline, and the dates, venue and library's name where they differ."""
    langs = bilingual(loaded)
    if not langs:
        return None
    other = in_language(loaded, langs[1])
    ex = other.exhibition
    found = view(other, layout)

    def differing(key, value):
        return value if value and value != context.get(key) else ""

    return {"lang": langs[1],
            "headline": differing("headline_text",
                                  typeset(ex.poster.headline or ex.title, ex.language)),
            "subtitle": differing("subtitle", found["subtitle"]),
            "dates": differing("dates", found["dates"]),
            "venue": differing("venue", found["venue"]),
            "library": found["library"]["name"] if found["library"]["name"] !=
            context["library"]["name"] else ""}

