"""Small hostile or careless inputs end quickly in one clear line: each test is the input a
red-team pass or a careless hand gave, run as `booklet check` within a generous time cap."""

import os
import re
import shutil
import time
from pathlib import Path

import pytest
from PIL import ImageCms

from tests.conftest import MINIMAL, error_lines, run_booklet, write_exhibition

LOCATED = re.compile(r"^\S+:\d+:\d+: error: ")
CMYK_PROFILE = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")


def one_error(folder: Path, status: int = 1, *args) -> str:
    started = time.monotonic()
    code, _, stderr = run_booklet("check", folder, *args)
    assert time.monotonic() - started < 30
    lines = error_lines(stderr)
    assert code == status and len(lines) == 1, stderr
    assert "\u202e" not in stderr and "\x00" not in stderr
    return lines[0]


@pytest.mark.parametrize("text, where", [
    ("title: " + "[" * 1500 + "]" * 1500 + "\n", "nests more than"),
    (MINIMAL + "!foo colophon: 1\n", "cannot read this key"),
    (MINIMAL + "!!int abc: 1\n", "cannot read this key"),
    (MINIMAL + "subtitle: !!timestamp yesterday\n", "cannot read this value"),
    (MINIMAL + "tit\u202ele: x\n", "unknown key `tit\\u202ele`"),
    (MINIMAL.replace("title: Тестовая выставка", "title: \"a\\0b\\u202e\""), None),
])
def test_strange_yaml_is_one_line(exhibition, text, where):
    line = one_error(exhibition(text))
    assert LOCATED.match(line)
    if where:
        assert where in line


def test_a_yaml_nested_deeper_than_python_can_recurse_is_one_line(exhibition):
    line = one_error(exhibition("a: " + "{b: " * 5000 + "1" + "}" * 5000 + "\n"))
    assert ":1:" in line and "nests more than" in line


def test_utf16_with_a_lone_surrogate_is_located(exhibition):
    folder = exhibition()
    raw = "\ufeff" + MINIMAL.replace("Раздел", "Раз")
    data = raw.encode("utf-16-le") + b"\x00\xd8" + "дел\n".encode("utf-16-le")
    (folder / "exhibition.yaml").write_bytes(data)
    line = one_error(folder)
    assert LOCATED.match(line) and "surrogate" in line


def test_a_link_too_long_for_a_qr_code_is_an_error_at_the_link(exhibition):
    long_link = "https://catalog.example.kz/" + "x" * 3000
    line = one_error(exhibition(MINIMAL + f"        link: {long_link}\n"))
    assert ":9:15: error: sections[0].books[0].link: section 1, book 1, link: the link is" in line


def test_exhibition_yaml_linked_outside_is_refused(tmp_path):
    (tmp_path / "elsewhere.yaml").write_text(MINIMAL, encoding="utf-8")
    folder = tmp_path / "show"
    folder.mkdir()
    (folder / "exhibition.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    assert "leads outside" in one_error(folder)


def test_a_loop_of_links_is_one_line(tmp_path):
    folder = write_exhibition(tmp_path / "show", MINIMAL.replace(
        "        authors:", "        cover: images/a.png\n        authors:"))
    (folder / "images").mkdir()
    (folder / "images" / "a.png").symlink_to(folder / "images" / "b.png")
    (folder / "images" / "b.png").symlink_to(folder / "images" / "a.png")
    assert LOCATED.match(one_error(folder))
    loop = tmp_path / "loop"
    loop.mkdir()
    (loop / "exhibition.yaml").symlink_to(loop / "exhibition.yaml")
    code, _, stderr = run_booklet("check", loop)
    assert code == 2 and stderr.count("\n") == 1 and stderr.startswith("booklet: error: ")


def test_a_hard_link_to_a_file_elsewhere_is_refused(tmp_path):
    from PIL import Image

    outside = tmp_path / "outside.png"
    Image.new("RGB", (300, 400), "#446688").save(outside)
    folder = write_exhibition(tmp_path / "show", MINIMAL.replace(
        "        authors:", "        cover: cover.png\n        authors:"))
    os.link(outside, folder / "cover.png")
    assert "hard link" in one_error(folder)


def nested_svg(levels: int, fan: int = 10) -> str:
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
             'width="100" height="100"><defs><rect id="l0" width="1" height="1"/>']
    for i in range(1, levels + 1):
        parts.append(f'<g id="l{i}">' + f'<use xlink:href="#l{i - 1}"/>' * fan + "</g>")
    return "".join(parts) + f'</defs><use xlink:href="#l{levels}"/></svg>'


@pytest.mark.parametrize("svg", [nested_svg(8), nested_svg(5),
                                 '<svg xmlns="http://www.w3.org/2000/svg"><g id="a">'
                                 '<use href="#a"/></g></svg>'])
def test_an_svg_that_expands_without_end_is_refused_at_once(tmp_path, svg):
    folder = write_exhibition(tmp_path / "show", MINIMAL.replace(
        "  name: Библиотека\n", "  name: Библиотека\n  logo: logo.svg\n"))
    (folder / "logo.svg").write_text(svg)
    assert len(svg) < 2500  # a couple of kilobytes
    line = one_error(folder)
    assert "library.logo" in line and "shapes" in line


def test_a_one_megabyte_paragraph_is_refused_at_once(exhibition):
    line = one_error(exhibition(MINIMAL + "intro: " + "слово " * 175_000 + "\n"))
    assert ":9:8: error: intro:" in line and "characters" in line


@pytest.mark.parametrize("profile", [b"garbage", b"", "rgb"])
def test_a_press_profile_that_is_not_cmyk_is_an_error_at_its_line(exhibition, profile):
    folder = exhibition(MINIMAL + "booklet:\n  press:\n    profile: shop.icc\n")
    if profile == "rgb":
        profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    (folder / "shop.icc").write_bytes(profile)
    line = one_error(folder)
    assert ":11:14: error: booklet.press.profile: booklet, press, profile: shop.icc" in line


@pytest.mark.skipif(not CMYK_PROFILE.exists(), reason="Debian's libgs-common is not installed")
def test_a_press_build_leaves_no_cmyk_pictures_behind(tmp_path):
    folder = write_exhibition(tmp_path / "show", MINIMAL.replace(
        "        authors:", "        cover: cover.png\n        authors:")
        + "booklet:\n  press:\n    profile: shop.icc\n", images={"cover.png": (300, 420)})
    shutil.copy(CMYK_PROFILE, folder / "shop.icc")
    own_tmp = tmp_path / "tmp"
    own_tmp.mkdir()
    code, _, stderr = run_booklet("build", folder, "--out", tmp_path / "out", "--only", "press",
                                  env={"TMPDIR": str(own_tmp)}, timeout=120)
    assert code == 0, stderr
    assert list(own_tmp.iterdir()) == []


def test_several_paths_where_one_fails_check_them_all(tmp_path):
    good = write_exhibition(tmp_path / "good")
    bad = write_exhibition(tmp_path / "bad", MINIMAL + "autors: x\n")
    code, _, stderr = run_booklet("check", tmp_path / "missing", bad, good)
    assert "Traceback" not in stderr
    assert code == 2 and "no exhibition.yaml" in stderr and "unknown key `autors`" in stderr


def test_new_onto_a_file_is_one_line(tmp_path):
    (tmp_path / "taken").write_text("a file")
    code, _, stderr = run_booklet("new", tmp_path / "taken")
    assert code == 2 and stderr.startswith("booklet: error: ") and stderr.count("\n") == 1
    assert (tmp_path / "taken").read_text() == "a file"
