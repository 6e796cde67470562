"""The virtual exhibition (site/index.html): opened from the disk in Debian's Chromium at a
phone's and a desktop's width, it shows every book, asks no other host for anything, fails
no request, does not scroll sideways on the phone, and axe-core finds nothing serious. The
folder copied alone still holds everything it names; its fonts are the bundled ones cut
down to the page's letters."""

import html
import io
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from fontTools.ttLib import TTFont

from booklet import check
from booklet.build import build
from booklet.problems import ContentError
from booklet.render.fonts import FONTS_DIR
from booklet.render.site import (COVER_PX, WebFonts, page_letters, site_files, visible_text,
                                 web_fonts)
from tests.conftest import CHROMIUM, ROOT, SAMPLE, launch_chromium, write_exhibition

# axe-core from npm: `npm install --no-save --prefix .axe axe-core@4` (.ci/run does it)
AXE = Path(os.environ.get("AXE_CORE", ROOT / ".axe" / "node_modules" / "axe-core" / "axe.min.js"))
WIDTHS = (390, 1366)

KAZAKH = """\
language: kk
layout: bright
title: Абай әлемі
subtitle: Ақынның шығармашылығына арналған кітап көрмесі
dates: {start: 2026-08-10, end: 2026-08-31}
library:
  name: Облыстық әмбебап ғылыми кітапханасы
  address: Семей қ., Абай көшесі, 1
  website: https://library.example.kz
  logo: logo.png
intro: |
  Абай Құнанбайұлының шығармашылығы қазақ әдебиетінің қайнар бұлағы. Көрмеде ақынның
  өлеңдері, қара сөздері және ол туралы зерттеулер қойылған.
sections:
  - title: Өлеңдер мен қара сөздер
    quote: {text: "Адам бол!", source: Абай}
    books:
      - title: Қара сөздер
        authors: ["Құнанбайұлы, Абай"]
        year: 2020
        cover: covers/1.jpg
        annotation: Ақынның қырық бес қара сөзі, түсіндірмелерімен.
        shelfmark: 84(5Қаз)
        location: Оқу залы
        link: https://library.example.kz/catalog/1
      - title: Путь Абая
        authors: ["Ауэзов, Мухтар"]
        language: ru
        year: 2019
        annotation: Роман-эпопея о жизни поэта, на русском языке.
  - title: Зерттеулер
    books:
      - title: Абайтану
        authors: ["Мырзахметұлы, Мекемтас"]
        year: 2015
        cover: covers/3.png
site: true
"""


def _needed(what: str, present: bool) -> None:
    """Skip without it on a developer's machine; in CI (CI=true) its absence is a failure."""
    if not present:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{what} is missing: CI must install it (.ci/run)")
        pytest.skip(f"{what} is not installed")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The sample (memorial, Russian) and a Kazakh exhibition in bright, each built once."""
    root = tmp_path_factory.mktemp("site")
    sample = root / "memory"
    shutil.copytree(SAMPLE, sample)
    kazakh = write_exhibition(root / "abai", KAZAKH, {"logo.png": (300, 300),
                                                      "covers/1.jpg": (900, 1400),
                                                      "covers/3.png": (600, 900)})
    found = {}
    for name, folder in (("memory", sample), ("abai", kazakh)):
        out = root / "out" / name
        result = build(folder, out, only=("site",))  # and the booklet and posters it offers
        found[name] = (folder, out, result)
    return found


def _books(folder: Path) -> list[dict]:
    data = yaml.safe_load((folder / "exhibition.yaml").read_text(encoding="utf-8"))
    return [book for section in data["sections"] for book in section["books"]]


@pytest.fixture(scope="module")
def browser():
    _needed("Debian's chromium (/usr/bin/chromium)", Path(CHROMIUM).exists())
    _needed(f"axe-core ({AXE})", AXE.is_file())
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = launch_chromium(p)
        yield launched
        launched.close()


@pytest.mark.parametrize("name", ["memory", "abai"])
def test_the_page_in_a_browser(built, browser, name):
    folder, out, _ = built[name]
    index = out / "site" / "index.html"
    books = _books(folder)
    for width in WIDTHS:
        page = browser.new_page(viewport={"width": width, "height": 800})
        asked, failed = [], []

        def route(request_route):
            url = request_route.request.url
            asked.append(url)
            if url.startswith("file://"):
                request_route.continue_()
            else:
                request_route.abort()  # another host: never reached, and counted

        page.route("**/*", route)
        page.on("requestfailed", lambda request: failed.append(request.url))
        page.goto(index.as_uri())
        page.wait_for_load_state("load")
        for y in range(0, page.evaluate("document.body.scrollHeight") + 800, 700):
            page.evaluate(f"window.scrollTo(0, {y})")  # the covers load lazily
            page.wait_for_timeout(20)
        page.wait_for_load_state("networkidle")
        site = (out / "site").resolve().as_uri()
        assert asked and all(url.startswith(site + "/") for url in asked), \
            [u for u in asked if not u.startswith(site + "/")]
        assert not failed
        assert page.locator("li.book").count() == len(books)
        for book in books:
            assert page.locator("li.book h3", has_text=book["title"]).count() == 1, book["title"]
        broken = page.evaluate("[...document.images].filter(i => !i.complete || !i.naturalWidth)"
                               ".map(i => i.src)")
        assert not broken
        fonts = page.evaluate("[...document.fonts].filter(f => f.status === 'loaded')"
                              ".map(f => f.family + ' ' + f.weight + ' ' + f.style)")
        assert any("Booklet" in f for f in fonts), fonts  # the bundled fonts, not the system's
        if width < 400:
            assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.add_script_tag(path=str(AXE))
        found = page.evaluate("async () => (await axe.run(document, {resultTypes: "
                              "['violations']})).violations.map(v => ({id: v.id, impact: "
                              "v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))")
        serious = [v for v in found if v["impact"] in ("serious", "critical")]
        assert not serious, serious
        page.close()


def test_the_folder_alone_holds_all_it_names(built, tmp_path):
    _, out, _ = built["memory"]
    copy = tmp_path / "copied"
    shutil.copytree(out / "site", copy)  # as a librarian copies it to the web host
    page = (copy / "index.html").read_text(encoding="utf-8")
    css = (copy / "style.css").read_text(encoding="utf-8")
    named = re.findall(r'(?:src|href)="([^"#][^"]*)"', page)
    named += [part.split()[0] for value in re.findall(r'srcset="([^"]*)"', page)
              for part in value.split(",")]
    named += re.findall(r'url\("?([^")]+)"?\)', css)
    named += re.findall(r'property="og:image" content="([^"]+)"', page)
    local = [html.unescape(n) for n in named if not re.match(r"(https?|mailto|tel):", n)]
    assert {"style.css", "booklet.pdf", "poster-a3.pdf", "poster-a3.png"} <= set(local)
    for name in local:
        assert "/" not in name and (copy / name).is_file(), name
    assert not re.search(r'(?:src|srcset)="(?:https?:)?//', page)
    assert not re.search(r"url\(\"?(?:https?:)?//", css)
    # the downloads are the build's own files, not other ones
    assert (copy / "booklet.pdf").read_bytes() == (out / "booklet.pdf").read_bytes()


def test_what_a_reader_and_a_machine_read(built):
    folder, out, _ = built["abai"]
    page = (out / "site" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<html lang="kk"', page)
    assert '<h3 class="book-title" lang="ru">' in page  # the Russian book, in Russian
    levels = [int(n) for n in re.findall(r"<h([1-6])", page)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels
    assert 'alt="Мұқаба: Қара сөздер"' in page
    assert re.search(r'<img[^>]*srcset="cover-1\.jpg 1x, cover-1@2x\.jpg 2x"', page)
    assert 'property="og:image" content="poster-a3.png"' in page
    assert 'name="twitter:card" content="summary_large_image"' in page
    # Kazakh running text carries soft hyphens (browsers have no Kazakh dictionary); names
    # and headings do not
    assert "\u00ad" in re.search(r'<div class="prose">(.*?)</div>', page, re.S)[1]
    assert "\u00ad" not in "".join(re.findall(r"<h[1-3][^>]*>(.*?)</h[1-3]>", page, re.S))
    assert "Құнанбайұлының" in page


def test_fonts_are_cut_to_the_page(built):
    _, out, _ = built["memory"]
    site = out / "site"
    # less the soft hyphen and the word joiner (kept after a range's dash): invisible, no glyph
    letters = set(visible_text((site / "index.html").read_text(encoding="utf-8"))) - set(
        "\n\t\r\u00ad\u2060")
    fonts = sorted(site.glob("*.woff2"))
    assert fonts
    for path in fonts:
        assert path.read_bytes()[:4] == b"wOF2"
        font = TTFont(io.BytesIO(path.read_bytes()))
        cmap = font.getBestCmap()
        missing = {c for c in letters if ord(c) not in cmap and not c.isspace()}
        assert not missing, (path.name, missing)
        # a modified font under another name, with ParaType's licence beside it (its terms)
        names = {r.nameID: r.toUnicode() for r in font["name"].names}
        assert names[1].startswith("Booklet ") and "PT " not in names[1] + names[4]
        assert "ParaType" in names[0]
        family, style = path.stem.split("-")[1], names[2].replace(" ", "")
        original = FONTS_DIR / f"PT{family.title()}-{style}.ttf"
        assert path.stat().st_size < original.stat().st_size / 5, path.name
        assert len(cmap) < len(TTFont(original).getBestCmap()) / 2
    assert (site / "LICENSE-ParaType.txt").read_bytes() == \
        (FONTS_DIR / "LICENSE-ParaType.txt").read_bytes()


def test_fonts_are_cut_once_then_taken_from_the_cache(tmp_path, monkeypatch):
    """Cutting the page's eight fonts took a second of every build; a cut is kept in the
    user's cache and taken from there while the page's letters stay the same. An entry that
    does not match its name is cut again; other letters are a cut of their own."""
    from fontTools import subset

    from booklet.render import site

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    theme = {"font": "PT Serif"}
    first = site._fonts("Абв abc", theme)
    assert len(list(site.font_cache().iterdir())) == len(first) - 1  # the licence is not cut
    cut = subset.Subsetter
    monkeypatch.setattr(subset, "Subsetter", lambda *a: pytest.fail("cut again"))
    assert site._fonts("Абв abc", theme) == first
    entry = sorted(site.font_cache().iterdir())[0]
    entry.write_bytes(b"wOF2 broken")
    monkeypatch.setattr(subset, "Subsetter", cut)
    assert site._fonts("Абв abc", theme) == first
    assert entry.read_bytes() != b"wOF2 broken"  # made again, under the same name
    other = site._fonts("Абвг abc", theme)
    assert other.keys() == first.keys() and other != first
    assert len(list(site.font_cache().iterdir())) == 2 * (len(first) - 1)


def test_fonts_cut_beside_the_booklet_are_those_of_the_page(built):
    """The build cuts the fonts down in its second process, before the booklet's size is
    known: they are the fonts of the page as written, and fonts of other letters are not
    taken."""
    folder, out, _ = built["memory"]
    prepared = check.prepare(folder)
    page = (out / "site" / "index.html").read_text(encoding="utf-8")
    downloads = {p.name: p.read_bytes() for p in (out / "site").glob("poster-*")}
    ahead = web_fonts(prepared.loaded, prepared.layout, prepared.theme,
                      {**downloads, "booklet.pdf": b""})
    assert ahead.letters == page_letters(page)
    assert ahead.files == {name: (out / "site" / name).read_bytes() for name in ahead.files}
    stale = WebFonts("abc", {name: b"stale" for name in ahead.files})
    files = {f.name: f.data for f in site_files(prepared.loaded, prepared.layout, prepared.theme,
                                                 downloads, stale)[0]}
    assert all(files[name] != b"stale" for name in ahead.files)


def test_site_only_when_asked_and_not_made_again(built, tmp_path):
    _, out, result = built["memory"]
    assert any(o.path == out / "site" / "index.html" for o in result.outputs)
    plain = write_exhibition(tmp_path / "plain")
    made = build(plain, tmp_path / "out", only=("booklet",))
    assert not (tmp_path / "out" / "site").exists()
    made = build(plain, tmp_path / "out", only=("site",))
    names = {o.path.relative_to(tmp_path / "out").as_posix() for o in made.outputs}
    assert {"site/index.html", "site/booklet.pdf", "booklet.pdf"} <= names
    again = build(plain, tmp_path / "out", only=("site",))  # nothing changed: nothing laid out
    assert all(o.seconds == 0.0 for o in again.outputs)
    assert (tmp_path / "out" / "site" / "booklet.pdf").read_bytes() == \
        (tmp_path / "out" / "booklet.pdf").read_bytes()


def test_a_layout_that_loads_from_another_site_is_refused(tmp_path):
    folder = write_exhibition(tmp_path / "event")
    own = folder / "layouts" / "event"
    own.mkdir(parents=True)
    (own / "layout.yaml").write_text("extends: classic\n", encoding="utf-8")
    (own / "site.css").write_text(
        '@import url("https://fonts.example.com/css?family=Roboto");\n', encoding="utf-8")
    text = (folder / "exhibition.yaml").read_text(encoding="utf-8")
    (folder / "exhibition.yaml").write_text("layout: event\n" + text, encoding="utf-8")
    prepared = check.prepare(folder)
    _, problems = site_files(prepared.loaded, prepared.layout, prepared.theme, {})
    assert problems and "https://" in problems[0].message
    with pytest.raises(ContentError):
        build(folder, tmp_path / "out", only=("site",))
    assert not (tmp_path / "out" / "site").exists()


def test_serve_shows_the_page(built, browser):
    import json
    import subprocess
    import sys
    import time
    import urllib.request

    from tests.test_serve import free_port

    folder, _, _ = built["abai"]
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "booklet", "serve", str(folder), "--port",
                                str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline, state = time.monotonic() + 240, {}  # a loaded machine is slow
        while time.monotonic() < deadline and state.get("status") != "ready":
            time.sleep(0.3)
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/state.json") as answer:
                    state = json.load(answer)
            except OSError:
                continue
        assert state.get("status") == "ready", state
        url = next(f["url"] for f in state["files"] if f["name"] == "site/index.html")
        page = browser.new_page()
        failed = []
        page.on("requestfailed", lambda request: failed.append(request.url))
        page.goto(f"http://127.0.0.1:{port}{url}")
        page.wait_for_load_state("networkidle")
        assert page.locator("li.book").count() == len(_books(folder))
        assert not failed
        assert page.evaluate("[...document.fonts].some(f => f.family.includes('Booklet Sans') "
                             "&& f.status === 'loaded')")
        page.close()
    finally:
        process.terminate()  # it removes its folder
        process.wait(timeout=15)


def test_a_faint_theme_colour_is_a_warning(tmp_path):
    folder = write_exhibition(tmp_path / "grey")
    text = (folder / "exhibition.yaml").read_text(encoding="utf-8")
    for grey, faint in (("#5f6368", False), ("#aaaaaa", True)):
        (folder / "exhibition.yaml").write_text(text + f'theme:\n  grey: "{grey}"\n',
                                                encoding="utf-8")
        prepared = check.prepare(folder)
        _, problems = site_files(prepared.loaded, prepared.layout, prepared.theme, {})
        warned = [p for p in problems if "`--muted` (#aaaaaa)" in p.message]
        assert bool(warned) == faint, problems
        assert all(p.severity == "warning" and p.where == "theme" for p in warned)


def test_covers_any_browser_shows(tmp_path):
    """A CMYK JPEG (which the print cache keeps as it is) becomes an RGB JPEG no larger than
    the page shows it at 2×; a large JPEG gets a 1× and a 2× copy, a small PNG one."""
    from PIL import Image

    folder = write_exhibition(tmp_path / "covers", MINIMAL_THREE, {"b.jpg": (1200, 1800)})
    Image.new("CMYK", (1000, 1500), (0, 60, 60, 10)).save(folder / "a.jpg")
    Image.new("RGB", (120, 180), "#336699").save(folder / "c.png")
    prepared = check.prepare(folder)
    files = {f.name: f.data for f in site_files(prepared.loaded, prepared.layout,
                                                  prepared.theme, {})[0]}
    page = files["index.html"].decode()
    for name in ("cover-1.jpg", "cover-2.jpg", "cover-2@2x.jpg", "cover-3.png"):
        with Image.open(io.BytesIO(files[name])) as image:
            assert image.format in ("JPEG", "PNG") and image.mode == "RGB", name
            assert image.width <= 2 * COVER_PX, (name, image.size)
    assert "cover-1@2x.jpg" not in files and "cover-3@2x.png" not in files
    assert 'srcset="cover-2.jpg 1x, cover-2@2x.jpg 2x"' in page


MINIMAL_THREE = """\
title: Обложки
library:
  name: Библиотека
sections:
  - title: Раздел
    books:
      - {title: Первая, authors: ["Абай"], cover: a.jpg}
      - {title: Вторая, authors: ["Абай"], cover: b.jpg}
      - {title: Третья, authors: ["Абай"], cover: c.png}
"""


@pytest.fixture(scope="module")
def sample_sites(built, tmp_path_factory):
    """The sample's page in each bundled layout: memorial as built, classic and bright too."""
    folder, out, _ = built["memory"]
    pages = {"memorial": out / "site" / "index.html"}
    root = tmp_path_factory.mktemp("layouts")
    for layout in ("classic", "bright"):
        copy = root / layout
        shutil.copytree(folder, copy)
        text = (copy / "exhibition.yaml").read_text(encoding="utf-8")
        (copy / "exhibition.yaml").write_text(text.replace("layout: memorial", f"layout: {layout}"),
                                              encoding="utf-8")
        build(copy, root / "out" / layout, only=("site",))
        pages[layout] = root / "out" / layout / "site" / "index.html"
    return pages


# The lines of each element as the browser laid them out: its characters grouped by the line
# box they sit in (a soft hyphen where a word was broken ends its line)
LINES = """sel => [...document.querySelectorAll(sel)].map(el => {
  const lines = [], range = document.createRange();
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let line = '', last = null;
  for (let node; (node = walker.nextNode());) {
    for (let i = 0; i < node.length; i++) {
      range.setStart(node, i); range.setEnd(node, i + 1);
      const box = range.getClientRects()[0];
      if (box && box.width && last && box.top > last.top + last.height / 2) {
        lines.push(line); line = '';
      }
      if (box && box.width) last = box;
      line += node.data[i];
    }
  }
  return [...lines, line];
})"""


def _lines(page, selector: str) -> list[list[str]]:
    return page.evaluate(LINES, selector)


def _length(line: str) -> int:
    return len(line.replace("\u00ad", "").strip())


RUNNING = ".introduction .prose p, .section-intro p, .annotation p"


@pytest.mark.parametrize("layout", ["memorial", "classic", "bright"])
def test_reading_on_a_desktop_a_phone_and_paper(sample_sites, browser, layout):
    """A desktop's lines of running text hold at most about 75 characters; on a phone the
    text is at least 16 px and an annotation runs under its cover across the card (beside a
    cover column it kept some 20 characters a line); printed, backgrounds and all, every text
    keeps 4.5:1 in grey, a section's opener shares its page with its first book and the
    library's details stay together."""
    import pypdfium2 as pdfium

    from booklet.render.contrast import faint_marks

    index = sample_sites[layout]
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(index.as_uri())
    longest = max(_length(line) for lines in _lines(page, RUNNING) for line in lines)
    assert 55 <= longest <= 75, longest
    page.close()

    page = browser.new_page(viewport={"width": 360, "height": 800})
    page.goto(index.as_uri())
    sizes = page.evaluate(f"[...document.querySelectorAll('{RUNNING}')]"
                          ".map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert sizes and min(sizes) >= 16
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # the narrowest phone
    annotations = _lines(page, ".annotation p")
    assert max(_length(line) for lines in annotations for line in lines) >= 30
    page.close()

    page = browser.new_page()
    page.goto(index.as_uri())
    page.wait_for_load_state("networkidle")
    pdf = page.pdf(format="A4", print_background=True)
    page.close()
    document = pdfium.PdfDocument(pdf)
    texts = [document[i].get_textpage().get_text_range() for i in range(len(document))]
    document.close()
    for i in range(len(texts)):
        faint = [mark for mark in faint_marks(pdf, page_index=i) if mark.what != "a rule"]
        assert not faint, (i, faint)
    sample = yaml.safe_load((SAMPLE / "exhibition.yaml").read_text(encoding="utf-8"))
    assert sample["library"]["name"] in texts[-1] and "booklet" in texts[-1]  # not a line alone
    flat = [re.sub(r"\s+", " ", text.replace("\u00a0", " ")) for text in texts]
    for section in sample["sections"]:  # an opener on the page of its first book
        pages = [i for i, text in enumerate(flat) if section["title"] in text]
        assert pages and section["books"][0]["title"] in flat[pages[0]], section["title"]


def test_drawn_words_have_their_glyphs(built):
    """Text the style sheet adds (`content: "…"`) is in the bundled fonts: a letter they lack
    would be drawn by another font, or as a box."""
    _, out, _ = built["memory"]
    site = out / "site"
    added = "".join(re.findall(r'content:\s*"([^"]*)"', (site / "style.css").read_text()))
    assert added.strip()
    for path in site.glob("*.woff2"):
        cmap = TTFont(io.BytesIO(path.read_bytes())).getBestCmap()
        assert not {c for c in added if ord(c) not in cmap}, path.name


def test_posters_for_social_media_named_by_their_use(tmp_path):
    folder = write_exhibition(tmp_path / "screens")
    prepared = check.prepare(folder)
    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (108, 135), "#336699").save(picture, "PNG")
    files = {f.name: f.data for f in site_files(prepared.loaded, prepared.layout, prepared.theme,
                                                 {"poster-feed.png": picture.getvalue(),
                                                  "poster-a3.pdf": b"%PDF-1.7"})[0]}
    titles = re.findall(r'<p class="download-title">([^<]*)</p>',
                        files["index.html"].decode().replace("\u00ad", ""))
    assert titles == ["Афиша A3", "Картинка для соцсетей: лента"]


# The soft hyphens the browser drew: one where it broke a word draws a hyphen (a box of some
# width); one it did not use draws nothing
DRAWN_HYPHENS = """sel => [...document.querySelectorAll(sel)].flatMap(el => {
  const drawn = [], range = document.createRange();
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    for (let i = node.data.indexOf('\\u00ad'); i >= 0; i = node.data.indexOf('\\u00ad', i + 1)) {
      range.setStart(node, i); range.setEnd(node, i + 1);
      if ([...range.getClientRects()].some(box => box.width > 0))
        drawn.push(node.data.slice(Math.max(0, i - 8), i + 8));
    }
  }
  return drawn;
})"""


@pytest.mark.parametrize("name", ["memory", "abai"])
def test_the_masthead_is_never_hyphenated(built, browser, name):
    """The title and subtitle are display lines, as on the cover: at any phone's width they
    break between words, never at a soft hyphen of the text (the running text does)."""
    _, out, _ = built[name]
    page = browser.new_page()
    page.goto((out / "site" / "index.html").as_uri())
    broken, running = [], []
    for width in range(320, 481, 8):
        page.set_viewport_size({"width": width, "height": 800})
        broken += page.evaluate(DRAWN_HYPHENS, ".masthead .title, .masthead .subtitle")
        running += page.evaluate(DRAWN_HYPHENS, ".prose")
    page.close()
    assert running  # what finds them finds the drawn ones
    assert not broken, broken


def test_the_language_switch_lies_on_the_mastheads_ground(browser, tmp_path):
    """A bilingual page's switch is part of the masthead: no band of another shade above it
    (bright's veiled teal under a plain teal band), and its links clear bright's sun."""
    from PIL import Image

    from tests.test_bilingual import ABAI

    folder = write_exhibition(tmp_path / "abai", "layout: bright\n" + ABAI)
    prepared = check.prepare(folder)
    site = tmp_path / "site"
    site.mkdir()
    for made in site_files(prepared.loaded, prepared.layout, prepared.theme, {})[0]:
        (site / made.name).write_bytes(made.data)
    for width in (1024, 1366):
        page = browser.new_page(viewport={"width": width, "height": 600})
        page.goto((site / "index.html").as_uri())
        page.wait_for_load_state("networkidle")
        band = page.locator("nav.languages").bounding_box()
        links = page.locator("nav.languages ul").evaluate(
            "ul => [...ul.children].map(li => li.getBoundingClientRect())"
            ".map(r => [r.left, r.top, r.right, r.bottom])")
        shown = tmp_path / f"top-{width}.png"
        page.screenshot(path=str(shown))
        page.close()
        picture = Image.open(shown).convert("RGB")
        above = picture.getpixel((4, int(band["y"] + band["height"] / 2)))
        below = picture.getpixel((4, int(band["y"] + band["height"] + 60)))
        assert max(abs(a - b) for a, b in zip(above, below)) <= 3, (above, below)
        yellow = [(x, y) for left, top, right, bottom in links
                  for x in range(int(left), int(right)) for y in range(int(top), int(bottom))
                  if sum(abs(a - b) for a, b in zip(picture.getpixel((x, y)), (242, 183, 5))) < 60]
        assert not yellow, (width, yellow[:3])
