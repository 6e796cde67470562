"""The Markdown subset of prose fields (contract §3), to safe HTML.

Paragraphs, emphasis, strong, links, lists, block quotes and hard line breaks. Raw HTML and
images are refused, never passed through; links must be web or mail addresses.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from booklet.text.typography import addresses, typeset_pieces

ALLOWED_LINK = re.compile(r"^(https://|mailto:)", re.IGNORECASE)
# What inline markup stands for in the text the typography rules read: a hard line break ends
# a line, inline code is one symbol; tags (emphasis, links) are nothing, only a cut.
_STANDS_FOR = {"hardbreak": "\n", "code_inline": "\ufffc"}
_BULLET = re.compile(r"^[ ]{0,3}(?:[-+*]|\d{1,9}[.)])[ \t]")  # a list item's first line


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
        if token.type == "inline":
            token.children = _typeset_inline(token.children or [], language)
    return _parser().renderer.render(tokens, _parser().options, {})


def _typeset_inline(children: list[Token], language: str) -> list[Token]:
    """A paragraph's inline tokens, typeset as one text: soft line breaks of the source are
    spaces, and the rules hold across emphasis and links. Web and e-mail addresses come
    wrapped in <span class="nh">, never hyphenated."""
    parts: list[str | Token] = []  # runs of text (soft breaks included) and markup, in order
    for child in children:
        if child.type in ("text", "softbreak"):
            text = child.content if child.type == "text" else " "
            if parts and isinstance(parts[-1], str):
                parts[-1] += text
            else:
                parts.append(text)
        else:
            parts.append(child)
    pieces = typeset_pieces([part if isinstance(part, str) else _STANDS_FOR.get(part.type, "")
                             for part in parts], language)
    spans = addresses("".join(pieces))
    out, start = [], 0
    for part, piece in zip(parts, pieces):
        if isinstance(part, str):
            out += _text_tokens(piece, start, spans)
        else:
            out.append(part)
        start += len(piece)
    return out


def _text_tokens(text: str, start: int, spans: list[tuple[int, int]]) -> list[Token]:
    """`text`, which starts at `start` of the paragraph, as text tokens, with what falls in
    `spans` wrapped in a no-hyphenation span (our own markup: the only HTML let through)."""
    out, at = [], 0
    for a, b in spans:
        a, b = max(a - start, at), min(b - start, len(text))
        if a >= b:
            continue
        out += [Token("text", "", 0, content=text[at:a]),
                Token("html_inline", "", 0, content='<span class="nh">'),
                Token("text", "", 0, content=text[a:b]),
                Token("html_inline", "", 0, content="</span>")]
        at = b
    out.append(Token("text", "", 0, content=text[at:]))
    return [token for token in out if token.content]


def _dashes_kept_in_paragraphs(text: str) -> str:
    """A hyphen used as a dash that the wrapping of the source put at the start of a line
    («АЛЖИР\\n- Акмолинский») would start a list: escaped, it stays in its sentence. It is a
    list item if its paragraph already holds one, the line before ends with a colon, or the
    next line is an item too."""
    lines = text.split("\n")
    block_start = 0
    for i, line in enumerate(lines):
        if not line.strip():
            block_start = i + 1
        if not (line.lstrip().startswith("- ") and i > block_start):
            continue
        after = lines[i + 1] if i + 1 < len(lines) else ""
        if not (lines[i - 1].rstrip().endswith(":") or _BULLET.match(after)
                or any(_BULLET.match(other) for other in lines[block_start:i])):
            lines[i] = line.replace("-", "\\-", 1)
    return "\n".join(lines)


def _tokens(text: str):
    tokens = _parser().parse(_dashes_kept_in_paragraphs(text))
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
