"""Layouts: folders with layout.yaml, templates and CSS; the theme variables they declare."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from tinycss2 import color3

from booklet.bundled import LAYOUTS_DIR
from booklet.content.paths import resolve_image
from booklet.content.yamlread import Marks
from booklet.messages import _
from booklet.problems import ContentError
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
class Layout:
    name: str
    folders: tuple[Path, ...]  # the layout's own folder first, then the ones it extends
    title: dict[str, str]  # per language
    description: dict[str, str]
    sizes: tuple[str, ...]
    variables: dict[str, Variable]
    labels: dict[str, dict[str, str]]  # language → the layout's own words, over the common ones
    headline_font: str  # file stem of the bundled font of cover titles and poster headlines
    cover_title: dict[str, tuple[float, float]]  # booklet size → (size pt, width mm)
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
        close = difflib.get_close_matches(name, sorted(folders), n=1, cutoff=0.6)
        hint = _("did you mean `{word}`?").format(word=close[0]) if close \
            else _("layouts: {names}").format(names=", ".join(sorted(folders)))
        raise ContentError([marks.problem(("layout",), _('no layout "{name}"').format(name=name),
                                          hint=hint)])
    return read(folders[name], folders)


def read(folder: Path, folders: dict[str, Path]) -> Layout:
    manifest = yaml.safe_load((folder / "layout.yaml").read_text(encoding="utf-8"))
    parent_folders: tuple[Path, ...] = ()
    variables, labels, inherited = {}, {}, {}
    if manifest.get("extends"):
        base = manifest["extends"]
        # an event's layout may share its name with the bundled one it extends
        parent_folder = BUNDLED / base if base == folder.name else folders[base]
        parent = read(parent_folder, folders)
        parent_folders, variables = parent.folders, dict(parent.variables)
        labels = {lang: dict(words) for lang, words in parent.labels.items()}
        inherited = {"title": parent.title, "description": parent.description,
                     "sizes": parent.sizes, "headline_font": parent.headline_font,
                     "cover_title": parent.cover_title, "poster_subtitle": parent.poster_subtitle,
                     "logo_ground": parent.logo_ground, "fit": parent.fit}
    for name, spec in (manifest.get("theme") or {}).items():
        variables[name] = Variable(spec["type"], str(spec["default"]), spec.get("meaning", ""),
                                   tuple(spec["cmyk"]) if spec.get("cmyk") else None)
    for lang, words in (manifest.get("labels") or {}).items():
        labels.setdefault(lang, {}).update(words)
    cover_title = {size: (float(spec["size"]), float(spec["width"]))
                   for size, spec in (manifest.get("cover_title") or {}).items()}
    return Layout(
        name=folder.name, folders=(folder, *parent_folders),
        title=manifest.get("title", inherited.get("title", {})),
        description=manifest.get("description", inherited.get("description", {})),
        sizes=tuple(manifest.get("sizes", inherited.get("sizes", ["a5"]))),
        variables=variables, labels=labels,
        headline_font=manifest.get("headline_font", inherited.get("headline_font", "PTSerif-Bold")),
        cover_title=cover_title or inherited.get("cover_title", {}),
        poster_subtitle={**DEFAULT_SUBTITLE, **inherited.get("poster_subtitle", {}),
                         **(manifest.get("poster_subtitle") or {})},
        logo_ground=manifest.get("logo_ground", inherited.get("logo_ground", "paper")),
        fit=tuple(tuple(v) for v in manifest["fit"]) if manifest.get("fit")
        else inherited.get("fit", ((),)))


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
    raise ValueError(_('expected a colour such as "#8c1c13", синий or steelblue, got "{value}"')
                     .format(value=value) + ("; " + _("did you mean `{word}`?").format(
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
