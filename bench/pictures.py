"""Pictures prepared once (booklet/render/pictures.py), measured: a 160-book exhibition with
real-size covers (bench/scale.py makes it: mixed sizes, one in ten 4000×6000 px) beside the
same exhibition with its covers shrunk beforehand to their printed size. For each: the first
build with an empty picture cache, then a rebuild after editing one title (the picture cache
warm, the booklet and posters laid out again). Prints seconds (medians) and the ratios.

    python bench/pictures.py [--books 160] [--repeat 3]

Each build runs in a fresh process with a picture cache of its own ($XDG_CACHE_HOME), so
nothing is kept in memory between builds. Figures, not pass/fail.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
from pathlib import Path

from PIL import Image

from scale import MEASURE, make_exhibition, run

PRINTED_WIDTH_PX = 330  # memorial's covers at A5 (28 mm) just under 300 ppi


def shrunk_copy(folder: Path, target: Path) -> Path:
    """The exhibition with every cover shrunk beforehand, as a careful librarian would."""
    shutil.copytree(folder, target)
    for path in (target / "images").iterdir():
        with Image.open(path) as image:
            if image.width > PRINTED_WIDTH_PX:
                image.draft("RGB", (PRINTED_WIDTH_PX * 2, image.height * PRINTED_WIDTH_PX * 2 // image.width))
                image.thumbnail((PRINTED_WIDTH_PX, image.height), Image.Resampling.LANCZOS)
                image.save(path, quality=92, subsampling=0)
    return target


def edit_one_title(folder: Path) -> None:
    path = folder / "exhibition.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"Книга номер 1:', '"Книга номер 1 (изд. 2-е):', 1), encoding="utf-8")


def first_and_rebuild(folder: Path, work: Path) -> tuple[float, float, int]:
    """Seconds of the first build (cold picture cache) and of the rebuild after one edit."""
    os.environ["XDG_CACHE_HOME"] = str(work / "cache")
    shutil.rmtree(work / "cache", ignore_errors=True)
    shutil.rmtree(work / "out", ignore_errors=True)
    copy = work / "show"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(folder, copy)
    first = run(MEASURE, copy, work / "out")
    edit_one_title(copy)
    again = run(MEASURE, copy, work / "out")
    entries = len(list((work / "cache").glob("booklet/pictures/*/*")))
    return first["total"], again["total"], entries


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--books", type=int, default=160)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    saved = os.environ.get("XDG_CACHE_HOME")
    with tempfile.TemporaryDirectory(prefix="bench-pictures-") as tmp:
        root = Path(tmp)
        real = make_exhibition(root / "real", args.books)
        shrunk = shrunk_copy(real, root / "shrunk")
        times = {"real": ([], []), "shrunk": ([], [])}
        kept = {}
        try:
            for _ in range(args.repeat):  # interleaved: the machine's load falls on both
                for name, folder in (("real", real), ("shrunk", shrunk)):
                    first, again, kept[name] = first_and_rebuild(folder, root / f"work-{name}")
                    times[name][0].append(first)
                    times[name][1].append(again)
        finally:
            if saved is None:
                os.environ.pop("XDG_CACHE_HOME", None)
            else:
                os.environ["XDG_CACHE_HOME"] = saved
    real_first, real_again = map(statistics.median, times["real"])
    shrunk_first, shrunk_again = map(statistics.median, times["shrunk"])
    print(f"{args.books} books, all outputs, medians of {args.repeat} (seconds, import excluded)")
    print(f"  real-size covers:  first build {real_first:6.2f} s (cold picture cache, "
          f"{kept['real']} pictures prepared), rebuild after one title {real_again:6.2f} s")
    print(f"  pre-shrunk covers: first build {shrunk_first:6.2f} s, "
          f"rebuild after one title {shrunk_again:6.2f} s")
    print(f"  first build / pre-shrunk {real_first / shrunk_first:.2f}; "
          f"warm rebuild / pre-shrunk {real_again / shrunk_again:.2f}")
    print("  all runs:", {name: [[round(t, 2) for t in runs] for runs in pair]
                          for name, pair in times.items()})


if __name__ == "__main__":
    main()
