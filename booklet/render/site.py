"""The virtual exhibition: the booklet's content as one web page, `site/index.html`, in the
layout's look (its `site.html` and `site.css`), with every file it needs beside it in
`site/`: covers in two web sizes, the bundled fonts cut down to the page's letters, the
booklet and posters to download. Every link is relative, so the folder works opened from
the disk, copied to any web host or into a CMS; nothing is fetched from another site.

A bilingual exhibition (`language: [kk, ru]`) gets a page per language, side by side in
`site/`: `index.html` in the main language and `index.ru.html` in the second, each linking
to the other (a language switch with `hreflang`). Two pages and not one with both texts:
a reader reads one language, a library's site has a version per language, and search
engines index each in its own; beside each other, they share every picture, font and PDF.

Why copies of the PDFs inside `site/` and not links to `../booklet.pdf`: a librarian copies
`site/` alone to the library's web host, and a link one folder up would lead nowhere there.
"""

from __future__ import annotations

import html as html_escape
import io
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

import pyphen
from markupsafe import Markup

from booklet.content.bilingual import bilingual, in_language
from booklet.content.load import Loaded
from booklet.messages import _
from booklet.problems import Problem
from booklet.render import booklet, contrast, layouts, pictures, templates
from booklet.render.fonts import FAMILIES, FONTS_DIR, STYLES
from booklet.render.poster import SCREENS_MM  # feed, story: named by their use, not a size
from booklet.text.hyphenation import never_hyphenated

FOLDER = "site"
COVER_PX = 180  # a cover's width on the page, in CSS pixels; copies at 1× and 2×
LOGO_PX = 96
BANNER_PX = 1600  # the theme's cover picture behind the masthead
WEB_QUALITY = 82  # JPEG quality for screens: sharp at 2×, a fifth of the print copy's bytes
TEXT_FOR_FONTS = "".join(chr(c) for c in range(0x20, 0x7f)) + "\u00a0\u00ab\u00bb\u2013\u2014" \
    "\u2018\u2019\u201c\u201d\u201e\u2026\u2116\u00b7\u00ad\u2009\u202f"  # always kept

LABELS = {  # the page's own words, beside the booklet's (text/labels.py)
    "ru": {"cover": "Обложка: {title}", "downloads": "Скачать", "booklet": "Буклет выставки",
           "poster": "Афиша {size}", "poster_picture": "Афиша выставки",
           "feed": "Картинка для соцсетей: лента", "story": "Картинка для соцсетей: сторис",
           "catalogue": "Книга в каталоге", "skip": "Перейти к содержанию",
           "library": "Библиотека", "record": "Библиографическая запись",
           "books": "Книги раздела", "made_with": "Сделано программой booklet",
           "languages": "Язык страницы"},
    "kk": {"cover": "Мұқаба: {title}", "downloads": "Жүктеп алу", "booklet": "Көрме буклеті",
           "poster": "Афиша {size}", "poster_picture": "Көрме афишасы",
           "feed": "Әлеуметтік желілерге сурет: лента",
           "story": "Әлеуметтік желілерге сурет: сторис",
           "catalogue": "Кітап каталогта", "skip": "Мазмұнға өту",
           "library": "Кітапхана", "record": "Библиографиялық жазба",
           "books": "Бөлімнің кітаптары", "made_with": "booklet бағдарламасымен жасалған",
           "languages": "Беттің тілі"},
    "en": {"cover": "Cover: {title}", "downloads": "Downloads", "booklet": "Exhibition booklet",
           "poster": "Poster {size}", "poster_picture": "The exhibition's poster",
           "feed": "Picture for social media: feed", "story": "Picture for social media: story",
           "catalogue": "In the catalogue", "skip": "Skip to the content",
           "library": "Library", "record": "Record", "books": "Books of the section",
           "made_with": "Made with booklet", "languages": "Language of the page"},
}
# each language's own name, as its readers look for it on a language switch
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}


@dataclass(frozen=True)
class SiteFile:
    name: str  # inside site/
    data: bytes


@dataclass(frozen=True)
class WebFonts:
    """The page's fonts cut down ahead (web_fonts), and the letters they were cut down to."""
    letters: str
    files: dict[str, bytes]


def site_files(loaded: Loaded, layout: layouts.Layout, theme: dict[str, str],
               downloads: dict[str, bytes], fonts: WebFonts | None = None
               ) -> tuple[list[SiteFile], list[Problem]]:
    """site/index.html and its files; `downloads` are the booklet's and posters' files of
    the same build (booklet.pdf, poster-a3.pdf, poster-a3.png…), offered on the page. A
    bilingual exhibition's second language has its page beside it (page_name). `fonts`,
    cut down ahead, are taken when the page has the same letters."""
    files: dict[str, bytes] = {}
    pages = _pages(loaded, layout, theme, downloads, files)
    banner = _banner(theme, layout, loaded.folder, files)
    every = "\n".join(pages.values())
    css = "\n".join([font_faces(every, theme), _theme_css(theme, layout, banner),
                     *_layout_css(layout)])
    files["style.css"] = css.encode()
    letters = page_letters(every)
    files.update(fonts.files if fonts is not None and fonts.letters == letters
                 else _fonts(letters, theme))
    files.update((name, page.encode()) for name, page in pages.items())
    problems = foreign_references(loaded, every, css) + faint_colours(loaded, css)
    return [SiteFile(name, data) for name, data in files.items()], problems


def web_fonts(loaded: Loaded, layout: layouts.Layout, theme: dict[str, str],
              downloads: dict[str, bytes]) -> WebFonts:
    """The fonts of the page site_files() makes with `downloads`, cut down ahead: beside the
    booklet, with a stand-in for its file, whose size (in ASCII, always kept) is not known yet."""
    pages = _pages(loaded, layout, theme, downloads, {})
    letters = page_letters("\n".join(pages.values()))
    return WebFonts(letters, _fonts(letters, theme))


def _pages(loaded: Loaded, layout: layouts.Layout, theme: dict[str, str],
           downloads: dict[str, bytes], files: dict) -> dict[str, str]:
    """Each language's page by its file name; their pictures and downloads put in `files`."""
    langs = bilingual(loaded)
    return {page_name(lang, langs): _page(in_language(loaded, lang) if langs else loaded,
                                          layout, theme, downloads, files, _switch(lang, langs))
            for lang in langs or (loaded.exhibition.language,)}


def page_name(lang: str, langs: tuple[str, ...]) -> str:
    """index.html for the main language, index.ru.html for a bilingual exhibition's second."""
    return "index.html" if not langs or lang == langs[0] else f"index.{lang}.html"


def _switch(lang: str, langs: tuple[str, ...]) -> list[dict]:
    """The language switch of a bilingual exhibition's page: each language, its page, and
    whether it is this one; [] for one language."""
    return [{"lang": other, "name": LANGUAGE_NAMES.get(other, other),
             "href": page_name(other, langs), "current": other == lang} for other in langs]


def _page(loaded: Loaded, layout: layouts.Layout, theme: dict[str, str],
          downloads: dict[str, bytes], files: dict, switch: list[dict]) -> str:
    """The page of one language, its pictures and downloads put in `files`."""
    context = booklet.view(loaded, layout, theme=theme)
    ex = loaded.exhibition
    lang = ex.language
    words = {**LABELS.get(lang, LABELS["en"])}
    for section in context["sections"]:
        for book in section["books"]:
            found = ex.sections[section["number"] - 1].books[int(book["loc"].rsplit(".", 1)[1])]
            book["cover"] = _web_picture(found.cover, loaded.folder, COVER_PX,
                                         f"cover-{book['number']}", files) if found.cover else None
            book["cover_alt"] = words["cover"].format(title=found.title)
    context["library"]["logo"] = _web_picture(ex.library.logo, loaded.folder, LOGO_PX, "logo",
                                              files) if ex.library.logo else None
    context["picture"] = context["cover_picture"] = None  # the print pictures are not used
    offered = _downloads(downloads, words, files)
    pictures_offered = [d["picture"] for d in offered if d["picture"]]
    share = next((p for p in pictures_offered if "feed" in p["name"]),
                 next(iter(pictures_offered), None))
    context["site"] = {"labels": words, "downloads": offered, "share": share,
                       "description": _description(ex), "languages": switch}
    own = any((folder / "site.html").is_file() for folder in layout.folders)
    page = templates.render(layout, "site.html" if own else "_shared/site.html", context)
    return soft_hyphens(page, lang)


def _description(ex) -> str:
    parts = [ex.subtitle or "", ex.library.name]
    return " · ".join(p for p in parts if p)


def _web_picture(source: str, folder: Path, width: int, stem: str, files: dict) -> dict:
    """A picture at `width` CSS pixels: copies for 1× and 2× screens, named after `stem`
    (one copy where the picture is too small for two)."""
    from PIL import Image

    path = Path(source)
    path = path if path.is_absolute() else folder / path
    if path.suffix.lower() == ".svg":
        files[f"{stem}.svg"] = path.read_bytes()
        return {"src": f"{stem}.svg", "srcset": "", "width": width, "height": width}
    copies = dict.fromkeys(pictures.prepared(path, folder, lambda w, h, s=scale: width * s / w,
                                             WEB_QUALITY) for scale in (1, 2))
    names = []
    for made, suffix in zip(copies, ("", "@2x")):
        data, ending = _for_screens(made, width * 2)
        names.append(f"{stem}{suffix}{ending}")
        files[names[-1]] = data
    with Image.open(next(iter(copies))) as image:
        upright = pictures.upright_size(image)
    return {"src": names[0], "srcset": ", ".join(f"{n} {i}x" for i, n in enumerate(names, 1))
            if len(names) > 1 else "", "width": width,
            "height": round(width * upright[1] / upright[0])}


WEB_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}


def _for_screens(path: Path, most: int) -> tuple[bytes, str]:
    """The picture's bytes and file ending as every browser shows them: JPEG, PNG, GIF and
    WebP in RGB or grey as they are; any other (a CMYK JPEG, a 16-bit PNG), which the
    picture cache leaves as it is, as JPEG (or PNG where it is transparent) at most `most`
    px wide."""
    from PIL import Image, ImageOps

    with Image.open(path) as image:
        if image.format in WEB_FORMATS and image.mode in ("RGB", "RGBA", "L", "LA", "P"):
            return path.read_bytes(), path.suffix.lower()
        clear = "A" in image.getbands()
        upright = ImageOps.exif_transpose(image).convert("RGBA" if clear else "RGB")
    upright.thumbnail((most, most * 10))
    out = io.BytesIO()
    upright.save(out, "PNG" if clear else "JPEG", quality=WEB_QUALITY)
    return out.getvalue(), ".png" if clear else ".jpg"


def _downloads(downloads: dict[str, bytes], words: dict, files: dict) -> list[dict]:
    """The booklet's reading copy, and each poster's PDF with its picture for screens, copied
    in: one entry each, with its files ({name, format, size}) and picture. The print and
    press files are for printing and the @2x pictures for the library: they stay out."""
    from PIL import Image

    offered = []
    if "booklet.pdf" in downloads:
        offered.append({"kind": "booklet", "title": words["booklet"], "picture": None,
                        "files": [_offered("booklet.pdf", downloads, files)]})
    sizes = sorted({m[1] for name in downloads
                    if (m := re.fullmatch(r"poster-([\w-]+)\.(?:pdf|png)", name))})
    for size in sizes:
        names = [n for n in (f"poster-{size}.png", f"poster-{size}.pdf") if n in downloads]
        entry = {"kind": "poster", "title": words[size] if size in SCREENS_MM else
                 words["poster"].format(size=size.upper().replace("-LANDSCAPE", "")),
            "files": [_offered(n, downloads, files) for n in names], "picture": None}
        if names[0].endswith(".png"):
            with Image.open(io.BytesIO(downloads[names[0]])) as image:
                entry["picture"] = {"name": names[0], "width": image.width,
                                    "height": image.height, "alt": words["poster_picture"]}
        offered.append(entry)
    return offered


def _offered(name: str, downloads: dict, files: dict) -> dict:
    files[name] = downloads[name]
    return {"name": name, "format": name.rsplit(".", 1)[1].upper(),
            "size": _size(len(downloads[name]))}


def _size(count: int) -> str:
    return f"{count / 1e6:.1f} MB" if count >= 1e6 else f"{max(1, round(count / 1e3))} KB"


def _banner(theme: dict, layout: layouts.Layout, folder: Path, files: dict) -> str | None:
    """The theme's picture (cover_image) at a web size, for the masthead."""
    from urllib.request import url2pathname

    for name, value in theme.items():
        if layout.variables[name].type == "image" and value:
            source = Path(url2pathname(value.removeprefix("file://")))
            made = pictures.prepared(source, folder, lambda w, h: BANNER_PX / w, WEB_QUALITY)
            target = f"banner{made.suffix.lower()}"
            files[target] = made.read_bytes()
            return target
    return None


def _theme_css(theme: dict, layout: layouts.Layout, banner: str | None) -> str:
    shown = {name: (banner or "") if layout.variables[name].type == "image"
             else RENAMED.get(value, value) if layout.variables[name].type == "font" else value
             for name, value in theme.items()}
    return layouts.theme_css(shown, layout)


def _layout_css(layout: layouts.Layout) -> list[str]:
    paths = [folder / "site.css" for folder in (layouts.SHARED, *reversed(layout.folders))]
    return [path.read_text(encoding="utf-8") for path in paths if path.is_file()]


# -- fonts ------------------------------------------------------------------------------
# ParaType's licence lets a modified font (a subset is one) be passed on only under another
# name and with the licence beside it: the page's fonts are "Booklet Serif" and "Booklet Sans"
RENAMED = {"PT Serif": "Booklet Serif", "PT Sans": "Booklet Sans"}
LICENCE = "LICENSE-ParaType.txt"


def _font_name(stem: str, style: str) -> str:
    return f"{RENAMED[_family_of(stem)].replace(' ', '-').lower()}-{style.lower()}.woff2"


def _family_of(stem: str) -> str:
    return next(family for family, own in FAMILIES.items() if own == stem)


def font_faces(page: str, theme: dict) -> str:
    rules = []
    for family, stem in _families(theme).items():
        for style_name, (weight, style) in STYLES.items():
            rules.append(f'@font-face {{ font-family: "{RENAMED[family]}"; '
                         f'src: url("{_font_name(stem, style_name)}") format("woff2"); '
                         f"font-weight: {weight}; font-style: {style}; font-display: swap; }}")
    return "\n".join(rules)


def _families(theme: dict) -> dict[str, str]:
    """The bundled families the theme names (body and heading fonts), family → file stem."""
    named = {value for value in theme.values() if value in FAMILIES}
    return {family: stem for family, stem in FAMILIES.items() if family in named or not named}


def page_letters(page: str) -> str:
    """The letters the page's fonts keep, in order."""
    letters = set(visible_text(page)) | set(TEXT_FOR_FONTS)
    letters |= {c.upper() for c in letters} | {c.lower() for c in letters}  # text-transform
    return "".join(sorted(letters))


CUT = 1  # the way fonts are cut below: a change makes the cache's cuts stale


def _fonts(letters: str, theme: dict) -> dict[str, bytes]:
    """Each style of the theme's families, cut down to `letters`, as WOFF2: from the user's
    cache when cut so before (a second a page; the letters of a page change seldom)."""
    found = {}
    for stem in _families(theme).values():
        for style_name in STYLES:
            found[_font_name(stem, style_name)] = _cut(FONTS_DIR / f"{stem}-{style_name}.ttf",
                                                       _family_of(stem), letters)
    _forget_stale()  # once for the page's fonts, not once for each
    found[LICENCE] = (FONTS_DIR / LICENCE).read_bytes()
    return found


def font_cache() -> Path:
    """The cut fonts' folder in the user's cache, beside the prepared pictures'."""
    return pictures.root().parent / "fonts"


def _cut(source: Path, family: str, letters: str) -> bytes:
    """`source` cut down to `letters`, renamed, as WOFF2; kept in font_cache(), each entry
    checked against the hash in its name."""
    import fontTools

    folder = font_cache()
    name = pictures.digest("|".join((str(CUT), fontTools.version, pictures.source_digest(source),
                                      letters)).encode())[:32]
    entry = pictures.verified(folder, name)
    if entry is not None:
        os.utime(entry)  # used now: kept
        return entry.read_bytes()
    data = _cut_now(source, family, letters)
    pictures.written(folder, name, data, "woff2")
    return data


def _forget_stale() -> None:
    """The cut fonts unused for STALE_DAYS removed from font_cache()."""
    now = time.time()
    for old in font_cache().iterdir() if font_cache().is_dir() else ():
        try:
            if now - old.lstat().st_mtime > pictures.STALE_DAYS * 86400:
                old.unlink()
        except OSError:
            continue


def _cut_now(source: Path, family: str, letters: str) -> bytes:
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["kern", "liga", "locl", "case", "lnum", "onum", "pnum", "tnum"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # the copyright and licence kept
    options.notdef_outline = True
    options.hinting = False  # screens of today smooth the outlines themselves
    font = subset.load_font(str(source), options)
    cutter = subset.Subsetter(options)
    cutter.populate(text=letters)
    cutter.subset(font)
    _rename(font, family)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    return out.getvalue()


def _rename(font, family: str) -> None:
    """The family's name, in every name record but the copyright and licence, made the
    page's own ("PT Serif" → "Booklet Serif", "PTSerif-Bold" → "BookletSerif-Bold")."""
    new = RENAMED[family]
    for record in font["name"].names:
        if record.nameID in (0, 13, 14):
            continue
        text = record.toUnicode()
        record.string = text.replace(family, new).replace(family.replace(" ", ""),
                                                          new.replace(" ", ""))


TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)([^>]*)>|<!--.*?-->|<![^>]*>", re.S)


def visible_text(page: str) -> str:
    """The text of the page (its <title> and attributes too, as a browser may show them)."""
    without = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S | re.I)
    attributes = re.findall(r'\s(?:alt|title|aria-label|content)="([^"]*)"', without)
    return html_escape.unescape(TAG.sub(" ", without) + " ".join(attributes))


# -- hyphenation ------------------------------------------------------------------------
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
UNBROKEN = {"head", "h1", "h2", "h3", "h4", "h5", "h6", "a", "script", "style", "nav", "dt"}
WORD = re.compile(r"&#?\w+;|([^\W\d_]{7,})")


def soft_hyphens(page: str, language: str) -> str:
    """Soft hyphens in the long words of the page's running text, for its language and each
    element's own `lang`: browsers hyphenate Kazakh (and, without the dictionaries Chrome
    downloads, Russian) by no dictionary of their own. Headings, links and names (words with a
    capital) stay whole, as in the booklet (text/hyphenation.py)."""
    stack: list[tuple[str, str, bool]] = [("", language, False)]
    pieces, last = [], 0
    for match in TAG.finditer(page):
        pieces.append(_hyphenated(page[last:match.start()], *stack[-1][1:]))
        pieces.append(match[0])
        last = match.end()
        closing, name = match[1], (match[2] or "").lower()
        if not name or name in VOID or (match[3] or "").rstrip().endswith("/"):
            continue
        if closing:
            while len(stack) > 1 and stack.pop()[0] != name:
                pass
            continue
        lang = re.search(r'\slang="([\w-]+)"', match[3] or "")
        stack.append((name, lang[1] if lang else stack[-1][1],
                      stack[-1][2] or name in UNBROKEN))
    pieces.append(_hyphenated(page[last:], *stack[-1][1:]))
    return "".join(pieces)


_dictionaries: dict[str, pyphen.Pyphen | None] = {}


def _hyphenated(text: str, language: str, whole: bool) -> str:
    if whole or not text.strip():
        return text
    if language not in _dictionaries:
        _dictionaries[language] = pyphen.Pyphen(lang=language, left=3, right=3) \
            if pyphen.language_fallback(language) else None
    dictionary = _dictionaries[language]
    if dictionary is None:
        return text
    return WORD.sub(lambda m: dictionary.inserted(m[1], hyphen="\u00ad")
                    if m[1] and not never_hyphenated(m[1]) else m[0], text)


# -- self-containment -------------------------------------------------------------------
FOREIGN = re.compile(r"""(?:\b(?:src|srcset|href|poster|data)\s*=\s*["']?\s*|url\(\s*["']?)"""
                     r"""((?:([a-z][\w+.-]*):|//)[^"')\s>]{0,80})""", re.I)


def foreign_references(loaded: Loaded, page: str, css: str) -> list[Problem]:
    """Anything the page would load from another site or from the disk outside its folder
    (a layout's site.html or site.css naming https://…, file:…): an error at the layout.
    Links a reader follows (<a href>) are not loaded and may lead anywhere."""
    without_links = re.sub(r"<a\s[^>]*>", "<a>", page)
    without_links = re.sub(r'<meta\s[^>]*>', "", without_links)  # og: tags hold words only
    found = [m[1] for m in FOREIGN.finditer(without_links + css)
             if (m[2] or "").lower() not in ("data", "mailto", "tel")]
    return [loaded.marks.problem(("layout",), f"{FOLDER}/index.html: " + _(
        "the page would load {what} from outside its folder; a layout's site.html and "
        "site.css may name only files the build puts in site/").format(what=found[0]))] \
        if found else []


# -- contrast ---------------------------------------------------------------------------
PAIRS = (("text", "ground"), ("muted", "ground"), ("mark", "ground"), ("text", "card"),
         ("muted", "card"), ("mark", "card"), ("head-text", "head-ground"),
         ("foot-text", "foot-ground"))  # the page's texts on their grounds (_shared/site.css)
LEAST = 4.5  # WCAG AA for body text
DECLARATION = re.compile(r"--([\w-]+)\s*:\s*([^;{}]+);")


def faint_colours(loaded: Loaded, css: str) -> list[Problem]:
    """A warning for each text of the page fainter than 4.5:1 on its ground on screen, as the
    layout's site.css and the exhibition's `theme` make them (a light `grey`, say)."""
    values: dict[str, str] = {}
    plain = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    for body in re.findall(r"(?:^|\})\s*(?::root|html)\s*\{([^{}]*)\}", plain):  # in order
        values.update((name, value.strip()) for name, value in DECLARATION.findall(body))

    def colour(name: str, depth: int = 0):
        value = values.get(name, "")
        inner = re.fullmatch(r"var\(--([\w-]+)\)", value)
        if inner and depth < 10:
            return colour(inner[1], depth + 1)
        try:
            return contrast.rgb(value)
        except ValueError:  # transparent, a gradient: the ground below shows
            return None

    found = []
    for text, ground in PAIRS:
        front, back = colour(text), colour(ground)
        if front is None or back is None:
            continue
        ratio = _screen_ratio(front, back)
        if ratio < LEAST:
            where = ("theme",) if loaded.exhibition.theme else ("layout",)
            found.append(loaded.marks.problem(where, f"{FOLDER}/index.html: " + _(
                "on the web page, the text `--{text}` ({front}) on `--{ground}` ({back}) is "
                "{ratio}:1, under {least}:1: hard to read").format(
                text=text, front=contrast.hex_colour(front), ground=ground,
                back=contrast.hex_colour(back), ratio=f"{ratio:.1f}", least=LEAST),
                hint=_("darken the text's colour in `theme`, or lighten its ground"),
                severity="warning"))
    return found


def _screen_ratio(a, b) -> float:
    """WCAG 2 contrast of two sRGB colours."""
    def luminance(colour):
        channels = [v / 255 for v in colour]
        r, g, b = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
