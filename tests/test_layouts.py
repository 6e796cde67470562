"""Every layout × language × booklet size, with a poster: real builds, checked on the PDFs."""

import itertools

import re

import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import ImageChops, ImageStat

from booklet.build import build
from booklet.render.layouts import available
from tests.conftest import write_exhibition
from tests.test_booklet import BUNDLED_FONTS
from tests.test_inner_pages import assert_running_heads, assert_three_type_sizes

LAYOUTS = sorted(available())
TEXT = {
    "ru": dict(title="Книги, которые помнят: долгое название выставки о судьбах людей",
               section="Раздел без книг", long_word="Достопримечательностей",
               annotation="Книга о людях и судьбах, о памяти и о том, что нельзя забыть."),
    "kk": dict(title="Зұлмат жылдар жадымызда: тарих пен тағдыр туралы кітаптар",
               section="Кітапсыз бөлім", long_word="Тәуелсіздігімізге",
               annotation="Адамдар мен тағдырлар туралы, жад пен тарих туралы кітап."),
    "en": dict(title="Books That Remember: a Long Exhibition Title about People and Fates",
               section="A section without books", long_word="Incomprehensibilities",
               annotation="A book about people and fates, about memory and what must not fade."),
}
POSTERS = ["a4", "a3-landscape", "a2", "a1-landscape"]


def exhibition_yaml(language: str, layout: str, size: str, poster: str) -> str:
    t = TEXT[language]
    books = "".join(
        f"""      - title: "{t['long_word'] if i == 2 else t['title'][: 20 + 9 * i]}"
        authors: ["Автор{i}, Имя"]
        year: {1990 + i}
        annotation: "{t['annotation']}"
{"        cover: cover.jpg" if i % 2 == 0 else ""}
""" for i in range(4))
    return f"""language: {language}
layout: {layout}
title: "{t['title']}"
subtitle: "{t['annotation']}"
dates: {{start: 2026-05-25, end: 2026-06-10}}
library:
  name: Library
  website: https://library.example.kz
intro: "{t['annotation']} {t['annotation']}"
sections:
  - title: "{t['title']}"
    books:
{books}
  - title: "{t['section']}"
    intro: "{t['annotation']}"
booklet: {{size: {size}}}
poster: {{sizes: [{poster}]}}
"""


CASES = [(layout, language, size) for layout in LAYOUTS for language in TEXT
         for size in ("a5", "a6", "a4")]


@pytest.mark.parametrize("layout, language, size", CASES)
def test_layout_language_size(tmp_path, layout, language, size):
    poster = POSTERS[CASES.index((layout, language, size)) % len(POSTERS)]
    folder = write_exhibition(tmp_path / "show", exhibition_yaml(language, layout, size, poster),
                              images={"cover.jpg": (600, 900)})
    result = build(folder, tmp_path / "out", only=("booklet", "poster"))  # preflight included:
    # no overflow, no lost entry (a poster's text shrunk to fit is a warning of its own)
    assert not [w for w in result.warnings
                if re.search("runs out|longer than its box|missing from the pages", w.message)]
    made = {o.path.name: o for o in result.outputs}
    width, height = {"a6": (105, 148), "a5": (148, 210), "a4": (210, 297)}[size]
    with pikepdf.open(made["booklet.pdf"].path) as pdf:
        assert len(pdf.pages) % 4 == 0
        box = [float(v) for v in pdf.pages[0].MediaBox]
        assert box[2:] == pytest.approx([width * 72 / 25.4, height * 72 / 25.4], abs=0.1)
        assert str(pdf.Root.Lang) == language
        assert fonts_of(pdf) <= BUNDLED_FONTS
    # the inside pages' type sizes and running heads, on this build (test_inner_pages.py
    # builds only 9 of the 27 to check the rest of what a designer reads there)
    inside = pdfium.PdfDocument(made["booklet.pdf"].path)
    assert_three_type_sizes(inside)
    t = TEXT[language]
    assert_running_heads(inside, language, t["title"], [t["title"], t["section"]])
    with pikepdf.open(made[f"poster-{poster}.pdf"].path) as pdf:
        assert len(pdf.pages) == 1
        assert fonts_of(pdf) <= BUNDLED_FONTS


def fonts_of(pdf) -> set[str]:
    return {str(font.BaseFont).split("+", 1)[-1].lstrip("/")
            for page in pdf.pages for font in page.Resources.get("/Font", {}).values()}


def test_the_layouts_covers_really_differ(tmp_path):
    covers = {}
    for layout in LAYOUTS:
        folder = write_exhibition(tmp_path / layout, exhibition_yaml("ru", layout, "a5", "a4"),
                                  images={"cover.jpg": (600, 900)})
        [output] = build(folder, tmp_path / f"out-{layout}", only=("booklet",)).outputs
        covers[layout] = pdfium.PdfDocument(output.path)[0].render(scale=0.3).to_pil().convert("L")
    for a, b in itertools.combinations(LAYOUTS, 2):
        assert ImageStat.Stat(ImageChops.difference(covers[a], covers[b])).mean[0] > 20, (a, b)


def test_each_layout_declares_what_it_needs():
    from booklet.render.layouts import read
    folders = available()
    for name in LAYOUTS:
        layout = read(folders[name], folders)
        assert set(layout.title) == set(layout.description) == {"ru", "kk", "en"}
        assert set(layout.sizes) == {"a5", "a4", "a6"}
        assert all(v.meaning for v in layout.variables.values())
        assert (folders[name] / "preview.png").is_file()
