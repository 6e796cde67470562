"""QR codes as vector SVG, one filled path, with the standard quiet zone of four modules.

The light modules are left transparent: on paper they are the paper; on a dark ground the
layout puts a light background behind the image.
"""

from __future__ import annotations

import base64
from functools import lru_cache

import segno

QUIET_ZONE = 4


@lru_cache(maxsize=64)
def modules(data: str) -> int:
    """Modules across the code, without the quiet zone: what a phone has to resolve."""
    return segno.make(data, error="m", micro=False).symbol_size(border=0)[0]


@lru_cache(maxsize=64)
def qr_svg(data: str, dark: str = "#000000") -> str:
    code = segno.make(data, error="m", micro=False)
    rows = list(code.matrix)
    size = len(rows) + 2 * QUIET_ZONE
    path = []
    for y, row in enumerate(rows):
        x = 0
        while x < len(row):  # one rectangle per run of dark modules
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                path.append(f"M{start + QUIET_ZONE} {y + QUIET_ZONE}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
            f'width="{size}" height="{size}" shape-rendering="crispEdges">'
            f'<path fill="{dark}" d="{"".join(path)}"/></svg>')


def qr_data_uri(data: str, dark: str = "#000000") -> str:
    svg = qr_svg(data, dark).encode()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
