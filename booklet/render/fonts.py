"""The bundled fonts: the only fonts a booklet or poster may use."""

from __future__ import annotations

import os
import shutil

from booklet.bundled import FONTS_DIR

FAMILIES = {"PT Serif": "PTSerif", "PT Sans": "PTSans"}
STYLES = {"Regular": ("400", "normal"), "Italic": ("400", "italic"),
          "Bold": ("700", "normal"), "BoldItalic": ("700", "italic")}


def font_faces_css() -> str:
    rules = []
    for family, stem in FAMILIES.items():
        for style_name, (weight, style) in STYLES.items():
            path = FONTS_DIR / f"{stem}-{style_name}.ttf"
            rules.append(f'@font-face {{ font-family: "{family}"; src: url("{path.as_uri()}"); '
                         f"font-weight: {weight}; font-style: {style}; }}")
    return "\n".join(rules)


_configurations: list = []  # (process id, FontConfiguration) made by this process


def configuration():
    """A WeasyPrint font configuration whose font copies remove_font_copies() will remove."""
    from weasyprint.text.fonts import FontConfiguration

    made = FontConfiguration()
    _configurations.append((os.getpid(), made))
    return made


def remove_font_copies() -> None:
    """WeasyPrint copies every @font-face font into a $TMPDIR/weasyprint-* folder of its
    own, removed only when its configuration is collected: at exit that is not sure, and a
    forked worker, which ends by os._exit, never does. A build removes them when its pages
    are drawn. Only this process's: a forked worker inherits its parent's list."""
    mine = [config for pid, config in _configurations if pid == os.getpid()]
    _configurations[:] = [(pid, c) for pid, c in _configurations if pid != os.getpid()]
    for config in mine:
        if config._folder:  # WeasyPrint's own attribute; it makes the folder lazily
            shutil.rmtree(config._folder, ignore_errors=True)
            config._folder = None
