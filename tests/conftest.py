import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from PIL import Image

from booklet.build import build

# the tests read booklet's English messages, whatever the machine's locale; the messages in
# Russian and Kazakh are tested with their own environment (tests/test_messages.py)
for _name in ("LANGUAGE", "LC_ALL"):
    os.environ.pop(_name, None)
os.environ["LC_MESSAGES"] = "C.UTF-8"

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content" / "memory"

MINIMAL = """\
title: Тестовая выставка
library:
  name: Библиотека
sections:
  - title: Раздел
    books:
      - title: Книга
        authors: ["Абай"]
"""


def write_exhibition(folder: Path, text: str = MINIMAL, images: dict | None = None,
                     encoding: str = "utf-8") -> Path:
    """An exhibition folder with `text` as exhibition.yaml and generated pictures."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, size in (images or {}).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", size, "#446688").save(path)
    (folder / "exhibition.yaml").write_bytes(textwrap.dedent(text).encode(encoding))
    return folder


@pytest.fixture(scope="session", autouse=True)
def nothing_left_in_tmpdir():
    """After the whole suite, $TMPDIR holds nothing booklet made: no WeasyPrint font copies,
    CMYK pictures, preview or staging folders. The suite runs with a $TMPDIR of its own (its
    subprocesses inherit it), so that what other programs leave in /tmp does not count."""
    own = tempfile.mkdtemp(prefix="suite-tmpdir-")
    saved = os.environ.get("TMPDIR")
    os.environ["TMPDIR"], tempfile.tempdir = own, own
    try:
        yield own
    finally:
        if saved is None:
            del os.environ["TMPDIR"]
        else:
            os.environ["TMPDIR"] = saved
        tempfile.tempdir = None
        import gc
        gc.collect()  # what the tests dropped, as each test's end collected it before
        left = sorted(p.name for p in Path(own).iterdir() if not p.name.startswith("pytest-of-"))
        shutil.rmtree(own, ignore_errors=True)
        assert not left, f"the suite left these in $TMPDIR: {left}"


@pytest.fixture(autouse=True)
def font_copies_of_direct_renders_removed():
    """Tests that lay out with WeasyPrint directly, not through build(), drop their font
    configurations when they end: collected now, WeasyPrint removes their font copies (at the
    interpreter's exit it may not). build() removes its own; a leak there still shows above.
    Collected only when there are copies: with the suite's heap a collection costs a tenth
    of a second, after each of a thousand tests."""
    yield
    import gc
    from booklet.render.fonts import remove_font_copies
    remove_font_copies()
    if any(Path(tempfile.gettempdir()).glob("weasyprint-*")):
        gc.collect()


def run_booklet(*args, cwd=None, timeout=30, env=None, **kwargs):
    """`booklet ARGS` as a librarian runs it, within `timeout` seconds (a generous cap: a
    hostile input must end quickly); its status, standard output and error."""
    done = subprocess.run([sys.executable, "-m", "booklet", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})}, **kwargs)
    return done.returncode, done.stdout, done.stderr


def error_lines(stderr: str) -> list[str]:
    """The problem lines of a run: no traceback, every line an error, a hint or the summary."""
    assert "Traceback" not in stderr, stderr
    return [line for line in stderr.splitlines() if ": error: " in line]


@pytest.fixture
def exhibition(tmp_path):
    def make(text=MINIMAL, images=None, encoding="utf-8"):
        return write_exhibition(tmp_path / "show", text, images, encoding)
    return make


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """The sample exhibition built once, with SOURCE_DATE_EPOCH, for the checks on output."""
    out = tmp_path_factory.mktemp("sample")
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1780000000")
    try:
        outputs = build(SAMPLE, out).outputs
    finally:
        mp.undo()
    return out, outputs


@pytest.fixture(scope="session")
def sample_copy(tmp_path_factory):
    folder = tmp_path_factory.mktemp("copy") / "memory"
    shutil.copytree(SAMPLE, folder)
    return folder


@pytest.fixture(scope="session", autouse=True)
def picture_cache(tmp_path_factory):
    """The prepared pictures (booklet/render/pictures.py) go to a cache folder of the suite's
    own, not the user's ~/.cache; subprocesses inherit it."""
    mp = pytest.MonkeyPatch()
    mp.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
    yield
    mp.undo()


def interruptible() -> None:
    """For a child that a test stops with SIGINT: Ctrl-C's default restored, as at a terminal,
    even when the suite itself was started in the background (where SIGINT is ignored, and
    children inherit that)."""
    import signal
    signal.signal(signal.SIGINT, signal.SIG_DFL)


CHROMIUM = "/usr/bin/chromium"  # Debian's: Playwright drives it, no browser of its own downloaded


def launch_chromium(playwright):
    """Debian's Chromium, headless, asking nothing of the network (the closed network here
    refuses its background connections)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=[
        "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"])
