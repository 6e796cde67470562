"""What copy-fitting, mending and balancing cost: the booklet of an exhibition laid out as the
build does it, beside one plain WeasyPrint pass of the same HTML, and the same with the
mending passes (render/setting.py) or the spreads' balancing (render/spreads.py) turned off;
then the booklet's three files as build.py makes them, in one process and with the second
fitting variant made beside the first in a second process, beside one plain pass drawn.

    python bench/passes.py [PATH] [--repeat 3]

Figures, not pass/fail: seconds (medians) and how many layout passes each took.
"""

from __future__ import annotations

import argparse
import statistics
import time
from contextlib import nullcontext
from pathlib import Path
from unittest import mock

from booklet import check
from booklet.render import booklet as rendering

ROOT = Path(__file__).resolve().parent.parent


def counted_runs(run, repeat: int, **patches) -> tuple[float, int, object]:
    """`run()` `repeat` times, with `patches` to the rendering module: the median seconds, the
    most layout passes this process made, and what the last run returned."""
    times, passes, value = [], [], None
    original = rendering._laid_out
    for _ in range(repeat):
        count = [0]

        def counted(*args, **kwargs):
            count[0] += 1
            return original(*args, **kwargs)

        with mock.patch.object(rendering, "_laid_out", counted), \
                mock.patch.multiple(rendering, **patches) if patches else nullcontext():
            started = time.perf_counter()
            value = run()
            times.append(time.perf_counter() - started)
        passes.append(count[0])
    return statistics.median(times), max(passes), value


def timed(prepared, repeat: int, **patches) -> tuple[float, int, str]:
    seconds, passes, rendered = counted_runs(lambda: rendering.render_booklet(
        prepared.loaded, prepared.layout, prepared.theme), repeat, **patches)
    return seconds, passes, rendered.summary()


def files(prepared, repeat: int, parallel: bool) -> tuple[float, int]:
    """The booklet's files as build.py makes them: seconds, and the layout passes of this
    process (a second one, with `parallel`, lays out the second variant beside)."""
    from booklet.build import produce_prepared

    seconds, passes, _ = counted_runs(lambda: produce_prepared(
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
    cases = [("as built", {}), ("without mending", {"MENDING_PASSES": 0})]
    if hasattr(rendering, "spreads"):
        cases.append(("without mending or balancing",
                      {"MENDING_PASSES": 0, "_balanced": lambda *a, **k: None}))
    for label, patches in cases:
        try:
            seconds, passes, summary = timed(prepared, args.repeat, **patches)
        except TypeError as exc:  # a patched function of another shape: say so, go on
            print(f"  {label:<30} (not measured: {exc})")
            continue
        print(f"  {label:<30} {seconds:5.2f} s = {seconds / floor:4.2f} × plain, "
              f"{passes} layout passes ({summary})")
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
