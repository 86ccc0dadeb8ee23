#!/usr/bin/env python3
"""Benchmark: a big project (100 documents), cold and after editing one paragraph.

    python bench/big/run.py [--docs 100] [--repeat 3] [--keep]

In a temporary directory (the repository is not touched): a one-locale (ko)
project of ``--docs`` Markdown documents, document *i* being the real-world
page *i* of ``tests/corpus/markdown/`` (38 pages: Hugo, Jekyll, Eleventy,
VitePress, Zola docs, KEPs, RFCs) or the report, cycled, each ending with a
paragraph of its own.  Per round, each command its own process:

1. cold: no ``locales/``, ``build/`` or ``.l10n-cache/``; ``l10n update`` then
   ``l10n build``;
2. one edit: the last paragraph of one document changes; ``l10n update`` then
   ``l10n build`` again;
3. the same two cases as one process, ``l10n run --engine none`` (cold, then
   after one edit): two processes pay two interpreter starts and imports.

After the edit, update merges only the edited document's catalog and build
renders only its editions and the index (stamps in ``.l10n-cache/stamps/``,
l10n/pipeline/stamps.py); the rest of the time is start-up, reading the
project and checking the stamps.  Reports medians of wall and child CPU time
(GNU time, as bench/spine does) and the ratio edit / cold (goal from issue
18: at most 10%).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench" / "spine"))
from run import clear, measure, tool  # noqa: E402  (the spine bench's process timing)

CORPUS = REPO / "tests" / "corpus" / "markdown"
REPORT = REPO / "source" / "hrw-north-korea-world-report-2020.md"
GOAL = 0.10


def own_paragraph(i: int, edited: bool = False) -> str:
    return f"This is document {i} of the big-project benchmark{', edited once' if edited else ''}.\n"


def setup(root: Path, docs: int) -> list[Path]:
    pages = [*sorted(CORPUS.glob("*.md")), REPORT]
    (root / "source").mkdir(parents=True)
    (root / "l10n.toml").write_text(
        'project = "big-bench"\nsource_language = "en"\nlocales = ["ko"]\nsources = ["source/*.md"]\n',
        encoding="utf-8")
    paths = []
    for i in range(docs):
        path = root / "source" / f"doc-{i:03d}.md"
        text = pages[i % len(pages)].read_text(encoding="utf-8").rstrip("\n")
        path.write_text(f"{text}\n\n{own_paragraph(i)}", encoding="utf-8")
        paths.append(path)
    return paths


def step(l10n: str, root: Path, *command: str) -> tuple[float, float, float]:
    wall, mb, _, cpu = measure([l10n, "-C", str(root), *command], root)
    return wall, cpu, mb


def site_bytes(root: Path) -> dict[str, bytes]:
    build = root / "build"
    return {p.relative_to(build).as_posix(): p.read_bytes() for p in sorted(build.rglob("*")) if p.is_file()}


def identical_to_full_build(l10n: str, root: Path) -> bool:
    """Whether what the incremental run left equals what ``run --force`` writes."""
    before = site_bytes(root)
    step(l10n, root, "run", "--engine", "none", "--force")
    return site_bytes(root) == before


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="l10n-big-bench-"))
    l10n = tool("l10n")
    cold: list[tuple[float, float, float]] = []
    edit: list[tuple[float, float, float]] = []
    run_cold: list[tuple[float, float, float]] = []
    run_edit: list[tuple[float, float, float]] = []
    try:
        root = work / "project"
        paths = setup(root, args.docs)
        target = paths[len(paths) // 2]
        i = len(paths) // 2
        for r in range(args.repeat):
            clear(root)
            target.write_text(target.read_text(encoding="utf-8").replace(own_paragraph(i, True), own_paragraph(i)),
                              encoding="utf-8")
            a, b = step(l10n, root, "update"), step(l10n, root, "build")
            cold.append(tuple(x + y for x, y in zip(a, b)))  # type: ignore[arg-type]
            target.write_text(target.read_text(encoding="utf-8").replace(own_paragraph(i), own_paragraph(i, True)),
                              encoding="utf-8")
            a, b = step(l10n, root, "update"), step(l10n, root, "build")
            edit.append(tuple(x + y for x, y in zip(a, b)))  # type: ignore[arg-type]
            # One process: `l10n run` without MT, cold, then after the edit is undone.
            clear(root)
            run_cold.append(step(l10n, root, "run", "--engine", "none"))
            target.write_text(target.read_text(encoding="utf-8").replace(own_paragraph(i, True), own_paragraph(i)),
                              encoding="utf-8")
            run_edit.append(step(l10n, root, "run", "--engine", "none"))
            if r == 0:
                same = identical_to_full_build(l10n, root)
            print(f"  round {r + 1}/{args.repeat}: update + build cold {cold[-1][1]:.2f} s CPU, one edit "
                  f"{edit[-1][1]:.2f} s; run cold {run_cold[-1][1]:.2f} s, one edit {run_edit[-1][1]:.2f} s",
                  flush=True)
        print(f"\n{args.docs} documents, ko; median of {args.repeat}; load average {os.getloadavg()[0]:.2f}")
        for label, first, second in (("update + build (2 processes)", cold, edit),
                                     ("run --engine none (1 process)", run_cold, run_edit)):
            med = [statistics.median(v[k] for v in first) for k in range(2)]
            med_edit = [statistics.median(v[k] for v in second) for k in range(2)]
            ratio = med_edit[1] / med[1]
            print(f"{label}: cold {med[0]:.2f} s wall, {med[1]:.2f} s CPU; one paragraph edited "
                  f"{med_edit[0]:.2f} s wall, {med_edit[1]:.2f} s CPU; edit / cold (CPU): {ratio:.0%} "
                  f"(goal <= {GOAL:.0%}): {'MET' if ratio <= GOAL else 'MISSED'}")
        print(f"after the edit, the site is byte for byte a full build's (run --force): {'yes' if same else 'NO'}")
        if args.keep:
            print(f"kept: {work}")
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
