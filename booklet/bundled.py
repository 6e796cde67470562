"""Where the bundled layouts and fonts are: the one resolver every reader of them uses.

In the repository they are the top-level `layouts/` and `fonts/`; the wheel maps them into the
installed package as `booklet.layouts` and `booklet.fonts` (pyproject's package-dir), and an
editable install maps those names back to the top-level folders. Python's import machinery
knows which of the three applies, so the folders are found through it.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

_TOP = Path(__file__).resolve().parent.parent  # a source checkout without an install


def _folder(name: str) -> Path:
    spec = importlib.util.find_spec(f"booklet.{name}")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations))).resolve()
    return _TOP / name


LAYOUTS_DIR = _folder("layouts")
FONTS_DIR = _folder("fonts")
