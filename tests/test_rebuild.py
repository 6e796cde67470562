"""A rebuild makes again only what its changes touch."""

import shutil

from PIL import Image

from booklet import messages
from booklet.build import build
from tests.conftest import SAMPLE, write_exhibition


def steps(folder, out, only=None):
    messages = []
    result = build(folder, out, only, progress=messages.append)
    return messages, result


def files(out):
    """Every file of the output folder (site/ too) and its bytes."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


BOTH, BOOKLET = ("booklet", "print", "press", "poster"), ("booklet",)  # what a test looks at


def test_no_change_no_layout_and_the_same_files(tmp_path):
    folder = tmp_path / "memory"
    shutil.copytree(SAMPLE, folder)
    first, built = steps(folder, tmp_path / "out")
    before = files(tmp_path / "out")
    again, rebuilt = steps(folder, tmp_path / "out")
    assert not any("laying out" in m for m in again), again
    assert {"booklet: unchanged, not made again", "poster: unchanged, not made again",
            "kit: unchanged, not made again", "site: unchanged, not made again"} <= set(again)
    assert files(tmp_path / "out") == before
    assert sorted(o.path.name for o in rebuilt.outputs) == sorted(o.path.name for o in built.outputs)


def test_poster_text_alone_remakes_only_the_posters(tmp_path):
    folder = tmp_path / "memory"
    shutil.copytree(SAMPLE, folder)
    steps(folder, tmp_path / "out", BOTH)
    text = (folder / "exhibition.yaml").read_text(encoding="utf-8")
    (folder / "exhibition.yaml").write_text(
        text.replace("  text: Книги о судьбах репрессированных", "  text: Книги о судьбах людей"),
        encoding="utf-8")
    again, _ = steps(folder, tmp_path / "out", BOTH)
    assert "booklet: unchanged, not made again" in again
    assert "laying out the posters" in again and "laying out the booklet" not in again


def test_a_changed_picture_a_changed_layout_or_a_touched_file_remake_the_booklet(tmp_path):
    folder = tmp_path / "memory"
    shutil.copytree(SAMPLE, folder)
    out = tmp_path / "out"
    steps(folder, out, BOOKLET)
    Image.new("RGB", (400, 600), "#335577").save(folder / "images" / "covers" / "sholpan.jpg")
    assert "laying out the booklet" in steps(folder, out, BOOKLET)[0]
    own = folder / "layouts" / "mine"
    own.mkdir(parents=True)
    (own / "layout.yaml").write_text("extends: memorial\n", encoding="utf-8")
    text = (folder / "exhibition.yaml").read_text(encoding="utf-8")
    (folder / "exhibition.yaml").write_text(text.replace("layout: memorial", "layout: mine"),
                                            encoding="utf-8")
    assert "laying out the booklet" in steps(folder, out, BOOKLET)[0]
    (own / "booklet.css").write_text(".book-title { letter-spacing: 0.01em; }", encoding="utf-8")
    assert "laying out the booklet" in steps(folder, out, BOOKLET)[0]
    (out / "booklet.pdf").write_bytes(b"not what we made")
    assert "laying out the booklet" in steps(folder, out, BOOKLET)[0]


def test_several_exhibitions_build_side_by_side_with_a_line_each(tmp_path):
    import subprocess
    import sys
    from tests.conftest import MINIMAL, write_exhibition
    good = write_exhibition(tmp_path / "good", MINIMAL)
    bad = write_exhibition(tmp_path / "bad", MINIMAL + "        year: 199O\n")
    run = subprocess.run([sys.executable, "-m", "booklet", "build", str(good), str(bad), "--out",
                          str(tmp_path / "out"), "--only", "booklet"], capture_output=True, text=True)
    assert run.returncode == 1
    lines = run.stdout.splitlines()
    assert any(line.startswith(f"✓ {good}: 1 file, booklet 4 pages") for line in lines), lines
    assert any(line.startswith(f"✗ {bad}: 1 error; nothing was written") for line in lines)
    assert any(':9:15: error: sections[0].books[0].year: section 1, book 1, year: expected a year' in line for line in lines)
    assert (tmp_path / "out" / "good" / "booklet.pdf").is_file()
    assert not (tmp_path / "out" / "bad").exists()


def test_the_remembered_notes_and_warnings_are_in_the_language_of_the_new_build(tmp_path):
    """A build under LANG=kk_KZ after one under ru_RU prints its summary in Kazakh: the
    remembered notes of the first were its words, not the user's now."""
    folder = write_exhibition(tmp_path / "show")
    notes = []
    try:
        for code in ("ru", "kk"):
            messages.use(code)
            notes.append(build(folder, tmp_path / "out", BOOKLET).outputs[0].note)
    finally:
        messages.use(None)
    assert notes[0].startswith("4 страницы, набор") and notes[1].startswith("4 бет, теру"), notes
