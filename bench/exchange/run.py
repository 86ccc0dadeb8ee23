#!/usr/bin/env python3
"""Benchmark: XLIFF/TMX export and import on the report x100, against Translate Toolkit.

    python bench/exchange/run.py [--copies 100] [--repeat 3]

In a temporary directory (nothing in the repository changes):

1. The spine benchmark's project (bench/spine/run.py): the report repeated
   ``--copies`` times with every sentence made unique, one locale (ko),
   ``l10n update``, every entry given a reviewed pseudo-translation.
2. Times, ``--repeat`` times, interleaved, each as its own process:
     l10n export (XLIFF 1.2), l10n export --format tmx,
     l10n import of that XLIFF into the untranslated catalog (every unit written);
     Translate Toolkit's po2xliff, xliff2po and po2tmx on the same catalog.
   Medians; ratios are Translate Toolkit's time over l10n's for the like step.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import statistics
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("spine_run", HERE.parent / "spine" / "run.py")
spine = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(spine)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    l10n = spine.tool("l10n")
    with tempfile.TemporaryDirectory(prefix="l10n-exchange-bench-") as tmp:
        work = Path(tmp)
        project, _tt = spine.setup(work, args.copies)
        spine.measure([l10n, "update"], project)
        po = project / "locales" / spine.LOCALE / "LC_MESSAGES" / f"{spine.DOC}.po"
        empty = work / "empty.po"
        shutil.copy(po, empty)
        units = spine.fill_catalog(po)
        filled = work / "filled.po"
        shutil.copy(po, filled)
        xlf = project / "build" / "exchange" / spine.LOCALE / f"{spine.DOC}.xlf"
        steps = {
            "l10n export xliff": ([l10n, "export"], None),
            "l10n export tmx": ([l10n, "export", "--format", "tmx"], None),
            "l10n import xliff": ([l10n, "import", str(xlf)], "empty"),
            "tt po2xliff": ([spine.tool("po2xliff"), str(filled), str(work / "tt.xlf")], None),
            "tt xliff2po": ([spine.tool("xliff2po"), str(work / "tt.xlf"), str(work / "tt.po")], None),
            "tt po2tmx": ([spine.tool("po2tmx"), "-l", spine.LOCALE, str(filled), str(work / "tt.tmx")], None),
        }
        times: dict[str, list[float]] = {name: [] for name in steps}
        peaks: dict[str, list[float]] = {name: [] for name in steps}
        for _ in range(args.repeat):
            for name, (argv, before) in steps.items():
                shutil.copy(filled, po)
                if before == "empty":
                    shutil.copy(empty, po)
                wall, peak, out = spine.measure(argv, project)
                times[name].append(wall)
                peaks[name].append(peak)
                if name == "l10n import xliff":
                    assert f"{units} reviewed" in out, out
        med = {name: statistics.median(v) for name, v in times.items()}
        print(f"report x{args.copies}: {units} units, ko; medians of {args.repeat} interleaved runs")
        for name in steps:
            print(f"  {name:<20} {med[name]:6.2f} s   peak {max(peaks[name]):5.0f} MB")
        for ours, theirs in (("l10n export xliff", "tt po2xliff"), ("l10n import xliff", "tt xliff2po"),
                             ("l10n export tmx", "tt po2tmx")):
            print(f"  {ours} vs {theirs}: {med[theirs] / med[ours]:.2f}x as fast")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
