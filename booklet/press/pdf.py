"""Finishing the rendered PDF with pikepdf: boxes and deterministic bytes."""

from __future__ import annotations

import io

import pikepdf


def open_pdf(data: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(data))


def save(pdf: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, compress_streams=True,
             object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def cropped_to_trim(rendered: bytes) -> bytes:
    """The reading copy: every box is the trimmed page; the bleed is cut away."""
    with open_pdf(rendered) as pdf:
        for page in pdf.pages:
            trim = page.obj.get("/TrimBox", page.obj.MediaBox)
            for box in ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox"):
                page.obj[box] = pikepdf.Array(trim)
        return save(pdf)
