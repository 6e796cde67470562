"""Load exhibition.yaml into the model, reporting every problem at its line and column."""

from __future__ import annotations

import difflib
import os
import re
import typing
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from booklet.content import bilingual
from booklet.content.model import Exhibition
from booklet.content.paths import contained
from booklet.content.yamlread import Marks, format_location, read_yaml
from booklet.messages import _, number
from booklet.problems import ContentError, Problem, unique
from booklet.text import markdown

MARKDOWN_FIELDS = {"intro", "annotation", "text"}  # `text` of quote and poster
MAX_PARAGRAPH = 20_000  # characters: eight A5 pages; longer ones take minutes to lay out
MAX_PROSE = 50_000  # characters in one field: twenty pages
LINK_FIELDS = {"link", "website"}  # printed as QR codes
# words a librarian may write for a value of the format, for its did-you-mean
MEANT = {"да": "true", "иә": "true", "ия": "true", "нет": "false", "жоқ": "false",
         "tete-beche": "flip", "tête-bêche": "flip", "перевёртыш": "flip", "перевертыш": "flip",
         "параллельно": "parallel", "параллель": "parallel", "қатар": "parallel"}
MAX_LINK = 2_000  # bytes; the largest QR code (version 40, level M) holds 2,331


@dataclass(frozen=True)
class Loaded:
    exhibition: Exhibition
    marks: Marks
    folder: Path  # the exhibition folder, resolved
    slug: str
    # two languages (contract §7): (language, the exhibition in it), the main one first;
    # `exhibition` is the main one. () for one language. See content/bilingual.py.
    versions: tuple = ()
    # one language's half of a tête-bêche booklet, "first" or "second": no back cover; the
    # first ends with the library's page in both languages (`second`: the other language's
    # exhibition), the second with the pages left over, its own library page last if one is
    # (render/flip.py)
    half: str = ""
    second: object = None
    # where a text missing in a language is the other's: ((language, location, the text's
    # language), …), so that it is set in its own language (render/foreign.py)
    foreign: tuple = ()


def find_yaml(path: Path) -> Path:
    """`path` is an exhibition.yaml or the folder that holds one. FileNotFoundError if neither."""
    if path.is_dir():
        path = path / "exhibition.yaml"
    if not path.is_file():
        raise FileNotFoundError(_("no exhibition.yaml at {path}").format(path=path))
    return path


def load(path: Path) -> Loaded:
    """The exhibition at `path`, or ContentError with every problem the content has."""
    data, marks, folder = read(path)
    versions, problems, foreign = validate_versions(data, marks, folder)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ContentError(errors)
    return loaded_from(versions, marks, folder, foreign)


def loaded_from(versions: dict[str, Exhibition], marks: Marks, folder: Path,
                foreign: tuple = ()) -> Loaded:
    main = next(iter(versions.values()))
    return Loaded(main, marks, folder, folder.name,
                  tuple(versions.items()) if len(versions) > 1 else (), foreign=foreign)


def read(path: Path) -> tuple[dict, Marks, Path]:
    """The YAML as plain values with their marks; ContentError if it cannot be read at all."""
    yaml_path = find_yaml(path)
    shown = os.path.relpath(yaml_path) if not yaml_path.is_absolute() else str(yaml_path)
    try:
        contained(yaml_path, [yaml_path.parent], "exhibition.yaml")
    except ValueError as exc:
        raise ContentError([Problem(shown, 1, 1, str(exc))]) from None
    data, marks = read_yaml(yaml_path, shown)
    return data, marks, yaml_path.parent.resolve()


def validate(data: dict, marks: Marks, folder: Path) -> tuple[Exhibition | None, list[Problem]]:
    """The model (in the main language), and all problems of the values and the prose
    fields, found in one go (the warnings of a second language left out)."""
    versions, problems = validate_versions(data, marks, folder)[:2]
    return (next(iter(versions.values())) if versions else None), \
        [p for p in problems if p.severity == "error"]


def validate_versions(data: dict, marks: Marks, folder: Path
                      ) -> tuple[dict[str, Exhibition], list[Problem], tuple]:
    """The model in each of the exhibition's languages (the main one first; empty on an
    error), every problem found, warnings of a missing translation among them, and where
    one language's text stands in for the other's (bilingual.project)."""
    problems = _markdown_problems(data, marks) + _link_problems(data, marks)
    langs, refused = bilingual.languages(data)
    if refused:
        problems += [marks.problem(("language",), message) for message in refused]
    versions: dict[str, Exhibition] = {}
    foreign: tuple = ()
    for lang in langs:
        projected, found, stand_ins = bilingual.project(data, lang, langs, marks, bool(refused)) \
            if isinstance(data, dict) else (data, [], ())
        problems += found
        foreign += stand_ins
        try:
            versions[lang] = Exhibition.model_validate(projected, context={"root": folder})
        except ValidationError as exc:
            problems += _problems(exc, marks)
    if any(p.severity == "error" for p in problems):
        versions = {}
    return versions, sorted(unique(problems), key=lambda p: (p.line, p.column)), foreign


def _problems(exc: ValidationError, marks: Marks) -> list[Problem]:
    problems, unions = [], set()
    for error in exc.errors(include_url=False):
        # a key the user wrote is never a union's tag, though it be called `float`
        parts, own = error["loc"], error["loc"][-1:] if error["type"] == "extra_forbidden" else ()
        loc = tuple(p for p in parts[:len(parts) - len(own)] if not _is_union_tag(p)) + own
        if loc in unions:  # a value that fits no type of a union: said once, for the first
            continue
        if len(loc) < len(error["loc"]):
            unions.add(loc)
        problems.append(_problem(error, loc, marks))
    return sorted(unique(problems), key=lambda p: (p.line, p.column))


def _is_union_tag(part) -> bool:
    return isinstance(part, str) and ("[" in part or part in {"str", "int", "float", "bool"})


def _problem(error: dict, loc: tuple, marks: Marks) -> Problem:
    kind, given = error["type"], error.get("input")
    if kind == "extra_forbidden":
        known = sorted(_fields_at(loc[:-1]))
        close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        hint = _("did you mean `{word}`?").format(word=close[0]) if close \
            else _("known keys: {keys}").format(keys=", ".join(known))
        return marks.problem(loc, _("unknown key `{key}`").format(key=loc[-1]), hint=hint,
                             at_key=True)
    if kind == "missing":
        return marks.problem(loc, _("this is required but missing"),
                             at_key=loc[:-1] in marks.values)
    if kind == "literal_error":
        expected = re.findall(r"'([^']*)'", error["ctx"]["expected"])
        word = str(given).strip().lower()
        longer = [value for value in expected if word and value.startswith(word)]  # a3 → a3-…
        close = [MEANT[word]] if MEANT.get(word) in expected else longer[:1] \
            if len(longer) == 1 else difflib.get_close_matches(word, expected, n=1, cutoff=0.5)
        return marks.problem(loc, _("expected one of {values}, got {given}").format(
            values=", ".join(expected), given=_shown(given)),
            hint=_("did you mean `{word}`?").format(word=close[0]) if close else "")
    if kind in ("value_error", "assertion_error"):
        return marks.problem(loc, str(error["ctx"]["error"]))
    if kind == "too_short" and isinstance(given, list):
        return marks.problem(loc, _("needs at least one entry"))
    if kind in ("list_type",):
        return marks.problem(loc, _("expected a list (lines starting with `- `), got {given}")
                             .format(given=_shown(given)))
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return marks.problem(loc, _("expected `key: value` lines, got {given}").format(
            given=_shown(given)))
    if kind in ("string_type",):
        return marks.problem(loc, _("expected text, got {given}").format(given=_shown(given)))
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return marks.problem(loc, _("expected a whole number, got {given}").format(
            given=_shown(given)))
    if kind in ("float_type", "float_parsing"):
        return marks.problem(loc, _("expected a number, got {given}").format(given=_shown(given)))
    if kind in ("bool_type", "bool_parsing"):
        meant = MEANT.get(str(given).strip().lower())
        return marks.problem(loc, _("expected true or false, got {given}").format(
            given=_shown(given)), hint=_("did you mean `{word}`?").format(word=meant)
            if meant in ("true", "false") else "")
    if kind == "greater_than_equal":
        return marks.problem(loc, _("{given} is too small: the least is {limit}").format(
            given=_shown(given), limit=error["ctx"]["ge"]))
    if kind == "less_than_equal":
        return marks.problem(loc, _("{given} is too large: the most is {limit}").format(
            given=_shown(given), limit=error["ctx"]["le"]))
    if kind == "string_pattern_mismatch" and loc[:2] == ("poster", "sizes"):
        sizes = [f"a{n}{turn}" for n in range(1, 5) for turn in ("", "-landscape")]
        close = difflib.get_close_matches(str(given).strip().lower(), sizes, n=1, cutoff=0.5)
        return marks.problem(loc, _("expected a4, a3, a2 or a1, optionally with -landscape, "
                                    "got {given}").format(given=_shown(given)),
                             hint=_("did you mean `{word}`?").format(word=close[0])
                             if close else "")
    return marks.problem(loc, _("this value does not fit here: {given}").format(
        given=_shown(given)))


def _shown(value) -> str:
    if isinstance(value, dict):
        return _("a set of `key: value` lines")
    if isinstance(value, list):
        return _("a list")
    if value is None:
        return _("nothing")
    text = " ".join(str(value).split())
    return _('"{value}"').format(value=text if len(text) <= 60 else text[:59] + "…")


def _fields_at(loc: tuple) -> set[str]:
    """The keys allowed at `loc` in the model, for did-you-mean hints."""
    model: type[BaseModel] = Exhibition
    for part in loc:
        if isinstance(part, int):
            continue
        annotation = model.model_fields[part].annotation
        found = _model_in(annotation)
        if found is None:
            return set()
        model = found
    return set(model.model_fields)


def _model_in(annotation):
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _link_problems(data, marks: Marks, loc=()) -> list[Problem]:
    """Links too long for any QR code to hold."""
    problems = []
    items = data.items() if isinstance(data, dict) else enumerate(data) \
        if isinstance(data, list) else ()
    for key, value in items:
        if key in LINK_FIELDS and isinstance(value, str) and len(value.encode()) > MAX_LINK:
            problems.append(marks.problem(
                loc + (key,), _("the link is {size} bytes long; a QR code holds at most {limit}")
                .format(size=number(len(value.encode())), limit=number(MAX_LINK)),
                hint=_("use the catalogue's short link for the record")))
        else:
            problems += _link_problems(value, marks, loc + (key,))
    return problems


def _too_long(text: str) -> tuple[int, str] | None:
    """(line offset, message) when a prose text is longer than a booklet can lay out in
    good time; else None."""
    if len(text) > MAX_PROSE:
        return 0, _("the text is {size} characters long; at most {limit} fit here").format(
            size=number(len(text)), limit=number(MAX_PROSE))
    start = 0
    for paragraph in text.split("\n\n"):
        if len(paragraph) > MAX_PARAGRAPH:
            return text.count("\n", 0, start), _(
                "a paragraph of {size} characters; at most {limit} in one paragraph").format(
                size=number(len(paragraph)), limit=number(MAX_PARAGRAPH))
        start += len(paragraph) + 2
    return None


def _markdown_problems(data, marks: Marks, loc=()) -> list[Problem]:
    problems = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key in MARKDOWN_FIELDS and isinstance(value, str):
                problems += _prose_problems(value, marks, loc + (key,))
            elif key in MARKDOWN_FIELDS and isinstance(value, dict):  # {kk: …, ru: …}
                for lang, text in value.items():
                    if isinstance(text, str):
                        problems += _prose_problems(text, marks, loc + (key, lang))
            else:
                problems += _markdown_problems(value, marks, loc + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            problems += _markdown_problems(value, marks, loc + (i,))
    return problems


def _prose_problems(value: str, marks: Marks, loc: tuple) -> list[Problem]:
    """A prose text too long, or Markdown that cannot be printed, at its line."""
    too_long = _too_long(value)
    if too_long:
        line, col = marks.of_text_line(loc, too_long[0])
        return [Problem(marks.file, line, col, too_long[1], where=format_location(loc),
                        hint=_("split it into paragraphs, or shorten it"))]
    try:
        markdown.check(value)
    except markdown.MarkdownProblem as exc:
        line, col = marks.of_text_line(loc, exc.line_offset)
        return [Problem(marks.file, line, col, str(exc), where=format_location(loc))]
    return []
