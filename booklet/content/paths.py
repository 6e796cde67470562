"""Files named in exhibition.yaml: inside the exhibition folder, present, and readable."""

from __future__ import annotations

import difflib
import os
import re
from functools import lru_cache
import xml.etree.ElementTree as ET
from pathlib import Path, PurePosixPath

from PIL import Image, ImageFile

from booklet.bundled import FONTS_DIR, LAYOUTS_DIR
from booklet.messages import _, language, number, reason

IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
MAX_PIXELS = 120_000_000  # 10 000 × 12 000: larger than any scan a print needs
# Pillow warns above its own 89 megapixels and refuses above twice its limit: ours instead,
# so that a 108-megapixel phone photo is downsampled (by WeasyPrint, to 300 ppi), not refused
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


def real(path: Path) -> Path:
    """The path with every link followed; a loop of links is left as it is (and then is no
    file), never an exception."""
    return Path(os.path.realpath(path))


def contained(path: Path, roots, what: str) -> Path:
    """The real path of `path` when it lies in one of `roots` (links followed) and is not a
    second name (hard link) of a file that may lie elsewhere; else ValueError saying why,
    of `what` (the name the reader knows it by). Hard links are allowed in the bundled tree,
    which installers may link."""
    found = real(path)
    if not any(found.is_relative_to(real(root)) for root in roots):
        raise ValueError(_("{what} leads outside the exhibition folder (through a link)")
                         .format(what=what))
    try:
        linked = found.is_file() and found.stat().st_nlink > 1
    except OSError:
        linked = False
    if linked and not any(found.is_relative_to(real(r)) for r in (LAYOUTS_DIR, FONTS_DIR)):
        raise ValueError(_("{what} is a hard link, another name of a file that may lie outside "
                           "the exhibition folder; copy the file instead").format(what=what))
    return found


def resolve_file(value: str, root: Path) -> Path:
    """The file `value` names, relative to `root`; refuse URLs, absolute paths and escapes."""
    text = value.strip()
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", text) and not re.match(r"^[a-zA-Z]:[\\/]", text):
        raise ValueError(_('"{name}" is a web address; save the picture into the exhibition '
                           'folder and give its path, such as images/cover.jpg').format(name=text))
    posix = PurePosixPath(text.replace("\\", "/"))
    if posix.is_absolute() or re.match(r"^[a-zA-Z]:", text):
        raise ValueError(_('"{name}" is an absolute path; give a path inside the exhibition '
                           'folder, such as images/cover.jpg').format(name=text))
    if ".." in posix.parts:
        raise ValueError(_('"{name}" points outside the exhibition folder').format(name=text))
    try:
        path = contained(root / posix, [root], _('"{value}"').format(value=text))
        found = path.is_file()
    except OSError as exc:  # a name too long, a loop of links…
        raise ValueError(_('"{name}" cannot be read as a file name ({why})').format(
            name=text[:60], why=reason(exc))) from None
    if not found:
        near = near_name(root, posix)
        raise ValueError(_('no such file "{name}" in the exhibition folder').format(name=text)
                         + ("; " + _('did you mean "{name}"?').format(name=near) if near else ""))
    return path


def near_name(root: Path, wanted: PurePosixPath) -> str | None:
    """The file the librarian most likely meant: the same name in other letter case (Windows
    and macOS forgive it, Linux does not), or a name a letter or two away."""
    folder = root
    for part in wanted.parts[:-1]:  # each folder on the way, in whatever case it exists
        matches = [p for p in _listing(folder) if p.is_dir() and p.name.lower() == part.lower()]
        if not matches:
            return None
        folder = matches[0]
    files = {p.name: p for p in _listing(folder) if p.is_file()}
    same_case = [name for name in files if name.lower() == wanted.name.lower()]
    close = same_case or difflib.get_close_matches(wanted.name, list(files), n=1, cutoff=0.75)
    return files[close[0]].relative_to(root).as_posix() if close else None


def _listing(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())[:2000]
    except OSError:
        return []


def resolve_image(value: str, root: Path) -> Path:
    """Like resolve_file, and the file must open as a picture we can print."""
    path = resolve_file(value, root)
    stat = path.stat()
    problem = _picture_problem(str(path), stat.st_size, stat.st_mtime_ns, language())
    if problem:
        raise ValueError(problem.replace("{shown}", value))
    return path


@lru_cache(maxsize=1024)
def _picture_problem(path: str, size: int, mtime: int, words: str) -> str | None:
    """What is wrong with a picture file, once per version of it (and language of `words`):
    shelves reuse covers."""
    try:
        if path.lower().endswith(".svg"):
            _check_svg(Path(path), "{shown}")
        else:
            _check_bitmap(Path(path), "{shown}")
    except ValueError as exc:
        return str(exc)
    return None


def _check_bitmap(path: Path, shown: str) -> None:
    try:
        with Image.open(path) as image:
            if image.format not in IMAGE_FORMATS:
                raise ValueError(_('"{name}" is a {format} picture; use JPEG or PNG').format(
                    name=shown, format=image.format))
            if getattr(image, "is_animated", False):
                raise ValueError(_('"{name}" is an animated picture; only its first frame would '
                                   'print: save one frame as PNG or JPEG').format(name=shown))
            if image.width * image.height > MAX_PIXELS:
                raise ValueError(_('"{name}" is {width}×{height} pixels, more than the {limit} '
                                   'megapixels booklet opens; scale it down to 300 ppi at its '
                                   'printed size').format(name=shown, width=image.width,
                                                          height=image.height,
                                                          limit=MAX_PIXELS // 1_000_000))
            image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
            _load_strictly(image)
    except ValueError:
        raise
    except Image.DecompressionBombError:  # above twice our limit: Pillow stops at the header
        raise ValueError(_('"{name}" has more than {limit} megapixels; scale it down to 300 '
                           'ppi at its printed size').format(
            name=shown, limit=2 * MAX_PIXELS // 1_000_000)) from None
    except (OSError, SyntaxError) as exc:
        raise ValueError(_('"{name}" is not a picture that can be opened ({why})').format(
            name=shown, why=exc)) from None


def _load_strictly(image) -> None:
    # WeasyPrint sets LOAD_TRUNCATED_IMAGES on import, which would let a cut-off file pass.
    tolerant, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        image.load()
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = tolerant


def _check_svg(path: Path, shown: str) -> None:
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise ValueError(_('"{name}" is not a readable SVG picture ({why})').format(
            name=shown, why=exc)) from None
    if root.tag.rsplit("}", 1)[-1] != "svg":
        raise ValueError(_('"{name}" is not an SVG picture').format(name=shown))
    drawn = _drawn_elements(root)
    if drawn > MAX_SVG_ELEMENTS:
        raise ValueError(_('"{name}" draws more than {limit} shapes once its <use> copies are '
                           'expanded, too many to draw in good time: simplify the picture or '
                           'save it as PNG').format(name=shown, limit=number(MAX_SVG_ELEMENTS)))
    for element in root.iter():
        for name, link in element.attrib.items():
            if name.rsplit("}", 1)[-1] == "href" and not link.startswith(("#", "data:")):
                raise ValueError(_('"{name}" refers to another file ({link}); embed it or use '
                                   'a PNG').format(name=shown, link=link))


MAX_SVG_ELEMENTS = 5_000  # a detailed logo has a few hundred; each takes WeasyPrint ~0.5 ms
_TOO_MANY = MAX_SVG_ELEMENTS + 1


def _drawn_elements(root) -> int:
    """How many elements drawing the SVG takes, every <use> counted as the copy it makes
    (nested, a few kilobytes of <use> make 10^8 shapes); a <use> that copies itself is
    counted as too many. Stops counting past the limit."""
    by_id = {element.get("id"): element for element in root.iter() if element.get("id")}
    sizes: dict[int, int] = {}
    inside: set[int] = set()

    def size(element) -> int:
        key = id(element)
        if key in sizes:
            return sizes[key]
        if key in inside:  # a copy of itself
            return _TOO_MANY
        inside.add(key)
        total = 1
        for child in element:
            total = min(total + size(child), _TOO_MANY)
        if element.tag.rsplit("}", 1)[-1] == "use":
            link = next((v for k, v in element.attrib.items() if k.rsplit("}", 1)[-1] == "href"),
                        "")
            target = by_id.get(link[1:]) if link.startswith("#") else None
            if target is not None:
                total = min(total + size(target), _TOO_MANY)
        inside.discard(key)
        sizes[key] = total
        return total

    try:
        return size(root)
    except RecursionError:  # elements nested thousands deep
        return _TOO_MANY


HUGE_PIXELS = 25_000_000


def picture_notes(path: Path, press: bool) -> list[str]:
    """What is worth knowing about a picture that opens fine."""
    if path.suffix.lower() == ".svg":
        return []
    notes = []
    with Image.open(path) as image:
        if image.mode == "CMYK":
            notes.append(_("{name} is a CMYK picture: screens show its colours differently "
                           "than print").format(name=path.name))
        if image.width * image.height > HUGE_PIXELS:
            notes.append(_("{name} is {width}×{height} px: far more than print needs; it is "
                           "downsampled to 300 ppi at its printed size").format(
                name=path.name, width=image.width, height=image.height))
    return notes
