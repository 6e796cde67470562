"""`booklet build`: content → text → render → press, checked, then written atomically."""

from __future__ import annotations

import importlib
import json
import multiprocessing
import os
import shutil
import tempfile
import threading
import time
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from booklet import cache, check
from booklet.messages import _
from booklet.press.output import location_free, write_all
from booklet.press.png import WIDTHS
from booklet.problems import ContentError, Problem
from booklet.render.fonts import remove_font_copies

OUTPUTS = ("booklet", "print", "press", "poster")
BEFORE_FORKS = ("booklet.render.booklet", "booklet.render.poster", "booklet.render.inspection",
                "booklet.press.imposition", "booklet.press.pdf", "booklet.press.png",
                "booklet.press.printshop")  # what the outputs' processes import: 0.3 s


@dataclass(frozen=True)
class Output:
    path: Path
    pages: int
    bytes: int
    seconds: float  # to make this file, its share of the common layout pass included
    note: str = ""  # how it was made: the booklet's fitting ("16 pages, standard setting")


@dataclass
class Result:
    outputs: list[Output] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Made:
    name: str
    data: bytes
    pages: int
    seconds: float
    note: str = ""


def build(path: Path, out: Path | None = None, only: tuple[str, ...] = OUTPUTS,
          progress: Callable[[str], None] = lambda message: None, press: bool = False,
          screens: dict[str, int] = WIDTHS, parallel: bool | Executor = True) -> Result:
    """Build the chosen outputs of the exhibition at `path`; ContentError on any error.

    Everything is made and checked in memory first: a failure leaves earlier outputs untouched.
    A group of outputs whose inputs did not change since the last build is not made again.
    """
    progress(_("reading the exhibition"))
    prepared = check.prepare(path, press)
    out = out or Path("output") / prepared.loaded.slug
    keys, remembered = cache.keys(prepared, press, screens), cache.load(out)
    result = Result(warnings=list(prepared.warnings))
    todo = []
    for group, kinds in cache.GROUPS.items():
        wanted = set(kinds) & set(only)
        if not wanted:
            continue
        entry = remembered.get(group)
        if cache.fresh(entry, keys[group], out, wanted):
            progress(_("{group}: unchanged, not made again").format(group=group))
            result.warnings += cache.warnings_of(entry)
            result.outputs += [Output(out / name, entry["pages"][name], (out / name).stat().st_size,
                                      0.0, entry.get("notes", {}).get(name, ""))
                               for name in entry["files"]]
        else:
            todo.append(group)
    kinds = tuple(k for g in todo for k in cache.GROUPS[g] if k in only)
    try:
        groups = produce_prepared(prepared, kinds, progress, press, screens, parallel) if kinds else {}
    except OSError as exc:  # a full disk, a file size limit: for the temporary files of a pass
        raise OSError(exc.errno, _("{reason} while making the outputs; the earlier ones are "
                                   "left as they were").format(reason=exc.strerror),
                      exc.filename) from None
    files = {}
    for group, (made, warnings) in groups.items():
        result.warnings += warnings
        for item in made:
            files[item.name] = item.data
            result.outputs.append(Output(out / item.name, item.pages, len(item.data), item.seconds,
                                         item.note))
        remembered[group] = cache.entry(keys[group], set(cache.GROUPS[group]) & set(only),
                                        {m.name: m.data for m in made},
                                        {m.name: m.pages for m in made}, warnings,
                                        {m.name: m.note for m in made if m.note})
    files[cache.FILE] = json.dumps(remembered, ensure_ascii=False).encode()
    write_all(out, files)  # every file or none: the earlier set stays whole on a failure
    return result


def _booklet_files(prepared: check.Prepared, kinds: list[str], press: bool,
                   progress: Callable[[str], None], tighter: Forked | None = None
                   ) -> tuple[list[Made], list[Problem]]:
    """booklet.pdf, booklet-print.pdf and booklet-press.pdf from one layout pass. With
    `tighter`, the layout's second fitting variant is being made in a second process
    (_variant_files): this one lays out only the first, and takes the second's files when
    the fitting would have gone on to it and kept it."""
    from booklet.render.booklet import PagesError, finish, good_enough, lay_out, worse

    loaded, layout, theme = prepared.loaded, prepared.layout, prepared.theme
    progress(_("laying out the booklet"))
    started = time.perf_counter()
    if tighter is None:
        return _variant_files(prepared, kinds, press, progress, None, started)[0]
    try:
        fitted = lay_out(loaded, layout, theme, variant=layout.fit[0])
    except PagesError:
        fitted = None
    if fitted is not None and good_enough(fitted.fit, fitted.forced):
        tighter.stop()
        return _booklet_outputs(prepared, kinds, press, progress,
                                finish(loaded, layout, theme, fitted), started)
    try:
        files, fit = tighter.result()
    except Exception:  # noqa: BLE001 — it failed or died: made here, an error raised here
        files, fit = _variant_files(prepared, kinds, press, progress, layout.fit[1], started)
    if fit is not None and (fitted is None or worse(fitted.fit, fit)):
        progress(_("drawing the booklet's pages"))  # done beside: said here, as one process would
        for item in files[0]:
            progress(_("writing {name}").format(name=item.name))
        return files
    if fitted is None:  # neither fits: the fitting's own error, named
        return _variant_files(prepared, kinds, press, progress, None, started)[0]
    return _booklet_outputs(prepared, kinds, press, progress,
                            finish(loaded, layout, theme, fitted), started)


def _variant_files(prepared: check.Prepared, kinds: list[str], press: bool,
                   progress: Callable[[str], None], variant: tuple[str, ...] | None,
                   started: float):
    """The booklet's files laid out in `variant` (or fitted through the layout's variants),
    and the fit as first laid out (None when it cannot be fitted)."""
    from booklet.render.booklet import PagesError, render_booklet

    try:
        rendered = render_booklet(prepared.loaded, prepared.layout, prepared.theme,
                                  variant=variant)
    except PagesError as exc:
        if variant is not None:
            return None, None
        raise ContentError([prepared.loaded.marks.problem(("booklet", "pages"), str(exc))]) \
            from None
    return _booklet_outputs(prepared, kinds, press, progress, rendered, started), \
        rendered.laid_out


def _booklet_outputs(prepared: check.Prepared, kinds: list[str], press: bool,
                     progress: Callable[[str], None], rendered, started: float
                     ) -> tuple[list[Made], list[Problem]]:
    """The booklet's files from its laid-out pages, and what the checks found in them."""
    # WeasyPrint and the press are imported here: a build with nothing to make needs neither
    from booklet.press.imposition import saddle_stitch
    from booklet.press.pdf import cropped_to_trim
    from booklet.render import inspection
    from booklet.render.booklet import RENDER_OPTIONS

    loaded, settings = prepared.loaded, prepared.loaded.exhibition.booklet
    findings = inspection.problems(rendered.document, loaded.marks, check.book_locations(loaded),
                                   check.booklet_limits(press), "booklet", press)
    findings += check.underfilled_pages(loaded, rendered.fit.underfilled)
    findings += check.typesetting_faults(loaded, rendered.faults)
    progress(_("drawing the booklet's pages"))
    pdf = location_free(rendered.document.write_pdf(**RENDER_OPTIONS))  # the one pass, with bleed
    findings += check.contrast_problems(loaded, prepared.theme, rendered.document, pdf)
    pages = len(rendered.document.pages)
    shared = time.perf_counter() - started
    made = []
    if "booklet" in kinds:
        made.append(_made("booklet.pdf", lambda: (cropped_to_trim(pdf), pages), progress, shared,
                          rendered.summary()))
    if "print" in kinds:
        made.append(_made("booklet-print.pdf", lambda: (
            saddle_stitch(pdf, settings.size, settings.creep, settings.marks,
                          prepared.theme.get("paper")),
            (pages + 3) // 4 * 2), progress))
    if "press" in kinds:
        made.append(_made("booklet-press.pdf", lambda: press_file(prepared, pdf, rendered),
                          progress))
        findings += check.press_colour_problems(
            loaded, made[-1].data if settings.press.profile else None, press)
    return made, findings


def _poster_files(prepared: check.Prepared, press: bool, screens: dict[str, int],
                  progress: Callable[[str], None]) -> tuple[list[Made], list[Problem]]:
    """poster-<size>.pdf and its pictures for screens, for every size."""
    from booklet.press.png import page_pngs, screen_png
    from booklet.render import inspection
    from booklet.render.poster import SCREENS_PX, render_posters

    progress(_("laying out the posters"))
    started = time.perf_counter()
    try:
        posters, findings = render_posters(prepared.loaded, prepared.layout, prepared.theme)
    finally:
        remove_font_copies()
    share = (time.perf_counter() - started) / max(len(posters), 1)
    made = []
    for poster in posters:
        name = f"poster-{poster.size}"
        findings += inspection.problems(poster.document, prepared.loaded.marks, [],
                                        check.poster_limits(poster.size, press), name)
        findings += check.poster_contrast(prepared.loaded, name, poster.pdf)
        if poster.size in SCREENS_PX:  # composed for a screen: its picture only
            made.append(_made(f"{name}.png", lambda p=poster: (
                screen_png(p.pdf, SCREENS_PX[p.size]), 1), progress, share))
            continue
        made.append(_made(f"{name}.pdf", lambda p=poster: (location_free(p.pdf), 1), progress,
                          share))
        started = time.perf_counter()
        pictures = page_pngs(poster.pdf, screens)
        each = (time.perf_counter() - started) / max(len(pictures), 1)
        made += [Made(f"{name}{suffix}.png", data, 1, each)
                 for suffix, data in pictures.items()]
    return made, findings


def end_with_parent() -> None:
    """In a worker process: end when the process that started it is gone, even killed
    (kill -9 runs no cleanup): at once on Linux, else within half a second. Ctrl-C, which
    the terminal sends to both, is the parent's to handle."""
    import signal

    parent = os.getppid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError, TypeError):  # not Linux: the watch below does it
        pass
    if os.getppid() != parent:  # gone already, before the signal was asked for
        os._exit(0)

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


class Forked:
    """A function run in a forked process (ended with its parent), its result read back, or
    the process stopped when the result is not wanted after all. Its temporary files (the
    font copies of its layout passes) go into a folder of its own, which this process
    removes when the other has ended, however it ended."""

    def __init__(self, function: Callable, *args):
        context = multiprocessing.get_context("fork")
        self._folder = tempfile.mkdtemp(prefix="booklet-beside-")
        try:
            self._receiver, sender = context.Pipe(duplex=False)
            self._process = context.Process(target=_run_forked, daemon=True,
                                            args=(sender, self._folder, function, args))
            self._process.start()
            sender.close()
        except BaseException:  # Ctrl-C too: the folder goes with it
            shutil.rmtree(self._folder, ignore_errors=True)
            raise

    def result(self):
        """The function's return value; its exception raised here; EOFError when it died."""
        try:
            done, value = self._receiver.recv()
        finally:
            self.stop()
        if not done:
            raise value
        return value

    def stop(self) -> None:
        """Stopped if it still runs, and its folder removed."""
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        self._receiver.close()
        shutil.rmtree(self._folder, ignore_errors=True)


def _run_forked(sender, folder: str, function: Callable, args: tuple) -> None:
    end_with_parent()
    os.environ["TMPDIR"] = tempfile.tempdir = folder
    try:
        sender.send((True, function(*args)))
    except BaseException as exc:  # noqa: BLE001 — the parent decides what it means
        try:
            sender.send((False, exc))
        except Exception:  # noqa: BLE001 — an exception that cannot be pickled
            pass


def _quietly(message: str) -> None:
    """Progress of the second process: its parent speaks for it."""


def _made(name: str, step: Callable[[], tuple[bytes, int]], progress, shared: float = 0.0,
          note: str = "") -> Made:
    progress(_("writing {name}").format(name=name))
    started = time.perf_counter()
    data, pages = step()
    return Made(name, data, pages, shared + time.perf_counter() - started, note)


def press_file(prepared: check.Prepared, rgb_pdf: bytes, office) -> tuple[bytes, int]:
    """booklet-press.pdf: from the common pass, or, with the shop's profile, from a CMYK pass
    of its own written as PDF/X-4 with that profile as OutputIntent; `office` is the office
    files' rendered booklet."""
    from booklet.press.printshop import with_crop_marks
    from booklet.render.booklet import RENDER_OPTIONS, render_booklet
    from booklet.render.cmyk import Colours, profile_problem

    settings = prepared.loaded.exhibition.booklet
    if not settings.press.profile:
        return with_crop_marks(rgb_pdf, settings.bleed, settings.marks), len(office.document.pages)
    problem = profile_problem(Path(settings.press.profile))
    if problem:
        raise ContentError([prepared.loaded.marks.problem(("booklet", "press", "profile"), problem)])
    colours = Colours(Path(settings.press.profile), settings.press.rich_black,
                      {name: tuple(v.cmyk) for name, v in prepared.layout.variables.items() if v.cmyk})
    try:
        rendered = render_booklet(prepared.loaded, prepared.layout, prepared.theme, colours,
                                  office.variant)  # the same fitting as the office files
        pdf = location_free(rendered.document.write_pdf(
            **RENDER_OPTIONS, pdf_variant="pdf/x-4", output_intent="--shop"))
    finally:
        colours.remove()
    return with_crop_marks(pdf, settings.bleed, settings.marks, cmyk=True), len(rendered.document.pages)


def produce(path: Path, only: tuple[str, ...] = OUTPUTS,
            progress: Callable[[str], None] = lambda message: None, press: bool = False,
            screens: dict[str, int] = WIDTHS) -> tuple[check.Prepared, list[Made], list[Problem]]:
    """The outputs' bytes, and the warnings; raises ContentError with every error found.
    `screens` names the posters' PNGs to make (file suffix → width in pixels)."""
    progress(_("reading the exhibition"))
    prepared = check.prepare(path, press)
    groups = produce_prepared(prepared, only, progress, press, screens)
    made = [item for files, _ in groups.values() for item in files]
    warnings = [problem for _, found in groups.values() for problem in found]
    return prepared, made, list(prepared.warnings) + warnings


def produce_prepared(prepared: check.Prepared, only: tuple[str, ...],
                     progress: Callable[[str], None], press: bool,
                     screens: dict[str, int], parallel: bool | Executor = True
                     ) -> dict[str, tuple[list[Made], list[Problem]]]:
    """What produce() makes once the content is checked, by group ("booklet", "poster"):
    the files and the layout's warnings (the content's own stay with `prepared`). With two cores, the posters
    are made in a second process while this one lays out the booklet: a forked one, or the
    `parallel` executor given (the preview server keeps one, as forking beside its threads
    is not safe)."""
    booklet_kinds = [k for k in cache.GROUPS["booklet"] if k in only]
    posters = "poster" in only
    for name in BEFORE_FORKS:  # once here, not once in each process forked below
        importlib.import_module(name)
    groups: dict[str, tuple[list[Made], list[Problem]]] = {}
    beside = tighter = None
    two = parallel and (os.cpu_count() or 1) > 1
    variants = prepared.layout.fit
    from booklet.render.fetcher import RefusedResource

    try:
        if booklet_kinds and two and parallel is True and len(variants) == 2:
            # the second variant made beside the first: as fast as one when fitting needs it
            tighter = Forked(_variant_files, prepared, booklet_kinds, press, _quietly,
                             variants[1], time.perf_counter())
        if posters and booklet_kinds and two:
            if isinstance(parallel, Executor):
                beside = parallel.submit(_poster_files, prepared, press, screens, _quietly)
            else:
                pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"),
                                           initializer=end_with_parent)
                beside = pool.submit(_poster_files, prepared, press, screens, _quietly)
                pool.shutdown(wait=False)
            progress(_("laying out the posters, beside the booklet"))
        if booklet_kinds:
            groups["booklet"] = _booklet_files(prepared, booklet_kinds, press, progress, tighter)
        if beside is not None:
            groups["poster"] = beside.result()
        elif posters:
            groups["poster"] = _poster_files(prepared, press, screens, progress)
    except RefusedResource as exc:  # the layout's CSS or templates asked for it
        raise ContentError([prepared.loaded.marks.problem(("layout",), str(exc))]) from None
    finally:
        if tighter is not None:
            tighter.stop()
        remove_font_copies()
    errors = [p for _, found in groups.values() for p in found if p.severity == "error"]
    if errors:
        raise ContentError(errors)
    return {group: (made, [p for p in found if p.severity == "warning"])
            for group, (made, found) in groups.items()}
