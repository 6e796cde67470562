"""An exhibition folder is untrusted, and so is the layout it brings: shared by e-mail, on
flash drives, as "template packs". Each test is the attack, or the accident, itself: it
runs `booklet` as a librarian would and asserts no effect, a bounded time and one line."""

import hashlib
import io
import json
import os
import re
import string
from pathlib import Path

import pikepdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from booklet import cache, check
from booklet.build import build, produce
from booklet.problems import ContentError
from tests.conftest import MINIMAL, error_lines, run_booklet, write_exhibition

LOCATED = re.compile(r"^\S+:\d+:\d+: error: ")


def event_layout(folder: Path, files: dict[str, str], yaml: str = "extends: memorial\n") -> Path:
    """The exhibition at `folder` with its own layout `evt` made of `files`."""
    write_exhibition(folder, MINIMAL + "layout: evt\n")
    own = folder / "layouts" / "evt"
    own.mkdir(parents=True)
    (own / "layout.yaml").write_text(yaml, encoding="utf-8")
    for name, text in files.items():
        (own / name).write_text(text, encoding="utf-8")
    return own


def cover(markup: str) -> str:
    """An event template that puts `markup` in place of memorial's cover, on line 3."""
    return '{% extends "memorial/booklet.html" %}\n{% block cover %}\n' + markup + \
        "\n{% endblock %}\n"


def only_error(folder: Path, *args) -> str:
    status, _, stderr = run_booklet("check", folder, *args)
    lines = error_lines(stderr)
    assert status == 1 and len(lines) == 1, stderr
    assert LOCATED.match(lines[0]), lines[0]
    return lines[0]


@pytest.mark.parametrize("attack", [
    "{{ lipsum.__globals__['os'].popen('touch PWNED').read() }}",
    "{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ self._TemplateReference__context.cycler.__init__.__globals__.os.popen('touch PWNED') }}",
])
def test_a_template_cannot_run_commands(tmp_path, attack):
    folder = tmp_path / "show"
    event_layout(folder, {"booklet.html": cover(attack)})
    line = only_error(folder)
    assert "booklet.html:3:" in line and "refused in a template" in line
    assert not list(tmp_path.rglob("PWNED")) and not Path("PWNED").exists()


def test_a_template_cannot_make_a_gigabyte(tmp_path):
    folder = tmp_path / "show"
    event_layout(folder, {"booklet.html": "{{ 'x' * 10 ** 10 }}"})
    assert "refused in a template" in only_error(folder)


def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("TOP-SECRET-42", encoding="utf-8")
    return path


def test_an_include_through_a_link_out_is_refused(tmp_path):
    folder = tmp_path / "show"
    own = event_layout(folder, {"booklet.html": cover('{% include "passwd.txt" %}')})
    (own / "passwd.txt").symlink_to(secret(tmp_path))
    line = only_error(folder)
    assert "passwd.txt" in line and "leads outside the exhibition folder" in line


def test_a_stylesheet_linked_out_is_not_read(tmp_path):
    folder = tmp_path / "show"
    own = event_layout(folder, {})
    (own / "booklet.css").symlink_to(secret(tmp_path))
    assert "booklet.css" in only_error(folder)


def test_a_layout_folder_linked_out_is_refused(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "layout.yaml").write_text("extends: memorial\n")
    folder = write_exhibition(tmp_path / "show", MINIMAL + "layout: evt\n")
    (folder / "layouts").mkdir()
    (folder / "layouts" / "evt").symlink_to(outside, target_is_directory=True)
    assert "the layout folder leads outside" in only_error(folder)


def test_a_stylesheet_asking_for_an_outside_file_is_one_line(tmp_path):
    folder = tmp_path / "show"
    event_layout(folder, {"booklet.css": f'.cover {{ background: url("{secret(tmp_path).as_uri()}"); }}'})
    line = only_error(folder)
    assert "refused to read" in line and "exhibition.yaml:" in line


@pytest.mark.parametrize("link", [
    '<link rel="attachment" href="exhibition.yaml">',
    '<a rel="&#97;ttachment" href="exhibition.yaml">the list</a>',
    '<a REL="nofollow ATTACHMENT" href="exhibition.yaml">the list</a>',
])
def test_attachments_are_refused_in_templates(tmp_path, link):
    folder = tmp_path / "show"
    event_layout(folder, {"booklet.html": cover(link)})
    assert "attachment" in only_error(folder)


def test_a_font_not_bundled_is_an_error_at_its_line(tmp_path):
    folder = tmp_path / "show"
    event_layout(folder, {"booklet.css": "p { color: red; }\n.cover { font-family: 'DejaVu Sans'; }\n"})
    line = only_error(folder)
    assert "booklet.css:2:" in line and "DejaVu Sans" in line


def test_no_system_font_reaches_the_pdf(tmp_path):
    """Even through an SVG logo's text, which no CSS check sees: the font configuration
    holds only the bundled fonts."""
    folder = write_exhibition(tmp_path / "show", MINIMAL.replace(
        "  name: Библиотека\n", "  name: Библиотека\n  logo: logo.svg\n"))
    (folder / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40">'
        '<text x="0" y="30" font-family="DejaVu Sans" font-size="30">Logo Лого</text></svg>')
    _, made, _ = produce(folder, only=("booklet",))
    pdf = pikepdf.open(io.BytesIO(made[0].data))
    fonts = {str(obj.get("/BaseFont")) for obj in pdf.objects
             if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font"}
    assert fonts and all(re.search(r"\+PT-(Serif|Sans)", name) for name in fonts), fonts


@pytest.mark.parametrize("yaml, where", [
    ("extends: nosuch\n", ":1:10: error: extends: no layout \"nosuch\""),
    ("extends: [memorial\n", ":2:1: error: not valid YAML"),
    ("", ":1:1: error: the file is empty"),
    ("- extends\n- memorial\n", ":1:1: error: the file must be"),
    ("extends: memorial\ntheme:\n  glow: {default: red}\n", ":3:9: error: theme.glow.type"),
    ("extends: memorial\nsizes: 5\n", ":2:8: error: sizes"),
    ("extends: memorial\nheadline_font: ../../../etc/passwd\n", ":2:16: error: headline_font"),
    ("extends: other\n", "extend each other in a circle"),
    ("extends: memorial\n!!int abc: 1\n", ":2:1: error: cannot read this key"),
])
def test_a_malformed_layout_yaml_is_one_line_at_its_place(tmp_path, yaml, where):
    folder = tmp_path / "show"
    event_layout(folder, {}, yaml)
    other = folder / "layouts" / "other"
    other.mkdir()
    (other / "layout.yaml").write_text("extends: evt\n", encoding="utf-8")
    line = only_error(folder)
    assert "layout.yaml" in line and where in line, line


@pytest.mark.parametrize("template, where, what", [
    ('{% extends "memorial/booklet.html" %}\n{% block cover %}\n{% if %}\n{% endblock %}',
     "booklet.html:3:", "template syntax"),
    ('{% extends "memorial/booklet.html" %}\n{% block cover %}\n\n{{ no.such }}\n{% endblock %}',
     "booklet.html:4:", "undefined"),
    ('{% extends "nosuch/booklet.html" %}', "booklet.html:1:", "no template"),
    ('{% include "booklet.html" %}', "booklet.html:1:", ""),
])
def test_a_mistake_in_a_template_is_one_line_at_its_place(tmp_path, template, where, what):
    folder = tmp_path / "show"
    event_layout(folder, {"booklet.html": template})
    line = only_error(folder)
    assert where in line and what in line, line


def test_a_crafted_cache_file_is_not_trusted(tmp_path):
    """The cache names ../../secret with the right digest under the right key: build must
    neither read nor list it, and makes the booklet again."""
    folder = write_exhibition(tmp_path / "show")
    out = tmp_path / "out"
    out.mkdir()
    target = secret(tmp_path)
    key = cache.keys(check.prepare(folder), False, {"": 1080})["booklet"]
    name = os.path.relpath(target, out)
    crafted = {"booklet": {"key": key, "kinds": ["booklet"],
                           "files": {name: hashlib.sha256(target.read_bytes()).hexdigest()},
                           "pages": {name: 1}, "warnings": []}}
    (out / cache.FILE).write_text(json.dumps(crafted))
    result = build(folder, out, only=("booklet",), screens={"": 1080})
    assert [o.path.name for o in result.outputs] == ["booklet.pdf"]
    assert all(o.path.parent == out for o in result.outputs)
    assert name not in (out / cache.FILE).read_text()


@pytest.mark.parametrize("text", ["[]", "{\"booklet\": 5}", "{\"booklet\": {\"key\": 1}}", "\x00",
                                  '{"booklet": {"key": "k", "kinds": [], "files": {"a.pdf": "x"},'
                                  ' "pages": {"a.pdf": 1}, "warnings": [{"nope": 1}]}}'])
def test_a_malformed_cache_file_is_forgotten(tmp_path, text):
    out = tmp_path / "out"
    out.mkdir()
    (out / cache.FILE).write_text(text)
    assert cache.load(out) == {}


# -- random layout folders ------------------------------------------------------------------

FRAGMENTS = ["{{ title }}", "{{ title|upper }}", "{% include \"poster.html\" %}",
             "{% block cover %}", "{% endblock %}", "{% for s in sections %}{{ s.title }}",
             "{% endfor %}", "{{ nosuch }}", "{{ title.__class__ }}", "{{ 1 / 0 }}",
             "{% if %}", "{{ range(10)|list }}", "{% include \"../../x\" %}",
             "<link rel=attachment href=exhibition.yaml>", "<p style='font-family: Arial'>",
             "{{ lipsum.__globals__ }}", "<img src=\"file:///etc/hostname\">", "{#", "#}", "}}",
             "{{ labels.exhibition }}", "<img src=\"exhibition.yaml\">", "{% extends \"evt/booklet.html\" %}"]
TEMPLATE_STARTS = ["{% extends \"memorial/booklet.html\" %}", "{% extends \"classic/booklet.html\" %}", ""]
YAML_STARTS = ["extends: memorial", "extends: bright", "extends: evt", "extends: nosuch", ""]
YAML_LINES = ["theme:\n  accent: {type: color, default: \"#123456\"}", "theme:\n  x: {default: 1}",
              "theme:\n  f: {type: font, default: Arial}", "sizes: 5", "sizes: [a5]",
              "headline_font: PTSans-Bold", "headline_font: ../x", "- item",
              "labels: {ru: {exhibition: Выставка}}", "cover_title: {a5: {size: 30, width: 100}}",
              "cover_title: 5", "poster_subtitle: {font: nosuch}", "!!int x: 1", "? [a]\n: b",
              "&a x: *a", "logo_ground: nosuch", "extends: [", "title: {ru: [1]}"]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(yaml=st.tuples(st.sampled_from(YAML_STARTS),
                      st.lists(st.sampled_from(YAML_LINES), max_size=3, unique=True)),
       template=st.tuples(st.sampled_from(TEMPLATE_STARTS), st.lists(
           st.sampled_from(FRAGMENTS) | st.text(string.printable, max_size=12), max_size=6)),
       css=st.text(max_size=60))
def test_random_layout_folders_give_lines_never_a_traceback(tmp_path_factory, yaml, template, css):
    root = tmp_path_factory.mktemp("random")
    folder = root / "show"
    event_layout(folder, {"booklet.html": template[0] + "".join(template[1]), "booklet.css": css},
                 "\n".join([yaml[0], *yaml[1]]) + "\n")
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    cwd = sorted(os.listdir("."))
    try:
        produce(folder, only=("booklet",))
    except ContentError as exc:
        assert exc.problems and all(LOCATED.match(str(p)) for p in exc.problems)
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before
    assert sorted(os.listdir(".")) == cwd


@pytest.mark.parametrize("loops", [
    "{% for i in range(100000) %}{% for j in range(100000) %}{{ i }}{% endfor %}{% endfor %}",
    "{% set r = range(100000) %}{% for i in r %}{% for j in r %}x{% endfor %}{% endfor %}",
])
def test_a_template_that_would_run_for_hours_is_stopped(tmp_path, loops):
    folder = tmp_path / "show"
    event_layout(folder, {"booklet.html": cover(loops)})
    line = only_error(folder)
    assert "booklet.html:" in line and "refused in a template" in line


@pytest.mark.parametrize("template, said", [
    ("{{ exhibition.title | nosuchfilter }}", "синтаксис шаблона: нет фильтра «nosuchfilter»"),
    ("{{ nosuch.x }}", "шаблон: «nosuch» не определено"),
    ("{% if x %}", "синтаксис шаблона: шаблон кончается раньше, чем закрыт его «if»"),
    ("{{ (1 }}", "синтаксис шаблона: ожидается «)», а указано «}»"),
    ('{{ "a" ~ }}', "синтаксис шаблона: «}}» там, где его быть не может"),
    ("{% frobnicate %}", "синтаксис шаблона: неизвестный тег «frobnicate»"),
])
def test_a_template_mistake_is_said_in_the_users_language(tmp_path, template, said):
    """Jinja's own words were quoted in English after «шаблон:» (`No filter named …`)."""
    folder = tmp_path / "show"
    event_layout(folder, {"booklet.html": template})
    status, _, stderr = run_booklet("check", folder, env={"LC_ALL": "ru_RU.UTF-8",
                                                          "LANGUAGE": ""})
    assert status == 1 and error_lines(stderr)[0].endswith(
        "booklet.html:1:1: error: " + said), stderr
