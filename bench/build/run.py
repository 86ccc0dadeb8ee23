#!/usr/bin/env python3
"""Benchmark: ``l10n build`` (HTML and text editions, the site) before and after
the site work, side by side in one run.

    python bench/build/run.py [--copies 100] [--repeat 3] [--before REF]

In a temporary directory (nothing in the repository changes):

1. A project with the report's seven locales (ko, zh_Hans, ja, es, fr, ru, ar)
   whose single source is the report repeated ``--copies`` times, every
   sentence of copy *i* made unique (``bench/spine``'s ``mark_copy``).  Catalogs
   are created by ``l10n update``; ko and zh_Hans are filled with reviewed
   pseudo-translations (ROT13, placeholders kept), es with fuzzy ones (drafts,
   which a plain build leaves out), ja, fr, ru and ar stay empty (English
   fallback): the mix a real project has.
2. The *before* code is ``git archive REF`` (default: the merge base of HEAD
   and ``main``) unpacked into the temporary directory; *after* is this
   checkout.  Each ``python -m l10n build`` runs as its own process with
   ``PYTHONPATH`` set to one of them, from an empty ``build/``, ``--repeat``
   times interleaved.  Wall time from ``time.perf_counter`` around the process,
   peak RSS from GNU time (see ``bench/spine/run.py``'s ``measure``); medians.

Goal (issue 8): the site work makes HTML/text builds at most 20% slower.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench" / "spine"))
from run import make_markdown, measure, pseudo  # noqa: E402  (bench/spine/run.py)

LOCALES = ["ko", "zh_Hans", "ja", "es", "fr", "ru", "ar"]
GOAL = 1.20


def fill(path: Path, *, fuzzy: bool) -> None:
    import polib

    po = polib.pofile(str(path), wrapwidth=78)
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        entry.msgstr = pseudo(entry.msgid)
        if fuzzy and "fuzzy" not in entry.flags:
            entry.flags.append("fuzzy")
    po.save(str(path))


def setup(work: Path, copies: int, before: str) -> tuple[Path, dict[str, Path]]:
    project = work / "project"
    (project / "source").mkdir(parents=True)
    locales = ", ".join(f'"{loc}"' for loc in LOCALES)
    (project / "l10n.toml").write_text(
        f'project = "build-bench"\nsource_language = "en"\nlocales = [{locales}]\nsources = ["source/*.md"]\n',
        encoding="utf-8",
    )
    (project / "source" / "report.md").write_text(make_markdown(copies), encoding="utf-8")
    code = {"before": work / "before", "after": REPO}
    code["before"].mkdir()
    archive = subprocess.run(["git", "-C", str(REPO), "archive", before], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(code["before"])], input=archive, check=True)
    subprocess.run([sys.executable, "-m", "l10n", "update"], cwd=project, check=True, capture_output=True,
                   env={**_env(REPO)})
    fill(project / "locales/ko/LC_MESSAGES/report.po", fuzzy=False)
    fill(project / "locales/zh_Hans/LC_MESSAGES/report.po", fuzzy=False)
    fill(project / "locales/es/LC_MESSAGES/report.po", fuzzy=True)
    return project, code


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _env(code: Path) -> dict[str, str]:
    import os

    return {**os.environ, "PYTHONPATH": str(code)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--before", default=None, help="git ref of the code before (default: merge base with main)")
    args = parser.parse_args()
    before = args.before or subprocess.run(["git", "-C", str(REPO), "merge-base", "HEAD", "main"], check=True,
                                           capture_output=True, text=True).stdout.strip()
    work = Path(tempfile.mkdtemp(prefix="l10n-build-bench-"))
    try:
        project, code = setup(work, args.copies, before)
        results: dict[str, list[tuple[float, float, float]]] = {"before": [], "after": []}
        import os

        for _ in range(args.repeat):
            for name in ("before", "after"):
                shutil.rmtree(project / "build", ignore_errors=True)
                saved = os.environ.get("PYTHONPATH")
                os.environ["PYTHONPATH"] = str(code[name])
                # CPU time of the child (user + sys) as well: on a loaded machine wall time
                # swings more than the difference being measured; rusage sums are exact per child.
                cpu_before = _children_cpu()
                try:
                    wall, rss, _ = measure([sys.executable, "-m", "l10n", "build"], project)
                finally:
                    if saved is None:
                        os.environ.pop("PYTHONPATH", None)
                    else:
                        os.environ["PYTHONPATH"] = saved
                results[name].append((wall, rss, _children_cpu() - cpu_before))
        files = sorted(p.relative_to(project / "build").as_posix() for p in (project / "build").rglob("*"))
        units = sum(1 for line in (project / "locales/report.pot").read_text().splitlines() if line.startswith("msgid "))
        print(f"l10n build, report x{args.copies} ({units - 1} units), {len(LOCALES)} locales, "
              f"median of {args.repeat}, before = {before[:10]}")
        print(f"{'':8} {'wall s':>8} {'cpu s':>8} {'peak MB':>8}")
        medians: dict[str, tuple[float, float]] = {}
        for name, runs in results.items():
            wall = statistics.median(r[0] for r in runs)
            rss = statistics.median(r[1] for r in runs)
            cpu = statistics.median(r[2] for r in runs)
            medians[name] = (wall, cpu)
            print(f"{name:8} {wall:8.2f} {cpu:8.2f} {rss:8.1f}   wall runs: " + ", ".join(f"{r[0]:.2f}" for r in runs))
        for index, what in ((0, "wall"), (1, "cpu")):
            ratio = medians["after"][index] / medians["before"][index]
            print(f"after/before {what}: {ratio:.2f} (goal <= {GOAL:.2f}: {'met' if ratio <= GOAL else 'MISSED'})")
        print(f"after writes {len(files)} files: " + ", ".join(f for f in files if not f.endswith('.mo'))[:300])
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
