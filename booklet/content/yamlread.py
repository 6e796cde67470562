"""Read a YAML file into plain values plus the line and column of every key and value.

PyYAML composes a node tree that keeps marks; we build the values ourselves from it so that
every value can be traced back to its place in the file, and so that aliases cannot expand
without bound.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from booklet.messages import N_, _
from booklet.problems import ContentError, Problem

MAX_BYTES = 5_000_000
MAX_NODES = 100_000  # values after alias expansion: a large exhibition has a few thousand
MAX_DEPTH = 40

Location = tuple  # ("sections", 0, "books", 2, "year")


@dataclass
class Marks:
    """Where each value (and each mapping key) of a YAML document starts, 1-based."""

    file: str
    values: dict[Location, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Location, tuple[int, int]] = field(default_factory=dict)
    block_scalars: set = field(default_factory=set)  # values written as `key: |` blocks
    lines: list[str] = field(default_factory=list)

    def of_text_line(self, loc: Location, offset: int) -> tuple[int, int]:
        """Where line `offset` of the text value at `loc` is in the file."""
        line, col = self.of_value(loc)
        if loc in self.block_scalars:
            line += 1 + offset
            text = self.lines[line - 1] if line <= len(self.lines) else ""
            col = len(text) - len(text.lstrip(" ")) + 1
        else:
            line += offset
        return line, col

    def of_value(self, loc: Location) -> tuple[int, int]:
        return self._nearest(self.values, tuple(loc))

    def of_key(self, loc: Location) -> tuple[int, int]:
        loc = tuple(loc)
        if loc in self.keys:
            return self.keys[loc]
        return self._nearest(self.values, loc)

    def _nearest(self, table, loc):
        while loc and loc not in table:
            loc = loc[:-1]
        return table.get(loc, (1, 1))

    def problem(self, loc: Location, message: str, hint: str = "", at_key=False,
                severity="error") -> Problem:
        if at_key:
            line, col = self.of_key(loc)
        elif tuple(loc) in self.block_scalars:  # `key: |`: point at the text, not at the bar
            line, col = self.of_text_line(tuple(loc), 0)
        else:
            line, col = self.of_value(loc)
        return Problem(self.file, line, col, message, where=format_location(loc), hint=hint,
                       severity=severity)


def format_location(loc: Location) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


EXHIBITION_HINT = N_("start from `booklet new DIR`, or write at least title, library and "
                     "sections")


def read_yaml(path: Path, shown_name: str, empty_hint: str | None = None
              ) -> tuple[dict, Marks]:
    """Parse `path` (a mapping at the top) into values and marks, or raise ContentError."""
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        raise _error(shown_name, 1, 1, _("the file is {size} MB; an exhibition.yaml is at "
                                         "most {limit} MB").format(
            size=len(raw) // 1_000_000, limit=MAX_BYTES // 1_000_000))
    text = decode(raw, shown_name)
    if not text.strip() or all(line.lstrip().startswith("#") or not line.strip()
                               for line in text.splitlines()):
        raise _error(shown_name, 1, 1, _("the file is empty"),
                     hint=empty_hint or _(EXHIBITION_HINT))
    marks = Marks(shown_name, lines=text.splitlines())
    try:
        node = _compose(straighten_quotes(text))
    except RecursionError:
        line, col = _too_deep(text)
        raise _error(shown_name, line, col, _("the YAML nests more than {limit} levels deep")
                     .format(limit=MAX_DEPTH),
                     hint=_("an exhibition needs a few levels; check the brackets")) from None
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(exc, shown_name, marks.lines) from None
    except yaml.reader.ReaderError as exc:  # a control character: invisible in most editors
        before = text[: exc.position]
        line, col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise _error(shown_name, line, col, _("the file holds the control character {code}, "
                                              "which YAML does not allow").format(
            code=f"U+{code:04X}"), hint=_("delete it; it is usually invisible")) from None
    except yaml.YAMLError as exc:
        raise _error(shown_name, 1, 1, _("not valid YAML: {what}").format(
            what=" ".join(str(exc).split()))) from None
    if not isinstance(node, yaml.MappingNode):
        line, col = _mark(node.start_mark)
        raise _error(shown_name, line, col, _("the file must be `key: value` lines at the top "
                                              "level"), hint=empty_hint or _(EXHIBITION_HINT))
    builder = _Builder(marks)
    data = builder.build(node, ())
    return data, marks


def _compose(text: str):
    """The node tree, by libyaml when PyYAML has it (five times faster on a long list); a
    mistake is parsed again by the Python parser, whose messages name the character."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is None:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    try:
        return yaml.compose(text, Loader=fast)
    except yaml.YAMLError:
        return yaml.compose(text, Loader=yaml.SafeLoader)


def _too_deep(text: str) -> tuple[int, int]:
    """Where a document too deep for the composer goes deeper than MAX_DEPTH: found from
    the parser's events, which come one by one without recursion."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                return _mark(event.start_mark)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return 1, 1


def decode(raw: bytes, shown_name: str) -> str:
    """UTF-8 with or without BOM (and UTF-16 with BOM, as Notepad saves 'Unicode')."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            before = raw[:exc.start].decode("utf-16", "replace")
            line, col = before.count("\n") + 1, len(before) - before.rfind("\n")
            raise _error(shown_name, line, col, _("the file is UTF-16 with a broken character "
                                                  "(a lone surrogate)"),
                         hint=_("save it as UTF-8: in Notepad choose File → Save as → "
                                "Encoding: UTF-8")) from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        message = _("the file is not UTF-8 (it looks like Windows-1251)") if _looks_cp1251(raw) \
            else _("the file is not UTF-8")
        raise _error(shown_name, line, col, message, hint=_(
            "save it as UTF-8: in Notepad choose File → Save as → Encoding: UTF-8")) from None


def _looks_cp1251(raw: bytes) -> bool:
    text = raw.decode("cp1251", "replace")
    letters = [c for c in text if c.isalpha()]
    cyrillic = [c for c in letters if "\u0400" <= c <= "\u04ff"]
    return len(cyrillic) > len(letters) / 3


class _Builder:
    def __init__(self, marks: Marks):
        self.marks = marks
        self.constructor = SafeConstructor()
        self.count = 0

    def build(self, node, loc: Location):
        self.count += 1
        if self.count > MAX_NODES or len(loc) > MAX_DEPTH:
            line, col = _mark(node.start_mark)
            message = _("the YAML nests too deeply (anchors and aliases?)") \
                if len(loc) > MAX_DEPTH else _("the YAML expands to too many values (anchors "
                                               "and aliases?)")
            raise _error(self.marks.file, line, col, message, hint=_(
                "write the values out; `&anchor` and `*alias` are not needed here"))
        self.marks.values[loc] = _mark(node.start_mark)
        if isinstance(node, yaml.ScalarNode):
            if node.style in ("|", ">"):
                self.marks.block_scalars.add(loc)
            try:
                return self.constructor.construct_object(node)
            except ValueError:  # 2026-02-30: left as text for the model to explain
                return node.value
            except Exception as exc:  # an unknown or mistyped tag: `!foo`, `!!timestamp x`
                line, col = _mark(node.start_mark)
                raise _error(self.marks.file, line, col,
                             _("cannot read this value ({why})").format(why=_reason(exc))) from None
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, loc + (i,)) for i, child in enumerate(node.value)]
        try:
            self.constructor.flatten_mapping(node)
        except ConstructorError as exc:
            raise _yaml_error(exc, self.marks.file, self.marks.lines) from None
        result = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                line, col = _mark(key_node.start_mark)
                raise _error(self.marks.file, line, col,
                             _("a key must be a plain word such as `title`"))
            try:
                key = str(self.constructor.construct_object(key_node))
            except Exception as exc:  # `!foo bar:`, `!!int abc:`
                line, col = _mark(key_node.start_mark)
                raise _error(self.marks.file, line, col, _("cannot read this key ({why})").format(
                    why=_reason(exc)), hint=_("a key is a plain word such as `title`")) from None
            where = loc + (key,)
            if key in result:
                line, col = _mark(key_node.start_mark)
                first = self.marks.keys[where]
                raise _error(self.marks.file, line, col,
                             _("`{key}` is given twice (first on line {line})").format(
                                 key=key, line=first[0]),
                             where=format_location(where))
            self.marks.keys[where] = _mark(key_node.start_mark)
            result[key] = self.build(value_node, where)
        return result


def _reason(exc: Exception) -> str:
    if isinstance(exc, yaml.MarkedYAMLError):
        return exc.problem or _("not valid YAML")
    return f"{type(exc).__name__}: {exc}"


def _mark(mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _error(file, line, col, message, hint="", where="") -> ContentError:
    return ContentError([Problem(file, line, col, message, where=where, hint=hint)])


# A value quoted the way a word processor quotes, “…” or „…“, or mixed with a straight
# quote: the quote characters have the same length as YAML's ", so every column stays.
_TYPOGRAPHIC = re.compile(r"""(?P<before>(?::|^\s*-|[\[{,])\s+|[\[{,])(?P<open>[“„”"])"""
                          r"""(?P<text>[^“”„"\\\n]*)(?P<close>[”“"])(?=\s*(?:[,}\]]|#|$))""",
                          re.MULTILINE)
_BLOCK_START = re.compile(r":\s*[|>][-+0-9]*\s*(?:#.*)?$")
# `accent: #8c1c13` is a key with a comment in YAML; nobody means that for a colour
_HEX_COLOUR = re.compile(r"^(\s*[\w-]+:\s+)(#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3}))(?=\s*$)")


def straighten_quotes(text: str) -> str:
    """Typographic quotes around a whole value taken as YAML's straight ones (the printed
    text gets «…» from the typography anyway), and a colour `#8c1c13` as a value, not as a
    comment. Lines of `key: |` blocks are left as written."""
    lines, block_indent = text.split("\n"), None
    for i, line in enumerate(lines):
        indent = len(line) - len(line.lstrip(" "))
        if block_indent is not None and (not line.strip() or indent > block_indent):
            continue
        block_indent = indent if _BLOCK_START.search(line) else None
        lines[i] = _HEX_COLOUR.sub(r'\1"\2"', _TYPOGRAPHIC.sub(_straight, line))
    return "\n".join(lines)


def _straight(match) -> str:
    if match["open"] == match["close"] == '"':
        return match[0]
    return f'{match["before"]}"{match["text"]}"'


def _yaml_error(exc: yaml.MarkedYAMLError, file: str, lines: list[str]) -> ContentError:
    mark = exc.problem_mark or exc.context_mark
    line, col = _mark(mark) if mark else (1, 1)
    problem = exc.problem or exc.context or "not valid YAML"
    near = " ".join(lines[max(0, line - 2):line])
    if "\\t" in problem or "\t" in problem:
        return _error(file, line, col, _("a tab is used for indentation; YAML needs spaces"),
                      hint=_("replace the tab with spaces (two per level)"))
    if any(quote in near for quote in "“”„"):
        return _error(file, line, col, _("typographic quotes “…” cannot quote a value in YAML: "
                                         "use \"…\" — the printed text gets «…» anyway"))
    here, above = (lines[line - 1] if line <= len(lines) else ""), _line_above(lines, line)
    key = re.match(r"\s*(?:-\s+)?[^:#]+:", here)
    if ("mapping values are not allowed" in problem and _indent(here) > _indent(above)
            and key and col <= key.end() and re.match(r"\s*(?:-\s+)?[^:#]+:\s+[^\s#]", above)):
        return _error(file, line, col, _("this line is indented further than the line before "
                                         "it, which already has its value"),
                      hint=_("keys of one entry start in the same column"))
    explained = _explained(problem, exc.context or "")
    if explained:
        return _error(file, line, col, *explained)
    return _error(file, line, col, _("not valid YAML: {what}").format(what=problem))


def _line_above(lines: list[str], line: int) -> str:
    for text in reversed(lines[:line - 1]):
        if text.strip() and not text.lstrip().startswith("#"):
            return text
    return ""


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _explained(problem: str, context: str) -> tuple[str, str] | None:
    """PyYAML's words for the usual mistakes, said as a librarian would need them."""
    if "mapping values are not allowed" in problem:
        return (_("a colon and a space inside a value, which YAML reads as a new key"),
                _("put the whole value in straight quotes: title: \"Сказки: стихи\""))
    if "could not find expected ':'" in problem:
        return (_("this line is neither `key: value` nor a list entry `- …`"),
                _("check the colon of this line and the indentation of the one before"))
    if "<block mapping start>" in problem:
        return (_("this line is indented further than the key before it"),
                _("keys of one entry start in the same column"))
    if "expected <block end>, but found '-'" in problem or "expected '-' indicator" in problem:
        return (_("a list entry `- ` does not line up with the entries before it"),
                _("start every `- ` of one list in the same column"))
    if "expected <block end>" in problem or "did not find expected key" in problem:
        return (_("this line does not line up with the lines before it"),
                _("check its indentation; a value that goes on to the next line needs "
                  "quotes or `|`"))
    if "end of stream" in problem and "quoted scalar" in context:
        return (_("a quote opened here is never closed"),
                _("end the value with the same straight quote it starts with"))
    if "found character" in problem or "found undefined alias" in problem:
        return (_("a value starts with a character YAML reserves (` @ * & ! % |)"),
                _("put the text in quotes"))
    return None
