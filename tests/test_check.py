"""`booklet check`: each kind of problem with its exact message and line; hostile inputs."""

import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from booklet.build import build, produce
from booklet.problems import ContentError
from tests.conftest import SAMPLE, write_exhibition
from tests.test_loader import HEAD


def run_check(*paths, press=False):
    args = [sys.executable, "-m", "booklet", "check", *map(str, paths)] + (["--press"] if press else [])
    return subprocess.run(args, capture_output=True, text=True)


def findings(folder, press=False):
    """(errors, warnings) as strings, from the same code `booklet check` runs."""
    try:
        _, _, warnings = produce(folder, press=press)
        return [], [str(w) for w in warnings]
    except ContentError as exc:
        return [str(p) for p in exc.problems], []


def test_check_on_the_sample_prints_nothing_and_exits_0():
    run = run_check(SAMPLE)
    assert (run.returncode, run.stdout, run.stderr) == (0, "", "")


def test_a_character_the_fonts_lack_is_named_at_its_place(exhibition):
    folder = exhibition(HEAD + "      - title: Книга\n        annotation: Читайте книги 📚 летом\n")
    [error], _ = findings(folder)
    assert error.endswith(
        ':8:35: error: sections[0].books[0].annotation: U+1F4DA 📚 (books) is not in the fonts '
        'of the layout "memorial" (PT Sans, PT Serif)\n    hint: remove it, or write it out in words')


def test_missing_glyphs_in_a_block_text_point_at_their_line(exhibition):
    folder = exhibition("intro: |\n  Первая строка.\n  Вторая → третья.\n" + HEAD + "      - title: Книга\n")
    [error], _ = findings(folder)
    assert ":3:10: error: intro: U+2192 → (rightwards arrow) is not in the fonts" in error


def test_glyph_and_value_problems_come_together(exhibition):
    folder = exhibition(HEAD + "      - title: Книга ✓\n        year: 199O\n")
    errors, _ = findings(folder)
    assert [e.split(": error: ")[0].rsplit(":", 2)[1:] for e in errors] == [["7", "22"], ["8", "15"]]


def test_low_resolution_cover_warns_and_fails_for_the_press(exhibition):
    folder = exhibition(HEAD + "      - title: Книга\n        cover: small.jpg\n",
                        images={"small.jpg": (60, 90)})
    errors, warnings = findings(folder)
    assert not errors
    assert warnings == [f"{folder / 'exhibition.yaml'}:8:16: warning: sections[0].books[0].cover: "
                        "booklet: the picture (60×90 px) is printed 28×42 mm: 54 ppi; it may print "
                        "blurred below 200 ppi\n    hint: use a larger picture if you have one"]
    errors, _ = findings(folder, press=True)
    assert [e.split("\n")[0] for e in errors] == [
        f"{folder / 'exhibition.yaml'}:8:16: error: sections[0].books[0].cover: booklet: the "
        "picture (60×90 px) is printed 28×42 mm: 54 ppi, below the 150 ppi a print shop accepts"]


def test_low_resolution_poster_picture_warns(exhibition):
    folder = exhibition(HEAD + "      - title: Книга\nposter:\n  image: p.jpg\n",
                        images={"p.jpg": (800, 500)})
    _, warnings = findings(folder)
    assert any(":9:10: warning: poster.image: poster-a3: the picture (800×500 px) is printed "
               "297×168 mm: 68 ppi" in w for w in warnings)


def test_cmyk_transparent_and_huge_pictures_are_reported(exhibition):
    folder = exhibition(HEAD + "      - title: A\n        cover: cmyk.jpg\n"
                        "      - title: B\n        cover: alpha.png\n"
                        "      - title: C\n        cover: huge.jpg\n")
    Image.new("CMYK", (400, 600), (0, 80, 80, 10)).save(folder / "cmyk.jpg")
    Image.new("RGBA", (400, 600), (200, 10, 10, 128)).save(folder / "alpha.png")
    Image.new("RGB", (4000, 6500), "#888").save(folder / "huge.jpg", quality=50)
    _, warnings = findings(folder, press=True)
    text = "\n".join(warnings)
    assert ":8:16: warning: sections[0].books[0].cover: cmyk.jpg is a CMYK picture" in text
    assert "alpha.png" not in text  # PDF/X-4 holds transparency; CMYK lays it on its ground
    assert ":12:16: warning: sections[0].books[2].cover: huge.jpg is 4000×6500 px: far more " \
           "than print needs; it is downsampled to 300 ppi" in text


def test_animated_gif_is_refused(exhibition):
    folder = exhibition(HEAD + "      - title: A\n        cover: anim.gif\n")
    frames = [Image.new("RGB", (40, 60), colour) for colour in ("red", "green", "blue")]
    frames[0].save(folder / "anim.gif", save_all=True, append_images=frames[1:])
    [error], _ = findings(folder)
    assert ':8:16: error: sections[0].books[0].cover: "anim.gif" is an animated picture' in error


def test_svg_that_reaches_for_another_file_is_refused(exhibition):
    folder = exhibition("title: A\nlibrary:\n  name: B\n  logo: logo.svg\nsections: [{title: C}]\n")
    (folder / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" '
                                     'xmlns:xlink="http://www.w3.org/1999/xlink">'
                                     '<image xlink:href="file:///etc/hostname"/></svg>')
    [error], _ = findings(folder)
    assert ':4:9: error: library.logo: "logo.svg" refers to another file (file:///etc/hostname)' in error


def test_a_word_too_long_for_its_column_is_found(exhibition):
    word = "https://example.kz/" + "abcdefghij" * 7  # Latin in Russian text: no hyphenation
    folder = exhibition(HEAD + f"      - title: Книга\n        annotation: '[{word}](https://x.kz)'\n")
    errors, _ = findings(folder)
    assert any(":7:9: error: sections[0].books[0]: booklet: text runs out of its column" in e
               for e in errors), errors


def test_a_title_longer_than_its_stand_in_is_found(exhibition):
    title = " ".join(["Долгоезаглавиекниги"] * 14)  # with an annotation: a full entry, a stand-in
    folder = exhibition(HEAD + f"      - title: {title}\n        annotation: Аннотация.\n")
    errors, _ = findings(folder)
    assert any(":7:16: error: sections[0].books[0].title: booklet: the text is longer than "
               "its box" in e for e in errors), errors


def test_a_book_entry_longer_than_a_page_is_found(exhibition):
    long = " ".join(["Очень длинная аннотация о книге и её судьбе."] * 120)
    folder = exhibition(HEAD + f"      - title: Книга\n        annotation: {long}\n")
    errors, _ = findings(folder)
    assert any(":7:9: error: sections[0].books[0]: booklet: this book entry does not fit on one "
               "page" in e for e in errors), errors


def test_build_stops_on_a_preflight_error_and_writes_nothing(exhibition, tmp_path):
    folder = exhibition(HEAD + "      - title: Книга 📚\n")
    with pytest.raises(ContentError):
        build(folder, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_every_problem_of_several_exhibitions_in_one_run(tmp_path):
    first = write_exhibition(tmp_path / "first", HEAD + "      - title: A 📚\n        autors: [B]\n"
                                                         "        year: 20\n")
    second = write_exhibition(tmp_path / "second", "language: de\n" + HEAD
                              + "      - title: C\n        annotation: '<b>x</b>'\n")
    run = run_check(first, second)
    assert run.returncode == 1
    lines = [line for line in run.stderr.splitlines() if ": error: " in line]
    assert [line.split("exhibition.yaml:")[1].split(": error")[0] for line in lines] == [
        "7:18", "8:9", "9:15", "1:11", "9:21"]


@pytest.mark.parametrize("hostile, message", [
    ('<link rel="attachment" href="file:///etc/hostname">', "raw HTML is not allowed"),
    ("<script>alert(1)</script>", "raw HTML is not allowed"),
    ("Текст <img src=file:///etc/hostname>", "raw HTML is not allowed in text: <img"),
    ("[нажми](javascript:alert(1))", 'must start with https:// or mailto:, got "javascript:alert(1)"'),
    ("[файл](file:///etc/passwd)", 'got "file:///etc/passwd"'),
    ("[сайт](http://example.com)", 'got "http://example.com"'),
    ("![обложка](cover.jpg)", "pictures are not allowed in text"),
])
def test_hostile_text_is_refused(exhibition, hostile, message):
    folder = exhibition(f"intro: '{hostile}'\n" + HEAD + "      - title: Книга\n")
    [error], _ = findings(folder)
    assert ":1:8: error: intro: " in error and message in error


def test_outputs_hold_no_embedded_files_or_scripts(sample_build):
    out, _ = sample_build
    for path in Path(out).glob("*.pdf"):
        with pikepdf.open(path) as pdf:
            names = pdf.Root.get("/Names", {})
            assert "/EmbeddedFiles" not in names and "/JavaScript" not in names
            for page in pdf.pages:
                for annot in page.obj.get("/Annots", []):
                    assert annot.get("/Subtype") != "/FileAttachment"
                    uri = str(annot.get("/A", {}).get("/URI", ""))
                    assert uri.startswith(("https://", "mailto:", "")) and "file:" not in uri


def test_schema_describes_the_content_for_editors():
    import json
    run = subprocess.run([sys.executable, "-m", "booklet", "schema"], capture_output=True, text=True)
    schema = json.loads(run.stdout)
    assert set(schema["required"]) == {"title", "library", "sections"}
    assert schema["additionalProperties"] is False
    assert "authors" in schema["$defs"]["Book"]["properties"]


def test_the_bundled_fonts_have_what_typography_and_templates_add():
    from booklet.render.coverage import characters
    added = "\u00a0«»„“”‘’—–…№-·"  # nbsp, quotes, dashes, ellipsis, numero, hyphen, middle dot
    for family in ("PT Serif", "PT Sans"):
        assert {ord(c) for c in added} <= characters(family), family
