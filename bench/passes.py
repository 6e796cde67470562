"""What copy-fitting, mending and balancing cost: the booklet of an exhibition laid out as the
build does it, beside one plain WeasyPrint pass of the same HTML, and the same with the
mending passes (render/setting.py) or the spreads' balancing (render/spreads.py) turned off;
then the booklet's three files as build.py makes them, in one process and with the second
fitting variant made beside the first in a second process, beside one plain pass drawn.

    python bench/passes.py [PATH] [--repeat 3]

Figures, not pass/fail: seconds (medians), how many layout passes each took and how many
pages WeasyPrint made in them (a pass after the mending makes only those the mending reaches,
render/relayout.py; "mending in whole passes" makes every page again, as before it).
"""

from __future__ import annotations

import argparse
import statistics
import time
from contextlib import nullcontext
from pathlib import Path
from unittest import mock

import weasyprint.layout.page as weasy_page

from booklet import check
from booklet.render import booklet as rendering

ROOT = Path(__file__).resolve().parent.parent


def counted_runs(run, repeat: int, whole: bool = False, **patches) -> tuple[float, int, int, object]:
    """`run()` `repeat` times, with `patches` to the rendering module (and, `whole`, every pass
    laid out whole): the median seconds, the most layout passes and pages made in this
    process, and what the last run returned."""
    times, passes, pages, value = [], [], [], None
    original, making = rendering._laid_out, weasy_page.make_page
    for _ in range(repeat):
        count, made = [0], [0]

        def counted(*args, **kwargs):
            count[0] += 1
            return original(*(args[:6] if whole else args), **kwargs)

        def make_page(*args):
            made[0] += 1
            return making(*args)

        with mock.patch.object(rendering, "_laid_out", counted), \
                mock.patch.object(weasy_page, "make_page", make_page), \
                mock.patch.multiple(rendering, **patches) if patches else nullcontext():
            started = time.perf_counter()
            value = run()
            times.append(time.perf_counter() - started)
        passes.append(count[0])
        pages.append(made[0])
    return statistics.median(times), max(passes), max(pages), value


def timed(prepared, repeat: int, whole: bool = False, **patches) -> tuple[float, int, int, str]:
    seconds, passes, pages, rendered = counted_runs(lambda: rendering.render_booklet(
        prepared.loaded, prepared.layout, prepared.theme), repeat, whole, **patches)
    return seconds, passes, pages, rendered.summary()


def files(prepared, repeat: int, parallel: bool) -> tuple[float, int]:
    """The booklet's files as build.py makes them: seconds, and the layout passes of this
    process (a second one, with `parallel`, lays out the second variant beside)."""
    from booklet.build import produce_prepared

    seconds, passes, _, _ = counted_runs(lambda: produce_prepared(
        prepared, ("booklet", "print", "press"), lambda m: None, False, {}, parallel), repeat)
    return seconds, passes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", nargs="?", type=Path, default=ROOT / "content" / "memory")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    prepared = check.prepare(args.path)
    html = rendering.booklet_html(prepared.loaded, prepared.layout, None, prepared.theme,
                                  prepared.layout.fit[0])
    plain = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        rendering._laid_out(prepared.loaded, prepared.layout, prepared.theme, None, html)
        plain.append(time.perf_counter() - started)
    floor = statistics.median(plain)
    print(f"{args.path}: one plain layout pass {floor:.2f} s")
    cases = [("as built", False, {}), ("mending in whole passes", True, {}),
             ("without mending", False, {"MENDING_PASSES": 0}),
             ("without mending or balancing", False,
              {"MENDING_PASSES": 0, "_balanced": lambda *a, **k: None})]
    for label, whole, patches in cases:
        seconds, passes, pages, summary = timed(prepared, args.repeat, whole, **patches)
        print(f"  {label:<30} {seconds:5.2f} s = {seconds / floor:4.2f} × plain, "
              f"{passes} layout passes, {pages} pages made ({summary})")
    drawn = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        rendering._laid_out(prepared.loaded, prepared.layout, prepared.theme, None,
                            html).write_pdf(**rendering.RENDER_OPTIONS)
        drawn.append(time.perf_counter() - started)
    floor = statistics.median(drawn)
    print(f"one plain layout pass, drawn {floor:.2f} s; the booklet's three files:")
    for label, parallel, beside in (("in one process", False, ""),
                                    ("second variant beside", True, " (+ the second variant beside)")):
        seconds, passes = files(prepared, args.repeat, parallel)
        print(f"  {label:<30} {seconds:5.2f} s = {seconds / floor:4.2f} × plain drawn, "
              f"{passes}{beside} layout passes")


if __name__ == "__main__":
    main()
