"""Seconds `booklet check` takes to answer small hostile inputs, and what WeasyPrint would
spend on them without the limits: the figures behind MAX_SVG_ELEMENTS and MAX_PARAGRAPH.

    python bench/hostile_inputs.py

Prints figures, not pass/fail.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for the tests' pictures

from booklet.build import produce  # noqa: E402
from booklet.problems import ContentError  # noqa: E402
from tests.test_hostile_content import nested_svg  # noqa: E402  the same pictures as the tests'
MINIMAL = """\
title: Выставка
library:
  name: Библиотека
  logo: logo.svg
sections:
  - title: Раздел
    books:
      - title: Книга
"""


def check_seconds(folder: Path) -> tuple[float, str]:
    started = time.perf_counter()
    try:
        produce(folder, only=("booklet",))
        said = "no error"
    except ContentError as exc:
        said = str(exc.problems[0]).split(": error: ")[-1][:70]
    return time.perf_counter() - started, said


def weasyprint_svg_seconds(svg: str, folder: Path) -> float:
    from weasyprint import HTML

    (folder / "drawn.svg").write_text(svg)
    started = time.perf_counter()
    HTML(string='<img src="drawn.svg" style="width: 5cm">', base_url=str(folder) + "/").write_pdf()
    return time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "show"
        folder.mkdir()
        print("SVG logo, <use> ten to a level       bytes  check s  says")
        for levels in (3, 4, 8):
            (folder / "exhibition.yaml").write_text(MINIMAL, encoding="utf-8")
            (folder / "logo.svg").write_text(nested_svg(levels))
            seconds, said = check_seconds(folder)
            print(f"  {10 ** levels:>11,} shapes {len(nested_svg(levels)):>12}  {seconds:7.2f}  {said}")
        for levels in (3, 4):
            print(f"  WeasyPrint alone, {10 ** levels:,} shapes: "
                  f"{weasyprint_svg_seconds(nested_svg(levels), folder):.2f} s")
        shutil.copy(ROOT / "content" / "memory" / "images" / "logo.png", folder / "logo.png")
        print("introduction of one paragraph      chars  check s  says")
        for chars in (3_000, 20_000, 1_000_000):
            text = MINIMAL.replace("logo.svg", "logo.png") + "intro: " + ("слово " * chars)[:chars] + "\n"
            (folder / "exhibition.yaml").write_text(text, encoding="utf-8")
            seconds, said = check_seconds(folder)
            print(f"  {chars:>29,}  {seconds:7.2f}  {said}")


if __name__ == "__main__":
    main()
