"""Seconds to make the posters of the sample (its sizes: A3 and A2 landscape), for each
layout, with and without the picture; and seconds to balance headlines of many words.

    python bench/posters.py [--repeat N]

Each poster build goes to a fresh folder (nothing cached). Prints figures (medians of the
wall clock and of this process's CPU time, which a busy machine disturbs less), not pass/fail. The posters are made beside the booklet on the second core; this is their time
alone, as `--only poster` gives it.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content" / "memory"


def variant(folder: Path, layout: str, picture: bool) -> Path:
    shutil.copytree(SAMPLE, folder)
    text = (folder / "exhibition.yaml").read_text(encoding="utf-8")
    text = text.replace("layout: memorial", f"layout: {layout}")
    if not picture:
        text = text.replace("  image: images/poster.jpg\n", "")
    (folder / "exhibition.yaml").write_text(text, encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from booklet.build import build
    from booklet.render import headline
    from booklet.render.fonts import FONTS_DIR

    print(f"posters of the sample, medians of {args.repeat} builds (--only poster, uncached)")
    with tempfile.TemporaryDirectory() as tmp:
        for layout in ("memorial", "classic", "bright"):
            for picture in (True, False):
                name = f"{layout}-{'picture' if picture else 'plain'}"
                folder = variant(Path(tmp) / name, layout, picture)
                wall, cpu = [], []
                for run in range(args.repeat + 1):  # the first warms fonts and caches
                    started, used = time.perf_counter(), time.process_time()
                    build(folder, Path(tmp) / f"out-{name}-{run}", only=("poster",))
                    wall.append(time.perf_counter() - started)
                    cpu.append(time.process_time() - used)
                print(f"  {name:<20} {statistics.median(wall[1:]):6.2f} s, "
                      f"CPU {statistics.median(cpu[1:]):6.2f} s")
    font = FONTS_DIR / "PTSerif-Bold.ttf"
    print("balancing a headline into 5 lines (words: seconds)")
    for count in (20, 80, 300):
        text = " ".join(("слово", "и", "книга", "до")[i % 4] for i in range(count))
        started = time.perf_counter()
        headline.balance(text, font, 300, 40, max_lines=5)
        print(f"  {count:>4} words {time.perf_counter() - started:8.4f} s")


if __name__ == "__main__":
    main()
