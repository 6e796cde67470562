"""Appending imported books to a section of an exhibition.yaml, leaving every other line of
the file — comments, formatting, a BOM, CRLF line ends — as it was. The file is replaced
atomically: a full disk or a killed process leaves the old file whole."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import yaml

from booklet.content.yamlread import _yaml_error
from booklet.messages import _, ngettext, reason
from booklet.press.output import write_atomic


class IntoError(ValueError):
    """`FILE:LINE:COL: error: what` — the target cannot take the books; it is untouched."""

    def __init__(self, path: Path, mark, what: str):
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        super().__init__(f"{path}:{line}:{column}: error: {what}")


def append_books(path: Path, section: int, books: list[dict]) -> int:
    """Add the books that the section does not hold yet (same ISBN, or same title and year)
    to section `section` (counted from 1); returns how many were already there."""
    raw = _read(path)
    bom = raw.startswith(codecs.BOM_UTF8)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IntoError(path, None, _("not UTF-8 text (byte {offset}); is it the exhibition's "
                                      "YAML file?").format(offset=exc.start)) from None
    newline = "\r\n" if "\r\n" in text else "\n"
    text = text.replace("\r\n", "\n")
    item = _section(path, text, section)
    books_node = _value(item, "books")
    held = _held(books_node)
    new = [book for book in books if not (_keys(book) & held)]
    lines = text.splitlines(keepends=True)
    if books_node is None:
        indent = item.value[0][0].start_mark.column
        at = _end_of(lines, item.end_mark.line)
        block = " " * indent + "books:\n" + _items(new, indent + 2)
    elif isinstance(books_node, yaml.SequenceNode) and not books_node.flow_style:
        indent = books_node.start_mark.column
        at = _end_of(lines, books_node.end_mark.line)
        block = _items(new, indent)
    elif _empty(books_node):  # `books:` or `books: []`: the list starts on the next line
        key = next(k for k, v in item.value if v is books_node)
        line, at = key.start_mark.line, key.start_mark.line + 1
        rest = lines[line][books_node.end_mark.column:] if books_node.end_mark.line == line else "\n"
        if new:
            lines[line] = lines[line][:key.end_mark.column] + ":" + (rest if rest.strip() else "\n")
        block = _items(new, key.start_mark.column + 2)
    else:
        raise IntoError(path, books_node.start_mark, f"sections[{section}].books: " + _(
            "write the books as a list of `- title: …` lines to add to them"))
    if new:
        if at > 0 and not lines[at - 1].endswith("\n"):
            lines[at - 1] += "\n"
        lines.insert(at, block)
        data = "".join(lines).replace("\n", newline).encode("utf-8")
        write_atomic(path, codecs.BOM_UTF8 + data if bom else data)
    return len(books) - len(new)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise IntoError(path, None, _("no such file; make one with `booklet new`")) from None
    except IsADirectoryError:
        raise IntoError(path, None, _("a folder, not the exhibition's YAML file")) from None
    except OSError as exc:
        raise IntoError(path, None, _("cannot be read: {why}").format(why=reason(exc))) from None


def _section(path: Path, text: str, section: int):
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:  # said as `booklet build` says it
        raise IntoError(path, exc.problem_mark or exc.context_mark, _yaml_error(
            exc, str(path), text.splitlines()).problems[0].message) from None
    except yaml.YAMLError as exc:
        raise IntoError(path, None, _("not valid YAML: {what}").format(
            what=" ".join(str(exc).split()))) from None
    except RecursionError:
        raise IntoError(path, None, _("nested too deeply to be an exhibition")) from None
    if not isinstance(root, yaml.MappingNode):
        raise IntoError(path, root.start_mark if root else None,
                        _("not an exhibition: expected `title:`, `sections:`… at the top"))
    sections = _value(root, "sections")
    count = len(sections.value) if isinstance(sections, yaml.SequenceNode) else 0
    if not count or not 1 <= section <= count:
        where = sections.start_mark if sections is not None else root.start_mark
        raise IntoError(path, where, "sections: " + (ngettext(
            "no section {section}: the file has {n} (they count from 1, as printed in the "
            "booklet)", "no section {section}: the file has {n} (they count from 1, as printed "
            "in the booklet)", count) if count else _(
            "no section {section}: the file has none")).format(section=section, n=count))
    item = sections.value[section - 1]
    if not isinstance(item, yaml.MappingNode) or not item.value:
        raise IntoError(path, item.start_mark, f"sections[{section}]: " + _(
            "expected a section with `title:`"))
    return item


def _empty(node) -> bool:
    """`books:` with nothing after it, or `books: []`, on one line."""
    if isinstance(node, yaml.ScalarNode):
        return node.tag == "tag:yaml.org,2002:null" and node.value in ("", "~", "null")
    return (isinstance(node, yaml.SequenceNode) and not node.value
            and node.start_mark.line == node.end_mark.line)


def _held(books_node) -> set:
    held = set()
    if isinstance(books_node, yaml.SequenceNode):
        for node in books_node.value:
            if isinstance(node, yaml.MappingNode):
                held |= _keys({k.value: v.value for k, v in node.value
                               if isinstance(v, yaml.ScalarNode)})
    return held


def _keys(book: dict) -> set:
    """What makes two records the same book: the ISBN's digits, or the title and year."""
    keys = set()
    if book.get("isbn"):
        keys.add(("isbn", re.sub(r"[^0-9X]", "", str(book["isbn"]).upper())))
    if book.get("title"):
        title = " ".join(str(book["title"]).lower().split())
        keys.add(("title", title, str(book.get("year") or "")))
    return keys


def _value(mapping, key):
    if isinstance(mapping, yaml.MappingNode):
        for k, v in mapping.value:
            if k.value == key:
                return v
    return None


def _end_of(lines: list[str], line: int) -> int:
    """Where a block ends: before the blank and comment lines that lead to the next one."""
    at = min(line, len(lines))
    while at > 0 and (not lines[at - 1].strip() or lines[at - 1].lstrip().startswith("#")):
        at -= 1
    return at


def _items(books: list[dict], indent: int) -> str:
    dumped = yaml.safe_dump(books, allow_unicode=True, sort_keys=False, width=100,
                            default_flow_style=False)
    return "".join(" " * indent + line + "\n" for line in dumped.splitlines())
