"""The design card's folders: layouts/ and fonts/ at the top of the repository, one copy,
shipped inside the wheel; a wheel installed in a fresh environment builds from any folder."""

import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pikepdf

from booklet.bundled import FONTS_DIR, LAYOUTS_DIR
from tests.conftest import ROOT, SAMPLE


def test_layouts_and_fonts_live_at_the_top_once():
    assert (ROOT / "layouts" / "memorial" / "layout.yaml").is_file()
    assert (ROOT / "fonts" / "LICENSE-ParaType.txt").is_file()
    assert not (ROOT / "booklet" / "layouts").exists() and not (ROOT / "booklet" / "fonts").exists()
    for name in ("memorial", "classic", "bright", "_shared"):
        assert (LAYOUTS_DIR / name).is_dir()
    assert sorted(p.name for p in FONTS_DIR.glob("*.ttf")) == sorted(
        p.name for p in (ROOT / "fonts").glob("*.ttf"))


def test_wheel_installed_in_a_fresh_environment_builds_the_sample_from_another_folder(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(dist),
                    str(ROOT)], check=True, capture_output=True, cwd=tmp_path)
    wheel = next(dist.glob("booklet-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in (ROOT / "layouts").rglob("*"):
        if path.is_file():
            assert f"booklet/layouts/{path.relative_to(ROOT / 'layouts').as_posix()}" in names
    assert "booklet/fonts/LICENSE-ParaType.txt" in names and "booklet/fonts/PTSerif-Regular.ttf" in names
    assert not any(n.startswith(("layouts/", "fonts/")) for n in names)
    for code in ("ru", "kk", "en"):  # the messages' catalogues, read as they are
        assert f"booklet/locale/{code}/LC_MESSAGES/booklet.po" in names

    fresh = tmp_path / "venv"
    subprocess.run([sys._base_executable, "-m", "venv", "--without-pip", str(fresh)], check=True)
    python = fresh / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                               check=True, capture_output=True, text=True).stdout.strip())
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site),
                    str(wheel)], check=True, capture_output=True)
    # the dependencies come from this environment, as a plain path: its editable booklet stays out
    (site / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = subprocess.run([str(python), "-c", "import booklet.bundled as b; print(b.LAYOUTS_DIR); "
                            "print(b.FONTS_DIR)"], check=True, capture_output=True, text=True,
                           cwd=elsewhere).stdout.split()
    assert all(Path(p).is_relative_to(site) for p in where), where
    run = subprocess.run([str(python), "-m", "booklet", "build", str(SAMPLE), "--out", "out",
                          "--only", "booklet"], capture_output=True, text=True, cwd=elsewhere)
    assert run.returncode == 0, run.stderr
    with pikepdf.open(elsewhere / "out" / "booklet.pdf") as pdf:
        assert len(pdf.pages) % 4 == 0 and len(pdf.pages) >= 8
    helped = subprocess.run([str(python), "-m", "booklet", "--help"], capture_output=True,
                            text=True, cwd=elsewhere, env={"LANG": "kk_KZ.UTF-8"})
    assert helped.stdout.startswith("қолданылуы: booklet"), helped.stdout
