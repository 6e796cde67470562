"""Posters: one page per size, the headline as large as the width allows, and text that is
shrunk by steps until the page holds it — never cut, never spilled onto a second page."""

from __future__ import annotations

import os
from dataclasses import dataclass

from weasyprint import CSS, HTML

from booklet.content.load import Loaded
from booklet.problems import ContentError, Problem
from booklet.render import headline, layouts, pictures
from booklet.render.booklet import RENDER_OPTIONS, environment, prose, view
from booklet.render.fonts import FONTS_DIR
from booklet.render.qr import qr_data_uri
from booklet.render.styles import styles
from booklet.text.typography import typeset

SIZES_MM = {"a4": (210, 297), "a3": (297, 420), "a2": (420, 594), "a1": (594, 841)}
STEPS = (1.0, 0.92, 0.85, 0.78, 0.72, 0.66, 0.6)  # the last is the floor: still readable
PT_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class RenderedPoster:
    size: str
    document: object  # weasyprint.Document, for the preflight
    pdf: bytes
    scale: float


@dataclass(frozen=True)
class Geometry:
    width: float  # mm
    height: float
    landscape: bool
    margin: float
    picture: float  # height (portrait) or width (landscape)
    qr: float
    foot: float  # height of the footer band
    root_pt: float  # 1rem at scale 1

    @classmethod
    def of(cls, size: str, has_picture: bool) -> "Geometry":
        name, _, orientation = size.partition("-")
        width, height = SIZES_MM[name]
        landscape = orientation == "landscape"
        if landscape:
            width, height = height, width
        short = min(width, height)
        margin = round(0.065 * short, 1)
        picture = (0.46 * width if landscape else 0.38 * height) if has_picture else 0
        qr = round(0.1 * short, 1)
        root_pt = round(10 * short / 210, 2)
        foot = qr + margin + 2.2 * root_pt / PT_PER_MM
        return cls(width, height, landscape, margin, round(picture, 1), qr, round(foot, 1), root_pt)

    def css(self, scale: float) -> str:
        foot_left = self.picture + self.margin if self.landscape else self.margin
        lead = 0 if self.picture else round(0.08 * self.height, 1)  # no picture: start lower
        return (f"@page {{ size: {self.width}mm {self.height}mm; margin: 0 0 {self.foot}mm 0; "
                f"@bottom-center {{ width: {self.width}mm; }} }}\n"
                f"html {{ font-size: {self.root_pt * scale:.2f}pt; --margin: {self.margin}mm; "
                f"--lead: {lead}mm; "
                f"--picture: {self.picture}mm; --qr: {self.qr}mm; --foot-left: {foot_left}mm; "
                f"--page-height: {self.height}mm; }}")

    def headline_box_pt(self) -> tuple[float, float]:
        text_width = self.width - 2 * self.margin - (self.picture if self.landscape else 0)
        share = 0.34 if self.landscape or not self.picture else 0.22  # no picture: more room
        height = share * self.height
        return text_width * PT_PER_MM, height * PT_PER_MM


def render_posters(loaded: Loaded, layout: layouts.Layout, theme: dict[str, str]
                   ) -> tuple[list[RenderedPoster], list[Problem]]:
    ex = loaded.exhibition
    found = styles(loaded, layout, ["poster.css"], layouts.theme_css(theme, layout))
    template = environment(layout).get_template("poster.html")
    context = poster_view(loaded, layout)
    posters, warnings = [], []
    for size in ex.poster.sizes:
        geometry = Geometry.of(size, bool(ex.poster.image))
        width_pt, height_pt = geometry.headline_box_pt()
        head = headline.fit(context["headline_text"], FONTS_DIR / f"{layout.headline_font}.ttf",
                            width_pt, height_pt, max_size_pt=geometry.root_pt * 7.5)
        style = layout.poster_subtitle
        subtitle = context["subtitle"].upper() if style["uppercase"] else context["subtitle"]
        subtitle = headline.balance(subtitle, FONTS_DIR / f"{style['font']}.ttf", width_pt,
                                    geometry.root_pt * style["size"],
                                    letter_spacing_em=style["letter_spacing"])
        html = template.render(**context, headline=head, subtitle_lines=subtitle,
                               orientation="landscape" if geometry.landscape else "portrait")
        document = HTML(string=html, base_url=str(loaded.folder) + os.sep,
                        url_fetcher=found.fetcher)

        def attempt(scale: float, document=document, geometry=geometry):
            rendered = document.render(stylesheets=[*found.sheets, CSS(string=geometry.css(scale))],
                                       font_config=found.font_config, **RENDER_OPTIONS)
            return rendered if len(rendered.pages) == 1 else None

        scale, rendered = _largest_that_fits(attempt)
        if rendered is None:
            raise ContentError([_too_long(loaded, size)])
        if scale < 1:
            warnings.append(loaded.marks.problem(
                ("poster", "text") if ex.poster.text else ("title",),
                f"poster-{size}: the text is long, so it is set at {round(scale * 100)} % of its "
                "size to fit the page", severity="warning",
                hint="shorten poster.text for larger type"))
        posters.append(RenderedPoster(size, rendered, rendered.write_pdf(**RENDER_OPTIONS), scale))
    return posters, warnings


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
        field, f"poster-{size}: too much text for one page, even at "
               f"{round(STEPS[-1] * 100)} % of the type size",
        hint=f"shorten {'.'.join(field)}")


def poster_view(loaded: Loaded, layout: layouts.Layout) -> dict:
    ex = loaded.exhibition
    context = view(loaded, layout)
    link = ex.poster.link or ex.library.website
    words = context["labels"]
    context.update(
        headline_text=typeset(ex.poster.headline or ex.title, ex.language),
        text=prose(ex.poster.text, ex.language),
        picture=pictures.picture(ex.poster.image, loaded.folder, pictures.covering(
            [(g.width, g.height) for g in (Geometry.of(size, True) for size in ex.poster.sizes)]))
        if ex.poster.image else None,
        qr={"image": qr_data_uri(link), "link": link,
            "caption": words["qr_catalogue"] if ex.poster.link else words["qr_website"]}
        if link else None,
    )
    return context
