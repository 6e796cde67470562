"""Seconds per stage and per output, and peak memory, for building an exhibition.

    python bench/build_sample.py [PATH] [--repeat N]

Prints figures (medians over N builds in one process, after a warm-up), not pass/fail.
Stages are timed between the progress messages that `build()` gives.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed_build(build, path: Path, out: Path, only: tuple[str, ...]) -> dict[str, float]:
    marks: list[tuple[str, float]] = []
    started = time.perf_counter()
    outputs = build(path, out, only, progress=lambda m: marks.append((m, time.perf_counter()))).outputs
    finished = time.perf_counter()
    stages = {}
    for (message, t), (_, t_next) in zip(marks, marks[1:] + [("end", finished)]):
        stages[message] = t_next - t
    stages["total"] = finished - started
    stages["MB"] = sum(o.bytes for o in outputs) / 1e6
    return stages


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", nargs="?", type=Path, default=ROOT / "content" / "memory")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    started = time.perf_counter()
    from booklet.build import OUTPUTS, build
    import_seconds = time.perf_counter() - started
    print(f"{args.path}: medians of {args.repeat} builds")
    print(f"  {'import (WeasyPrint)':<34} {import_seconds:6.3f} s  once per process")
    with tempfile.TemporaryDirectory() as out:
        for only in (("booklet",), OUTPUTS):
            timed_build(build, args.path, Path(out), only)  # warm-up: fonts, caches
            runs = defaultdict(list)
            for _ in range(args.repeat):
                for stage, seconds in timed_build(build, args.path, Path(out), only).items():
                    runs[stage].append(seconds)
            print(f"  --only {' '.join(only)}")
            for stage, values in runs.items():
                unit = "MB" if stage == "MB" else "s"
                print(f"    {stage:<32} {statistics.median(values):6.3f} {unit}")
    print(f"  peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
