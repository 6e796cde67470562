"""The pages of a tête-bêche booklet put together: the first half's pages in order, then the
second half's in reverse order, each turned upside down. The last page is then the second
language's front cover, and the booklet, turned over and round, reads from it.

The turn is drawn into each page (its drawing, boxes and links turned about the page's
centre), not left to /Rotate, which the imposition's forms would not see.
"""

from __future__ import annotations

import pikepdf
from pikepdf import Name

from booklet.press.pdf import box, open_pdf, save

BOXES = ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox")


def joined(pdfs: list[bytes]) -> bytes:
    """The booklet's PDF from its one rendered PDF, or from the two halves of a tête-bêche one."""
    return tete_beche(*pdfs) if len(pdfs) == 2 else pdfs[0]


def tete_beche(first: bytes, second: bytes) -> bytes:
    """One PDF: `first`'s pages, then `second`'s backwards and upside down; its outline
    holds each half's under that half's title, its tags each half's as a part in that half's
    language. Named destinations, which point into one half only, are left out."""
    with open_pdf(first) as pdf, open_pdf(second) as other:
        _explicit_destinations(other)
        _explicit_destinations(pdf)
        count, more = len(pdf.pages), len(other.pages)
        halves = [(_title(pdf), 0, _headings(pdf, lambda i: i)),
                  (_title(other), count + more - 1, _headings(other, lambda i: count + more - 1 - i))]
        for page in reversed(list(other.pages)):
            pdf.pages.append(page)
        for page in list(pdf.pages)[count:]:
            _turned(pdf, page)
        _tags_joined(pdf, other, list(pdf.pages)[count:])
        for key in ("/Names", "/Outlines", "/PageLabels"):
            if key in pdf.Root:
                del pdf.Root[key]
        with pdf.open_outline() as outline:  # each half under its own cover's title
            for title, cover, headings in halves:
                item = pikepdf.OutlineItem(title, cover)
                item.children.extend(_items(headings))
                outline.root.append(item)
        return save(pdf)


def _tags_joined(pdf: pikepdf.Pdf, other: pikepdf.Pdf, pages: list) -> None:
    """`other`'s structure tree joined to `pdf`'s, whose `pages` are `other`'s copied: one
    Document holding each half's as a Part in its language, `other`'s parent tree keys moved
    past `pdf`'s. Without tags in both halves, none."""
    root, theirs = pdf.Root.get("/StructTreeRoot"), other.Root.get("/StructTreeRoot")
    if root is None or theirs is None:
        for key in ("/StructTreeRoot", "/MarkInfo"):
            if key in pdf.Root:
                del pdf.Root[key]
        for page in pdf.pages:
            if "/StructParents" in page.obj:
                del page.obj["/StructParents"]
        return
    ours = list(root.ParentTree.Nums)
    shift = max((int(key) for key in ours[::2]), default=-1) + 1
    for page in pages:  # their keys, on the copied pages and their links, moved past ours
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + shift
        for annot in page.obj.get("/Annots", []):
            if "/StructParent" in annot:
                annot.StructParent = int(annot.StructParent) + shift
    copied = pdf.copy_foreign(theirs)  # its /Pg: the pages copied above, not copied again
    nums = list(copied.ParentTree.Nums)
    nums[::2] = [int(key) + shift for key in nums[::2]]
    root.ParentTree = pdf.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(ours + nums)))
    document = pdf.make_indirect(pikepdf.Dictionary(Type=Name.StructElem, S=Name.Document,
                                                    P=root, K=pikepdf.Array()))
    for tree, lang in ((root, pdf.Root.get("/Lang")), (copied, other.Root.get("/Lang"))):
        part = pdf.make_indirect(pikepdf.Dictionary(Type=Name.StructElem, S=Name.Part,
                                                    P=document, K=tree.K))
        if lang is not None:
            part.Lang = lang
        for kid in tree.K if isinstance(tree.K, pikepdf.Array) else [tree.K]:
            if isinstance(kid, pikepdf.Dictionary):
                kid.P = part
        document.K.append(part)
    root.K = document
    spaces = list(root.get("/Namespaces", []))
    known = {space.objgen for space in spaces}
    spaces += [space for space in copied.get("/Namespaces", []) if space.objgen not in known]
    if spaces:
        root.Namespaces = pikepdf.Array(spaces)


def _title(pdf: pikepdf.Pdf) -> str:
    return str(pdf.docinfo.get("/Title", "")) or "—"


def _headings(pdf: pikepdf.Pdf, where) -> list:
    """The outline of one half as (title, page index in the whole, children)."""
    indexes = {page.objgen: i for i, page in enumerate(pdf.pages)}

    def walk(items):
        found = []
        for item in items:
            target = item.destination
            page = target[0] if isinstance(target, pikepdf.Array) and len(target) else None
            if page is not None and page.objgen in indexes:
                found.append((item.title, where(indexes[page.objgen]), walk(item.children)))
        return found

    with pdf.open_outline() as outline:
        return walk(outline.root)


def _items(headings) -> list:
    items = []
    for title, index, children in headings:
        item = pikepdf.OutlineItem(title, index)
        item.children.extend(_items(children))
        items.append(item)
    return items


def _turned(pdf: pikepdf.Pdf, page: pikepdf.Page) -> None:
    """`page` turned 180° about its MediaBox's centre: drawing, boxes and link areas."""
    x0, y0, x1, y1 = box(page, "/MediaBox")
    cx, cy = x0 + x1, y0 + y1  # a point (x, y) goes to (cx - x, cy - y)
    page.contents_add(pdf.make_stream(f"q -1 0 0 -1 {cx:.4f} {cy:.4f} cm".encode()),
                      prepend=True)
    page.contents_add(pdf.make_stream(b"Q"))
    for name in BOXES:
        if name in page.obj:
            a, b, c, d = (float(v) for v in page.obj[name])
            page.obj[name] = pikepdf.Array([cx - c, cy - d, cx - a, cy - b])
    for annot in page.obj.get("/Annots", []):
        if "/Rect" in annot:
            a, b, c, d = (float(v) for v in annot.Rect)
            annot.Rect = pikepdf.Array([cx - c, cy - d, cx - a, cy - b])
        if "/QuadPoints" in annot:
            del annot["/QuadPoints"]  # the Rect alone is enough for a link


def _explicit_destinations(pdf: pikepdf.Pdf) -> None:
    """Links to named destinations made to point at their pages directly: the names of
    one half are not carried into the whole."""
    names = {}
    if "/Names" in pdf.Root and "/Dests" in pdf.Root.Names:
        tree = pikepdf.NameTree(pdf.Root.Names.Dests)
        names = {str(key): value for key, value in tree.items()}
    for page in pdf.pages:
        for annot in page.obj.get("/Annots", []):
            target = annot.get("/Dest")
            if target is None and "/A" in annot and annot.A.get("/S") == Name.GoTo:
                target = annot.A.get("/D")
            if isinstance(target, (pikepdf.String, pikepdf.Name)):
                found = names.get(str(target).lstrip("/"))
                if isinstance(found, pikepdf.Dictionary):
                    found = found.get("/D")
                if found is not None:
                    if "/A" in annot:
                        del annot["/A"]
                    annot.Dest = found
