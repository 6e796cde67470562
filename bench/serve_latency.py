"""Time from saving exhibition.yaml to the new pictures being ready in `booklet serve`.

    python bench/serve_latency.py [PATH] [--repeat N]

Starts the server on a copy of the exhibition, changes the title N times, and prints the
seconds from each save until /state.json announces the new version (medians).
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def state(port: int) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/state.json", timeout=5) as response:
        return json.load(response)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", nargs="?", type=Path, default=ROOT / "content" / "memory")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / args.path.name
        shutil.copytree(args.path, folder)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = subprocess.Popen([sys.executable, "-m", "booklet", "serve", str(folder),
                                   "--port", str(port)], stdout=subprocess.PIPE, text=True)
        server.stdout.readline()
        try:
            while state(port)["status"] != "ready":
                time.sleep(0.05)
            yaml = folder / "exhibition.yaml"
            text = yaml.read_text(encoding="utf-8")
            times = []
            for i in range(args.repeat):
                version = state(port)["version"]
                started = time.perf_counter()
                yaml.write_text(text.replace("title: Память", f"title: Память {i}", 1),
                                encoding="utf-8")
                while True:
                    now = state(port)
                    if now["version"] != version and now["status"] == "ready":
                        break
                    time.sleep(0.02)
                times.append(time.perf_counter() - started)
                build_seconds = now["seconds"]
            print(f"{args.path}: save → new pictures, {args.repeat} edits")
            print(f"  median {statistics.median(times):.2f} s, min {min(times):.2f} s, "
                  f"max {max(times):.2f} s; the last build itself {build_seconds:.2f} s")
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
