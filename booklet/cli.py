"""The command line: parses arguments, calls the library, prints. No logic of its own."""

from __future__ import annotations

import argparse
import difflib
import json
import os
import shlex
import sys
import time
from pathlib import Path

from booklet import __version__
from booklet.messages import _, language, ngettext, reason, translate_argparse
from booklet.problems import ContentError, shown


class Parser(argparse.ArgumentParser):
    """argparse, with the nearest choice named after a wrong one (`--only pdff`)."""

    def _check_value(self, action, value):
        try:
            super()._check_value(action, value)
        except argparse.ArgumentError as exc:
            close = difflib.get_close_matches(str(value).lower(), list(map(str, action.choices)),
                                              n=1, cutoff=0.5)
            if not close:
                raise
            raise argparse.ArgumentError(action, exc.message + "; " + _(
                "did you mean `{word}`?").format(word=close[0])) from None


def main(argv: list[str] | None = None) -> int:
    translate_argparse()
    parser = Parser(prog="booklet", description=_(
        "Print-ready booklets and posters for library book exhibitions."))
    parser.add_argument("--version", action="version", version=f"booklet {__version__}",
                        help=_("show the version and exit"))
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help=_("build the booklet and posters"))
    build.add_argument("paths", type=Path, nargs="+", metavar="PATH",
                       help=_("exhibition.yaml or its folder; several are built side by side"))
    build.add_argument("--out", type=Path, metavar="DIR", help=_(
        "output folder (default: output/<slug>/; with several exhibitions, DIR/<slug>/)"))
    build.add_argument("--only", action="append",
                       choices=["booklet", "print", "press", "poster", "kit", "site"],
                       metavar="OUTPUT", help=_("make only this output (booklet, print, "
                                                "press, poster, kit, site); may be repeated"))

    check = commands.add_parser("check", help=_("find every problem without writing anything"))
    check.add_argument("paths", type=Path, nargs="+", metavar="PATH",
                       help=_("exhibition.yaml or its folder; several may be given"))
    check.add_argument("--press", action="store_true",
                       help=_("also what a print shop would refuse (low-resolution pictures)"))

    new = commands.add_parser("new", help=_("start a new exhibition folder"))
    new.add_argument("dir", type=Path, metavar="DIR",
                     help=_("the new exhibition's folder; it must not exist or be empty"))
    new.add_argument("--language", choices=["ru", "kk", "en", "kk,ru"], default="ru",
                     metavar="ru|kk|en|kk,ru",
                     help=_("the language of the exhibition (default: ru)"))
    new.add_argument("--layout", default="classic", metavar="NAME",
                     help=_("the layout to start from (default: classic)"))

    serve = commands.add_parser("serve", help=_("a live preview in the browser while you write"))
    serve.add_argument("path", type=Path, metavar="PATH", help=_("exhibition.yaml or its folder"))
    serve.add_argument("--port", type=_port, default=8000, metavar="N",
                       help=_("the port to listen on, 1–65535 (0: any free one)"))

    source = commands.add_parser("import", help=_("books from a catalogue export, as YAML"))
    source.add_argument("source", type=Path, metavar="SOURCE", help=_(
        "the catalogue's export: CSV, Excel, MARC 21, UNIMARC, RUSMARC, IRBIS or MARCXML"))
    source.add_argument("--format", choices=["csv", "xlsx", "marc21", "unimarc", "rusmarc",
                                             "irbis", "marcxml"],
                        help=_("the format of SOURCE, when its name does not tell"))
    source.add_argument("--encoding", metavar="ENC", help=_("utf-8, cp1251, marc8…"))
    source.add_argument("--into", type=Path, metavar="FILE",
                        help=_("append the books to this exhibition.yaml instead of printing "
                               "them"))
    source.add_argument("--section", type=int, default=1, metavar="N",
                        help=_("with --into: the section to append to, counting from 1 as "
                               "the booklet does"))

    layouts_command = commands.add_parser("layouts", help=_("list the bundled layouts"))
    layouts_command.add_argument("--preview", type=Path, metavar="DIR",
                                 help=_("also draw each layout's cover, a spread and a poster "
                                        "as PNG"))
    commands.add_parser("schema", help=_("print the JSON Schema of exhibition.yaml"))
    commands.add_parser("doctor", help=_("check what booklet needs on this machine (Pango, fonts…)"))

    args = parser.parse_args(argv)
    try:
        return {"build": _build, "check": _check, "new": _new, "import": _import,
                "serve": _serve, "layouts": _layouts, "schema": _schema,
                "doctor": _doctor}[args.command](args)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print("booklet: " + _errors(len(exc.problems)), file=sys.stderr)
        return 1
    except (OSError, ValueError) as exc:  # no such file; an output that cannot be written
        print("booklet: " + _("error: {what}").format(what=_os_error(exc)), file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # Ctrl-C: nothing is half-written, so nothing to say but that
        print("booklet: " + _("stopped; the earlier outputs are left as they were"),
              file=sys.stderr)
        return 130


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(_("{value} is not a port number (1–65535)").format(
            value=repr(text[:20])))
    return port


def _os_error(exc: Exception) -> str:
    """One line for a failure of the file system, with the file it concerns."""
    if not isinstance(exc, OSError) or not exc.strerror:  # raised by booklet with its words
        return shown(str(exc))
    where = f"{exc.filename}: " if exc.filename else ""
    return shown(f"{where}{reason(exc)}")


def _build(args) -> int:
    from booklet.build import build

    if len(args.paths) > 1:
        return _build_many(args)
    started = time.perf_counter()
    result = build(args.paths[0], args.out, tuple(args.only) if args.only else None,
                   progress=lambda message: print(f"… {message}", file=sys.stderr, flush=True))
    for problem in result.warnings:
        print(problem, file=sys.stderr)
    site = [output for output in result.outputs if output.path.parent.name == "site"]
    for output in result.outputs:
        if output in site:
            continue
        print(f"{str(output.path):<40} " + _pages(output.pages).rjust(12) + "  "
              + _("{mb:5.2f} MB  {s:4.1f} s").format(mb=output.bytes / 1e6, s=output.seconds)
              + (f"  ({output.note})" if output.note else ""))
    if site:  # the web page's files: one line for the folder
        print(f"{str(site[0].path.parent / 'index.html'):<40} "
              + ngettext("{n} file", "{n} files", len(site)).format(n=len(site)).rjust(12) + "  "
              + _("{mb:5.2f} MB  {s:4.1f} s").format(mb=sum(o.bytes for o in site) / 1e6,
                                                     s=sum(o.seconds for o in site)))
    print(_("done in {s:.1f} s").format(s=time.perf_counter() - started))
    return 0


def _build_many(args) -> int:
    """Several exhibitions on the machine's cores, one line of progress for each."""
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from booklet.build import end_with_parent

    only = tuple(args.only) if args.only else None
    status = 0
    with ProcessPoolExecutor(max_workers=min(len(args.paths), os.cpu_count() or 1),
                             initializer=end_with_parent) as pool:
        jobs = {pool.submit(_build_one, path, args.out, only): path for path in args.paths}
        for job in as_completed(jobs):
            ok, lines = job.result()
            status = status if ok else 1
            print("\n".join(lines), flush=True)
    return status


def _build_one(path: Path, out: Path | None,
               only: tuple[str, ...] | None) -> tuple[bool, list[str]]:
    from booklet.build import build
    from booklet.content.load import find_yaml

    started = time.perf_counter()
    try:
        target = out / find_yaml(path).parent.resolve().name if out else None
        result = build(path, target, only)
    except ContentError as exc:
        return False, [f"✗ {path}: " + _errors(len(exc.problems)),
                       *map(str, exc.problems)]
    except OSError as exc:
        return False, [f"✗ {path}: {_os_error(exc)}"]
    pages = sum(o.pages for o in result.outputs if o.path.name == "booklet.pdf")
    return True, [f"✓ {path}: " + ", ".join([
        ngettext("{n} file", "{n} files", len(result.outputs)).format(n=len(result.outputs)),
        _("booklet {pages}").format(pages=_pages(pages)),
        ngettext("{n} warning", "{n} warnings", len(result.warnings)).format(
            n=len(result.warnings)),
        _("{s:.1f} s").format(s=time.perf_counter() - started)]),
                  *map(str, result.warnings)]


def _check(args) -> int:
    from booklet.build import produce

    status = 0
    for path in args.paths:  # every exhibition, even after one with errors
        try:
            _made, _found, warnings = produce(path, press=args.press)
        except ContentError as exc:
            warnings, status = exc.problems, max(status, 1)
        except OSError as exc:  # the others are still checked
            print("booklet: " + _("error: {what}").format(what=_os_error(exc)), file=sys.stderr)
            status = 2
            continue
        for problem in warnings:
            print(problem, file=sys.stderr)
        errors = sum(problem.severity == "error" for problem in warnings)
        if errors:
            summary = ngettext("{n} error", "{n} errors", errors).format(n=errors)
        elif warnings:
            summary = ngettext("no errors, {n} warning", "no errors, {n} warnings",
                               len(warnings)).format(n=len(warnings))
        else:
            summary = _("no errors, no warnings")
        print(f"{path}: {summary}", file=sys.stderr if errors else sys.stdout)
    return status


def _errors(count: int) -> str:
    return ngettext("{n} error; nothing was written", "{n} errors; nothing was written",
                    count).format(n=count)


def _pages(count: int) -> str:
    return ngettext("{n} page", "{n} pages", count).format(n=count)


def _new(args) -> int:
    from booklet.new import new

    for path in new(args.dir, args.language, args.layout):
        print(path)
    print(_("next: edit {yaml}, then: booklet build {folder}").format(
        yaml=shlex.quote(str(args.dir / "exhibition.yaml")), folder=shlex.quote(str(args.dir))))
    return 0


def _import(args) -> int:
    from booklet.importers import SourceError, import_books, to_yaml
    from booklet.importers.into import IntoError, append_books

    if not args.source.is_file():
        raise FileNotFoundError(_("no such file: {path}").format(path=args.source))
    try:
        result = import_books(args.source, args.format, args.encoding)
    except SourceError as exc:
        print(f"{args.source}: error: {_printable(str(exc))}", file=sys.stderr)
        return 1
    # `FILE: error|note: what`: the words after the prefix are the user's language, the
    # prefix stays as compilers and editors read it, as `booklet build` prints its problems
    for note in result.notes:
        print(f"{args.source}: note: {_printable(note)}", file=sys.stderr)
    for skipped in result.skipped:
        print(f"{args.source}: error: {_printable(skipped)}", file=sys.stderr)
    if not args.into:
        print(to_yaml(result.books), end="")
    elif result.skipped:
        print("booklet: " + _("nothing was added to {path}: the records above could not be "
                              "imported").format(path=args.into), file=sys.stderr)
    else:
        try:
            held = append_books(args.into, args.section, result.books)
        except IntoError as exc:
            print(_printable(str(exc)), file=sys.stderr)
            return 1
        except OSError as exc:  # a full disk, a read-only folder: the old file stays whole
            print(f"{args.into}: error: " + _("cannot write it ({why}); it is as it was").format(
                why=reason(exc)), file=sys.stderr)
            return 1
        added = len(result.books) - held
        print(ngettext("added {n} book to section {section} of {path}",
                       "added {n} books to section {section} of {path}", added).format(
            n=added, section=args.section, path=args.into)
            + (ngettext("; {n} already there, left out", "; {n} already there, left out",
                        held).format(n=held) if held else ""), file=sys.stderr)
    return 1 if result.skipped else 0


def _printable(text: str) -> str:
    """One line, with control and bidi characters shown as escapes, never acted on."""
    bidi = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    return "".join(c if c.isprintable() and c not in bidi
                   else c.encode("unicode_escape").decode("ascii") for c in text)


def _serve(args) -> int:
    from booklet.preview.server import Preview

    Preview(args.path, args.port).serve(announce=lambda line: print(line, flush=True))
    return 0


def _layouts(args) -> int:
    from booklet.render.layouts import available, read

    folders = available()
    width = max(map(len, folders))
    for name, folder in folders.items():
        layout = read(folder, folders)
        print(f"{name:<{width}}  {layout.description.get(language(), layout.description.get('en', ''))}")
    if args.preview:
        from booklet.previews import previews

        for path in previews(args.preview, progress=lambda m: print(f"… {m}", file=sys.stderr)):
            print(path)
    return 0


def _schema(args) -> int:
    from booklet.content.model import Exhibition

    print(json.dumps(Exhibition.model_json_schema(), ensure_ascii=False, indent=2))
    return 0


def _doctor(args) -> int:
    from booklet.doctor import doctor

    return doctor()
