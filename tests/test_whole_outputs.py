"""A build writes its whole set of files or none of them: a full disk, a file size limit, a
file in the way of the output folder or of one output leave the earlier set whole, with one
line and no traceback. The same content in another folder gives the same bytes. A killed
build leaves no worker behind."""

import hashlib
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from booklet.press.output import STAGING
from tests.conftest import MINIMAL, error_lines, interruptible, run_booklet, write_exhibition

WITH_PICTURES = MINIMAL.replace("  name: Библиотека\n", "  name: Библиотека\n  logo: logo.png\n") \
    .replace("        authors:", "        cover: cover.png\n        authors:") \
    + "poster:\n  sizes: [a4]\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """An exhibition with pictures, built once: its folder and a copy of its outputs."""
    root = tmp_path_factory.mktemp("whole")
    folder = write_exhibition(root / "show", WITH_PICTURES,
                              images={"logo.png": (200, 200), "cover.png": (300, 420)})
    code, _, stderr = run_booklet("build", folder, "--out", root / "first", timeout=120)
    assert code == 0, stderr
    return folder, root / "first"


def fresh_copy(built, tmp_path) -> tuple[Path, Path, dict[str, str]]:
    """The exhibition changed (so that everything must be made again) and its earlier outputs,
    with their digests."""
    folder, first = built
    out = tmp_path / "out"
    shutil.copytree(first, out)
    changed = tmp_path / "show"
    shutil.copytree(folder, changed)
    text = (changed / "exhibition.yaml").read_text(encoding="utf-8")
    (changed / "exhibition.yaml").write_text(text.replace("Тестовая", "Новая"), encoding="utf-8")
    return changed, out, digests(out)


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


def assert_one_line_and_untouched(code, stderr, out, before):
    assert code == 2, stderr
    lines = error_lines(stderr)
    assert len(lines) == 1 and lines[0].startswith("booklet: error: ")
    assert "the earlier ones are left as they were" in lines[0], lines[0]
    assert digests(out) == before
    assert not [p for p in out.iterdir() if p.name.startswith(STAGING)]


def test_a_file_size_limit_mid_build_leaves_the_earlier_set_whole(built, tmp_path):
    changed, out, before = fresh_copy(built, tmp_path)
    biggest = max(p.stat().st_size for p in out.iterdir())

    def small_files():  # as `ulimit -f`: the largest output cannot be written
        resource.setrlimit(resource.RLIMIT_FSIZE, (biggest // 2, biggest // 2))

    code, _, stderr = run_booklet("build", changed, "--out", out, preexec_fn=small_files,
                                  timeout=120)
    assert "the file is too large" in stderr
    assert_one_line_and_untouched(code, stderr, out, before)


STAGE_ONLY = """
import resource, sys
from pathlib import Path
from booklet.press.output import write_all
resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))
write_all(Path(sys.argv[1]), {"a.pdf": b"new a", "b.pdf": b"new b" * 40_000, "c.pdf": b"new c"})
"""


def test_a_full_disk_while_the_set_is_written_leaves_the_earlier_set_whole(tmp_path):
    """The staging itself, where the fonts' copies do not fail first: the second of three
    files cannot be written whole."""
    out = tmp_path / "out"
    out.mkdir()
    for name in ("a.pdf", "b.pdf", "c.pdf"):
        (out / name).write_bytes(b"old " + name.encode())
    before = digests(out)
    done = subprocess.run([sys.executable, "-c", STAGE_ONLY, str(out)], capture_output=True,
                          text=True, timeout=30)
    assert done.returncode != 0 and "the earlier ones are left as they were" in done.stderr
    assert digests(out) == before and sorted(os.listdir(out)) == ["a.pdf", "b.pdf", "c.pdf"]


def test_an_output_that_cannot_be_replaced_leaves_the_earlier_set_whole(built, tmp_path):
    """As a viewer holding poster-a4.pdf open on Windows: here a folder of that name, which
    no file can replace (even for root, who passes every permission)."""
    changed, out, before = fresh_copy(built, tmp_path)
    (out / "poster-a4.pdf").unlink()
    (out / "poster-a4.pdf").mkdir()
    (out / "poster-a4.pdf" / "inside").write_text("held")
    before = digests(out)
    code, _, stderr = run_booklet("build", changed, "--out", out, timeout=120)
    assert_one_line_and_untouched(code, stderr, out, before)


@pytest.mark.parametrize("where", ["a-file", "/proc/booklet-out"])
def test_an_impossible_output_folder_is_one_line(built, tmp_path, where):
    folder, _ = built
    target = tmp_path / where if where == "a-file" else Path(where)
    if where == "a-file":
        target.write_text("not a folder")
    code, _, stderr = run_booklet("build", folder, "--out", target / "sub", timeout=120)
    assert code == 2 and len(error_lines(stderr)) == 1, stderr


def test_the_same_content_elsewhere_gives_the_same_bytes(built, tmp_path):
    folder, _ = built
    elsewhere = tmp_path / "a" / "much" / "longer" / "path" / "show"
    shutil.copytree(folder, elsewhere)
    outputs = []
    for source, out in ((folder, tmp_path / "one"), (elsewhere, tmp_path / "two")):
        code, _, stderr = run_booklet("build", source, "--out", out, timeout=120,
                                      env={"SOURCE_DATE_EPOCH": "1780000000"})
        assert code == 0, stderr
        outputs.append({k: v for k, v in digests(out).items() if k.endswith(".pdf")})
    assert len(outputs[0]) >= 4 and outputs[0] == outputs[1]


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status  # a zombie has ended; only its parent's wait is missing


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads children from /proc")
def test_the_poster_worker_dies_with_a_killed_build(built, tmp_path):
    folder, _ = built
    own_tmp = tmp_path / "tmp"
    own_tmp.mkdir()  # kill -9 runs no cleanup: what the killed build leaves goes here
    process = subprocess.Popen([sys.executable, "-m", "booklet", "build", str(folder), "--out",
                                str(tmp_path / "out")], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env={**os.environ, "TMPDIR": str(own_tmp)})
    deadline = time.monotonic() + 60
    workers = []
    while not workers and time.monotonic() < deadline and process.poll() is None:
        workers = children(process.pid)
        time.sleep(0.05)
    if not workers:
        process.wait()
        pytest.skip("the build ended before its poster worker could be seen")
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 10
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(w) for w in workers)


def test_ctrl_c_in_a_build_is_one_line_and_leaves_nothing(built, tmp_path):
    changed, out, before = fresh_copy(built, tmp_path)
    own_tmp = tmp_path / "tmp"
    own_tmp.mkdir()
    process = subprocess.Popen([sys.executable, "-m", "booklet", "build", str(changed), "--out",
                                str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True, start_new_session=True, preexec_fn=interruptible,
                               env={**os.environ, "TMPDIR": str(own_tmp)})
    assert "reading the exhibition" in process.stderr.readline()
    process.stderr.readline()  # the layout begun (a fixed wait let a fast build end first)
    os.killpg(process.pid, signal.SIGINT)  # as the terminal does: to the build and its worker
    stderr = process.stderr.read()
    assert process.wait(timeout=30) == 130
    assert "Traceback" not in stderr and "booklet: stopped" in stderr
    assert digests(out) == before and list(own_tmp.iterdir()) == []


def test_a_staging_folder_left_by_a_killed_build_is_removed_later(tmp_path):
    from booklet.press.output import write_all

    out = tmp_path / "out"
    stale, recent = out / f"{STAGING}killed", out / f"{STAGING}running"
    for folder in (stale, recent):
        (folder / "new").mkdir(parents=True)
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    write_all(out, {"booklet.pdf": b"%PDF"})
    assert not stale.exists() and recent.exists()  # another build may be writing that one
    assert (out / "booklet.pdf").read_bytes() == b"%PDF"
