"""Milliseconds that typography takes for the prose of an exhibition (all Markdown fields
through markdown.to_html), and what it adds: no-break spaces and addresses kept whole.

    python bench/typography.py [PATH] [--repeat N]

Prints figures (medians over N passes, after a warm-up), not pass/fail.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import yaml

from booklet.text.markdown import to_html

ROOT = Path(__file__).resolve().parent.parent
PROSE = {"intro", "annotation", "text"}


def prose_fields(node, found: list[str]) -> list[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in PROSE and isinstance(value, str):
                found.append(value)
            else:
                prose_fields(value, found)
    elif isinstance(node, list):
        for value in node:
            prose_fields(value, found)
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", nargs="?", default=ROOT / "content" / "memory", type=Path)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    data = yaml.safe_load((args.path / "exhibition.yaml").read_text(encoding="utf-8"))
    language = data.get("language", "ru")
    texts = prose_fields(data, [])
    html = [to_html(text, language) for text in texts]  # warm-up
    times = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        for text in texts:
            to_html(text, language)
        times.append(time.perf_counter() - started)
    chars = sum(len(text) for text in texts)
    print(f"{len(texts)} prose fields, {chars} characters, language {language}")
    print(f"to_html, all fields: {statistics.median(times) * 1000:.1f} ms "
          f"({statistics.median(times) * 1e6 / max(chars, 1):.1f} µs per character)")
    nbsp = sum(h.count("\u00a0") for h in html)
    addresses = sum(h.count('<span class="nh">') for h in html)
    print(f"no-break spaces: {nbsp}, addresses kept unhyphenated: {addresses}")


if __name__ == "__main__":
    main()
