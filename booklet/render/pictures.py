"""Pictures prepared once for print: each picture larger than its printed box needs is
decoded (with JPEG draft scaling), turned upright (EXIF), shrunk to 300 ppi at the largest
size it is printed, and kept in the user's cache folder, so that neither a rebuild nor
WeasyPrint decodes and downsamples a 4000×6000 scan again.

The printed size: a book cover is as wide as the layout's CSS sets `.book-cover img` for the
booklet's size and fitting variant (else the page's width: it is never wider); a logo's longest edge is at most LOGO_MM in every bundled use; the poster's picture
covers at most its sheet. A picture that needs no shrinking is used as it is (so a picture
the preflight finds too small never enters the cache).

The cache: `$XDG_CACHE_HOME/booklet/pictures/<exhibition>/`, entries named after the
source bytes' SHA-256, the prepared size and the entry's own SHA-256: an entry is checked
against its name before use, and one that does not match is made again. Entries of
pictures the exhibition no longer names, and any unused for STALE_DAYS, are removed.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import re
import tempfile
import time
from functools import cached_property
from pathlib import Path
from typing import Callable

from markupsafe import escape
from PIL import Image, ImageOps

PPI = 300
MM_PER_INCH = 25.4
LOGO_MM = 45  # a logo's longest printed edge: 30 mm in the booklets, 32 mm on an A1 poster
JPEG_QUALITY = 92  # no visible loss at 300 ppi (tests/test_pictures.py measures it)
GRACE_SECONDS = 600  # an entry used this recently may belong to a build still running
STALE_DAYS = 30
KEPT_MODES = {"RGB", "L", "RGBA", "LA"}  # others (CMYK, 16-bit) are left to WeasyPrint
COVER_RULE = re.compile(r"([^{}]*)\{([^{}]*)\}")
_UNCOMMENTED = re.compile(r"/\*.*?\*/", re.S)
FIT_CLASS = re.compile(r"\.fit-([\w-]+)")
WIDTH_MM = re.compile(r"(?<![-\w])width\s*:\s*([\d.]+)mm")

Scale = Callable[[int, int], float]  # a picture's upright pixel size → the scale it needs


def root() -> Path:
    """The user's cache folder of prepared pictures (XDG base directories)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return base / "booklet" / "pictures"


def shelf(exhibition: Path) -> Path:
    """The cache folder of one exhibition's pictures."""
    return root() / hashlib.sha256(str(exhibition.resolve()).encode()).hexdigest()[:16]


def px(mm: float) -> float:
    return mm / MM_PER_INCH * PPI


def within_width(mm: float) -> Scale:
    return lambda width, height: px(mm) / width


def within_edge(mm: float) -> Scale:
    return lambda width, height: px(mm) / max(width, height)


def covering(sheets_mm: list[tuple[float, float]]) -> Scale:
    """Enough pixels to cover the largest of these boxes (`background-size: cover`)."""
    return lambda width, height: max(max(px(w) / width, px(h) / height) for w, h in sheets_mm)


def cover_width_mm(css_files: list[Path], fit: tuple[str, ...], page_width_mm: float) -> float:
    """The width in mm the layout's CSS gives a book's cover picture (`.book-cover img`, else
    `.book-cover`) in the fitting variant `fit`: the rule that wins the cascade (specificity,
    then order); the page's width where no rule sets one in mm."""
    found = []
    for order, (selectors, body) in enumerate(
            rule for path in css_files if path.is_file()
            for rule in COVER_RULE.findall(_UNCOMMENTED.sub("", path.read_text(encoding="utf-8")))):
        widths = WIDTH_MM.findall(body)
        for selector in selectors.split(","):
            if "book-cover" in selector and widths and set(FIT_CLASS.findall(selector)) <= set(fit):
                found.append((selector.strip().endswith("img"), _specificity(selector), order,
                              float(widths[-1])))
    return max(found)[-1] if found else page_width_mm


def cover_scale(css_files: list[Path], fit: tuple[str, ...], page_width_mm: float) -> Scale:
    """How a book's cover is printed: fitted into the layout's thumbnail box, proportions kept,
    where the layout has one; else as wide as its CSS (or the page) sets it."""
    box = thumbnail_box_mm(css_files, fit)
    if box is None:
        return within_width(cover_width_mm(css_files, fit, page_width_mm))
    width_mm, height_mm = box
    return lambda width, height: min(px(width_mm) / width, px(height_mm) / height)


UNIT_PT = re.compile(r"--unit\s*:\s*([\d.]+)pt")
THUMB = {"thumb-w": re.compile(r"--thumb-w\s*:\s*([\d.]+)"),
         "thumb-h": re.compile(r"--thumb-h\s*:\s*([\d.]+)")}


def thumbnail_box_mm(css_files: list[Path], fit: tuple[str, ...]) -> tuple[float, float] | None:
    """The layout's thumbnail box (`--thumb-w` × `--thumb-h` units of `--unit` pt), which a
    cover is fitted into, proportions kept. Each variable from the rule on the root element
    that wins the cascade for this size's files and variant."""
    values: dict[str, tuple] = {}
    rules = [rule for path in css_files if path.is_file()
             for rule in COVER_RULE.findall(_UNCOMMENTED.sub("", path.read_text(encoding="utf-8")))]
    for order, (selectors, body) in enumerate(rules):
        for selector in selectors.split(","):
            selector = selector.strip()
            if not re.fullmatch(r"(?:html|:root)(?:\.[\w-]+)*", selector):
                continue
            classes = set(re.findall(r"\.([\w-]+)", selector))
            if not {c for c in classes if c.startswith("fit-")} <= {f"fit-{f}" for f in fit}:
                continue
            for name, pattern in (("unit", UNIT_PT), *THUMB.items()):
                for value in pattern.findall(body):
                    key = (len(classes), order)
                    if name not in values or key >= values[name][0]:
                        values[name] = (key, float(value))
    if not {"unit", "thumb-w", "thumb-h"} <= set(values):
        return None
    unit_mm = values["unit"][1] * MM_PER_INCH / 72
    return values["thumb-w"][1] * unit_mm, values["thumb-h"][1] * unit_mm


def _specificity(selector: str) -> tuple[int, int, int]:
    return (selector.count("#"), selector.count(".") + selector.count("[") + selector.count(":"),
            len(re.findall(r"(?:^|[\s>+~])[a-zA-Z]", selector)))


class Picture:
    """What a template prints: the prepared file's URL (made when first printed, so that a
    poster does not prepare the booklet's covers), and `.source`, the exhibition's file,
    for the preflight's resolution check (`data-src`)."""

    def __init__(self, make: Callable[[], Path], source: Path):
        self._make = make
        self.source = source.as_uri()

    @cached_property
    def url(self) -> str:
        return self._make().as_uri()

    def __str__(self) -> str:
        return self.url

    def __html__(self) -> str:
        return str(escape(self.url))


def picture(source: Path, exhibition: Path, scale: Scale,
            convert: Callable[[Path], Path] | None = None) -> Picture:
    """`source` as it should be printed: prepared (see prepared()), then `convert`ed
    (the press file's CMYK copy)."""
    def make() -> Path:
        made = prepared(source, exhibition, scale)
        return convert(made) if convert else made
    return Picture(make, source)


_known: dict[tuple, tuple[Path, tuple]] = {}  # (source, its stat, size, folder) → entry, its stat
_digests: dict[tuple, str] = {}  # (source, its stat) → SHA-256 of its bytes


def prepared(source: Path, exhibition: Path, scale: Scale, quality: int = JPEG_QUALITY) -> Path:
    """The cache entry of `source` at its printed size, made if missing or broken; `source`
    itself when it needs no shrinking or is not a bitmap this prepares. A `quality` below
    the print's is for screens (the web page's copies), kept as entries of their own."""
    if source.suffix.lower() == ".svg":
        return source
    with Image.open(source) as image:
        if image.mode not in KEPT_MODES and image.mode != "P":
            return source
        upright = upright_size(image)
    factor = scale(*upright)
    if factor >= 1:
        return source
    # just under 300 ppi: WeasyPrint re-encodes (at quality 75) a picture over its dpi at all
    size = (max(1, math.ceil(upright[0] * factor) - 1), max(1, math.ceil(upright[1] * factor) - 1))
    folder = shelf(exhibition)
    key = (str(source), _stat(source), size, folder, quality)
    known = _known.get(key)
    if known and _stat(known[0]) == known[1]:  # verified in this process, unchanged since
        return known[0]
    name = f"{source_digest(source)[:32]}-{size[0]}x{size[1]}" \
        + (f"q{quality}" if quality != JPEG_QUALITY else "")
    entry = verified(folder, name)
    if entry is None:
        with Image.open(source) as image:
            entry = written(folder, name, *_shrunk(image, size, quality))
    os.utime(entry)  # used now: cleaning keeps it
    _known[key] = (entry, _stat(entry))
    return entry


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def source_digest(path: Path) -> str:
    key = (str(path), _stat(path))
    if key not in _digests:
        _digests[key] = digest(path.read_bytes())
    return _digests[key]


def upright_size(image: Image.Image) -> tuple[int, int]:
    turned = image.getexif().get(0x0112) in (5, 6, 7, 8)  # Orientation: a quarter turn
    return (image.height, image.width) if turned else image.size


def _shrunk(image: Image.Image, size: tuple[int, int],
            quality: int = JPEG_QUALITY) -> tuple[bytes, str]:
    """The picture upright at `size`, colour kept (mode, ICC profile), as JPEG or, where it
    has transparency, PNG."""
    profile = image.info.get("icc_profile")
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    elif image.format == "JPEG":  # decoded at 1/2, 1/4 or 1/8 of its size where that suffices
        turned = upright_size(image) != image.size
        wanted = (size[1] * 2, size[0] * 2) if turned else (size[0] * 2, size[1] * 2)
        image.draft(image.mode, wanted)  # twice the size, as Image.thumbnail: no aliasing
    image = ImageOps.exif_transpose(image)
    image = image.resize(size, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if image.mode in ("RGBA", "LA"):
        image.save(out, "PNG", icc_profile=profile)
        return out.getvalue(), "png"
    # full colour resolution (4:4:4): halved chroma fades a thin coloured line at 300 ppi
    image.save(out, "JPEG", quality=quality, subsampling=0, icc_profile=profile)
    return out.getvalue(), "jpg"


def verified(folder: Path, name: str) -> Path | None:
    """The entry `name` whose bytes match the hash in its file name; broken ones removed."""
    for path in sorted(folder.glob(f"{name}-*")) if folder.is_dir() else ():
        try:
            descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            with os.fdopen(descriptor, "rb") as file:
                data = file.read()
        except OSError:
            data = None
        if data is not None and path.stem.rsplit("-", 1)[-1] == digest(data)[:16]:
            return path
        path.unlink(missing_ok=True)
    return None


def written(folder: Path, name: str, data: bytes, suffix: str) -> Path:
    path = folder / f"{name}-{digest(data)[:16]}.{suffix}"
    for attempt in range(5):
        folder.mkdir(parents=True, exist_ok=True)
        try:
            handle, scratch = tempfile.mkstemp(dir=folder, prefix=".making-")
            break
        except FileNotFoundError:  # a build beside cleaned the empty folder away just now
            if attempt == 4:
                raise
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(scratch, path)  # whole or not at all: a build beside may read it
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise
    return path


def _stat(path: Path) -> tuple | None:
    try:
        found = path.lstat()
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns, found.st_ino


def clean(exhibition: Path, sources: list[Path]) -> None:
    """Remove the entries of pictures the exhibition no longer names (`sources` are all it
    names), and entries of any exhibition unused for STALE_DAYS."""
    now = time.time()
    wanted = {source_digest(path)[:32] for path in sources}
    own = shelf(exhibition)
    for entry in root().glob("*/*") if root().is_dir() else ():
        try:
            age = now - entry.lstat().st_mtime
        except OSError:
            continue
        unnamed = entry.parent == own and entry.name.split("-", 1)[0] not in wanted
        if age > STALE_DAYS * 86400 or (unnamed and age > GRACE_SECONDS):
            entry.unlink(missing_ok=True)
    for folder in root().iterdir() if root().is_dir() else ():
        if folder.is_dir() and not any(folder.iterdir()):
            try:
                folder.rmdir()
            except OSError:  # a build beside has just written into it
                pass
