"""`booklet doctor` on this machine, and on one whose libraries are hidden from the loader:
a sitecustomize makes cffi's dlopen fail for them, as it fails where they are not installed."""

import importlib.metadata
import os
import platform
import shutil
import subprocess
import sys
import textwrap

from booklet import doctor
from booklet.cli import main

HIDE = textwrap.dedent("""\
    import os
    import cffi

    hidden = os.environ["HIDE_LIBRARIES"].split(",")
    dlopen = cffi.FFI.dlopen

    def hiding_dlopen(self, name, flags=0):
        if any(part in str(name) for part in hidden):
            raise OSError(f"cannot load library '{name}': {name}: cannot open shared object "
                          "file: No such file or directory")
        return dlopen(self, name, flags)

    cffi.FFI.dlopen = hiding_dlopen
""")
DEBIAN = shutil.which("apt-get") is not None and sys.platform == "linux"


def doctor_without(tmp_path, libraries: str) -> subprocess.CompletedProcess:
    (tmp_path / "sitecustomize.py").write_text(HIDE)
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "HIDE_LIBRARIES": libraries}
    return subprocess.run([sys.executable, "-m", "booklet", "doctor"], capture_output=True,
                          text=True, env=env, cwd=tmp_path)


def line_of(output: str, name: str) -> str:
    return next(line for line in output.splitlines() if f" {name}:" in line)


def debian_version(package: str) -> str:
    """The installed package's upstream version, as dpkg knows it: 1.50.12 of 1.50.12+ds-1."""
    run = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True,
                         text=True, check=True)
    return run.stdout.split(":")[-1].split("+")[0].split("-")[0]


def test_complete_system_reports_each_version_and_exits_0(capsys):
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert line_of(out, "Python").startswith(f"ok       Python: {platform.python_version()} ")
    assert line_of(out, "WeasyPrint") == \
        f"ok       WeasyPrint: {importlib.metadata.version('weasyprint')}"
    pango, harfbuzz = line_of(out, "Pango"), line_of(out, "HarfBuzz")
    assert pango.startswith("ok") and harfbuzz.startswith("ok")
    assert harfbuzz.endswith("with its subset library")
    if DEBIAN:  # the versions the loader found are the ones dpkg installed
        assert pango == f"ok       Pango: {debian_version('libpango-1.0-0')}"
        assert harfbuzz.startswith(f"ok       HarfBuzz: {debian_version('libharfbuzz0b')} ")
    fonts = line_of(out, "bundled fonts")
    assert fonts.startswith("ok       bundled fonts: PT Sans, PT Serif (8 files in ")
    assert "licence: ParaType Free Font License (LICENSE-ParaType.txt)" in fonts
    chromium = line_of(out, "Chromium for the preview tests")
    assert chromium.startswith("ok" if doctor.CHROMIUM.exists() else "missing")
    assert out.splitlines()[-1] == "everything booklet needs is here"


def test_missing_pango_is_one_line_with_the_command_and_exit_1(tmp_path):
    run = doctor_without(tmp_path, "pango")
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr and "-----" not in run.stdout  # no WeasyPrint banner
    lines = run.stdout.splitlines()
    pango = line_of(run.stdout, "Pango")
    assert pango.startswith("MISSING  Pango: cannot load library 'libpango-1.0-0'")
    fix = lines[lines.index(pango) + 1]
    assert fix.startswith("         to install: ")
    if DEBIAN:
        assert fix.endswith("apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0")
    assert not any(" HarfBuzz:" in line for line in lines)  # not loaded, so not reported
    assert line_of(run.stdout, "bundled fonts").startswith("ok")  # the rest is still checked
    assert lines[-1].startswith("1 needed thing(s) missing: Pango;")


def test_missing_harfbuzz_subset_fails_with_its_package(tmp_path):
    run = doctor_without(tmp_path, "harfbuzz-subset")
    assert run.returncode == 1, run.stderr
    harfbuzz = line_of(run.stdout, "HarfBuzz")
    assert harfbuzz.startswith("MISSING  HarfBuzz: ") and "without its subset library" in harfbuzz
    assert line_of(run.stdout, "Pango").startswith("ok")
    if DEBIAN:
        assert "to install: " in run.stdout and "apt-get install libharfbuzz-subset0" in run.stdout


def test_what_only_tests_use_is_reported_but_does_not_fail(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(doctor, "CHROMIUM", tmp_path / "chromium")
    monkeypatch.setattr(doctor, "CMYK_PROFILE", tmp_path / "default_cmyk.icc")
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    chromium = line_of(out, "Chromium for the preview tests")
    assert chromium.startswith("missing  ") and chromium.endswith("(optional: only tests use it)")
    assert line_of(out, "ICC profile for the CMYK tests").startswith("missing  ")
    if DEBIAN:
        assert "apt-get install chromium" in out and "apt-get install libgs-common" in out

