"""Setting up from a clone is README's two commands, the ones CI runs; ./install installs what
`booklet doctor` checks, and on a system it cannot set up it prints the steps and stops."""

import os
import re
import subprocess

import pytest

from booklet.doctor import DEBIAN_LIBRARIES
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start() -> list[str]:
    section = README.split("\n## Quick start\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"^```\n(.*?)^```", section, re.S | re.M)[1]
    return [line.strip() for line in block.splitlines() if line.strip()]


def ci_commands() -> list[str]:
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def install_packages() -> list[str]:
    text = (ROOT / "install").read_text(encoding="utf-8")
    return re.search(r'^DEBIAN_PACKAGES="([^"]*)"', text, re.M)[1].split()


def test_readme_quick_start_is_the_two_commands_ci_runs_in_that_order():
    commands = quick_start()
    assert commands == ["./install", ".venv/bin/python -m pytest -q"]
    ci = ci_commands()
    assert all(command in ci for command in commands), ci
    assert [c for c in ci if c in commands] == commands  # each once, set up before testing
    assert os.access(ROOT / "install", os.X_OK)


def test_install_puts_what_doctor_checks_and_readme_names_it():
    packages = install_packages()
    assert set(DEBIAN_LIBRARIES) <= set(packages)
    assert set(packages) - set(DEBIAN_LIBRARIES) == {"python3", "python3-venv"}
    assert f"apt-get install {' '.join(packages)}" in README


def run_install_as(system: str, tmp_path) -> subprocess.CompletedProcess:
    """./install on a machine whose `uname -s` says `system` (and that has no Homebrew)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    uname = bin_dir / "uname"
    uname.write_text(f"#!/bin/sh\necho {system}\n")
    uname.chmod(0o755)
    path = f"{bin_dir}:/usr/bin:/bin"
    return subprocess.run(["bash", str(ROOT / "install")], capture_output=True, text=True,
                          env={"PATH": path, "HOME": str(tmp_path)}, timeout=60)


@pytest.mark.parametrize("system", ["MINGW64_NT-10.0-19045", "MSYS_NT-10.0"])
def test_on_windows_install_prints_weasyprints_steps_and_stops(tmp_path, system):
    run = run_install_as(system, tmp_path)
    assert run.returncode == 1 and run.stdout == ""
    assert "pacman -S mingw-w64-ucrt-x86_64-pango" in run.stderr
    assert '.venv\\Scripts\\python -m pip install ".[test]"' in run.stderr
    assert ".venv\\Scripts\\booklet build content\\memory" in run.stderr


def test_on_another_system_install_prints_the_steps_and_stops(tmp_path):
    run = run_install_as("FreeBSD", tmp_path)
    assert run.returncode == 1 and run.stdout == ""
    assert "Pango 1.44 or newer" in run.stderr and "sudo dnf install python3-pip pango" in run.stderr
    assert ".venv/bin/pip install '.[test]'" in run.stderr


def test_on_macos_without_homebrew_install_says_how_to_get_it(tmp_path):
    run = run_install_as("Darwin", tmp_path)
    assert run.returncode == 1 and run.stdout == ""
    assert "install: failed: brew (Homebrew) is not installed" in run.stderr
    assert "https://brew.sh" in run.stderr
