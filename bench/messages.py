"""How long reading a message catalogue takes: it is read once per process, at the first
message. Prints the median of 20 reads of each .po and the catalogue's size."""

import statistics
import time

from booklet.messages import LOCALE, read_po

for code in ("ru", "kk", "en"):
    text = (LOCALE / code / "LC_MESSAGES" / "booklet.po").read_text(encoding="utf-8")
    times = []
    for _ in range(20):
        started = time.perf_counter()
        entries = read_po(text)
        times.append(time.perf_counter() - started)
    print(f"{code}: {len(entries)} translated entries, {len(text) // 1024} KB, "
          f"read in {statistics.median(times) * 1000:.1f} ms")
