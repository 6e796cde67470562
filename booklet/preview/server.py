"""`booklet serve`: a live preview on 127.0.0.1 while the librarian writes.

One thread watches the exhibition folder (watchfiles) and rebuilds; the HTTP server (the
standard library's, threaded) serves one page, its state as JSON, server-sent events when
the state changes, page pictures and the built files. No path from a URL ever reaches the
file system: every route is looked up in what the last build made.
"""

from __future__ import annotations

import errno
import json
import multiprocessing
import os
import re
import shutil
import signal
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from booklet.messages import _
from booklet.preview import pictures
from booklet.problems import ContentError, shown

PAGE = (Path(__file__).resolve().parent / "page.html").read_bytes()
HOST = "127.0.0.1"
SCREENS = {"": 1080}
SITE = "site"  # the web page's folder in a build
TYPES = {".png": "image/png", ".pdf": "application/pdf", ".html": "text/html; charset=utf-8",
         ".css": "text/css; charset=utf-8", ".woff2": "font/woff2", ".jpg": "image/jpeg",
         ".svg": "image/svg+xml"}
# the web page as on a static host, with nothing to run: a layout's page may not script
# the preview (its state, its builds) from the preview's own address
SITE_POLICY = "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'"
LIMIT = 120.0  # seconds: the sample takes six; a build past this is stuck  # the poster pictures a preview needs; `booklet build` adds the @2x ones


@dataclass
class State:
    """What the page shows. Pictures and files stay those of the last good build."""
    version: int = 0
    status: str = "building"  # building | ready | error
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)  # URLs of page pictures
    posters: list[dict] = field(default_factory=list)
    kit: list[dict] = field(default_factory=list)  # the kit's sheets, as posters
    files: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    language: str = ""  # the exhibition's: the page speaks it
    site: list[str] = field(default_factory=list)  # the web page's files, in site/
    second_half: int = 0  # a tête-bêche booklet: the page where its second half starts

    def as_json(self) -> bytes:
        return json.dumps(self.__dict__, ensure_ascii=False).encode()


class Preview:
    def __init__(self, exhibition: Path, port: int = 8000, limit: float = LIMIT):
        from booklet.content.load import find_yaml
        self.yaml = find_yaml(exhibition)
        self.folder = self.yaml.parent.resolve()
        self.port = port
        self.limit = limit  # seconds a build may take before its worker is replaced
        self.state = State()
        self.changed = threading.Condition()
        self.work = tempfile.TemporaryDirectory(prefix="booklet-serve-",
                                                ignore_cleanup_errors=True)
        self.builds: dict[int, Path] = {}  # version → folder of its outputs and pictures
        self.stopping = threading.Event()
        self.wanted = 1  # the newest generation of the sources
        self.wake = threading.Event()
        self.wake.set()
        self.worker: Worker | None = None

    # -- building -----------------------------------------------------------------------
    def builder(self) -> None:
        """Build whenever the sources changed. A change that comes in during a build makes
        that build stale: its result is dropped and the newest sources are built. Whatever
        happens to one build, the server keeps the last good one on screen and goes on."""
        while not self.stopping.is_set():
            self.wake.wait(0.5)
            if self.stopping.is_set():
                return
            if not self.wake.is_set():
                continue
            self.wake.clear()
            try:
                self._build_once()
            except Exception as exc:  # a bug of ours: show it, keep serving
                self._publish(status="error",
                              errors=["booklet: " + _("failed: {what}").format(what=repr(exc))])

    def _build_once(self) -> None:
        generation = self.wanted
        self._publish(status="building", language=exhibition_language(self.yaml))
        started = time.perf_counter()
        out = Path(self.work.name) / str(generation)
        if self.worker is None:
            self.worker = Worker(Path(tempfile.mkdtemp(prefix="worker-", dir=self.work.name)))
        outcome, value = self.worker.build(self.yaml, out, self.limit, self.stopping)
        if outcome != "ready" and not self.worker.process.is_alive() or outcome == "timeout":
            self.worker.stop()  # stuck in this build, or gone: replaced, not waited on
            self.worker = None
        if outcome == "timeout":
            shutil.rmtree(out, ignore_errors=True)
            value = ["booklet: " + _("error: {what}").format(what=_(
                "the build took longer than {limit} s and was stopped; a picture or a text may "
                "be too large").format(limit=f"{self.limit:g}"))]
        if generation != self.wanted or self.stopping.is_set():
            return  # superseded while it ran
        if outcome != "ready":
            self._publish(status="error", errors=value)
            return
        result = value
        found = pictures.make(out, result.outputs, tete_beche(self.yaml))
        for old in sorted(self.builds)[:-1]:  # keep the one on screen until the page moves on
            shutil.rmtree(self.builds.pop(old), ignore_errors=True)
        self.builds[generation] = out
        self._publish(status="ready", version=generation, errors=[],
                      warnings=[str(w) for w in result.warnings],
                      pages=[f"/build/{generation}/{name}" for name in found.pages],
                      second_half=found.second_half,
                      posters=[{"name": name, "url": f"/build/{generation}/{name}"}
                               for name in found.posters],
                      kit=[{"name": name, "url": f"/build/{generation}/{name}"}
                           for name in found.kit],
                      files=[{"name": o.path.name, "url": f"/build/{generation}/{o.path.name}",
                              "pages": o.pages, "bytes": o.bytes} for o in result.outputs
                             if o.path.parent.name != SITE] + _site_entry(generation, result),
                      site=sorted(o.path.name for o in result.outputs
                                  if o.path.parent.name == SITE),
                      seconds=round(time.perf_counter() - started, 2))

    def watcher(self) -> None:
        from watchfiles import watch

        for _ in watch(self.folder, stop_event=self.stopping, debounce=150, step=50):
            self.wanted += 1
            self.wake.set()

    def _publish(self, **changes) -> None:
        with self.changed:
            for key, value in changes.items():
                setattr(self.state, key, value)
            self.changed.notify_all()

    # -- serving ------------------------------------------------------------------------
    def file_for(self, version: str, name: str, site: bool = False) -> Path | None:
        """A built file or picture by its exact name (with `site`, one of the web page's),
        or None: no path is ever joined from the URL beyond a name the build itself listed."""
        if not version.isdigit() or int(version) not in self.builds:
            return None
        folder = self.builds[int(version)]
        if site:
            return folder / SITE / name if name in self.state.site \
                and re.fullmatch(r"[\w.@-]+", name) else None
        listed = {Path(u).name for u in self.state.pages} | {p["name"] for p in self.state.posters} \
            | {p["name"] for p in self.state.kit} | {f["name"] for f in self.state.files}
        if name not in listed or not re.fullmatch(r"[\w.@-]+", name):
            return None
        return folder / name

    def serve(self, announce=print) -> None:
        """Serve until Ctrl-C or SIGTERM; either ends it cleanly, its temporary folder and its
        worker gone. ValueError (a clear line) if the port is taken or not allowed."""
        try:
            server = ThreadingHTTPServer((HOST, self.port), _handler(self))
        except OSError as exc:
            self.work.cleanup()
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                taken = _("port {port} is in use (another preview?)") \
                    if exc.errno == errno.EADDRINUSE else _("port {port} needs other rights")
                raise ValueError(taken.format(port=self.port) + "; " + _(
                    "choose another with --port, such as --port {port}, or --port 0 for any "
                    "free one").format(port=self.port + 1 if self.port < 65535 else 8000)) \
                    from None
            raise
        server.daemon_threads = True
        self.port = server.server_address[1]
        threads = [threading.Thread(target=self.builder, daemon=True),
                   threading.Thread(target=self.watcher, daemon=True)]
        for thread in threads:
            thread.start()
        announce("booklet: " + _("previewing {path} at {address} (Ctrl-C stops)").format(
            path=self.yaml, address=f"http://{HOST}:{self.port}/"))
        previous = _stop_on_sigterm()
        try:
            server.serve_forever(poll_interval=0.2)
        except KeyboardInterrupt:
            pass
        finally:
            self.stopping.set()
            with self.changed:
                self.changed.notify_all()
            server.server_close()
            if self.worker is not None:
                self.worker.stop()
            self._remove_work()
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)

    def _remove_work(self) -> None:
        """The temporary folder removed, though the worker's forked processes, ended with it,
        may write in it for a moment yet («Directory not empty» on a first try)."""
        for _attempt in range(50):
            self.work.cleanup()
            if not os.path.exists(self.work.name):
                return
            time.sleep(0.1)


def _site_entry(generation: int, result) -> list[dict]:
    """The web page among the build's files, one entry for its folder."""
    site = [o for o in result.outputs if o.path.parent.name == SITE]
    return [{"name": f"{SITE}/index.html", "url": f"/build/{generation}/{SITE}/index.html",
             "pages": 1, "bytes": sum(o.bytes for o in site)}] if site else []


def _stop_on_sigterm():
    """SIGTERM ends the preview as Ctrl-C does (the temporary folder is removed); from the
    main thread only, where Python runs signal handlers."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def stop(signum, frame):
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, stop)


def exhibition_language(yaml: Path) -> str:
    """The language the exhibition is written in, as far as its YAML can be read."""
    from booklet.content.load import read

    try:
        value = read(yaml)[0].get("language", "ru")
    except (ContentError, OSError):
        return ""
    value = value[0] if isinstance(value, list) and value else value
    return value if value in ("ru", "kk", "en") else ""


def tete_beche(yaml: Path) -> bool:
    """Whether the exhibition makes a tête-bêche booklet: two languages, not in parallel."""
    from booklet.content.load import read

    try:
        data = read(yaml)[0]
    except (ContentError, OSError):
        return False
    settings = data.get("booklet") if isinstance(data.get("booklet"), dict) else {}
    languages = data.get("language")
    return isinstance(languages, list) and len(set(map(str, languages))) == 2 \
        and settings.get("bilingual", "flip") == "flip"


class Worker:
    """One process that builds, started once (spawning for each build is slow; forking
    beside the server's threads is not safe). A build that does not end within its limit
    is ended by killing the process, and the next build gets a new one."""

    def __init__(self, temporary: Path):
        context = multiprocessing.get_context("spawn")
        self.connection, theirs = context.Pipe()
        # it forks the posters; every temporary file of it and of them goes into `temporary`
        self.temporary = temporary
        self.process = context.Process(target=_work, args=(theirs, str(temporary)))
        self.process.start()
        theirs.close()

    def build(self, yaml: Path, out: Path, limit: float, stopping: threading.Event):
        """("ready", Result) | ("error", [lines]) | ("timeout", None)."""
        self.connection.send((yaml, out))
        deadline = time.monotonic() + limit
        while not self.connection.poll(0.2):
            if time.monotonic() > deadline or stopping.is_set():
                return "timeout", None
            if not self.process.is_alive():
                break
        try:
            return self.connection.recv()
        except (EOFError, OSError):
            return "error", ["booklet: " + _("error: {what}").format(what=_(
                "the build stopped unexpectedly (exit code {code})").format(
                code=self.process.exitcode))]

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.connection.close()
        shutil.rmtree(self.temporary, ignore_errors=True)  # what is left, with the server's


def _work(connection, temporary: str) -> None:
    """The worker's loop: a build for each (yaml, out) received; every outcome sent back,
    whatever the build raised (a refused file is a BaseException in WeasyPrint). Its
    temporary files go into the server's folder: killed, it removes none of them itself."""
    from booklet.build import build, end_with_parent

    end_with_parent()  # and Ctrl-C is the server's to handle
    os.environ["TMPDIR"] = tempfile.tempdir = temporary
    while True:
        try:
            yaml, out = connection.recv()
        except (EOFError, OSError):
            return
        try:
            outcome = "ready", build(yaml, out, screens=SCREENS)
        except ContentError as exc:
            outcome = "error", [str(p) for p in exc.problems]
        except BaseException as exc:  # noqa: B036 — the server must hear of every failure
            outcome = "error", ["booklet: " + _("error: {what}").format(
                what=shown(str(exc)) or type(exc).__name__)]
        connection.send(outcome)


def _handler(preview: Preview):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):  # quiet: the terminal is for the librarian
            pass

        def do_GET(self):
            if self.headers.get("Host") not in (f"{HOST}:{preview.port}", f"localhost:{preview.port}"):
                return self._send(403, b"forbidden host", "text/plain")  # DNS rebinding
            path = urlsplit(self.path).path
            if path == "/":
                return self._send(200, PAGE, "text/html; charset=utf-8")
            if path == "/state.json":
                return self._send(200, preview.state.as_json(), "application/json")
            if path == "/events":
                return self._events()
            match = re.fullmatch(r"/build/(\d{1,9})/(site/)?([^/]{1,200})", path)
            if match:
                file = preview.file_for(match[1], unquote(match[3]), bool(match[2]))
                if file is not None and file.is_file():
                    kind = TYPES.get(file.suffix, "application/octet-stream")
                    return self._send(200, file.read_bytes(), kind,
                                      SITE_POLICY if match[2] else None)
            return self._send(404, b"not found", "text/plain")

        def _send(self, status: int, body: bytes, kind: str, policy: str | None = None):
            self.send_response(status)
            self.send_header("Content-Type", kind)
            if policy:
                self.send_header("Content-Security-Policy", policy)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            self.wfile.write(body)

        def _events(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            seen = None
            try:
                while not preview.stopping.is_set():
                    with preview.changed:
                        body = preview.state.as_json()
                        if body == seen:
                            preview.changed.wait(15)
                            body = preview.state.as_json()
                    if body != seen:
                        self.wfile.write(b"data: " + body + b"\n\n")
                    else:
                        self.wfile.write(b": keep-alive\n\n")
                    self.wfile.flush()
                    seen = body
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler
