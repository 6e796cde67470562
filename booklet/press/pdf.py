"""Finishing the rendered PDF with pikepdf: boxes, pages as forms, deterministic bytes."""

from __future__ import annotations

import io

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


def drop_navigation(pdf: pikepdf.Pdf) -> None:
    """Outline, tags and named destinations point at reading pages; sheets have none."""
    for key in ("/Outlines", "/StructTreeRoot", "/MarkInfo", "/Names", "/PageLabels"):
        if key in pdf.Root:
            del pdf.Root[key]
