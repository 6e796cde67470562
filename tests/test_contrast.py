"""Greyscale contrast: the ratio of a colour pair, the measurement on rendered pages, and the
three layouts' booklets, whose every text and rule holds 4.5:1 when printed in grey."""

import base64
import io
import re
import shutil

import pytest
from PIL import Image
from weasyprint import HTML

from booklet.build import produce
from booklet.render.contrast import LEAST, grey, grey_ratio, rgb
from booklet.render.contrast_boxes import faint_boxes
from tests.conftest import SAMPLE
from tests.test_print_files import frame_and_inside, pictures


def test_ratio_of_colour_pairs_in_grey():
    assert grey_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert grey_ratio("#ffffff", "#000000") == pytest.approx(21)  # order does not matter
    assert grey_ratio("#6b6b6b", "#6b6b6b") == 1
    # the critique's memorial cover rule: 1.8:1 in colour (WCAG), and worse in grey
    assert grey_ratio("#8c1c13", "#1f1f1f") == pytest.approx(1.5, abs=0.05)
    assert grey_ratio("#767676", "#ffffff") > LEAST > grey_ratio("#777777", "#ffffff")


def test_colours_as_themes_write_them():
    assert rgb("#abc") == rgb("#aabbcc") == rgb("rgb(170, 187, 204)") == (170, 187, 204)
    with pytest.raises(ValueError):
        rgb("teal")


@pytest.mark.parametrize("colour", ["#8c1c13", "#0f7c8c", "#f2b705", "#e8e2d6"])
def test_grey_is_what_a_greyscale_picture_of_the_colour_shows(colour):
    """The ground is measured on pictures turned grey: the colour's grey must be the same."""
    pixel = Image.new("RGB", (1, 1), colour).convert("L").getpixel((0, 0))
    assert round(grey(colour)) == pixel


def page(body: str, style: str = "") -> tuple:
    css = "@page { size: 148mm 210mm; margin: 10mm; background: #ffffff } body { margin: 0 }"
    document = HTML(string=f"<style>{css}{style}</style>{body}").render()
    return document, document.write_pdf()


def test_text_just_under_the_minimum_is_found_and_just_over_it_is_not():
    document, pdf = page('<p class="faint" style="color: #777777">Бледный текст</p>'
                         '<p class="plain" style="color: #767676">Обычный текст</p>')
    [faint] = faint_boxes(document, pdf)
    assert (faint.page, faint.kind, faint.element, faint.text) == (1, "text", "p.faint", "Бледный текст")
    assert (faint.colour, faint.ground, faint.ratio) == ("#777777", "#ffffff", 4.5)


def test_the_ground_is_measured_under_the_text_pictures_and_shapes_included():
    """White text over a light picture: the box tree says white paper; the page says grey."""
    png = io.BytesIO()
    Image.new("RGB", (20, 20), "#c0c0c0").save(png, "PNG")
    picture = "data:image/png;base64," + base64.b64encode(png.getvalue()).decode()
    document, pdf = page(f'<div style="background: url(\'{picture}\'); background-size: cover; '
                         'padding: 5mm"><p class="over" style="color: #fff">На картинке</p></div>'
                         f'<div style="position: relative; margin-top: 20mm"><img src="{picture}" '
                         'style="width: 60mm; height: 20mm; display: block"><p class="on-img" '
                         'style="position: absolute; top: 5mm; left: 5mm; color: #fff">На фото</p></div>'
                         '<div style="position: relative; height: 30mm"><div style="position: '
                         'absolute; width: 40mm; height: 30mm; background: #1f1f1f"></div>'
                         '<p class="shape" style="position: relative; color: #333">На круге</p></div>')
    found = {f.element: f for f in faint_boxes(document, pdf)}
    assert set(found) == {"p.over", "p.on-img", "p.shape"}
    for over in ("p.over", "p.on-img"):
        assert found[over].ground == "#c0c0c0" and found[over].ratio == pytest.approx(1.8, abs=0.1)
    assert found["p.shape"].ground == "#1f1f1f"


def test_rules_thin_lines_and_keylines_count_but_bars_do_not():
    document, pdf = page(
        '<div style="background: #1f1f1f; padding: 10mm">'
        '<div class="red" style="width: 20mm; border-top: 0.8pt solid #8c1c13; margin-bottom: 5mm"></div>'
        '<div class="light" style="width: 20mm; border-top: 0.8pt solid #d9705c; margin-bottom: 5mm"></div>'
        '<div class="thin" style="width: 20mm; height: 0.5pt; background: #5a5a58; margin-bottom: 5mm"></div>'
        '<div class="bar" style="width: 20mm; border-top: 3mm solid #333333"></div></div>')
    found = {f.element: f for f in faint_boxes(document, pdf)}
    assert set(found) == {"div.red", "div.thin"}
    assert (found["div.red"].kind, found["div.red"].ground) == ("rule", "#1f1f1f")
    assert found["div.red"].ratio == pytest.approx(1.5, abs=0.1)


def sample_as(folder, layout: str, size: str, theme: str = ""):
    shutil.copytree(SAMPLE, folder)
    path = folder / "exhibition.yaml"
    text = re.sub(r"^layout: \w+", f"layout: {layout}" + (f"\ntheme: {theme}" if theme else ""),
                  path.read_text(encoding="utf-8"), flags=re.M)
    path.write_text(re.sub(r"^  size: a5$", f"  size: {size}", text, flags=re.M), encoding="utf-8")
    return folder


def contrast_warnings(warnings) -> list[str]:
    return [str(w) for w in warnings if "in greyscale" in w.message]


@pytest.mark.parametrize("layout, size", [("memorial", "a5"), ("classic", "a6"), ("bright", "a4")])
def test_every_text_and_rule_of_the_sample_holds_in_grey_and_sheets_are_framed(tmp_path, layout, size):
    """All three layouts, each at one size: no text or rule of any page under 4.5:1 in grey,
    and every sheet of the office file framed in white."""
    _, made, warnings = produce(sample_as(tmp_path / "show", layout, size), only=("booklet", "print"))
    assert contrast_warnings(warnings) == []
    files = {m.name: m.data for m in made}
    for sheet in pictures(files["booklet-print.pdf"], 1):
        assert frame_and_inside(sheet, 1)[0] == 255


def test_a_theme_too_light_for_a_grey_print_is_named(tmp_path):
    folder = sample_as(tmp_path / "show", "memorial", "a5", theme='{grey: "#c8c8c8"}')
    _, _, warnings = produce(folder, only=("booklet",))
    found = contrast_warnings(warnings)
    assert found, "a light grey for secondary text must be caught"
    assert all(":9:" in w and "theme.grey" in w for w in found)
    assert any("the text" in w and "#c8c8c8) on #f7f4ee" in w for w in found)
    assert any("a rule (article.book, #c8c8c8)" in w for w in found)
    assert all("hint: set theme.grey to a darker colour" in w for w in found)
