"""Print-shop colour: every colour and picture of a layout turned into CMYK through the
shop's own ICC profile, so that WeasyPrint writes a PDF/X file with no RGB in it.

Text that is grey or black becomes pure K (no four-colour grey text, no registration
trouble); other colours, and dark areas (rich black), go through the profile. A layout may
pin exact CMYK values for its theme variables (`cmyk: [c, m, y, k]` in layout.yaml).
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import tinycss2.color3
from PIL import Image, ImageCms, ImageOps

from booklet.messages import _

COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}\b|rgba?\([^)]*\)|\b(?:black|white)\b")
DECLARATION = re.compile(r"(--[\w-]+|[a-z-]+)(\s*:\s*)([^;{}]*)")
TEXT_PROPERTIES = {"color", "text-decoration-color", "outline-color"}
NEUTRAL = 0.03  # channels this close together are a grey…
NEUTRAL_TEXT = 0.08  # …and for text, warm and cool greys too: no four-colour grey text
RICH_BELOW = 0.3  # neutral areas darker than this get colour under the black


@dataclass
class Colours:
    """The CMYK conversion of one build: the profile, the pictures converted so far."""
    profile: Path
    rich_black: bool = True
    pinned: dict[str, tuple[float, ...]] = field(default_factory=dict)  # variable → CMYK
    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="booklet-cmyk-")))

    def __post_init__(self):
        self._transform = _transform(str(self.profile))

    def remove(self) -> None:
        """The converted pictures are needed until the PDF is written, then never again."""
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- colours -------------------------------------------------------------------------
    def cmyk(self, red: float, green: float, blue: float, text: bool) -> tuple[float, ...]:
        if max(red, green, blue) - min(red, green, blue) < (NEUTRAL_TEXT if text else NEUTRAL):
            lightness = 0.2126 * red + 0.7152 * green + 0.0722 * blue
            k = round(1 - lightness, 3)
            if text or not self.rich_black or lightness >= RICH_BELOW:
                return (0.0, 0.0, 0.0, k)
            # a dark area: rich black, C60 M45 Y45 K100 for black, fading out towards grey
            share = 1 - lightness / RICH_BELOW
            return (round(0.6 * share, 3), round(0.45 * share, 3), round(0.45 * share, 3), k)
        pixel = Image.new("RGB", (1, 1), tuple(round(v * 255) for v in (red, green, blue)))
        converted = ImageCms.applyTransform(pixel, self._transform).getpixel((0, 0))
        return tuple(round(v / 255, 3) for v in converted)

    def css_colour(self, token: str, text: bool) -> str:
        rgba = tinycss2.color3.parse_color(token)
        if rgba is None or rgba == "currentColor":
            return token
        c, m, y, k = self.cmyk(rgba.red, rgba.green, rgba.blue, text)
        alpha = f" / {rgba.alpha:g}" if rgba.alpha < 1 else ""
        return f"device-cmyk({c:g} {m:g} {y:g} {k:g}{alpha})"

    def css(self, text: str, areas: set[str]) -> str:
        """The stylesheet with every colour in CMYK, chosen by what the colour paints;
        `areas` are the custom properties that paint more than text (see painting_areas)."""

        def declaration(match):
            name, colon, value = match[1], match[2], match[3]
            if name.startswith("--") and name[2:].replace("-", "_") in self.pinned:
                c, m, y, k = self.pinned[name[2:].replace("-", "_")]
                return f"{name}{colon}device-cmyk({c:g} {m:g} {y:g} {k:g})"
            text_role = name in TEXT_PROPERTIES or (name.startswith("--") and name not in areas)
            return name + colon + COLOUR.sub(lambda c: self.css_colour(c[0], text_role), value)

        return DECLARATION.sub(declaration, text)

    # -- pictures ------------------------------------------------------------------------
    def picture(self, path: Path, ground: str = "#ffffff") -> Path:
        """`path` as a CMYK JPEG through the profile (SVGs are left to the CSS colours),
        upright. `path` is the picture prepared at its printed size (pictures.py), so only
        the pixels that print are converted. JPEG holds no transparency: transparent parts
        are laid on `ground`, the colour the layout puts behind this picture."""
        if path.suffix.lower() == ".svg":
            return path
        digest = hashlib.sha1(f"{path}{ground}".encode()).hexdigest()[:12]
        target = self.folder / f"{digest}-{path.stem}.jpg"
        if not target.exists():
            with Image.open(path) as image:
                image = ImageOps.exif_transpose(image)  # the copy keeps no EXIF orientation
                alpha = None
                if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
                    alpha = image.convert("RGBA").getchannel("A")
                if image.mode != "CMYK":
                    image = ImageCms.applyTransform(image.convert("RGB"), self._transform)
                if alpha is not None:  # laid on the ground in the same CMYK as the CSS paints it
                    rgba = tinycss2.color3.parse_color(ground)
                    cmyk = self.cmyk(rgba.red, rgba.green, rgba.blue, text=False)
                    under = Image.new("CMYK", image.size, tuple(round(v * 255) for v in cmyk))
                    image = Image.composite(image, under, alpha)
                image.save(target, "JPEG", quality=92)
        return target

    def color_profile_css(self) -> str:
        return (f'@color-profile --shop {{ src: url("{self.profile.as_uri()}"); '
                f"components: cyan, magenta, yellow, black; }}")


def profile_problem(path: Path) -> str | None:
    """What keeps the file at `path` from being a print shop's CMYK output profile."""
    try:
        profile = ImageCms.getOpenProfile(str(path))
        space = profile.profile.xcolor_space.strip()
    except (OSError, ImageCms.PyCMSError, AttributeError) as exc:
        return _("{name} is not an ICC profile that can be read ({why})").format(
            name=path.name, why=exc)
    if space != "CMYK":
        return _("{name} is an {space} profile; the print shop's CMYK profile is needed").format(
            name=path.name, space=space)
    try:
        _transform(str(path))
    except (OSError, ImageCms.PyCMSError) as exc:
        return _("{name} cannot convert colours to CMYK ({why})").format(name=path.name,
                                                                         why=exc)
    return None


@lru_cache(maxsize=4)
def _transform(profile: str):
    return ImageCms.buildTransform(ImageCms.createProfile("sRGB"), ImageCms.getOpenProfile(profile),
                                   "RGB", "CMYK", renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)


def painting_areas(text: str) -> set[str]:
    """Custom properties used for anything but text colour (backgrounds, borders…)."""
    areas = set()
    for name, _, value in DECLARATION.findall(text):
        if name not in TEXT_PROPERTIES and not name.startswith("--"):
            areas.update(re.findall(r"var\((--[\w-]+)\)", value))
    return areas
