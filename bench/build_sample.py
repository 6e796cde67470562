"""Seconds per stage and peak memory for building the sample exhibition.

    python bench/build_sample.py [PATH] [--repeat N]

Prints figures (medians over N runs in this process, after one warm-up), not pass/fail.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path

started_import = time.perf_counter()
from booklet.content.load import load  # noqa: E402
from booklet.press.output import write_atomic  # noqa: E402
from booklet.press.pdf import cropped_to_trim  # noqa: E402
from booklet.render import layouts  # noqa: E402
from booklet.render.booklet import RENDER_OPTIONS, render_booklet  # noqa: E402
IMPORT_SECONDS = time.perf_counter() - started_import

ROOT = Path(__file__).resolve().parent.parent


def once(path: Path, out: Path) -> dict[str, float]:
    times = {}
    t = time.perf_counter()
    loaded = load(path)
    layout = layouts.find(loaded.exhibition.layout, loaded.folder, loaded.marks)
    theme = layouts.theme(layout, loaded.exhibition.theme, loaded.marks)
    times["load"] = time.perf_counter() - t
    t = time.perf_counter()
    rendered = render_booklet(loaded, layout, theme)
    times["render (layout)"] = time.perf_counter() - t
    t = time.perf_counter()
    data = cropped_to_trim(rendered.document.write_pdf(**RENDER_OPTIONS))
    write_atomic(out / "booklet.pdf", data)
    times["write booklet.pdf"] = time.perf_counter() - t
    times["pages"] = len(rendered.document.pages)
    times["MB"] = len(data) / 1e6
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", nargs="?", type=Path, default=ROOT / "content" / "memory")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as out:
        once(args.path, Path(out))  # warm-up: fonts, caches
        runs = [once(args.path, Path(out)) for _ in range(args.repeat)]
    print(f"sample: {args.path}  runs: {args.repeat} (medians)")
    print(f"  {'import (WeasyPrint)':<20} {IMPORT_SECONDS:6.3f} s  (once per process)")
    total = 0.0
    for stage in ("load", "render (layout)", "write booklet.pdf"):
        median = statistics.median(r[stage] for r in runs)
        total += median
        print(f"  {stage:<20} {median:6.3f} s")
    print(f"  {'total':<20} {total:6.3f} s")
    print(f"  pages {int(runs[0]['pages'])}, booklet.pdf {runs[0]['MB']:.2f} MB")
    print(f"  peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
