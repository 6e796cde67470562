"""`booklet serve`: a live preview on 127.0.0.1 while the librarian writes.

One thread watches the exhibition folder (watchfiles) and rebuilds; the HTTP server (the
standard library's, threaded) serves one page, its state as JSON, server-sent events when
the state changes, page pictures and the built files. No path from a URL ever reaches the
file system: every route is looked up in what the last build made.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import re
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from booklet.messages import _
from booklet.preview import pictures
from booklet.problems import ContentError

PAGE = (Path(__file__).resolve().parent / "page.html").read_bytes()
HOST = "127.0.0.1"
SCREENS = {"": 1080}  # the poster pictures a preview needs; `booklet build` adds the @2x ones


@dataclass
class State:
    """What the page shows. Pictures and files stay those of the last good build."""
    version: int = 0
    status: str = "building"  # building | ready | error
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)  # URLs of page pictures
    posters: list[dict] = field(default_factory=list)
    files: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    language: str = ""  # the exhibition's: the page speaks it

    def as_json(self) -> bytes:
        return json.dumps(self.__dict__, ensure_ascii=False).encode()


class Preview:
    def __init__(self, exhibition: Path, port: int = 8000):
        from booklet.content.load import find_yaml
        self.yaml = find_yaml(exhibition)
        self.folder = self.yaml.parent.resolve()
        self.port = port
        self.state = State()
        self.changed = threading.Condition()
        self.work = tempfile.TemporaryDirectory(prefix="booklet-serve-")
        self.builds: dict[int, Path] = {}  # version → folder of its outputs and pictures
        self.stopping = threading.Event()
        self.wanted = 1  # the newest generation of the sources
        self.wake = threading.Event()
        self.wake.set()
        # posters are made beside the booklet in a process of their own, started once:
        # forking beside the server's threads is not safe, spawning each time is slow
        self.posters = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                           initializer=_end_with_parent)

    # -- building -----------------------------------------------------------------------
    def builder(self) -> None:
        """Build whenever the sources changed. A change that comes in during a build makes
        that build stale: its result is dropped and the newest sources are built."""
        from booklet.build import build

        while not self.stopping.is_set():
            self.wake.wait(0.5)
            if self.stopping.is_set():
                return
            if not self.wake.is_set():
                continue
            self.wake.clear()
            generation = self.wanted
            self._publish(status="building", language=exhibition_language(self.yaml))
            started = time.perf_counter()
            out = Path(self.work.name) / str(generation)
            try:
                result = build(self.yaml, out, screens=SCREENS, parallel=self.posters)
            except ContentError as exc:
                if generation == self.wanted:
                    self._publish(status="error", errors=[str(p) for p in exc.problems])
                continue
            except Exception as exc:  # a bug of ours: show it, keep serving
                self._publish(status="error", errors=["booklet: " + _("failed: {what}").format(what=repr(exc))])
                continue
            if generation != self.wanted:
                continue  # superseded while it ran
            found = pictures.make(out, result.outputs)
            for old in sorted(self.builds)[:-1]:  # keep the one on screen until the page moves on
                shutil.rmtree(self.builds.pop(old), ignore_errors=True)
            self.builds[generation] = out
            self._publish(status="ready", version=generation, errors=[],
                          warnings=[str(w) for w in result.warnings],
                          pages=[f"/build/{generation}/{name}" for name in found.pages],
                          posters=[{"name": name, "url": f"/build/{generation}/{name}"}
                                   for name in found.posters],
                          files=[{"name": o.path.name, "url": f"/build/{generation}/{o.path.name}",
                                  "pages": o.pages, "bytes": o.bytes} for o in result.outputs],
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
    def file_for(self, version: str, name: str) -> Path | None:
        """A built file or picture by its exact name, or None: no path is ever joined from
        the URL beyond a name the build itself listed."""
        if not version.isdigit() or int(version) not in self.builds:
            return None
        folder = self.builds[int(version)]
        listed = {Path(u).name for u in self.state.pages} | {p["name"] for p in self.state.posters} \
            | {f["name"] for f in self.state.files}
        if name not in listed or not re.fullmatch(r"[\w.@-]+", name):
            return None
        return folder / name

    def serve(self, announce=print) -> None:
        server = ThreadingHTTPServer((HOST, self.port), _handler(self))
        server.daemon_threads = True
        self.port = server.server_address[1]
        threads = [threading.Thread(target=self.builder, daemon=True),
                   threading.Thread(target=self.watcher, daemon=True)]
        for thread in threads:
            thread.start()
        announce("booklet: " + _("previewing {path} at {address} (Ctrl-C stops)").format(
            path=self.yaml, address=f"http://{HOST}:{self.port}/"))
        try:
            server.serve_forever(poll_interval=0.2)
        except KeyboardInterrupt:
            pass
        finally:
            self.stopping.set()
            with self.changed:
                self.changed.notify_all()
            server.server_close()
            self.posters.shutdown(wait=False, cancel_futures=True)
            self.work.cleanup()


def exhibition_language(yaml: Path) -> str:
    """The language the exhibition is written in, as far as its YAML can be read."""
    from booklet.content.load import read

    try:
        value = read(yaml)[0].get("language", "ru")
    except (ContentError, OSError):
        return ""
    value = value[0] if isinstance(value, list) and value else value
    return value if value in ("ru", "kk", "en") else ""


def _end_with_parent() -> None:
    """In the poster process: end when the server is gone, even if it was killed."""
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


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
            match = re.fullmatch(r"/build/(\d+)/([^/]+)", path)
            if match:
                file = preview.file_for(match[1], unquote(match[2]))
                if file is not None and file.is_file():
                    kind = {".png": "image/png", ".pdf": "application/pdf"}.get(file.suffix,
                                                                               "application/octet-stream")
                    return self._send(200, file.read_bytes(), kind)
            return self._send(404, b"not found", "text/plain")

        def _send(self, status: int, body: bytes, kind: str):
            self.send_response(status)
            self.send_header("Content-Type", kind)
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
