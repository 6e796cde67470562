"""Rendering. Fontconfig is pointed at the bundled fonts alone before WeasyPrint starts it,
so that no system font can reach a PDF (a layout naming one gets a bundled font instead)."""

import os

from booklet.bundled import FONTS_DIR

os.environ["FONTCONFIG_FILE"] = str(FONTS_DIR / "fonts.conf")
