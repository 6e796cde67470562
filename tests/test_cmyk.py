"""Print-shop colour: with the shop's ICC profile, booklet-press.pdf is PDF/X-4 in CMYK with
that profile as OutputIntent and no RGB anywhere; the office files do not change."""

import io
import shutil
from pathlib import Path

import pikepdf
import pytest

from booklet.build import build, produce
from booklet.press.colour import max_ink, rgb_left
from booklet.problems import ContentError
from tests.conftest import SAMPLE

PROFILE = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")  # Debian's libgs-common
pytestmark = pytest.mark.skipif(not PROFILE.exists(), reason="libgs-common is not installed")


def with_profile(folder: Path, extra: str = "") -> Path:
    shutil.copytree(SAMPLE, folder)
    (folder / "print").mkdir()
    shutil.copy(PROFILE, folder / "print" / "shop.icc")
    text = (folder / "exhibition.yaml").read_text(encoding="utf-8")
    text = text.replace("  bleed: 3mm\n", f"  bleed: 3mm\n  press:\n    profile: print/shop.icc\n{extra}")
    (folder / "exhibition.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def cmyk_build(tmp_path_factory):
    folder = with_profile(tmp_path_factory.mktemp("cmyk") / "memory")
    out = tmp_path_factory.mktemp("out")
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1780000000")  # as the sample build it is compared with
    try:
        build(folder, out, only=("booklet", "print", "press"))
    finally:
        mp.undo()
    return out


def test_output_intent_carries_the_shops_profile(cmyk_build):
    with pikepdf.open(cmyk_build / "booklet-press.pdf") as pdf:
        [intent] = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFX"
        assert intent.DestOutputProfile.read_bytes() == PROFILE.read_bytes()
        assert b"PDF/X-4" in pdf.Root.Metadata.read_bytes()
        for page in pdf.pages:
            assert "/TrimBox" in page.obj and "/BleedBox" in page.obj


def test_no_rgb_anywhere_and_every_picture_cmyk(cmyk_build):
    data = (cmyk_build / "booklet-press.pdf").read_bytes()
    assert rgb_left(data) == []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        images = [o for o in pdf.objects if isinstance(o, pikepdf.Stream)
                  and o.get("/Subtype") == "/Image"]
        assert images and all(o.ColorSpace == "/DeviceCMYK" for o in images)
        for font in pdf.pages[2].Resources.Font.values():
            assert "/FontFile2" in font.DescendantFonts[0].FontDescriptor


def test_black_and_grey_text_is_pure_k(cmyk_build):
    with pikepdf.open(cmyk_build / "booklet-press.pdf") as pdf:
        text_colours = set()
        for page in pdf.pages:
            fill = None
            for operands, operator in pikepdf.parse_content_stream(page):
                op = str(operator)
                if op in ("k", "sc", "scn") and len(operands) == 4:
                    fill = tuple(float(v) for v in operands)
                elif op in ("Tj", "TJ", "'", '"') and fill is not None:
                    text_colours.add(fill)
        accent = (0.15, 1.0, 0.95, 0.35)  # memorial's red, pinned in its layout.yaml
        dark = {c for c in text_colours - {accent} if sum(c) >= 0.5}  # ink and greys, not tints
        assert dark and all(c[:3] == (0, 0, 0) for c in dark), dark


def test_the_layouts_pinned_accent_is_used_exactly(cmyk_build):
    with pikepdf.open(cmyk_build / "booklet-press.pdf") as pdf:
        colours = {tuple(float(v) for v in operands)
                   for page in pdf.pages for operands, operator in pikepdf.parse_content_stream(page)
                   if str(operator) in ("K", "SC", "SCN", "k", "sc", "scn") and len(operands) == 4}
    assert (0.15, 1.0, 0.95, 0.35) in colours  # memorial's accent: cmyk in layout.yaml


def test_office_files_are_unchanged(cmyk_build, sample_build, tmp_path):
    import pypdfium2 as pdfium
    from PIL import ImageChops
    plain, _ = sample_build
    for name in ("booklet.pdf", "booklet-print.pdf"):
        ours = pdfium.PdfDocument(cmyk_build / name)
        theirs = pdfium.PdfDocument(plain / name)
        assert len(ours) == len(theirs)
        for a, b in zip(ours, theirs):  # same pictures, to the pixel
            assert ImageChops.difference(a.render(scale=0.5).to_pil(),
                                         b.render(scale=0.5).to_pil()).getbbox() is None
        data = (cmyk_build / name).read_bytes()
        assert rgb_left(data) and b"/OutputIntents" not in data  # they stay RGB, for screens


def test_ink_limit_is_checked_on_a_page_with_a_dark_picture(tmp_path):
    from PIL import Image
    folder = with_profile(tmp_path / "memory", extra="    ink_limit: 260\n")
    Image.new("RGB", (400, 600), (5, 5, 5)).save(folder / "images" / "covers" / "sholpan.jpg")
    _, made, warnings = produce(folder, only=("press",), press=True)
    ink, page = max_ink(made[0].data)
    assert ink > 260
    [warning] = [w for w in warnings if "total ink" in w.message]
    assert f"reaches {ink} % on page {page}, above the 260 %" in warning.message
    assert warning.where == "booklet.press.profile"


def test_pdf_x1a_is_refused_honestly(tmp_path):
    folder = with_profile(tmp_path / "memory", extra="    pdfx: pdf/x-1a\n")
    with pytest.raises(ContentError) as caught:
        produce(folder, only=("press",))
    [problem] = caught.value.problems
    assert problem.where == "booklet.press.pdfx"
    assert "PDF/X-1a cannot hold transparency" in problem.message


def test_without_a_profile_check_press_says_the_shop_may_ask_for_one():
    _, _, warnings = produce(SAMPLE, only=("press",), press=True)
    assert any("booklet-press.pdf is RGB: a print shop may ask for CMYK PDF/X" in w.message
               for w in warnings)


def test_press_check_finds_hairlines_and_text_near_the_trim(tmp_path):
    from tests.test_event_layout import event_copy
    folder = event_copy(tmp_path, template='{% extends "memorial/booklet.html" %}\n',
                        css=".annotation { border-top: 0.1pt solid #000; }\n"
                            ".cover { padding: 2mm 2mm 2mm 2mm; }\n")
    _, _, warnings = produce(folder, only=("booklet",), press=True)
    messages = [w.message for w in warnings]
    assert any("a line 0.10 pt thin on page" in m for m in messages), messages
    assert any("text on page 1 is closer than 5 mm to the trim" in m for m in messages), messages
    _, _, relaxed = produce(folder, only=("booklet",))
    assert not [w for w in relaxed if "thin" in w.message or "trim" in w.message]
