"""Posters: one page of the right size, text shrunk to fit (never cut), QR codes that scan."""

import io
import re
import subprocess
import sys

import pikepdf
import pypdfium2 as pdfium
import pytest
import zxingcpp
from PIL import Image

from booklet.build import build
from booklet.problems import ContentError
from booklet.render.poster import STEPS
from tests.conftest import MINIMAL
from tests.test_booklet import BUNDLED_FONTS

MM = 72 / 25.4
POSTER = """\
title: Память, которую не стереть
dates: {{start: 2026-05-25, end: 2026-06-10}}
venue: Читальный зал
library:
  name: Центральная городская библиотека
  website: https://library.example.kz
sections:
  - title: Раздел
poster:
  sizes: [{sizes}]
  headline: Помнить, чтобы не повторить
  link: https://library.example.kz/exhibitions/memory
  text: |
{text}
"""
PARAGRAPH = ("Книги о судьбах репрессированных и о трагедии голода в Казахстане: воспоминания, "
             "документы, исследования историков и стихи поэтов Алаш. ")


def poster_folder(exhibition, sizes="a3", paragraphs=1, sentences=1):
    text = "\n\n".join("    " + PARAGRAPH * sentences for _ in range(paragraphs))
    return exhibition(POSTER.format(sizes=sizes, text=text))


def outputs_by_name(result):
    return {o.path.name: o for o in result.outputs}


def test_each_size_is_one_page_of_that_size_and_orientation(exhibition, tmp_path):
    folder = poster_folder(exhibition, "a4, a3-landscape, a2, a1-landscape")
    result = build(folder, tmp_path, only=("poster",))
    assert not result.warnings
    made = outputs_by_name(result)
    expected = {"a4": (210, 297), "a3-landscape": (420, 297), "a2": (420, 594),
                "a1-landscape": (841, 594)}
    for size, (w, h) in expected.items():
        with pikepdf.open(made[f"poster-{size}.pdf"].path) as pdf:
            assert len(pdf.pages) == 1
            box = [float(v) for v in pdf.pages[0].MediaBox]
            assert box[2:] == pytest.approx([w * MM, h * MM], abs=0.5)
            fonts = {str(f.BaseFont).split("+", 1)[-1].lstrip("/")
                     for f in pdf.pages[0].Resources.Font.values()}
            assert fonts <= BUNDLED_FONTS
        for suffix, width in (("", 1080), ("@2x", 2160)):
            image = Image.open(made[f"poster-{size}{suffix}.png"].path)
            assert image.width == width
            assert abs(image.height - width * h / w) <= 1  # the page's ratio, to the pixel


def test_three_times_too_much_text_still_fits_and_warns(exhibition, tmp_path):
    folder = poster_folder(exhibition, paragraphs=3, sentences=4)
    result = build(folder, tmp_path, only=("poster",))
    made = outputs_by_name(result)
    with pikepdf.open(made["poster-a3.pdf"].path) as pdf:
        assert len(pdf.pages) == 1
    [warning] = result.warnings
    assert warning.severity == "warning"
    assert (warning.line, warning.where) == (14, "poster.text")
    assert re.search(r"set at \d+ % of its size", warning.message)
    text = pdfium.PdfDocument(made["poster-a3.pdf"].path)[0].get_textpage().get_text_range()
    text = re.sub(r"\s+", " ", text.replace("\ufffe", ""))
    assert text.count("стихи поэтов Алаш") == 12  # every sentence is on the page: nothing cut


def test_impossible_text_is_an_error_naming_the_field(exhibition, tmp_path):
    folder = poster_folder(exhibition, paragraphs=12, sentences=5)
    with pytest.raises(ContentError) as caught:
        build(folder, tmp_path / "out", only=("poster",))
    [problem] = caught.value.problems
    assert (problem.line, problem.where) == (14, "poster.text")
    assert f"even at {round(STEPS[-1] * 100)} %" in problem.message
    assert not (tmp_path / "out").exists()


def test_cli_prints_the_warning_line(exhibition, tmp_path):
    folder = poster_folder(exhibition, paragraphs=3, sentences=4)
    run = subprocess.run([sys.executable, "-m", "booklet", "build", str(folder), "--out",
                          str(tmp_path), "--only", "poster"], capture_output=True, text=True)
    assert run.returncode == 0
    assert re.search(r"exhibition\.yaml:14:5: warning: poster\.text: poster-a3: the text is long",
                     run.stderr)


def decode(png: bytes | Image.Image) -> set[str]:
    image = png if isinstance(png, Image.Image) else Image.open(io.BytesIO(png))
    return {result.text for result in zxingcpp.read_barcodes(image)}


def test_poster_qr_code_scans_to_the_link(exhibition, tmp_path):
    made = outputs_by_name(build(poster_folder(exhibition), tmp_path, only=("poster",)))
    assert decode(made["poster-a3@2x.png"].path.read_bytes()) == {
        "https://library.example.kz/exhibitions/memory"}


def test_booklet_qr_codes_scan(exhibition, tmp_path):
    folder = exhibition(MINIMAL + "        link: https://catalog.example.kz/record/123\n"
                        + "".replace("", ""))
    (folder / "exhibition.yaml").write_text(
        MINIMAL.replace("  name: Библиотека\n", "  name: Библиотека\n  website: https://lib.example.kz\n")
        + "        link: https://catalog.example.kz/record/123\n", encoding="utf-8")
    [output] = build(folder, tmp_path, only=("booklet",)).outputs
    document = pdfium.PdfDocument(output.path)
    found = set()
    for page in document:
        found |= decode(page.render(scale=4).to_pil())
    assert found == {"https://catalog.example.kz/record/123", "https://lib.example.kz"}


def test_headline_is_never_hyphenated(exhibition, tmp_path):
    # words this long fit at the headline's floor only across an A4 landscape
    folder = exhibition(POSTER.format(sizes="a4-landscape", text="    Текст.").replace(
        "headline: Помнить, чтобы не повторить",
        "headline: Достопримечательности неперепрограммируемого человеконенавистничества"))
    made = outputs_by_name(build(folder, tmp_path, only=("poster",)))
    text = pdfium.PdfDocument(made["poster-a4-landscape.pdf"].path)[0].get_textpage().get_text_range()
    for word in ("Достопримечательности", "неперепрограммируемого", "человеконенавистничества"):
        assert word in text
    with pikepdf.open(made["poster-a4-landscape.pdf"].path) as pdf:
        assert len(pdf.pages) == 1
