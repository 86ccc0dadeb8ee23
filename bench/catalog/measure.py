"""CPU time to read, write and compile one catalog with the l10n on PYTHONPATH.

Before/after, side by side (the spine bench's x100 catalog, 2,400 entries):

    python bench/spine/run.py --copies 100 --repeat 1 --keep   # prints the kept folder
    PO=KEPT/project/locales/ko/LC_MESSAGES/report.po
    for tree in /path/to/old/checkout .; do PYTHONPATH=$tree python bench/catalog/measure.py $PO; done

CPU time (process_time), median of 7, so other load on the machine matters less.
An l10n without ``l10n.catalog.mo`` (before issue 18) compiles with polib's ``to_binary``.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path


def cpu_median(step, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        step()
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    from l10n.catalog import catalog_text, read_catalog

    path = Path(sys.argv[1])
    po = read_catalog(path)
    try:
        from l10n.catalog.mo import compile_mo

        compile_step = lambda: compile_mo(po)  # noqa: E731
    except ImportError:
        compile_step = po.to_binary
    read = cpu_median(lambda: read_catalog(path))
    write = cpu_median(lambda: catalog_text(po))
    mo = cpu_median(compile_step)
    import l10n

    print(f"{Path(l10n.__file__).parent.parent}: {len(po)} entries; read {read * 1000:.1f} ms, "
          f"write {write * 1000:.1f} ms, .mo {mo * 1000:.1f} ms (CPU, median of 7)")


if __name__ == "__main__":
    main()
