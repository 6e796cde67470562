"""The sample booklet, checked on the real PDF with pikepdf and pypdfium2."""

import re
import subprocess
import sys

from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from booklet.build import build
from tests.conftest import MINIMAL, SAMPLE

A5 = (419.53, 595.28)  # points
BUNDLED_FONTS = {"PT-Serif", "PT-Serif-Bold", "PT-Serif-Italic", "PT-Serif-BoldItalic",
                 "PT-Sans", "PT-Sans-Bold", "PT-Sans-Italic", "PT-Sans-BoldItalic"}


@pytest.fixture(scope="module")
def booklet_pdf(sample_build):
    out, _ = sample_build
    return out / "booklet.pdf"


def page_texts(path):
    document = pdfium.PdfDocument(path)
    # pdfium marks a hyphenation break as U+FFFE; we read the words whole.
    return [page.get_textpage().get_text_range().replace("\ufffe", "").replace("\xa0", " ")
            for page in document]


def test_every_page_is_trimmed_a5(booklet_pdf):
    with pikepdf.open(booklet_pdf) as pdf:
        for page in pdf.pages:
            for box in ("/MediaBox", "/TrimBox"):
                x0, y0, x1, y1 = [float(v) for v in page.obj[box]]
                assert (x0, y0) == (0, 0)
                assert (x1, y1) == pytest.approx(A5, abs=0.05)


def test_page_count_is_a_multiple_of_four(booklet_pdf, sample_build):
    _, outputs = sample_build
    with pikepdf.open(booklet_pdf) as pdf:
        assert len(pdf.pages) % 4 == 0
        assert outputs[0].pages == len(pdf.pages)


def test_only_bundled_fonts_are_used_and_all_embedded(booklet_pdf):
    names = set()
    with pikepdf.open(booklet_pdf) as pdf:
        for page in pdf.pages:
            for font in page.resources.get("/Font", {}).values():
                descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                descriptor = descendant.FontDescriptor
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                names.add(str(font.BaseFont).split("+", 1)[-1].lstrip("/"))
    assert names and names <= BUNDLED_FONTS, names


def test_bookmarks_per_section(booklet_pdf):
    with pikepdf.open(booklet_pdf) as pdf:
        with pdf.open_outline() as outline:
            titles = [item.title.replace("\xa0", " ") for item in outline.root]
    assert titles[:4] == ["Вступление", "Алаш: судьбы и книги", "АЛЖИР, Карлаг, Степлаг",
                          "Голод и депортации"]
    assert titles[4:] in ([], ["Указатель авторов"])  # the index, when a page was left for it


def test_metadata_language_and_tags(booklet_pdf):
    with pikepdf.open(booklet_pdf) as pdf:
        assert str(pdf.docinfo["/Title"]) == "Память, которую не стереть"
        assert str(pdf.docinfo["/Author"]) == "Центральная городская библиотека"
        assert str(pdf.Root.Lang) == "ru"
        assert "/StructTreeRoot" in pdf.Root
        assert pdf.Root.MarkInfo.Marked


def test_text_in_reading_order_with_the_seed_names(booklet_pdf):
    text = re.sub(r"\s+", " ", " ".join(page_texts(booklet_pdf)))
    order = ["Память, которую", "СОДЕРЖАНИЕ", "Ежегодно, в Казахстане", "Ахмет Байтурсынов",
             "Алихан Бокейханов", "Магжан Жумабаев", "АЛЖИР", "Карлаг", "День благодарности",
             "АЛАШ: СУДЬБЫ И КНИГИ", "Қырық мысал", "АЛЖИР, КАРЛАГ, СТЕПЛАГ", "Архипелаг ГУЛАГ",
             "ГОЛОД И ДЕПОРТАЦИИ", "Голодная степь", "Центральная городская библиотека"]
    position = 0
    for word in order:  # each found after the one before it
        position = text.find(word, position)
        assert position != -1, f"{word!r} is missing or out of order"


def test_the_intro_is_the_seed_text(booklet_pdf):
    # the introduction of the real exhibition the project was founded on, as it was given
    seed = Path(__file__).parent / "founding-intro-ru.txt"
    words = re.findall(r"[А-Яа-яЁё]{4,}", seed.read_text(encoding="utf-8"))
    text = " ".join(page_texts(booklet_pdf))
    missing = [w for w in words if w not in text]
    assert not missing, missing[:10]


def test_links_are_live(booklet_pdf):
    uris = set()
    with pikepdf.open(booklet_pdf) as pdf:
        for page in pdf.pages:
            for annot in page.obj.get("/Annots", []):
                if "/A" in annot and "/URI" in annot.A:
                    uris.add(str(annot.A.URI))
    assert "https://library.example.kz" in uris
    assert "mailto:library@example.kz" in uris


def test_same_input_same_bytes(sample_build, tmp_path, monkeypatch):
    """Built again in one process: the same bytes as the build whose second process made the
    posters and the web page's fonts (and the kit, when free before the first)."""
    out, _ = sample_build
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    build(SAMPLE, tmp_path, parallel=False)
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(tmp_path).as_posix()
                           for p in tmp_path.rglob("*") if p.is_file())  # site/ too
    for name in names:
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_cover_is_dark_and_pages_are_warm_paper(booklet_pdf):
    document = pdfium.PdfDocument(booklet_pdf)
    cover = document[0].render(scale=0.3).to_pil().convert("RGB")
    inner = document[2].render(scale=0.3).to_pil().convert("RGB")
    assert cover.getpixel((3, 3)) == pytest.approx((0x1f, 0x1f, 0x1f), abs=2)
    assert inner.getpixel((3, 3)) == pytest.approx((0xf7, 0xf4, 0xee), abs=2)


def test_cli_builds_and_reports(tmp_path):
    run = subprocess.run([sys.executable, "-m", "booklet", "build", str(SAMPLE), "--out",
                          str(tmp_path), "--only", "booklet"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert re.search(r"booklet\.pdf\s+\d+ pages\s+[\d.]+ MB", run.stdout)
    assert "laying out the booklet" in run.stderr


def test_cli_content_error_keeps_previous_outputs(exhibition, tmp_path):
    folder = exhibition()
    out = tmp_path / "out"
    assert subprocess.run([sys.executable, "-m", "booklet", "build", str(folder), "--out",
                           str(out)], capture_output=True).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (folder / "exhibition.yaml").write_text(MINIMAL + "        year: 199O\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "booklet", "build", str(folder), "--out",
                          str(out)], capture_output=True, text=True)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert re.search(r'exhibition\.yaml:9:15: error: sections\[0\]\.books\[0\]\.year: '
                     r'section 1, book 1, year: expected a year such as 1992, got "199O"',
                     run.stderr)
    # the same files, untouched, and no temporary files left
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


@pytest.mark.parametrize("args", [["build", "/no/such/folder"], ["build", ".", "--bogus"],
                                  ["frobnicate"]])
def test_cli_usage_errors_exit_2(args):
    run = subprocess.run([sys.executable, "-m", "booklet", *args], capture_output=True, text=True)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr


def test_version():
    run = subprocess.run([sys.executable, "-m", "booklet", "--version"], capture_output=True,
                         text=True)
    assert run.returncode == 0 and run.stdout.startswith("booklet ")


def test_large_pictures_are_downsampled_to_print_resolution(exhibition, tmp_path):
    import random

    from PIL import Image

    folder = exhibition(MINIMAL + "        cover: big.jpg\n")
    noise = random.Random(1).randbytes(3000 * 4500 * 3)
    Image.frombytes("RGB", (3000, 4500), noise).save(folder / "big.jpg", quality=90)
    [output] = build(folder, tmp_path, only=("booklet",)).outputs
    with pikepdf.open(output.path) as pdf:
        widths = [int(obj.Width) for obj in pdf.objects
                  if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
    # the cover is printed 28 mm wide: 331 px at 300 ppi
    assert widths and max(widths) <= 340
    assert output.bytes < 1_000_000
