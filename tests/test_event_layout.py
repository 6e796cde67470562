"""An event's own layout extends a bundled one and overrides only what it changes."""

import shutil
import subprocess
import sys

import pypdfium2 as pdfium
from PIL import ImageChops

from booklet.build import build, produce
from booklet.problems import ContentError
from tests.conftest import SAMPLE

EVENT_TEMPLATE = """{% extends "memorial/booklet.html" %}
{% block cover %}
<section class="cover event-cover" data-loc="title" data-fit>
  <p class="event-badge">31 мая</p>
  <h1 class="cover-title">{{ title }}</h1>
</section>
{% endblock %}
"""


def event_copy(tmp_path, template=EVENT_TEMPLATE, css=".event-badge { color: #f2b705; "
               "font: 700 40pt/1 'PT Sans'; margin-bottom: 20mm; }\n"):
    folder = tmp_path / "memory"
    shutil.copytree(SAMPLE, folder)
    own = folder / "layouts" / "memory-day"
    own.mkdir(parents=True)
    (own / "layout.yaml").write_text("extends: memorial\n", encoding="utf-8")
    (own / "booklet.html").write_text(template, encoding="utf-8")
    (own / "booklet.css").write_text(css, encoding="utf-8")
    text = (folder / "exhibition.yaml").read_text(encoding="utf-8")
    (folder / "exhibition.yaml").write_text(text.replace("layout: memorial", "layout: memory-day"),
                                            encoding="utf-8")
    return folder


def pictures(path):
    return [page.render(scale=0.4).to_pil().convert("RGB") for page in pdfium.PdfDocument(path)]


def test_overriding_only_the_cover_changes_the_cover_and_nothing_else(tmp_path, sample_build):
    out, _ = sample_build
    folder = event_copy(tmp_path)
    [own] = build(folder, tmp_path / "out", only=("booklet",)).outputs
    bundled, event = pictures(out / "booklet.pdf"), pictures(own.path)
    assert len(bundled) == len(event)
    assert ImageChops.difference(bundled[0], event[0]).getbbox() is not None  # a new cover
    for number, (a, b) in enumerate(zip(bundled[1:], event[1:]), 2):
        assert ImageChops.difference(a, b).getbbox() is None, f"page {number} changed"


def test_the_event_layout_is_listed_and_its_css_comes_after_the_bundled(tmp_path):
    folder = event_copy(tmp_path)
    from booklet.render.layouts import available, read
    layouts = available(folder)
    layout = read(layouts["memory-day"], layouts)
    assert [f.name for f in layout.folders] == ["memory-day", "memorial"]
    assert layout.variables.keys() == read(layouts["memorial"], layouts).variables.keys()


def test_a_layout_that_keeps_text_from_wrapping_is_caught(tmp_path):
    folder = event_copy(tmp_path, template='{% extends "memorial/booklet.html" %}\n',
                        css=".annotation { white-space: nowrap; }\n")
    try:
        produce(folder, only=("booklet",))
    except ContentError as exc:
        messages = [str(p) for p in exc.problems]
    assert any("sections[0].books[0]: section 1, book 1: booklet: text runs out of its column" in m for m in messages)


def test_new_starts_an_exhibition_that_builds_at_once(tmp_path):
    for language, layout in (("ru", "memorial"), ("kk", "bright"), ("en", "classic")):
        folder = tmp_path / language
        run = subprocess.run([sys.executable, "-m", "booklet", "new", str(folder), "--language",
                              language, "--layout", layout], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        text = (folder / "exhibition.yaml").read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=exhibition.schema.json")
        assert (folder / "images").is_dir()
        result = build(folder, tmp_path / f"out-{language}")
        assert {o.path.name for o in result.outputs} >= {"booklet.pdf", "poster-a3.pdf"}
        assert not result.warnings


def test_new_refuses_a_folder_with_files(tmp_path):
    (tmp_path / "x.txt").write_text("x")
    run = subprocess.run([sys.executable, "-m", "booklet", "new", str(tmp_path)],
                         capture_output=True, text=True)
    assert run.returncode == 2 and "is not empty" in run.stderr


def test_layouts_lists_each_with_its_description():
    run = subprocess.run([sys.executable, "-m", "booklet", "layouts"], capture_output=True, text=True)
    lines = run.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["bright", "classic", "memorial"]
    assert "remembrance" in lines[2]
