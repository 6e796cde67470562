"""Writing outputs: all or nothing, never a half-written file, never half a set."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

STAGING = ".booklet-staging-"


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_all(folder: Path, files: dict[str, bytes]) -> None:
    """Every file written into a staging folder inside `folder` (the same disk, so moving is
    renaming), then moved in together. A failure while writing (a full disk, a file size
    limit, a folder that cannot be written) leaves `folder` as it was; so does a failure
    while moving, as each earlier file is put back."""
    try:
        _write_all(folder, files)
    except OSError as exc:
        raise OSError(exc.errno, f"cannot write the outputs ({exc.strerror}); the earlier "
                                 "ones are left as they were", str(folder)) from None


def _write_all(folder: Path, files: dict[str, bytes]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=STAGING, dir=folder))
    try:
        for name, data in files.items():
            path = stage / "new" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(path, 0o644)
        moved: list[tuple[Path, Path | None]] = []
        try:
            for name in files:
                target, old = folder / name, stage / "old" / name
                target.parent.mkdir(parents=True, exist_ok=True)
                if target.exists():
                    old.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(target, old)
                    moved.append((target, old))
                else:
                    moved.append((target, None))
                os.replace(stage / "new" / name, target)
        except BaseException:
            for target, old in reversed(moved):
                if old is not None:
                    os.replace(old, target)
                else:
                    target.unlink(missing_ok=True)
            raise
    finally:
        shutil.rmtree(stage, ignore_errors=True)
