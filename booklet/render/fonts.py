"""The bundled fonts: the only fonts a booklet or poster may use."""

from __future__ import annotations

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
