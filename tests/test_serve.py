"""`booklet serve`: a real browser watches the preview follow the librarian's edits; the
server answers nothing outside its own page and builds, and only on 127.0.0.1."""

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, SAMPLE, interruptible, launch_chromium



def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def started(folder: Path):
    """`booklet serve` on a copy of the sample: the process and its port, once it says where."""
    shutil.copytree(SAMPLE, folder)
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "booklet", "serve", str(folder), "--port",
                                str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, preexec_fn=interruptible)
    announced = process.stdout.readline()
    assert f"http://127.0.0.1:{port}/" in announced
    return process, port


def stopped(process) -> None:
    if process.poll() is None:
        process.terminate()  # as a service manager stops it: it removes its folder
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture
def server(tmp_path):
    """A server of the test's own: the test edits its folder or stops it."""
    process, port = started(tmp_path / "memory")
    yield tmp_path / "memory", port, process
    stopped(process)


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory):
    """One server for the tests that only ask it things, its first build done; a link to
    /etc/passwd in its watched folder."""
    folder = tmp_path_factory.mktemp("shared") / "memory"
    process, port = started(folder)
    wait_ready(port)
    os.symlink("/etc/passwd", folder / "link.png")
    yield folder, port, process
    stopped(process)


def get(port, path, host=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest("GET", path, skip_host=True)
    connection.putheader("Host", host or f"127.0.0.1:{port}")
    connection.endheaders()
    response = connection.getresponse()
    return response.status, response.read()


def wait_ready(port, timeout=60):
    import json
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status, body = get(port, "/state.json")
        state = json.loads(body)
        if state["status"] == "ready":
            return state
        time.sleep(0.2)
    raise AssertionError("the first build did not finish")


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")
def test_the_page_follows_edits_errors_and_fixes(server):
    from playwright.sync_api import sync_playwright

    folder, port, _ = server
    yaml_path = folder / "exhibition.yaml"
    original = yaml_path.read_text(encoding="utf-8")
    with sync_playwright() as p:
        browser = launch_chromium(p)
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{port}/")
        page.wait_for_selector("img.page", timeout=60_000)
        pages = page.locator("img.page").count()
        assert pages >= 8 and pages % 4 == 0
        assert page.locator("#files a").count() >= 4
        first = page.locator("img.page").first.get_attribute("data-version")
        cover = page.locator("img.page").first.screenshot()

        yaml_path.write_text(original.replace("title: Память, которую не стереть",
                                              "title: Помнить и знать"), encoding="utf-8")
        page.wait_for_function(
            f"document.querySelector('img.page').dataset.version !== '{first}'", timeout=20_000)
        page.wait_for_function("document.querySelector('img.page').complete")
        assert page.locator("img.page").first.screenshot() != cover  # the new cover is shown

        yaml_path.write_text(original.replace("        authors: [\"Камерон, Сара\"]",
                                              "        autors: [\"Камерон, Сара\"]"),
                             encoding="utf-8")
        page.wait_for_selector("#errors.shown", timeout=20_000)
        assert "unknown key `autors`" in page.locator("#errors").text_content()
        assert page.locator("img.page").count() == pages  # the last good pages stay

        yaml_path.write_text(original, encoding="utf-8")
        page.wait_for_function("!document.getElementById('errors').classList.contains('shown')",
                               timeout=20_000)
        page.wait_for_selector("#status[data-status=ready]", timeout=20_000)
        browser.close()


@pytest.mark.parametrize("path", [
    "/build/1/../../../etc/passwd", "/build/1/%2e%2e%2f%2e%2e%2fexhibition.yaml",
    "/build/1/%2e%2e/%2e%2e/etc/passwd", "//etc/passwd", "/etc/passwd", "/build/1/exhibition.yaml",
    "/build/1/%2Fetc%2Fpasswd", "/build/99/booklet.pdf", "/build/1/link.png", "/../content",
])
def test_nothing_outside_the_page_and_the_builds_is_served(shared_server, path):
    _, port, _ = shared_server
    status, body = get(port, path)
    assert status == 404 and b"root:" not in body


def test_the_built_files_are_served(shared_server):
    _, port, _ = shared_server
    state = wait_ready(port)
    status, body = get(port, state["files"][0]["url"])
    assert status == 200 and body.startswith(b"%PDF")
    status, body = get(port, state["pages"][0])
    assert status == 200 and body.startswith(b"\x89PNG")


def test_another_host_name_is_refused(shared_server):
    _, port, _ = shared_server
    assert get(port, "/", host=f"attacker.example:{port}")[0] == 403
    assert get(port, "/", host=f"localhost:{port}")[0] == 200


def test_it_listens_on_the_loopback_address_only(shared_server):
    _, port, _ = shared_server
    with socket.socket() as s:  # 127.0.0.2 is this machine too: reachable only on 0.0.0.0
        s.settimeout(2)
        assert s.connect_ex(("127.0.0.2", port)) != 0
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", port)) == 0


def test_ctrl_c_stops_it_cleanly(server):
    _, port, process = server
    wait_ready(port)
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=10) == 0
