"""The Markdown subset of prose fields (contract §3), to safe HTML.

Paragraphs, emphasis, strong, links, lists, block quotes and hard line breaks. Raw HTML and
images are refused, never passed through; links must be web or mail addresses.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt

from booklet.text.typography import typeset

ALLOWED_LINK = re.compile(r"^(https://|mailto:)", re.IGNORECASE)


class MarkdownProblem(ValueError):
    def __init__(self, message: str, line_offset: int):
        super().__init__(message)
        self.line_offset = line_offset


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
    # Indented code and headings are not part of the subset: paragraphs indented with spaces,
    # as text pasted from Word often is, stay paragraphs.
    md.disable(["code", "fence", "heading", "lheading", "hr", "reference"])
    # Let every link through the parser, so that a javascript: or file: link is refused with
    # an error by _tokens() instead of being printed as bracketed text.
    md.validateLink = lambda url: True
    return md


def check(text: str) -> None:
    """Raise MarkdownProblem for what the subset refuses."""
    _tokens(text)


def to_html(text: str | None, language: str) -> str:
    if not text:
        return ""
    tokens = _tokens(text)
    for token in tokens:
        for child in token.children or ():
            if child.type == "text":
                child.content = typeset(child.content, language)
    return _parser().renderer.render(tokens, _parser().options, {})


def _tokens(text: str):
    tokens = _parser().parse(text)
    block_line = 0
    for token in tokens:
        if token.map:
            block_line = token.map[0]
        if token.type == "html_block":
            raise MarkdownProblem("raw HTML is not allowed in text", block_line)
        for child in token.children or ():
            if child.type == "html_inline":
                raise MarkdownProblem(f"raw HTML is not allowed in text: {child.content}", block_line)
            if child.type == "image":
                raise MarkdownProblem("pictures are not allowed in text; use cover: or "
                                      "poster.image", block_line)
            if child.type == "link_open" and not ALLOWED_LINK.match(child.attrs.get("href", "")):
                raise MarkdownProblem(f'a link in text must start with https:// or mailto:, got '
                                      f'"{child.attrs.get("href", "")}"', block_line)
    return tokens
