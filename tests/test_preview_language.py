"""The preview speaks the exhibition's language, and forgets a warning once its cause is gone."""

import json
import subprocess
import sys
import time
from pathlib import Path

from PIL import Image

from tests.conftest import CHROMIUM, launch_chromium, write_exhibition
from tests.test_serve import free_port, get

KAZAKH = """\
language: kk
title: Абай оқулары
library:
  name: Облыстық кітапхана
sections:
  - title: Өлеңдер
    books:
      - title: Қара сөздер
        authors: Абай Құнанбайұлы
        cover: images/cover.jpg
"""


def wait_for(port, ready, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = json.loads(get(port, "/state.json")[1])
        if ready(state):
            return state
        time.sleep(0.2)
    raise AssertionError(f"the preview never got there: {state}")


def test_a_kazakh_preview_speaks_kazakh_and_drops_a_warning_once_the_picture_is_replaced(
        tmp_path):
    folder = write_exhibition(tmp_path / "show", KAZAKH, {"images/cover.jpg": (40, 60)})
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "booklet", "serve", str(folder), "--port",
                                str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    try:
        process.stdout.readline()
        state = wait_for(port, lambda s: s["status"] == "ready")
        assert state["language"] == "kk"
        low = [w for w in state["warnings"] if "sections[0].books[0].cover" in w and "ppi" in w]
        assert low, state["warnings"]
        if Path(CHROMIUM).exists():
            _page_words(port)

        big = Image.new("RGB", (1200, 1800), "#335577")
        big.save(folder / "images" / "cover.jpg")  # the same name, as a librarian replaces it
        state = wait_for(port, lambda s: s["status"] == "ready" and s["version"] > state["version"])
        assert [w for w in state["warnings"] if "ppi" in w] == []
    finally:  # stopped as a service manager would, so that it removes its folder
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _page_words(port):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch_chromium(p)
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{port}/")
        page.wait_for_selector("#status[data-status=ready]", timeout=60_000)
        assert page.evaluate("document.documentElement.lang") == "kk"
        assert page.title() == "booklet — алдын ала қарау"
        assert page.locator("#status").text_content().endswith("с ішінде дайын")
        assert page.locator("#posters-title").text_content() == "Плакаттар"
        browser.close()
