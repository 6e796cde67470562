"""Layouts: folders with layout.yaml, templates and CSS; the theme variables they declare."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from booklet.bundled import LAYOUTS_DIR
from booklet.content.paths import resolve_image
from booklet.content.yamlread import Marks
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
        raise ContentError([marks.problem(("layout",), f'no layout "{name}"',
                                          hint="layouts: " + ", ".join(sorted(folders)))])
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
    cover_title = {size: CoverBox(**{key: float(value) for key, value in spec.items()})
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
            problems.append(marks.problem(loc, f'the layout "{layout.name}" has no theme '
                                          f"variable `{name}`", hint=f"its variables: {known}",
                                          at_key=True))
        elif var.type == "color" and not COLOR.fullmatch(str(value).strip()):
            problems.append(marks.problem(loc, f'expected a colour such as "#8c1c13", got "{value}"'))
        elif var.type == "font" and str(value) not in FAMILIES:
            problems.append(marks.problem(loc, f'"{value}" is not a bundled font',
                                          hint="fonts: " + ", ".join(FAMILIES)))
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
