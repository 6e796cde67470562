"""Random and mutated content: only clean errors, never a traceback, always quickly."""

import re
import string
from datetime import timedelta

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from booklet.check import prepare
from booklet.problems import ContentError
from tests.conftest import SAMPLE

SAMPLE_TEXT = (SAMPLE / "exhibition.yaml").read_text(encoding="utf-8")
SETTINGS = settings(max_examples=60, deadline=timedelta(seconds=3),
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


def loads_cleanly(folder, data: bytes):
    (folder / "exhibition.yaml").write_bytes(data)
    try:
        prepare(folder)
    except ContentError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.line >= 1 and problem.column >= 1
            assert "\n" not in problem.message


@st.composite
def mutated_sample(draw):
    lines = SAMPLE_TEXT.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "dup", "indent", "dedent", "tab", "garble",
                                       "colon", "swap"]))
        line = lines[i]
        if action == "drop":
            del lines[i]
        elif action == "dup":
            lines.insert(i, line)
        elif action == "indent":
            lines[i] = "  " + line
        elif action == "dedent":
            lines[i] = line[2:]
        elif action == "tab":
            lines[i] = "\t" + line.lstrip(" ")
        elif action == "garble":
            at = draw(st.integers(0, max(len(line) - 1, 0)))
            lines[i] = line[:at] + draw(st.text(max_size=5)) + line[at:]
        elif action == "colon":
            lines[i] = line.replace(":", "", 1)
        else:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
    return "".join(lines).encode("utf-8", "surrogatepass")


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(["title", "library", "name", "sections", "books", "year",
                                       "cover", "dates", "start", "end", "theme", "intro",
                                       "poster", "sizes", "booklet", "size", "autors"]) | st.text(
                                           string.ascii_lowercase, max_size=6),
                      children, max_size=5),
    max_leaves=25)


@SETTINGS
@given(data=mutated_sample())
def test_mutated_sample(tmp_path, data):
    folder = tmp_path / "memory"
    if not folder.exists():
        import shutil
        shutil.copytree(SAMPLE, folder)
    try:
        loads_cleanly(folder, data)
    except UnicodeEncodeError:
        pass


@SETTINGS
@given(value=yaml_values)
def test_random_structures(tmp_path, value):
    loads_cleanly(tmp_path, yaml.safe_dump(value, allow_unicode=True).encode())


@SETTINGS
@given(raw=st.binary(max_size=300))
def test_random_bytes(tmp_path, raw):
    loads_cleanly(tmp_path, raw)


def test_a_value_of_many_lines_is_quoted_short_on_one_line(tmp_path):
    """The introduction's text under another key (a mutation found it): the error quoted the
    whole text, its line breaks included."""
    text = re.sub(r"(?m)^language:.*\n", "", SAMPLE_TEXT).replace("intro:", "language:", 1)
    loads_cleanly(tmp_path, text.encode("utf-8"))
    try:
        prepare(tmp_path)
    except ContentError as exc:
        quoting = [p for p in exc.problems if "Ежегодно" in p.message]
    assert quoting and all(len(p.message) < 160 and "\n" not in p.message for p in quoting)
