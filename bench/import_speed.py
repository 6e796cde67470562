"""How fast `booklet import` reads catalogue exports: the real RUSMARC and ИРБИС test
records repeated to library-sized files. Prints records per second; no assertion."""

import tempfile
import time
from pathlib import Path

from booklet.importers import import_books

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for name, copies in (("nlr-rusmarc.iso", 500), ("irbis-records.txt", 2000),
                             ("marc8.mrc", 5000)):
            path = Path(folder) / name
            path.write_bytes((DATA / name).read_bytes() * copies)
            started = time.perf_counter()
            result = import_books(path)
            seconds = time.perf_counter() - started
            print(f"{name:<22} {len(result.books):>6} books  {path.stat().st_size / 1e6:5.1f} MB"
                  f"  {seconds:6.2f} s  {len(result.books) / seconds:7.0f} books/s")


if __name__ == "__main__":
    main()
