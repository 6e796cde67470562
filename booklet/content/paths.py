"""Files named in exhibition.yaml: inside the exhibition folder, present, and readable."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
import xml.etree.ElementTree as ET
from pathlib import Path, PurePosixPath

from PIL import Image, ImageFile

from booklet.messages import _, language

IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
MAX_PIXELS = 120_000_000  # 10 000 × 12 000: larger than any scan a print needs
# Pillow warns above its own 89 megapixels and refuses above twice its limit: ours instead,
# so that a 108-megapixel phone photo is downsampled (by WeasyPrint, to 300 ppi), not refused
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


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
    root = root.resolve()
    try:
        path = (root / posix).resolve()
        found = path.is_file()
    except OSError as exc:  # a name too long, a loop of links…
        raise ValueError(_('"{name}" cannot be read as a file name ({why})').format(
            name=text[:60], why=exc.strerror)) from None
    if not path.is_relative_to(root):
        raise ValueError(_('"{name}" leads outside the exhibition folder (through a link)')
                         .format(name=text))
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
    for element in root.iter():
        for name, link in element.attrib.items():
            if name.rsplit("}", 1)[-1] == "href" and not link.startswith(("#", "data:")):
                raise ValueError(_('"{name}" refers to another file ({link}); embed it or use '
                                   'a PNG').format(name=shown, link=link))


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
