"""`booklet build`: content → text → render → press, checked, then written atomically."""

from __future__ import annotations

import importlib
import json
import multiprocessing
import os
import shutil
import signal
import tempfile
import threading
import time
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from booklet import cache, check
from booklet.messages import _, reason
from booklet.press.output import location_free, write_all
from booklet.press.png import WIDTHS
from booklet.problems import ContentError, Problem, unique
from booklet.render import pictures
from booklet.render.fonts import remove_font_copies

OUTPUTS = ("booklet", "print", "press", "poster", "kit", "site")
SITE_NEEDS = ("booklet", "poster")  # the web page offers them to download


def chosen(only: tuple[str, ...] | None, exhibition) -> tuple[str, ...]:
    """The outputs to make: those asked for (`--only`), else all of them, the kit when the
    exhibition has `kit:` and the web page when it asks for it (`site: true`); the page brings
    the files it offers."""
    if only is None:
        only = tuple(k for k in OUTPUTS if (k != "kit" or exhibition.kit is not None)
                     and (k != "site" or exhibition.site))
    if "site" in only:
        only = tuple(dict.fromkeys((*only, *SITE_NEEDS)))
    return only
BEFORE_FORKS = ("booklet.render.booklet", "booklet.render.poster", "booklet.render.inspection",
                "booklet.render.flip", "booklet.render.kit", "booklet.press.imposition",
                "booklet.press.pdf", "booklet.press.png", "booklet.press.printshop",
                "booklet.press.flip", "booklet.press.sheets")  # what the outputs' processes import


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


def build(path: Path, out: Path | None = None, only: tuple[str, ...] | None = None,
          progress: Callable[[str], None] = lambda message: None, press: bool = False,
          screens: dict[str, int] = WIDTHS, parallel: bool | Executor = True) -> Result:
    """Build the chosen outputs of the exhibition at `path`; ContentError on any error.

    Everything is made and checked in memory first: a failure leaves earlier outputs untouched.
    A group of outputs whose inputs did not change since the last build is not made again.
    """
    progress(_("reading the exhibition"))
    prepared = check.prepare(path, press)
    only = chosen(only, prepared.loaded.exhibition)
    out = out or Path("output") / prepared.loaded.slug
    keys, remembered = cache.keys(prepared, press, screens), cache.load(out)
    result = Result(warnings=list(prepared.warnings))
    todo, downloads = [], {}
    for group, kinds in cache.GROUPS.items():
        wanted = set(kinds) & set(only)
        if not wanted:
            continue
        entry = remembered.get(group)
        if cache.fresh(entry, keys[group], out, wanted):
            progress(_("{group}: unchanged, not made again").format(group=_(group)))
            result.warnings += cache.warnings_of(entry)
            result.outputs += [Output(out / name, entry["pages"][name], (out / name).stat().st_size,
                                      0.0, entry.get("notes", {}).get(name, ""))
                               for name in entry["files"]]
            if group in SITE_NEEDS and "site" in only:  # the page's downloads, unchanged
                downloads.update({name: (out / name).read_bytes() for name in entry["files"]})
        else:
            todo.append(group)
    kinds = tuple(k for g in todo for k in cache.GROUPS[g] if k in only)
    try:
        groups = produce_prepared(prepared, kinds, progress, press, screens, parallel,
                                  downloads) if kinds else {}
    except OSError as exc:  # a full disk, a file size limit: for the temporary files of a pass
        raise OSError(exc.errno, _("{reason} while making the outputs; the earlier ones are "
                                   "left as they were").format(reason=reason(exc)),
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
                                [finish(loaded, layout, theme, fitted)], started)
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
                            [finish(loaded, layout, theme, fitted)], started)


def _variant_files(prepared: check.Prepared, kinds: list[str], press: bool,
                   progress: Callable[[str], None], variant: tuple[str, ...] | None,
                   started: float):
    """The booklet's files laid out in `variant` (or fitted through the layout's variants; a
    tête-bêche booklet's two halves), and the fit as first laid out (None when it cannot be
    fitted)."""
    from booklet.render.booklet import PagesError, render_booklet
    from booklet.render.flip import booklets

    loaded, layout, theme = prepared.loaded, prepared.layout, prepared.theme
    try:
        halves = booklets(loaded, layout, theme) if variant is None \
            else [render_booklet(loaded, layout, theme, variant=variant)]
    except PagesError as exc:
        if variant is not None:
            return None, None
        raise ContentError([loaded.marks.problem(("booklet", "pages"), str(exc))]) from None
    return _booklet_outputs(prepared, kinds, press, progress, halves, started), \
        halves[0].laid_out


def _booklet_outputs(prepared: check.Prepared, kinds: list[str], press: bool,
                     progress: Callable[[str], None], halves: list, started: float
                     ) -> tuple[list[Made], list[Problem]]:
    """The booklet's files from its laid-out pages (one booklet, or the two halves of a
    tête-bêche one), and what the checks found in them."""
    # WeasyPrint and the press are imported here: a build with nothing to make needs neither
    from booklet.press.imposition import saddle_stitch
    from booklet.press.pdf import cropped_to_trim
    from booklet.render import inspection
    from booklet.content.bilingual import bilingual
    from booklet.press.flip import joined
    from booklet.render.booklet import RENDER_OPTIONS

    loaded, settings = prepared.loaded, prepared.loaded.exhibition.booklet
    findings, pdfs = [], []
    for rendered in halves:  # one booklet, or the two halves of a tête-bêche one
        findings += inspection.problems(rendered.document, loaded.marks,
                                        check.book_locations(loaded), check.booklet_limits(press),
                                        "booklet", press)
        findings += check.underfilled_pages(loaded, rendered.fit.underfilled)
        findings += check.typesetting_faults(loaded, rendered.faults)
        progress(_("drawing the booklet's pages"))
        pdfs.append(location_free(rendered.document.write_pdf(**RENDER_OPTIONS)))  # with bleed
        findings += check.contrast_problems(loaded, prepared.theme, rendered.document, pdfs[-1])
    findings = unique(findings)  # what both halves show (a blurred cover) said once
    pdf = joined(pdfs)
    pages = sum(len(rendered.document.pages) for rendered in halves)
    summary = "; ".join(f"{lang}: {r.summary()}" for lang, r in
                        zip(bilingual(loaded), halves)) if len(halves) > 1 else halves[0].summary()
    shared = time.perf_counter() - started
    made = []
    if "booklet" in kinds:
        made.append(_made("booklet.pdf", lambda: (cropped_to_trim(pdf), pages), progress, shared,
                          summary))
    if "print" in kinds:
        made.append(_made("booklet-print.pdf", lambda: (
            saddle_stitch(pdf, settings.size, settings.creep, settings.marks,
                          prepared.theme.get("paper")),
            (pages + 3) // 4 * 2), progress))
    if "press" in kinds:
        made.append(_made("booklet-press.pdf", lambda: press_file(prepared, pdf, halves),
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


def _kit_files(prepared: check.Prepared, press: bool,
               progress: Callable[[str], None]) -> tuple[list[Made], list[Problem]]:
    """labels.pdf, signs.pdf, bookmarks.pdf and leaflet.pdf from one layout pass."""
    from booklet.render import inspection
    from booklet.render.kit import problems, render_kit

    progress(_("laying out the exhibition kit"))
    started = time.perf_counter()
    try:
        rendered = render_kit(prepared.loaded, prepared.layout, prepared.theme)
    finally:
        remove_font_copies()
    findings = problems(rendered, prepared.loaded)
    for kind, name in (("label", "labels.pdf"), ("sign", "signs.pdf"),
                       ("bookmark", "bookmarks.pdf"), ("leaflet", "leaflet.pdf")):
        document = rendered.document_of(kind)
        if document is not None:
            findings += inspection.problems(document, prepared.loaded.marks, [],
                                            check.poster_limits("a4", press), name)
    shared = time.perf_counter() - started
    made = [_made(name, step, progress, shared / 4) for name, step in kit_steps(rendered)]
    return made, findings


def kit_steps(rendered) -> list[tuple[str, Callable[[], tuple[bytes, int]]]]:
    """How each file of the kit is written from its laid-out pieces."""
    from booklet.press.sheets import folded, impose
    from booklet.render.booklet import RENDER_OPTIONS
    from booklet.render.kit import BLEED_MM, PANELS_MM

    def pdf(kind: str) -> bytes:
        return location_free(rendered.document_of(kind).write_pdf(**RENDER_OPTIONS))

    def labels():
        count = len(rendered.document_of("label").pages)
        return impose(pdf("label"), "labels.pdf", list(range(count)),
                      folds_mm=(rendered.label_mm[1] / 2,) if rendered.folded else (),
                      bleed_mm=BLEED_MM, words=rendered.words)

    def signs():
        return pdf("sign"), len(rendered.document_of("sign").pages)

    steps = [("labels.pdf", labels), ("signs.pdf", signs),
             ("bookmarks.pdf", lambda: impose(pdf("bookmark"), "bookmarks.pdf", [0], [1],
                                              copies=True, bleed_mm=BLEED_MM,
                                              words=rendered.words))]
    if rendered.document_of("leaflet") is not None:
        outside = (PANELS_MM[2], PANELS_MM[2] + PANELS_MM[1])  # the flap, the back, the cover
        inside = (PANELS_MM[0], PANELS_MM[0] + PANELS_MM[1])
        steps.append(("leaflet.pdf", lambda: (folded(pdf("leaflet"), [outside, inside]), 2)))
    return steps


def _site_files(prepared: check.Prepared, downloads: dict[str, bytes],
                progress: Callable[[str], None], fonts=None) -> tuple[list[Made], list[Problem]]:
    """site/index.html and its files: the virtual exhibition; `fonts` cut down beside."""
    from booklet.render.site import FOLDER, site_files

    progress(_("making the web page"))
    started = time.perf_counter()
    files, findings = site_files(prepared.loaded, prepared.layout, prepared.theme, downloads,
                                 fonts)
    share = (time.perf_counter() - started) / max(len(files), 1)
    return [Made(f"{FOLDER}/{f.name}", f.data, 1 if f.name == "index.html" else 0, share)
            for f in files], findings


def end_with_parent() -> None:
    """In a worker process: end when the process that started it is gone, even killed
    (kill -9 runs no cleanup): at once on Linux, else within half a second. Ctrl-C, which
    the terminal sends to both, is the parent's to handle."""
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


def _beside(prepared: check.Prepared, press: bool, screens: dict[str, int], posters: bool,
            kit: bool, progress: Callable[[str], None] | None = None,
            site: dict[str, bytes] | None = None):
    """The posters, then the kit: in processes beside the one that lays out the booklet, or
    after it in the one process. Beside, with `site` (the downloads of an earlier build),
    the web page's fonts are cut down after the posters. The groups made, and the fonts (or
    None)."""
    progress = progress or _quietly
    groups = {}
    if posters:
        groups["poster"] = _poster_files(prepared, press, screens, progress)
    fonts = None
    if site is not None:
        fonts = _fonts_ahead(prepared, {**site, **{m.name: m.data for m in
                                                   groups.get("poster", ([], []))[0]}})
    if kit:
        groups["kit"] = _kit_files(prepared, press, progress)
    return groups, fonts


def _fonts_ahead(prepared: check.Prepared, downloads: dict[str, bytes]):
    """The web page's fonts, cut down while the booklet is being made (None when the page
    cannot be made: the first process makes it again, and says why)."""
    from booklet.render.site import web_fonts

    try:
        return web_fonts(prepared.loaded, prepared.layout, prepared.theme,
                         {**downloads, "booklet.pdf": b""})
    except Exception:  # noqa: BLE001 — said by the first process's own attempt
        return None


class Forked:
    """A function run in a forked process (ended with its parent), its result read back, or
    the process stopped when the result is not wanted after all. Its temporary files (the
    font copies of its layout passes) go into a folder of its own, which this process
    removes when the other has ended, however it ended."""

    def __init__(self, function: Callable, *args, nice: bool = False):
        context = multiprocessing.get_context("fork")
        self._folder = tempfile.mkdtemp(prefix="booklet-beside-")
        try:
            self._receiver, sender = context.Pipe(duplex=False)
            self._process = context.Process(target=_run_forked, daemon=True,
                                            args=(sender, self._folder, function, args, nice))
            # Ctrl-C reaches both processes: held back over the fork, the new one's to ignore
            # (end_with_parent) and this one's once it has started: not in the new one's
            # start-up, which printed a traceback
            held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
            try:
                self._process.start()
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, held)
            sender.close()
        except BaseException:  # Ctrl-C too: the folder goes with it, and the process
            if getattr(self, "_process", None) is not None and self._process.pid:
                self._process.kill()
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


def _run_forked(sender, folder: str, function: Callable, args: tuple, nice: bool) -> None:
    end_with_parent()
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # ignored from here on
    if nice:  # work that may not be wanted: the cores go first to the work that is
        os.nice(10)
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


def press_file(prepared: check.Prepared, rgb_pdf: bytes, office: list) -> tuple[bytes, int]:
    """booklet-press.pdf: from the common pass, or, with the shop's profile, from a CMYK pass
    of its own written as PDF/X-4 with that profile as OutputIntent; `office` is the office
    files' rendered booklet (or the two halves of a tête-bêche one)."""
    from booklet.press.flip import joined
    from booklet.press.printshop import with_crop_marks
    from booklet.render.booklet import RENDER_OPTIONS
    from booklet.render.cmyk import Colours, profile_problem
    from booklet.render.flip import booklets

    settings = prepared.loaded.exhibition.booklet
    pages = sum(len(rendered.document.pages) for rendered in office)
    if not settings.press.profile:
        return with_crop_marks(rgb_pdf, settings.bleed, settings.marks), pages
    problem = profile_problem(Path(settings.press.profile))
    if problem:
        raise ContentError([prepared.loaded.marks.problem(("booklet", "press", "profile"), problem)])
    colours = Colours(Path(settings.press.profile), settings.press.rich_black,
                      {name: tuple(v.cmyk) for name, v in prepared.layout.variables.items() if v.cmyk})
    try:  # the same fitting as the office files
        halves = booklets(prepared.loaded, prepared.layout, prepared.theme, colours, office)
        pdfs = [location_free(rendered.document.write_pdf(
            **RENDER_OPTIONS, pdf_variant="pdf/x-4", output_intent="--shop"))
            for rendered in halves]
    finally:
        colours.remove()
    pdf = joined(pdfs)
    return with_crop_marks(pdf, settings.bleed, settings.marks, cmyk=True), pages


def produce(path: Path, only: tuple[str, ...] | None = None,
            progress: Callable[[str], None] = lambda message: None, press: bool = False,
            screens: dict[str, int] = WIDTHS) -> tuple[check.Prepared, list[Made], list[Problem]]:
    """The outputs' bytes, and the warnings; raises ContentError with every error found.
    `screens` names the posters' PNGs to make (file suffix → width in pixels)."""
    progress(_("reading the exhibition"))
    prepared = check.prepare(path, press)
    groups = produce_prepared(prepared, chosen(only, prepared.loaded.exhibition), progress,
                              press, screens)
    made = [item for files, _ in groups.values() for item in files]
    warnings = [problem for _, found in groups.values() for problem in found]
    return prepared, made, list(prepared.warnings) + warnings


def produce_prepared(prepared: check.Prepared, only: tuple[str, ...],
                     progress: Callable[[str], None], press: bool,
                     screens: dict[str, int], parallel: bool | Executor = True,
                     downloads: dict[str, bytes] | None = None
                     ) -> dict[str, tuple[list[Made], list[Problem]]]:
    """What produce() makes once the content is checked, by group ("booklet", "poster"):
    the files and the layout's warnings (the content's own stay with `prepared`). With two
    cores, the posters and the kit are made beside while this process lays out the booklet:
    each in a forked process of its own (three processes on two cores end sooner than the
    posters and the kit made in turn), or in the `parallel` executor given (the preview
    server keeps one, as forking beside its threads is not safe). The web page ("site") comes last: it offers the files
    of the others (made now, or `downloads`, those of an earlier build left unchanged)."""
    booklet_kinds = [k for k in cache.GROUPS["booklet"] if k in only]
    posters = "poster" in only
    kit = "kit" in only
    for name in BEFORE_FORKS:  # once here, not once in each process forked below
        importlib.import_module(name)
    # the picture cache cleaned once a build, not in each pass
    pictures.clean(prepared.loaded.folder, [path for _, path in check.pictures(prepared.loaded)])
    groups: dict[str, tuple[list[Made], list[Problem]]] = {}
    beside, tighter, fonts = [], None, None
    two = parallel and (os.cpu_count() or 1) > 1
    variants = prepared.layout.fit
    from booklet.content.bilingual import bilingual
    from booklet.render.fetcher import RefusedResource

    try:
        # the second variant made beside the first: as fast as one when fitting needs it (not
        # for a tête-bêche booklet, which fits its halves together). Made with the posters and
        # the kit beside too, at a lower priority: without it, the sample's every file was
        # 0.2 s sooner, but a 160-book exhibition's, which keeps its compact variant, 3.5 s later
        if booklet_kinds and two and parallel is True and len(variants) == 2 \
                and not bilingual(prepared.loaded):
            tighter = Forked(_variant_files, prepared, booklet_kinds, press, _quietly,
                             variants[1], time.perf_counter(), nice=True)
        if (posters or kit) and booklet_kinds and two:
            if isinstance(parallel, Executor):
                beside = [parallel.submit(_beside, prepared, press, screens, posters, kit)]
            else:  # the page's fonts beside too, after the posters
                site = dict(downloads or {}) if "site" in only else None
                beside = [Forked(_beside, prepared, press, screens, posters, False, None, site)
                          ] if posters else []
                beside += [Forked(_beside, prepared, press, screens, False, True, None,
                                  None if posters else site)] if kit else []
            progress(_("laying out the posters and the exhibition kit, beside the booklet")
                     if posters and kit else _("laying out the posters, beside the booklet")
                     if posters else _("laying out the exhibition kit, beside the booklet"))

        if booklet_kinds:
            groups["booklet"] = _booklet_files(prepared, booklet_kinds, press, progress, tighter)
        for made_beside in beside:
            made, made_fonts = made_beside.result()
            groups.update(made)
            fonts = fonts or made_fonts
        if not beside:
            groups.update(_beside(prepared, press, screens, posters, kit, progress)[0])
        if "site" in only:
            offered = dict(downloads or {})
            offered.update({m.name: m.data for made, _ in groups.values() for m in made})
            groups["site"] = _site_files(prepared, offered, progress, fonts)
    except RefusedResource as exc:  # the layout's CSS or templates asked for it
        raise ContentError([prepared.loaded.marks.problem(("layout",), str(exc))]) from None
    finally:
        for forked in (tighter, *beside):
            if isinstance(forked, Forked):
                forked.stop()
        remove_font_copies()
    errors = [p for _, found in groups.values() for p in found if p.severity == "error"]
    if errors:
        raise ContentError(errors)
    return {group: (made, [p for p in found if p.severity == "warning"])  # in the one order
            for group, (made, found) in sorted(groups.items(),
                                               key=lambda item: list(cache.GROUPS).index(item[0]))}
