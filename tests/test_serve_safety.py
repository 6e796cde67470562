"""`booklet serve` survives what a build does wrong and ends cleanly: a stuck build is
stopped and its worker replaced, a refused file is shown as an error while the last good
build stays, SIGTERM and Ctrl-C leave no folder and no traceback, a used port or a wrong
one is one line."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from booklet.preview.server import Preview
from tests.conftest import MINIMAL, error_lines, interruptible, run_booklet, write_exhibition
from tests.test_serve import free_port, get, wait_ready


def start(folder: Path, port: int, tmp: Path) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-m", "booklet", "serve", str(folder), "--port",
                                str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env={**os.environ, "TMPDIR": str(tmp)},
                               preexec_fn=interruptible)
    assert f":{port}/" in process.stdout.readline()
    return process


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_ends_it_cleanly_and_leaves_no_folder(tmp_path, stop):
    folder = write_exhibition(tmp_path / "show")
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    port = free_port()
    process = start(folder, port, tmp)
    try:
        wait_ready(port)
        status, _ = get(port, "/build/" + "9" * 5000 + "/booklet.pdf")
        assert status == 404
        process.send_signal(stop)
        assert process.wait(timeout=15) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert "Traceback" not in process.stderr.read()
    assert list(tmp.iterdir()) == []


@pytest.mark.parametrize("stop, after", [(signal.SIGTERM, 1.0), (signal.SIGINT, 2.5),
                                         (signal.SIGTERM, 4.0)])
def test_a_signal_to_the_group_in_mid_build_leaves_no_folder_and_says_nothing(tmp_path, stop,
                                                                             after):
    """Ctrl-C at a terminal, or a service manager's SIGTERM, reaches the worker and the
    processes it forked for the posters and the kit as well, in the middle of a build: the
    worker's temporary folders (booklet-beside-…) were left in $TMPDIR, and the server's own
    removal could fail at once with «booklet: error: 1: Directory not empty»."""
    folder = write_exhibition(tmp_path / "show", MINIMAL + "kit: true\nsite: true\n")
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "booklet", "serve", str(folder), "--port",
                                str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env={**os.environ, "TMPDIR": str(tmp)},
                               start_new_session=True, preexec_fn=interruptible)
    try:
        assert f":{port}/" in process.stdout.readline()
        time.sleep(after)
        os.killpg(process.pid, stop)
        assert process.wait(timeout=15) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.stderr.read() == ""
    time.sleep(0.5)  # the forked processes, killed with their parent, are gone by now
    assert list(tmp.iterdir()) == []


def test_a_used_port_is_one_line(tmp_path):
    folder = write_exhibition(tmp_path / "show")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, _, stderr = run_booklet("serve", folder, "--port", port, timeout=30)
    assert code == 2 and len(error_lines(stderr)) == 1
    assert f"port {port} is in use" in stderr and "--port" in stderr


@pytest.mark.parametrize("port", ["99999", "-1", "http"])
def test_a_port_out_of_range_is_a_usage_error(tmp_path, port):
    code, _, stderr = run_booklet("serve", write_exhibition(tmp_path / "show"), "--port", port)
    assert code == 2 and "is not a port number" in stderr and "Traceback" not in stderr


def test_a_stuck_build_is_stopped_and_its_worker_replaced(tmp_path):
    preview = Preview(write_exhibition(tmp_path / "show"), limit=0.3)
    try:
        preview._build_once()  # a fresh worker cannot even start WeasyPrint in 0.3 s
        assert preview.state.status == "error" and preview.worker is None
        assert "took longer than 0.3 s" in preview.state.errors[0]
        preview.limit = 120
        preview.wanted += 1
        preview._build_once()  # a new worker, and the build goes through
        assert preview.state.status == "ready", preview.state.errors
    finally:
        if preview.worker is not None:
            preview.worker.stop()
        preview.work.cleanup()


def test_a_refused_file_is_shown_and_the_last_good_build_stays(tmp_path):
    folder = write_exhibition(tmp_path / "show")
    preview = Preview(folder)
    try:
        preview._build_once()
        assert preview.state.status == "ready"
        pages = preview.state.pages
        own = folder / "layouts" / "evt"
        own.mkdir(parents=True)
        (own / "layout.yaml").write_text("extends: memorial\n")
        (own / "booklet.css").write_text('.cover { background: url("file:///etc/hostname"); }')
        text = (folder / "exhibition.yaml").read_text(encoding="utf-8")
        (folder / "exhibition.yaml").write_text(text + "layout: evt\n", encoding="utf-8")
        preview.wanted += 1
        preview._build_once()
        assert preview.state.status == "error" and "refused to read" in preview.state.errors[0]
        assert preview.state.pages == pages  # still on screen
        (folder / "exhibition.yaml").write_text(text, encoding="utf-8")
        preview.wanted += 1
        preview._build_once()  # and it goes on building
        assert preview.state.status == "ready"
    finally:
        if preview.worker is not None:
            preview.worker.stop()
        preview.work.cleanup()
