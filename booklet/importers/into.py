"""Appending imported books to a section of an exhibition.yaml, leaving every other line of
the file — comments and formatting — as it was."""

from __future__ import annotations

from pathlib import Path

import yaml


class IntoError(ValueError):
    pass


def append_books(path: Path, section: int, books: list[dict]) -> None:
    text = path.read_text(encoding="utf-8-sig")
    lines = text.splitlines(keepends=True)
    root = yaml.compose(text)
    sections = _value(root, "sections")
    if not isinstance(sections, yaml.SequenceNode) or not 0 <= section < len(sections.value):
        count = len(sections.value) if isinstance(sections, yaml.SequenceNode) else 0
        raise IntoError(f"{path} has no section {section} (it has {count}; they count from 0)")
    item = sections.value[section]
    books_node = _value(item, "books")
    if books_node is None:
        indent = item.value[0][0].start_mark.column
        at = _end_of(lines, item.end_mark.line)
        block = " " * indent + "books:\n" + _items(books, indent + 2)
    elif isinstance(books_node, yaml.SequenceNode) and not books_node.flow_style:
        indent = books_node.start_mark.column
        at = _end_of(lines, books_node.end_mark.line)
        block = _items(books, indent)
    else:
        raise IntoError(f"{path}: write the books of section {section} as a list of "
                        "`- title: …` lines to add to them")
    if at > 0 and not lines[at - 1].endswith("\n"):
        lines[at - 1] += "\n"
    lines.insert(at, block)
    path.write_text("".join(lines), encoding="utf-8")


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
