import shutil
import textwrap
from pathlib import Path

import pytest
from PIL import Image

from booklet.build import build

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
