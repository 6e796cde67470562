"""Writing outputs: all or nothing, never a half-written file, never half a set."""

from __future__ import annotations

import errno
import io
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from booklet.messages import _, reason

STAGING = ".booklet-staging-"
STALE_SECONDS = 3600  # a staging folder this old is no build's any more


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
        raise OSError(exc.errno, _("cannot write the outputs ({reason}); the earlier ones are "
                                   "left as they were").format(reason=reason(exc)),
                      str(folder)) from None


def _write_all(folder: Path, files: dict[str, bytes]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob(STAGING + "*"):  # of a build killed while writing (kill -9)
        if time.time() - stale.stat().st_mtime > STALE_SECONDS:
            shutil.rmtree(stale, ignore_errors=True)
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
                if target.is_dir() and not target.is_symlink():  # not ours to replace
                    raise IsADirectoryError(errno.EISDIR, _("a folder has the name of an output"),
                                            str(target))
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


IMAGE_NAME = re.compile(rb"/i[0-9a-f]{32}[01]")  # WeasyPrint's: md5 of the picture's URL


def location_free(data: bytes) -> bytes:
    """The PDF with its pictures' resource names numbered in order instead of named after
    their URLs, which hold the exhibition's folder: the same exhibition copied elsewhere
    gives the same bytes."""
    import pikepdf

    from booklet.press.pdf import save

    pdf = pikepdf.open(io.BytesIO(data))
    renamed: dict[bytes, bytes] = {}  # numbered in the order they are drawn, not by name
    owners = []
    for obj in pdf.objects:
        if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)) or "/Resources" not in obj:
            continue
        xobjects = obj.Resources.get("/XObject")
        if xobjects is None:
            continue
        contents = obj.get("/Contents") if obj.get("/Type") == "/Page" else obj
        streams = [s for s in (contents if isinstance(contents, pikepdf.Array) else [contents])
                   if isinstance(s, pikepdf.Stream)]
        owners.append((xobjects, streams))
        for stream in streams:
            for name in IMAGE_NAME.findall(stream.read_bytes()):
                if name not in renamed and name.decode() in xobjects:
                    renamed[name] = b"/i%d%s" % (len(renamed), name[-1:])
    if not renamed:
        return data
    for xobjects, streams in owners:
        for old, new in renamed.items():
            if old.decode() in xobjects:
                xobjects[new.decode()] = xobjects[old.decode()]
                del xobjects[old.decode()]
        for stream in streams:
            before = stream.read_bytes()
            after = IMAGE_NAME.sub(lambda m: renamed.get(m[0], m[0]), before)
            if after != before:
                stream.write(after)  # compressed again when saved
    return save(pdf)
