"""Layouts: folders with layout.yaml, templates and CSS; the theme variables they declare."""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (BaseModel, ConfigDict, PositiveFloat, StrictStr, StringConstraints,
                      ValidationError)
from tinycss2 import color3

from booklet.bundled import FONTS_DIR, LAYOUTS_DIR
from booklet.content.paths import contained, real, resolve_image
from booklet.content.yamlread import Marks, read_yaml
from booklet.messages import _
from booklet.problems import ContentError, Problem
from booklet.render.fonts import FAMILIES

BUNDLED = LAYOUTS_DIR
SHARED = BUNDLED / "_shared"  # the blocks every layout's templates extend
DEFAULT_SUBTITLE = {"font": "PTSans-Regular", "size": 1.15, "letter_spacing": 0.0,
                    "uppercase": False}
COLOR = re.compile(r"#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|rgb\(\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}\s*\)")


@dataclass(frozen=True)
class Variable:
    type: str  # color | font | image
    default: str
    meaning: str
    cmyk: tuple[float, ...] | None = None  # exact CMYK a layout pins for print shops


@dataclass(frozen=True)
class CoverBox:
    """Where a booklet size's cover sets the title: its largest size (pt), line height (× the
    size), and the box it may fill (mm) with the other texts of the cover keeping theirs."""
    size: float
    width: float
    height: float = 1e6  # no height given: the title is never shrunk
    leading: float = 1.15


@dataclass(frozen=True)
class Layout:
    name: str
    folders: tuple[Path, ...]  # the layout's own folder first, then the ones it extends
    title: dict[str, str]  # per language
    description: dict[str, str]
    sizes: tuple[str, ...]
    variables: dict[str, Variable]
    labels: dict[str, dict[str, str]]  # language → the layout's own words, over the common ones
    headline_font: str  # file stem of the bundled font of cover titles and poster headlines
    cover_title: dict[str, CoverBox]  # booklet size → the cover title's box
    poster_subtitle: dict  # font, size (rem), letter_spacing (em), uppercase: for balanced lines
    logo_ground: str  # the theme colour behind the library's logo in the booklet
    fit: tuple[tuple[str, ...], ...] = ((),)  # copy-fitting variants, tried in order


def available(exhibition_folder: Path | None = None) -> dict[str, Path]:
    """Layout name → folder; an exhibition's own layouts shadow bundled ones."""
    found = {p.parent.name: p.parent for p in sorted(BUNDLED.glob("*/layout.yaml"))}
    if exhibition_folder:
        found |= {p.parent.name: p.parent
                  for p in sorted((exhibition_folder / "layouts").glob("*/layout.yaml"))}
    return found


def find(name: str, exhibition_folder: Path, marks: Marks) -> Layout:
    folders = available(exhibition_folder)
    if name not in folders:
        raise ContentError([marks.problem(("layout",), *unknown(name, folders))])
    return read(folders[name], folders)


def unknown(name: str, folders) -> tuple[str, str]:
    """What is said of a layout not found: its message, and the nearest name or the list."""
    close = difflib.get_close_matches(name, sorted(folders), n=1, cutoff=0.6)
    return _('no layout "{name}"').format(name=name), \
        _("did you mean `{word}`?").format(word=close[0]) if close \
        else _("layouts: {names}").format(names=", ".join(sorted(folders)))


class _Variable(BaseModel):
    type: Literal["color", "font", "image"]
    default: StrictStr | int | float
    meaning: str = ""
    cmyk: tuple[float, float, float, float] | None = None


class _CoverTitle(BaseModel):
    model_config = ConfigDict(extra="forbid")
    size: PositiveFloat
    width: PositiveFloat
    height: PositiveFloat = 1e6  # no height given: the title is never shrunk
    leading: PositiveFloat = 1.15


class _Subtitle(BaseModel):
    model_config = ConfigDict(extra="forbid")
    font: str | None = None
    size: PositiveFloat | None = None
    letter_spacing: float | None = None
    uppercase: bool | None = None


class _Manifest(BaseModel):
    """layout.yaml, as read; keys not listed here are left for the layout's own use."""
    extends: str | None = None
    title: dict[str, str] | str | None = None
    description: dict[str, str] | str | None = None
    sizes: list[Literal["a4", "a5", "a6"]] | None = None
    theme: dict[str, _Variable] = {}
    labels: dict[str, dict[str, str]] = {}
    headline_font: str | None = None
    cover_title: dict[Literal["a4", "a5", "a6"], _CoverTitle] = {}
    poster_subtitle: _Subtitle = _Subtitle()
    logo_ground: str | None = None
    fit: list[list[Annotated[str, StringConstraints(pattern=r"^[\w-]{1,40}$")]]] | None = None
    # copy-fitting variants, tried in order: class names, so words only


MAX_FILES = 1000  # in one layout folder: templates, CSS, a few pictures


def read(folder: Path, folders: dict[str, Path], extending: tuple[str, ...] = ()) -> Layout:
    """The layout in `folder` (with the ones it extends); ContentError, at the line of its
    layout.yaml, for anything wrong in it."""
    file = folder / "layout.yaml"
    _refuse_links_out(folder)
    unknown = font_problems(folder)
    if unknown:
        raise ContentError(unknown)
    manifest, marks = read_yaml(file, _shown(file), empty_hint=_("write at least `extends: memorial`"))
    try:
        spec = _Manifest.model_validate(manifest)
    except ValidationError as exc:
        raise ContentError([marks.problem(tuple(e["loc"]), e["msg"][0].lower() + e["msg"][1:])
                            for e in exc.errors()]) from None
    problems = [marks.problem(("headline_font",) if key == "headline_font" else
                              ("poster_subtitle", "font"),
                              _('"{name}" is not a bundled font file').format(name=stem),
                              hint=_("fonts: {names}").format(names=", ".join(sorted(_font_stems()))))
                for key, stem in (("headline_font", spec.headline_font),
                                  ("font", spec.poster_subtitle.font))
                if stem is not None and stem not in _font_stems()]
    if problems:
        raise ContentError(problems)
    parent_folders: tuple[Path, ...] = ()
    variables, labels, inherited = {}, {}, {}
    if spec.extends:
        base = spec.extends
        if base in extending and base != folder.name:
            raise ContentError([marks.problem(("extends",), _(
                "the layouts extend each other in a circle: {chain}").format(
                chain=" → ".join((*extending, folder.name, base))))])
        # an event's layout may share its name with the bundled one it extends
        parent_folder = BUNDLED / base if base == folder.name else folders.get(base)
        if parent_folder is None or not (parent_folder / "layout.yaml").is_file():
            raise ContentError([marks.problem(("extends",), _('no layout "{name}" to extend')
                                              .format(name=base), hint=_("layouts: {names}")
                                              .format(names=", ".join(sorted(folders))))])
        if parent_folder == folder:
            raise ContentError([marks.problem(("extends",), _("a layout cannot extend itself"))])
        parent = read(parent_folder, folders, (*extending, folder.name))
        parent_folders, variables = parent.folders, dict(parent.variables)
        labels = {lang: dict(words) for lang, words in parent.labels.items()}
        inherited = {"title": parent.title, "description": parent.description,
                     "sizes": parent.sizes, "headline_font": parent.headline_font,
                     "cover_title": parent.cover_title, "poster_subtitle": parent.poster_subtitle,
                     "logo_ground": parent.logo_ground, "fit": parent.fit}
    for name, var in spec.theme.items():
        if var.type == "font" and str(var.default) not in FAMILIES:
            raise ContentError([marks.problem(("theme", name, "default"),
                                              _('"{value}" is not a bundled font').format(
                                                  value=var.default),
                                              hint=_("fonts: {names}").format(
                                                  names=", ".join(FAMILIES)))])
        variables[name] = Variable(var.type, str(var.default), var.meaning, var.cmyk)
    if not any(var.type == "font" for var in variables.values()):
        raise ContentError([marks.problem(("theme",), _("the layout names no font: give it a "
                                                        "theme variable of type font, or extend "
                                                        "a layout"), hint="extends: memorial")])
    for lang, words in spec.labels.items():
        labels.setdefault(lang, {}).update(words)
    cover_title = {size: CoverBox(c.size, c.width, c.height, c.leading)
                   for size, c in spec.cover_title.items()}
    subtitle = {k: v for k, v in spec.poster_subtitle.model_dump().items() if v is not None}
    return Layout(
        name=folder.name, folders=(folder, *parent_folders),
        title=_per_language(spec.title) if spec.title is not None else inherited.get("title", {}),
        description=_per_language(spec.description) if spec.description is not None
        else inherited.get("description", {}),
        sizes=tuple(spec.sizes or inherited.get("sizes", ["a5"])),
        variables=variables, labels=labels,
        headline_font=spec.headline_font or inherited.get("headline_font", "PTSerif-Bold"),
        cover_title=cover_title or inherited.get("cover_title", {}),
        poster_subtitle={**DEFAULT_SUBTITLE, **inherited.get("poster_subtitle", {}), **subtitle},
        logo_ground=spec.logo_ground or inherited.get("logo_ground", "paper"),
        fit=tuple(tuple(v) for v in spec.fit) if spec.fit else inherited.get("fit", ((),)))


GENERIC_FAMILIES = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui",
                    "ui-serif", "ui-sans-serif", "ui-monospace", "math", "emoji", "fangsong",
                    "inherit", "initial", "unset", "revert", "revert-layer"}
FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}", re.IGNORECASE)
FAMILY = re.compile(r"font-family\s*:\s*([^;{}<>\"]*(?:\"[^\"<>{};]*\"[^;{}<>\"]*)*)",
                    re.IGNORECASE)
# the `font:` shorthand: the families come after the size (and an optional /line-height)
SHORTHAND = re.compile(r"(?<![\w-])font\s*:[^;{}]*?[\d.]+(?:pt|px|mm|cm|em|rem|%|in|pc|q|ex|ch)"
                       r"(?:\s*/\s*[\w.%-]+)?\s+([^;{}<>]+)", re.IGNORECASE)


def font_problems(folder: Path) -> list[Problem]:
    """Every font family named in the layout's CSS and templates that is neither bundled
    nor given by the layout's own @font-face: only those fonts ever reach a PDF (the font
    configuration holds no system font), so such a name would silently print in another."""
    files = sorted(p for p in folder.iterdir() if p.suffix in (".css", ".html") and p.is_file())
    texts = {path: path.read_text(encoding="utf-8", errors="replace") for path in files}
    declared = {name for text in texts.values() for face in FONT_FACE.findall(text)
                for name in _families(FAMILY.findall(face))}
    known = set(FAMILIES) | declared
    problems = []
    for path, text in texts.items():
        for match in [*FAMILY.finditer(text), *SHORTHAND.finditer(text)]:
            for name in _families([match[1]]):
                if name.lower() not in {k.lower() for k in known}:
                    before = text[:match.start()]
                    problems.append(Problem(_shown(path), before.count("\n") + 1,
                                            match.start() - before.rfind("\n"),
                                            _('the font "{name}" is not bundled nor given by '
                                              "an @font-face of this layout; system fonts are "
                                              "not used").format(name=name),
                                            hint=_("fonts: {names}").format(
                                                names=", ".join(FAMILIES))))
    return problems


def _families(values: list[str]) -> list[str]:
    names = []
    for value in values:
        for part in value.split(","):
            name = part.strip().strip("'\"").strip()
            if name and not name.lower().startswith("var(") and name.lower() not in \
                    GENERIC_FAMILIES and not name.startswith("{"):
                names.append(name)
    return names


def _per_language(text: dict[str, str] | str) -> dict[str, str]:
    return text if isinstance(text, dict) else {"en": text}


def _font_stems() -> set[str]:
    return {path.stem for path in FONTS_DIR.glob("*.ttf")}


def _refuse_links_out(folder: Path) -> None:
    """Every file of a layout folder lies in the exhibition folder (an event's layout) or in
    the bundled tree: a link to /etc/passwd or to another folder is refused before any of
    the layout's files is read."""
    root = BUNDLED if real(folder).is_relative_to(real(BUNDLED)) else folder.parent.parent
    shown = _shown(folder)
    try:
        contained(folder, [root], _("the layout folder"))
    except ValueError as exc:
        raise ContentError([Problem(shown, 1, 1, str(exc))]) from None
    entries = 0
    for parent, names, files in os.walk(folder, followlinks=False):
        for name in [*names, *files]:
            entries += 1
            if entries > MAX_FILES:
                raise ContentError([Problem(shown, 1, 1, _(
                    "the layout folder holds more than {limit} files; a layout needs a few")
                    .format(limit=MAX_FILES))])
            try:
                contained(Path(parent) / name, [root], _("this file of the layout"))
            except ValueError as exc:
                raise ContentError([Problem(_shown(Path(parent) / name), 1, 1,
                                            str(exc))]) from None


def _shown(path: Path) -> str:
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


def theme(layout: Layout, overrides: dict, marks: Marks, folder: Path) -> dict[str, str]:
    """The layout's variables with the event's overrides, each checked against its type."""
    values = {name: var.default for name, var in layout.variables.items()}
    problems = []
    known = ", ".join(sorted(layout.variables))
    for name, value in overrides.items():
        loc = ("theme", name)
        var = layout.variables.get(name)
        if var is None:
            close = difflib.get_close_matches(str(name), sorted(layout.variables), n=1)
            problems.append(marks.problem(
                loc, _('the layout "{layout}" has no theme variable `{name}`').format(
                    layout=layout.name, name=name),
                hint=_("did you mean `{word}`?").format(word=close[0]) if close
                else _("its variables: {names}").format(names=known), at_key=True))
        elif var.type == "color":
            try:
                values[name] = colour(value)
            except ValueError as exc:
                problems.append(marks.problem(loc, str(exc)))
        elif var.type == "font" and str(value) not in FAMILIES:
            close = [family for family in FAMILIES
                     if family.replace(" ", "").lower() == str(value).replace(" ", "").lower()]
            problems.append(marks.problem(loc, _('"{value}" is not a bundled font').format(
                value=value), hint=_("did you mean `{word}`?").format(word=close[0]) if close
                else _("fonts: {names}").format(names=", ".join(FAMILIES))))
        elif var.type == "image":
            try:
                values[name] = resolve_image(str(value), folder).as_uri()
            except ValueError as exc:
                problems.append(marks.problem(loc, str(exc)))
        else:
            values[name] = str(value).strip()
    if problems:
        raise ContentError(problems)
    return values


# the basic colours by the names a librarian says, in tones that print well
COLOUR_NAMES = {
    "#b3261e": ("красный", "қызыл"), "#7a1f2b": ("бордовый", "қошқыл қызыл"),
    "#e07b1a": ("оранжевый", "қызғылт сары"), "#e8b923": ("жёлтый", "желтый", "сары"),
    "#2e7d32": ("зелёный", "зеленый", "жасыл"), "#4f9fd6": ("голубой", "көгілдір"),
    "#1f4e9c": ("синий", "көк"), "#6a3d9a": ("фиолетовый", "күлгін"),
    "#d9779f": ("розовый", "қызғылт"), "#7b5232": ("коричневый", "қоңыр"),
    "#808080": ("серый", "сұр"), "#1d1d1b": ("чёрный", "черный", "қара"),
    "#ffffff": ("белый", "ақ"), "#b8962e": ("золотой", "алтын"),
}
SAID = {name: hex_value for hex_value, names in COLOUR_NAMES.items() for name in names}


def colour(value) -> str:
    """A theme colour as CSS: #rgb, #rrggbb, rgb(…), a CSS colour name (steelblue) or the
    Russian or Kazakh name of a basic colour (синий, көк); ValueError with the nearest name."""
    text = str(value).strip()
    if COLOR.fullmatch(text):
        return text
    key = " ".join(text.lower().split())
    if key in SAID:
        return SAID[key]
    rgba = color3.parse_color(key) if re.fullmatch(r"[a-z]+", key) else None
    if rgba is not None and not isinstance(rgba, str) and rgba.alpha == 1:
        return "#" + "".join(f"{round(c * 255):02x}" for c in rgba[:3])
    names = list(SAID) + list(CSS_NAMES)
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.7)
    shown = str(value).lower() if isinstance(value, bool) else value  # as YAML writes it
    raise ValueError(_('expected a colour such as "#8c1c13", синий or steelblue, got "{value}"')
                     .format(value=shown) + ("; " + _("did you mean `{word}`?").format(
                         word=close[0]) if close else ""))


# for did-you-mean only: tinycss2 keeps the CSS names in a private table
CSS_NAMES = tuple(name for name in getattr(color3, "_COLOR_KEYWORDS", {})
                  if name not in ("transparent", "currentcolor"))


def theme_css(values: dict[str, str], layout: Layout) -> str:
    lines = []
    for name, value in values.items():
        kind = layout.variables[name].type
        if kind == "image":
            shown = f'url("{value}")' if value else "none"
        else:
            shown = f'"{value}"' if kind == "font" else value
        lines.append(f"  --{name.replace('_', '-')}: {shown};")
    return ":root {\n" + "\n".join(lines) + "\n}\n"
