"""booklet doctor: what this machine has of what booklet needs, and how to get what it lacks.

WeasyPrint is loaded the way a build loads it, so a missing Pango shows here as it would
there, as one line with the command that installs it instead of a traceback.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import io
import os
import platform
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from booklet import __version__
from booklet.bundled import FONTS_DIR

# What ./install puts on Debian and Ubuntu for WeasyPrint (tests/test_setup.py keeps the two equal)
DEBIAN_LIBRARIES = ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0")
PANGO_OLDEST = (1, 44)  # WeasyPrint 70's floor
# Only tests use these, and they are skipped without them
CHROMIUM = Path("/usr/bin/chromium")
CMYK_PROFILE = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")  # Debian's libgs-common


@dataclass(frozen=True)
class Finding:
    name: str
    found: str = ""  # what was found: a version, a path; empty when it is missing
    problem: str = ""  # why it counts as missing
    fix: str = ""  # the command that installs it
    needed: bool = True  # False: only some tests use it

    @property
    def ok(self) -> bool:
        return not self.problem


def doctor() -> int:
    """Prints each finding and returns 0 when everything needed is here, 1 otherwise."""
    findings = examine()
    print(f"booklet {__version__} doctor")
    for finding in findings:
        print(_line(finding))
        if not finding.ok and finding.fix:
            print(f"{'':9}to install: {finding.fix}")
    missing = [f for f in findings if f.needed and not f.ok]
    if missing:
        print(f"{len(missing)} needed thing(s) missing: {', '.join(f.name for f in missing)}; "
              "install them with the commands above, then run booklet doctor again")
        return 1
    print("everything booklet needs is here")
    return 0


def examine() -> list[Finding]:
    weasyprint = _weasyprint()
    findings = [_python(), weasyprint]
    if weasyprint.ok:
        findings += _text_libraries()
    return findings + [_fonts(), _cmyk_profile(), _chromium()]


def _line(finding: Finding) -> str:
    if finding.ok:
        return f"ok       {finding.name}: {finding.found}"
    status = "MISSING" if finding.needed else "missing"
    optional = "" if finding.needed else " (optional: only tests use it)"
    return f"{status:<9}{finding.name}: {finding.problem}{optional}"


def _system() -> str:
    if sys.platform == "darwin":
        return "macos"
    if sys.platform == "win32":
        return "windows"
    return "debian" if shutil.which("apt-get") else "other"


def _apt(*packages: str) -> str:
    sudo = "" if hasattr(os, "geteuid") and os.geteuid() == 0 else "sudo "
    return f"{sudo}apt-get install {' '.join(packages)}"


def _pango_fix() -> str:
    return {"debian": _apt(*DEBIAN_LIBRARIES),
            "macos": "brew install pango",
            "windows": "in MSYS2's UCRT64 shell: pacman -S mingw-w64-ucrt-x86_64-pango",
            "other": "install Pango 1.44 or newer with your system's package manager",
            }[_system()]


def _python() -> Finding:
    found = f"{platform.python_version()} ({sys.executable})"
    if sys.version_info < (3, 10):
        return Finding("Python", found, f"{found} is older than 3.10",
                       "install Python 3.10 or newer, then run ./install again")
    return Finding("Python", found)


def _weasyprint() -> Finding:
    try:
        return Finding("WeasyPrint", importlib.metadata.version("weasyprint"))
    except importlib.metadata.PackageNotFoundError:
        return Finding("WeasyPrint", problem="not installed in this Python",
                       fix=f"{sys.executable} -m pip install 'weasyprint==70.*'")


def _text_libraries() -> list[Finding]:
    """Pango and HarfBuzz as WeasyPrint loads them, or WeasyPrint's error when it cannot."""
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # it prints a banner before raising
            from weasyprint.text import ffi
    except OSError as exc:  # cannot load library 'libpango-1.0-0': …
        return [Finding("Pango", problem=str(exc).splitlines()[0], fix=_pango_fix())]
    except ImportError as exc:
        return [Finding("Pango", problem=f"not checked: WeasyPrint does not import: {exc}",
                        fix=f"{sys.executable} -m pip install --force-reinstall 'weasyprint==70.*'")]
    return [_pango(ffi), _harfbuzz(ffi)]


def _pango(libraries) -> Finding:
    number = libraries.pango.pango_version()  # 15012 for 1.50.12
    version = (number // 10000, number // 100 % 100, number % 100)
    found = ".".join(map(str, version))
    if version[:2] < PANGO_OLDEST:
        return Finding("Pango", found, f"{found} is older than 1.44, which WeasyPrint needs",
                       _pango_fix())
    return Finding("Pango", found)


def _harfbuzz(libraries) -> Finding:
    # WeasyPrint declares no version function of HarfBuzz; this one is in every HarfBuzz
    libraries.ffi.cdef("const char *hb_version_string(void);", override=True)
    version = libraries.ffi.string(libraries.harfbuzz.hb_version_string()).decode()
    if libraries.harfbuzz_subset is None:  # WeasyPrint then subsets fonts slowly, in Python
        return Finding("HarfBuzz", version, f"{version} without its subset library "
                       "(every build embeds fonts slowly)",
                       {"debian": _apt("libharfbuzz-subset0"), "macos": "brew install harfbuzz",
                        "windows": "in MSYS2's UCRT64 shell: pacman -S "
                                   "mingw-w64-ucrt-x86_64-harfbuzz",
                        "other": "install HarfBuzz's subset library (libharfbuzz-subset)",
                        }[_system()])
    return Finding("HarfBuzz", f"{version} with its subset library")


def _fonts() -> Finding:
    from fontTools.ttLib import TTFont

    files = sorted(FONTS_DIR.glob("*.ttf"))
    licences = sorted(FONTS_DIR.glob("LICENSE*"))
    fix = "reinstall booklet: ./install (or pip install --force-reinstall .)"
    if not files or not licences:
        return Finding("bundled fonts", problem=f"no fonts or no licence in {FONTS_DIR}", fix=fix)
    try:
        families = sorted({TTFont(path, lazy=True)["name"].getDebugName(1) for path in files})
    except Exception as exc:  # a damaged file: fontTools raises many kinds
        return Finding("bundled fonts", problem=f"cannot read them: {exc}", fix=fix)
    titles = [_licence_title(path) for path in licences]
    return Finding("bundled fonts", f"{', '.join(families)} ({len(files)} files in {FONTS_DIR}), "
                   f"licence: {', '.join(titles)}")


def _licence_title(path: Path) -> str:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    title = next((line.strip() for line in lines if "licen" in line.lower()), path.name)
    return f"{title} ({path.name})"


def _cmyk_profile() -> Finding:
    name = "ICC profile for the CMYK tests"
    if CMYK_PROFILE.is_file():
        return Finding(name, str(CMYK_PROFILE), needed=False)
    return Finding(name, problem=f"{CMYK_PROFILE} not found", needed=False,
                   fix=_apt("libgs-common") if _system() == "debian" else "")


def _chromium() -> Finding:
    name = "Chromium for the preview tests"
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return Finding(name, str(CHROMIUM), needed=False)
    return Finding(name, problem=f"{CHROMIUM} not found", needed=False,
                   fix=_apt("chromium") if _system() == "debian" else "")
