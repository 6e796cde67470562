"""Work already done is not done again: each group of outputs — the booklet's three files
from their one layout pass, and the posters — is remembered in the output folder with a key
made of everything it depends on (the content, every picture's bytes, the layout's files,
booklet's version, the options). A group whose key and files are unchanged is not laid out.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from booklet import __version__, check
from booklet.messages import language
from booklet.problems import Problem
from booklet.render.layouts import SHARED

FILE = ".booklet-cache.json"
GROUPS = {"booklet": ("booklet", "print", "press"), "poster": ("poster",), "kit": ("kit",),
          "site": ("site",)}
POSTER_IGNORES = ("sections", "intro", "booklet", "kit", "site")  # what no poster shows


def keys(prepared: check.Prepared, press: bool, screens: dict) -> dict[str, str]:
    loaded = prepared.loaded
    content = loaded.exhibition.model_dump(mode="json")
    if loaded.versions:  # two languages: the second's texts count too
        content["versions"] = {lang: ex.model_dump(mode="json") for lang, ex in loaded.versions}
    common = {
        "version": __version__, "press": press, "theme": prepared.theme,
        "words": language(),  # the notes and warnings remembered are in the user's language
        "epoch": os.environ.get("SOURCE_DATE_EPOCH"),
        "layout": _files_digest([*prepared.layout.folders, SHARED], skip="site."),
        "pictures": {str(path): _digest(path.read_bytes()) for _, path in check.pictures(loaded)},
        "profile": _digest(Path(content["booklet"]["press"]["profile"]).read_bytes())
        if content["booklet"]["press"]["profile"] else None,
    }
    booklet = {k: v for k, v in content.items() if k not in ("poster", "kit")}
    poster = {k: v for k, v in content.items() if k not in POSTER_IGNORES}
    made = {"booklet": _digest(json.dumps([common, booklet], sort_keys=True).encode()),
            "poster": _digest(json.dumps([common, poster, screens], sort_keys=True).encode())}
    # the web page: all the content, and the booklet and posters it offers to download
    made["site"] = _digest(json.dumps([common, content, made, _files_digest(
        [*prepared.layout.folders, SHARED])], sort_keys=True).encode())
    made["kit"] = _digest(json.dumps([common, content, "kit"], sort_keys=True).encode())
    return made


# a file of the output folder, at most one folder down (site/…); no part starts with a dot
OUTPUT_NAME = re.compile(r"(?:[\w@-][\w@.-]{0,80}/)?[\w@-][\w@.-]{0,80}")


def load(out: Path) -> dict:
    """The groups remembered in the output folder; an entry that is not exactly what
    entry() writes (edited, cut, crafted to name ../../etc/hostname) is forgotten."""
    try:
        remembered = json.loads((out / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(remembered, dict):
        return {}
    return {group: found for group, found in remembered.items()
            if group in GROUPS and _well_formed(found)}


def _well_formed(entry) -> bool:
    try:
        names = entry["files"].keys()
        warnings_of(entry)
        return (isinstance(entry["key"], str) and isinstance(entry["kinds"], list)
                and names == entry["pages"].keys()
                and all(isinstance(note, str) for note in entry.get("notes", {}).values())
                and all(OUTPUT_NAME.fullmatch(name) and isinstance(entry["files"][name], str)
                        and isinstance(entry["pages"][name], int) for name in names))
    except (KeyError, TypeError, AttributeError, ValueError):
        return False


def fresh(entry: dict | None, key: str, out: Path, wanted: set[str]) -> bool:
    """The group's files are those made under `key`, untouched, and include `wanted`."""
    if not entry or entry.get("key") != key or not wanted <= set(entry.get("kinds", ())):
        return False
    for name, digest in entry["files"].items():
        try:
            if _digest((out / name).read_bytes()) != digest:
                return False
        except OSError:
            return False
    return True


def entry(key: str, kinds, files: dict[str, bytes], pages: dict[str, int],
          warnings: list[Problem], notes: dict[str, str]) -> dict:
    return {"key": key, "kinds": sorted(kinds),
            "files": {name: _digest(data) for name, data in files.items()},
            "pages": pages, "warnings": [w.__dict__ for w in warnings], "notes": notes}


def warnings_of(entry: dict) -> list[Problem]:
    """The warnings remembered with a group; TypeError or ValueError if they are not
    exactly the fields of Problem."""
    found = [Problem(**w) for w in entry.get("warnings", [])]
    if not all(isinstance(p.file, str) and isinstance(p.line, int) and isinstance(p.column, int)
               and isinstance(p.message, str) for p in found):
        raise ValueError("not a problem")
    return found


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _files_digest(folders, skip: str | None = None) -> str:
    """The files of the folders; those whose name starts with `skip` (the web page's
    site.html and site.css, which no PDF reads) left out."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()
                           and not (skip and p.name.startswith(skip))):
            digest.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return digest.hexdigest()
