"""Finishing the rendered PDF with pikepdf: boxes, pages as forms, deterministic bytes."""

from __future__ import annotations

import io
import re

import pikepdf
from pikepdf import Name

MM = 72 / 25.4


def open_pdf(data: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(data))


def save(pdf: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, compress_streams=True,
             object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def box(page: pikepdf.Page, name: str) -> tuple[float, float, float, float]:
    value = page.obj.get(name, page.obj.MediaBox)
    return tuple(float(v) for v in value)


def cropped_to_trim(rendered: bytes) -> bytes:
    """The reading copy: every box is the trimmed page; the bleed is cut away."""
    with open_pdf(rendered) as pdf:
        for page in pdf.pages:
            trim = pikepdf.Array(box(page, "/TrimBox"))
            for name in ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox"):
                page.obj[name] = trim
        return save(pdf)


def page_as_form(pdf: pikepdf.Pdf, page: pikepdf.Page, bbox) -> pikepdf.Stream:
    """The page's drawing as a Form XObject clipped to `bbox`, in the page's own coordinates.

    It shares the page's /Resources object, so placing many pages duplicates no image or font.
    """
    contents = page.obj.Contents
    streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    data = b"\n".join(stream.read_bytes() for stream in streams)
    form = pikepdf.Stream(pdf, data)
    form.Type, form.Subtype = Name.XObject, Name.Form
    form.BBox = pikepdf.Array(bbox)
    form.Resources = page.obj.Resources
    return form


# WeasyPrint 70 paints a page's background (its @page background, bleed included) first on
# the page, alone (in a marked artifact when the PDF is tagged): colour, clip, fill. A page
# turned upside down (press/flip.py) has that drawing inside its turn.
_PAGE_BACKGROUND = re.compile(
    rb"\A((?:q -1 0 0 -1 [\d.]+ [\d.]+ cm\n)?"
    rb"1 0 0 -1 0 [\d.]+ cm\nq\n[\d. ]+ cm\nq\n(?:/Artifact\nBMC\n)?q\n(?:/a[\d.]+ gs\n)?)"
    rb"([\d.]+) ([\d.]+) ([\d.]+) rg\n(?=[-\d. ]+ re\nW\nn\n[-\d. ]+ re\nf\nQ\n)")


def without_page_background(content: bytes, colour: str) -> bytes:
    """A WeasyPrint page's drawing with its background painted white where that background
    is a flat `colour` (#rrggbb); any other page (a dark cover, a picture) as it was."""
    from booklet.render.contrast import rgb

    match = _PAGE_BACKGROUND.match(content)
    if not match or [round(float(v) * 255) for v in match.groups()[1:]] != list(rgb(colour)):
        return content
    return match.group(1) + b"1 1 1 rg\n" + content[match.end():]


def drop_navigation(pdf: pikepdf.Pdf) -> None:
    """Outline, tags and named destinations point at reading pages; sheets have none."""
    for key in ("/Outlines", "/StructTreeRoot", "/MarkInfo", "/Names", "/PageLabels"):
        if key in pdf.Root:
            del pdf.Root[key]
