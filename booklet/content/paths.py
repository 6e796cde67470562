"""Files named in exhibition.yaml: inside the exhibition folder, present, and readable."""

from __future__ import annotations

import os
import re
import warnings
from functools import lru_cache
import xml.etree.ElementTree as ET
from pathlib import Path, PurePosixPath

from PIL import Image, ImageFile

from booklet.bundled import FONTS_DIR, LAYOUTS_DIR

IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
MAX_PIXELS = 120_000_000  # 10 000 × 12 000: larger than any scan a print needs


def real(path: Path) -> Path:
    """The path with every link followed; a loop of links is left as it is (and then is no
    file), never an exception."""
    return Path(os.path.realpath(path))


def contained(path: Path, roots) -> Path:
    """The real path of `path` when it lies in one of `roots` (links followed) and is not a
    second name (hard link) of a file that may lie elsewhere; else ValueError saying why
    (to be put after the name the reader knows). Hard links are allowed in the bundled tree, which installers may link."""
    found = real(path)
    if not any(found.is_relative_to(real(root)) for root in roots):
        raise ValueError("leads outside the exhibition folder (through a link)")
    try:
        linked = found.is_file() and found.stat().st_nlink > 1
    except OSError:
        linked = False
    if linked and not any(found.is_relative_to(real(r)) for r in (LAYOUTS_DIR, FONTS_DIR)):
        raise ValueError("is a hard link, another name of a file that may lie outside the "
                         "exhibition folder; copy the file instead")
    return found


def resolve_file(value: str, root: Path) -> Path:
    """The file `value` names, relative to `root`; refuse URLs, absolute paths and escapes."""
    text = value.strip()
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", text) and not re.match(r"^[a-zA-Z]:[\\/]", text):
        raise ValueError(f'"{text}" is a web address; save the picture into the exhibition '
                         "folder and give its path, such as images/cover.jpg")
    posix = PurePosixPath(text.replace("\\", "/"))
    if posix.is_absolute() or re.match(r"^[a-zA-Z]:", text):
        raise ValueError(f'"{text}" is an absolute path; give a path inside the exhibition '
                         "folder, such as images/cover.jpg")
    if ".." in posix.parts:
        raise ValueError(f'"{text}" points outside the exhibition folder')
    try:
        path = contained(root / posix, [root])
        found = path.is_file()
    except OSError as exc:  # a name too long, a loop of links…
        raise ValueError(f'"{text[:60]}" cannot be read as a file name ({exc.strerror})') from None
    except ValueError as exc:
        raise ValueError(f'"{text}" {exc}') from None
    if not found:
        raise ValueError(f'no such file "{text}" in the exhibition folder')
    return path


def resolve_image(value: str, root: Path) -> Path:
    """Like resolve_file, and the file must open as a picture we can print."""
    path = resolve_file(value, root)
    stat = path.stat()
    problem = _picture_problem(str(path), stat.st_size, stat.st_mtime_ns)
    if problem:
        raise ValueError(problem.replace("{shown}", value))
    return path


@lru_cache(maxsize=1024)
def _picture_problem(path: str, size: int, mtime: int) -> str | None:
    """What is wrong with a picture file, once per version of it: shelves reuse covers."""
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
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                if image.format not in IMAGE_FORMATS:
                    raise ValueError(f'"{shown}" is a {image.format} picture; use JPEG or PNG')
                if getattr(image, "is_animated", False):
                    raise ValueError(f'"{shown}" is an animated picture; only its first frame '
                                     "would print: save one frame as PNG or JPEG")
                if image.width * image.height > MAX_PIXELS:
                    raise ValueError(f'"{shown}" is {image.width}×{image.height} pixels, too large '
                                     "to print; scale it down")
                image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
                _load_strictly(image)
    except ValueError:
        raise
    except (OSError, SyntaxError, Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise ValueError(f'"{shown}" is not a picture that can be opened ({exc})') from None


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
        raise ValueError(f'"{shown}" is not a readable SVG picture ({exc})') from None
    if root.tag.rsplit("}", 1)[-1] != "svg":
        raise ValueError(f'"{shown}" is not an SVG picture')
    drawn = _drawn_elements(root)
    if drawn > MAX_SVG_ELEMENTS:
        raise ValueError(f'"{shown}" draws more than {MAX_SVG_ELEMENTS:,} shapes once its '
                         "<use> copies are expanded, too many to draw in good time: simplify "
                         "the picture or save it as PNG")
    for element in root.iter():
        for name, link in element.attrib.items():
            if name.rsplit("}", 1)[-1] == "href" and not link.startswith(("#", "data:")):
                raise ValueError(f'"{shown}" refers to another file ({link}); '
                                 "embed it or use a PNG")


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
            notes.append("is a CMYK picture: screens show its colours differently than print")
        if image.width * image.height > HUGE_PIXELS:
            notes.append(f"is {image.width}×{image.height} px: far more than print needs; it "
                         "is downsampled to 300 ppi at its printed size")
    return notes
