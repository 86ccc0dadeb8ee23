"""What rename detection costs `l10n update`, and what it saves.

CPU time (user + system, median of 7) of `l10n update` on the shipped report,
with this checkout and an older one (`--before DIR`, e.g. a `git worktree` of
main), interleaved: once with nothing renamed (the common path: only a glob
for orphaned catalogs) and once right after the report was renamed (the
branch detects it and renames the catalogs; an older checkout makes new,
empty catalogs).  Also counts the reviewed entries each ends with.

    python bench/renames/measure.py --before /path/to/main-checkout
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

REPO = Path(__file__).resolve().parents[2]
DOC = "hrw-north-korea-world-report-2020"


def project() -> Path:
    root = Path(tempfile.mkdtemp(prefix="rename-bench-"))
    for name in ("source", "locales"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "pyproject.toml", root)
    return root


def update_cpu(tree: Path, root: Path) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-m", "l10n", "update"], cwd=root, check=True, capture_output=True,
                   env={**os.environ, "PYTHONPATH": str(tree)})
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def reviewed(root: Path, name: str) -> int:
    path = root / "locales" / "ko" / "LC_MESSAGES" / f"{name}.po"
    return sum(1 for e in polib.pofile(str(path)) if not e.obsolete and e.msgstr and "fuzzy" not in e.flags)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", type=Path, required=True, help="an older checkout of l10n")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    trees = {"before": args.before.resolve(), "this": REPO}
    times: dict[str, dict[str, list[float]]] = {k: {"no rename": [], "after a rename": []} for k in trees}
    kept: dict[str, int] = {}
    for _ in range(args.runs):
        for label, tree in trees.items():
            root = project()
            update_cpu(tree, root)
            times[label]["no rename"].append(update_cpu(tree, root))
            os.rename(root / "source" / f"{DOC}.md", root / "source" / "annual-report.md")
            times[label]["after a rename"].append(update_cpu(tree, root))
            kept[label] = reviewed(root, "annual-report")
            shutil.rmtree(root)
    total = reviewed(REPO, DOC)
    for label in trees:
        cells = ", ".join(f"{case} {statistics.median(v):.3f} s" for case, v in times[label].items())
        print(f"{label:>6}: update CPU {cells}; ko reviewed after the rename: {kept[label]} of {total}")


if __name__ == "__main__":
    main()
