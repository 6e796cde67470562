"""Build generated exhibitions of 10, 40, 160 and 500 books and print, for each: seconds per
stage and per output, peak memory, output sizes, and a raw WeasyPrint render of the same
booklet HTML as the floor (the ratio says what booklet adds on top of WeasyPrint), in wall
time and in processor time (the build's own and its worker processes'; steadier than wall
time on a machine shared with other work).

    python bench/scale.py [--books 10 40 160 500] [--sample] [--only booklet poster …]
                          [--runs N] [--keep DIR]

Covers are of mixed sizes, one in ten 4000×6000 px. Each build runs in a fresh process,
so peak memory (ru_maxrss) is that build's own. With --runs, the build and the raw pass are
made N times each, in turn, and the median of each is printed with its range: on a shared
machine one run of either is off by a tenth now and then. Figures, not pass/fail.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

from PIL import Image

SIZES = [(300, 450), (600, 900), (1200, 1800), (4000, 6000)]
ROOT = Path(__file__).resolve().parent.parent


def make_exhibition(folder: Path, books: int) -> Path:
    rng = random.Random(books)
    (folder / "images").mkdir(parents=True, exist_ok=True)
    covers = []
    for i in range(min(books, 40)):  # 40 distinct pictures, reused: as a real shelf would
        size = SIZES[3] if i % 10 == 0 else rng.choice(SIZES[:3])
        colour = tuple(rng.randrange(40, 220) for _ in range(3))
        image = Image.new("RGB", size, colour)
        image.paste(tuple(c // 2 for c in colour), (0, size[1] * 2 // 3, size[0], size[1]))
        image.save(folder / "images" / f"c{i}.jpg", quality=85)
        covers.append(f"images/c{i}.jpg")
    sections = []
    per_section = max(1, books // 4)
    for s in range(0, books, per_section):
        entries = "".join(textwrap.dedent(f"""\
              - title: "Книга номер {n + 1}: история и судьбы"
                authors: ["Автор{n}, Имя"]
                place: Алматы
                publisher: Издательство
                year: {1950 + n % 70}
                pages: {100 + n}
                cover: {covers[n % len(covers)]}
                annotation: Аннотация книги о людях, памяти и истории края, две строки текста для вёрстки.
                shelfmark: 63.3(5Каз)
                location: Читальный зал
            """) for n in range(s, min(books, s + per_section)))
        sections.append(f"  - title: Раздел {s // per_section + 1}\n    books:\n"
                        + textwrap.indent(entries, "    "))
    (folder / "exhibition.yaml").write_text(
        "title: Выставка для замеров\nlibrary: {name: Библиотека}\n"
        "intro: Вступление к выставке.\nsections:\n" + "".join(sections), encoding="utf-8")
    return folder


MEASURE = r"""
import json, resource, sys, time
from pathlib import Path
stages = []
started = time.perf_counter()
import weasyprint  # outside the timed build, as in the floor below; printed apart
import booklet.render.booklet  # the floor imports it before its clock starts too
from booklet.build import build
def cpu():  # this process and the ones it started and waited for (the posters, a variant)
    return sum(resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
imported, cpu_before = time.perf_counter(), cpu()
only = tuple(sys.argv[3].split(",")) if sys.argv[3] else None  # None: what the YAML asks
result = build(Path(sys.argv[1]), Path(sys.argv[2]), only=only,
               progress=lambda m: stages.append((m, time.perf_counter())))
done = time.perf_counter()
marks = stages + [("end", done)]
print(json.dumps({
    "import": imported - started, "total": done - imported, "cpu": cpu() - cpu_before,
    "stages": {m: b - a for (m, a), (_, b) in zip(marks, marks[1:])},
    # by the path inside the output folder: site/booklet.pdf is the page's copy (0 pages)
    "outputs": {o.path.relative_to(sys.argv[2]).as_posix(): [o.pages, o.bytes]
                for o in result.outputs},
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

FLOOR = r"""
import json, os, resource, sys, time
from pathlib import Path
from booklet.check import prepare
from booklet.render.booklet import RENDER_OPTIONS, _laid_out, booklet_html
prepared = prepare(Path(sys.argv[1]))
started, cpu = time.perf_counter(), time.process_time()
# one plain pass of the layout's first variant: no fitting, no mending
html = booklet_html(prepared.loaded, prepared.layout, None, prepared.theme, prepared.layout.fit[0])
document = _laid_out(prepared.loaded, prepared.layout, prepared.theme, None, html)
document.write_pdf(**RENDER_OPTIONS)
print(json.dumps({"floor": time.perf_counter() - started, "cpu": time.process_time() - cpu}))
"""


def median(runs: list[dict], key: str) -> dict:
    """The run whose `key` is the median (the lower of the middle two)."""
    return sorted(runs, key=lambda figures: figures[key])[(len(runs) - 1) // 2]


def spread(runs: list[dict], key: str) -> str:
    values = sorted(figures[key] for figures in runs)
    return f"{values[0]:.2f}–{values[-1]:.2f} s (mean {statistics.mean(values):.2f})"


def run(script: str, *args) -> dict:
    out = subprocess.run([sys.executable, "-c", script, *map(str, args)], capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--books", type=int, nargs="*", default=[10, 40, 160, 500],
                        help="generated exhibitions of so many books (none: --sample alone)")
    parser.add_argument("--sample", action="store_true", help="also the sample exhibition")
    parser.add_argument("--runs", type=int, default=1, help="builds and raw passes, in turn")
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--only", nargs="+", default=[],
                        help="only these outputs (booklet print press poster kit site)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        cases = [("sample", ROOT / "content" / "memory")] if args.sample else []
        cases += [(f"{n} books", n) for n in args.books]
        for label, books in cases:
            folder = books if isinstance(books, Path) else make_exhibition(root / label, books)
            builds, raws = [], []
            for attempt in range(args.runs):  # each into a folder of its own: nothing unchanged
                builds.append(run(MEASURE, folder, root / f"out-{label}-{attempt}",
                                  ",".join(args.only)))
                raws.append(run(FLOOR, folder))
            figures, floors = median(builds, "total"), median(raws, "floor")
            floor = floors["floor"]
            booklet = figures["outputs"]["booklet.pdf"]
            print(f"{label}: {booklet[0]} pages, all outputs {figures['total']:.2f} s "
                  f"(+ import {figures['import']:.2f} s), peak {figures['peak_mb']:.0f} MB, "
                  f"booklet.pdf {booklet[1] / 1e6:.1f} MB")
            for stage, seconds in figures["stages"].items():
                print(f"    {stage:<36} {seconds:6.2f} s")
            print(f"    raw WeasyPrint pass of the booklet   {floor:6.2f} s; all outputs / floor "
                  f"= {figures['total'] / floor:.2f}")
            if args.runs > 1:
                print(f"    {args.runs} runs: all outputs {spread(builds, 'total')}, raw pass "
                      f"{spread(raws, 'floor')}")
            print(f"    processor time: all outputs {figures['cpu']:.2f} s, the raw pass "
                  f"{floors['cpu']:.2f} s ({figures['cpu'] / floors['cpu']:.2f} ×: on a busy "
                  f"machine the steadier figure; with two cores free the wall time can be less)")


if __name__ == "__main__":
    main()
