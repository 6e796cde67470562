"""What a print shop's preflight looks at in a CMYK file: any RGB left, and the total ink."""

from __future__ import annotations

import io

import pikepdf

from booklet.messages import _

RGB_SPACES = {"/DeviceRGB", "/CalRGB"}


def _is_rgb(space) -> bool:
    if isinstance(space, pikepdf.Name):
        return str(space) in RGB_SPACES
    if isinstance(space, pikepdf.Array) and len(space):
        kind = str(space[0])
        if kind == "/ICCBased":
            return int(space[1].get("/N", 0)) == 3
        if kind == "/Indexed":
            return _is_rgb(space[1])
        if kind in RGB_SPACES:
            return True
    return False


def _streams(page: pikepdf.Page):
    """The page and every form it draws, with their resources: (label, object, resources)."""
    yield "page", page.obj, page.resources
    seen = set()
    stack = [page.resources]
    while stack:
        resources = stack.pop()
        for name, xobject in (resources.get("/XObject") or {}).items():
            if xobject.objgen in seen:
                continue
            seen.add(xobject.objgen)
            if xobject.get("/Subtype") == "/Form":
                inner = xobject.get("/Resources", pikepdf.Dictionary())
                yield f"form {name}", xobject, inner
                stack.append(inner)


def rgb_left(data: bytes) -> list[str]:
    found = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            for label, owner, resources in _streams(page):
                if _is_rgb((owner.get("/Group") or {}).get("/CS")):
                    found.append(_("page {n}, {where}: an RGB transparency group").format(
                        n=number, where=label))
                spaces = resources.get("/ColorSpace") or {}
                ops = (pikepdf.parse_content_stream(page) if label == "page"
                       else pikepdf.parse_content_stream(owner))
                for operands, operator in ops:
                    op = str(operator)
                    if op in ("rg", "RG"):
                        found.append(_("page {n}, {where}: an RGB colour ({operator})").format(
                            n=number, where=label, operator=op))
                    elif op in ("cs", "CS") and operands:
                        space = operands[0]
                        resolved = spaces.get(str(space), space) if str(space) in spaces else space
                        if _is_rgb(resolved):
                            found.append(_("page {n}, {where}: the colour space {space} is RGB")
                                         .format(n=number, where=label, space=space))
                for name, xobject in (resources.get("/XObject") or {}).items():
                    if xobject.get("/Subtype") == "/Image" and _is_rgb(xobject.get("/ColorSpace")):
                        found.append(_("page {n}: the picture {name} is RGB").format(
                            n=number, name=name))
                for name, shading in (resources.get("/Shading") or {}).items():
                    if _is_rgb(shading.get("/ColorSpace")):
                        found.append(_("page {n}: the gradient {name} is RGB").format(
                            n=number, name=name))
    return sorted(set(found))


def max_ink(data: bytes) -> tuple[float, int]:
    """The highest total ink (C+M+Y+K, in %) of any colour or picture pixel, and its page."""
    best, where = 0.0, 0
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            for label, owner, resources in _streams(page):
                ops = (pikepdf.parse_content_stream(page) if label == "page"
                       else pikepdf.parse_content_stream(owner))
                drawn = {str(operands[0]) for operands, operator in ops if str(operator) == "Do"}
                for operands, operator in ops:
                    if str(operator) in ("k", "K", "sc", "scn", "SC", "SCN") and len(operands) == 4:
                        values = [float(v) for v in operands]
                        if values == [1, 1, 1, 1]:
                            continue  # registration colour: the crop marks, outside the trim
                        total = 100 * sum(values)
                        if total > best:
                            best, where = total, number
                for name, xobject in (resources.get("/XObject") or {}).items():
                    # pages share one /Resources: only the pictures this page draws count
                    if (name in drawn and xobject.get("/Subtype") == "/Image"
                            and xobject.get("/ColorSpace") == "/DeviceCMYK"):
                        total = _image_ink(xobject)
                        if total > best:
                            best, where = total, number
    return round(best), where


def _image_ink(xobject) -> float:
    image = pikepdf.PdfImage(xobject).as_pil_image()
    image.thumbnail((160, 160))
    if image.mode != "CMYK":
        return 0.0
    # Pillow already undoes the inversion of Adobe CMYK JPEGs (the /Decode [1 0 …] array)
    data = image.tobytes()  # C, M, Y, K bytes, pixel after pixel
    return max(sum(data[i:i + 4]) for i in range(0, len(data), 4)) * 100 / 255
