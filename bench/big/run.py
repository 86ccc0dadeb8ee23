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
from run import clear, fill_catalog, measure, tool  # noqa: E402  (the spine bench's process timing)

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


def fresh_clone(root: Path, translated: Path) -> None:
    """What a ``git clone`` of a translated project holds: its catalogs, no build/ or .l10n-cache/."""
    clear(root)
    shutil.copytree(translated, root / "locales")


def one_case(l10n: str, root: Path, target: Path, i: int, reset, rows: dict[str, list]) -> None:
    """Cold update + build, one edit, update + build; then the same as one ``run`` process."""
    write = lambda edited: target.write_text(  # noqa: E731
        target.read_text(encoding="utf-8").replace(own_paragraph(i, not edited), own_paragraph(i, edited)),
        encoding="utf-8")
    reset()
    write(False)
    a, b = step(l10n, root, "update"), step(l10n, root, "build")
    rows["cold"].append(tuple(x + y for x, y in zip(a, b)))
    write(True)
    a, b = step(l10n, root, "update"), step(l10n, root, "build")
    rows["edit"].append(tuple(x + y for x, y in zip(a, b)))
    reset()
    write(False)
    rows["run cold"].append(step(l10n, root, "run", "--engine", "none"))
    write(True)
    rows["run edit"].append(step(l10n, root, "run", "--engine", "none"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="l10n-big-bench-"))
    l10n = tool("l10n")
    cases = {name: {k: [] for k in ("cold", "edit", "run cold", "run edit")}
             for name in ("translated", "first run")}
    try:
        root = work / "project"
        paths = setup(root, args.docs)
        i = len(paths) // 2
        target = paths[i]
        # The translated project: every entry of every catalog has a reviewed
        # pseudo-translation (placeholders intact), kept aside and put back per round.
        clear(root)
        step(l10n, root, "update")
        units = sum(fill_catalog(po) for po in sorted((root / "locales").rglob("*.po")))
        translated = work / "locales-translated"
        shutil.copytree(root / "locales", translated)
        same = {}
        for r in range(args.repeat):
            one_case(l10n, root, target, i, lambda: fresh_clone(root, translated), cases["translated"])
            if r == 0:
                same["translated"] = identical_to_full_build(l10n, root)
            one_case(l10n, root, target, i, lambda: clear(root), cases["first run"])
            if r == 0:
                same["first run"] = identical_to_full_build(l10n, root)
            print(f"  round {r + 1}/{args.repeat}: " + "; ".join(
                f"{name}: cold {rows['cold'][-1][1]:.2f} s CPU, one edit {rows['edit'][-1][1]:.2f} s"
                for name, rows in cases.items()), flush=True)
        print(f"\n{args.docs} documents, ko ({units} translated units in the translated project); "
              f"median of {args.repeat}; load average {os.getloadavg()[0]:.2f}")
        for name, rows in cases.items():
            what = ("translated project, fresh clone (catalogs reviewed, no build/ or .l10n-cache/)"
                    if name == "translated" else "first run (no locales/, empty catalogs)")
            print(f"{what}:")
            for label, first, second in (("  update + build (2 processes)", rows["cold"], rows["edit"]),
                                         ("  run --engine none (1 process)", rows["run cold"], rows["run edit"])):
                med = [statistics.median(v[k] for v in first) for k in range(2)]
                med_edit = [statistics.median(v[k] for v in second) for k in range(2)]
                ratio = med_edit[1] / med[1]
                print(f"{label}: cold {med[0]:.2f} s wall, {med[1]:.2f} s CPU; one paragraph edited "
                      f"{med_edit[0]:.2f} s wall, {med_edit[1]:.2f} s CPU; edit / cold (CPU): {ratio:.0%} "
                      f"(goal <= {GOAL:.0%}): {'MET' if ratio <= GOAL else 'MISSED'}")
            print(f"  after the edit, the site is byte for byte a full build's (run --force): "
                  f"{'yes' if same[name] else 'NO'}")
        if args.keep:
            print(f"kept: {work}")
        return 0 if all(same.values()) else 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
