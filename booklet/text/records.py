"""Bibliographic records built from a book's fields.

For now one style close to GOST 7.1-2003 (areas separated by ". — ", a heading with the
first author inverted for one to three authors). The exact GOST styles come later.
"""

from __future__ import annotations

from booklet.content.model import Book
from booklet.text import names
from booklet.text.labels import labels

DASH = ". —\u00a0"


def record(book: Book, language: str) -> str:
    """The record that follows the title line of an entry: responsibility and imprint."""
    if book.record:
        return book.record
    words = labels(book.language or language)
    parts = []
    responsibility = []
    if book.authors:
        shown = book.authors if len(book.authors) <= 3 else book.authors[:1]
        text = ", ".join(names.direct(a) for a in shown)
        if len(book.authors) > 3:
            text += f" [{words['and_others']}]"
        responsibility.append(text)
    for contributor in book.contributors:
        responsibility.append(f"{words[contributor.role]} {names.direct(contributor.name)}")
    title = book.title + (f" : {book.subtitle}" if book.subtitle else "")
    if book.volume:
        title += f". {book.volume}"
    heading = f"{names.inverted(book.authors[0])} " if 1 <= len(book.authors) <= 3 else ""
    parts.append(heading + title + (" / " + " ; ".join(responsibility) if responsibility else ""))
    if book.edition:
        parts.append(book.edition)
    imprint = book.place or ""
    if book.publisher:
        imprint += (" : " if imprint else "") + book.publisher
    if book.year:
        imprint += (", " if imprint else "") + str(book.year)
    if imprint:
        parts.append(imprint)
    if book.pages:
        extent = f"{book.pages}\u00a0{words['pages']}"
        parts.append(extent + (f" — ({book.series})" if book.series else ""))
    elif book.series:
        parts.append(f"({book.series})")
    if book.isbn:
        parts.append(f"ISBN {book.isbn}")
    text = DASH.join(parts)
    return text if text.endswith(".") else text + "."
