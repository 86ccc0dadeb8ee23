"""A/B of `l10n build` alone on the spine project (report x N, one locale, every msgstr filled).

    python bench/build/spine_ab.py --before /path/to/old/checkout [--copies 100] [--rounds 5]

The project is made once (bench/spine/run.py's setup, then extract and update
with this checkout, then its pseudo-translation); each round builds it from an
empty build/ with the old checkout, then with this one (PYTHONPATH selects the
``l10n`` package; the parsed-source cache that update left is kept, as in the
spine bench).  Reported: the median CPU time (user + system of the child) of
each and after / before, the load average, and whether the two wrote the same
bytes (they must: a speed-up may not change an edition).
"""

from __future__ import annotations

import argparse
import filecmp
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "spine"))
import run as spine  # noqa: E402

AFTER = Path(__file__).resolve().parents[2]
MAIN = "import sys; from l10n.cli.main import main; sys.exit(main(sys.argv[1:]))"


def step(project: Path, checkout: Path, name: str) -> float:
    env = dict(os.environ, PYTHONPATH=str(checkout))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    # cwd: `python -c` puts its cwd first on sys.path; from a checkout it would shadow PYTHONPATH
    subprocess.run([sys.executable, "-c", MAIN, "-C", str(project), name], env=env, check=True,
                   stdout=subprocess.DEVNULL, cwd=project)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def same_tree(a: Path, b: Path) -> bool:
    cmp = filecmp.dircmp(a, b)
    if cmp.left_only or cmp.right_only or cmp.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)
    return not mismatch and not errors and all(same_tree(a / d, b / d) for d in cmp.common_dirs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, required=True, help="checkout of the old l10n (its repository root)")
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project, _ = spine.setup(Path(tmp), args.copies)
        step(project, AFTER, "extract")
        step(project, AFTER, "update")
        spine.fill_catalog(project / "locales" / spine.LOCALE / "LC_MESSAGES" / f"{spine.DOC}.po")
        cpu: dict[str, list[float]] = {"before": [], "after": []}
        outputs = {}
        for i in range(args.rounds):
            for label, checkout in (("before", args.before), ("after", AFTER)):
                shutil.rmtree(project / "build", ignore_errors=True)
                cpu[label].append(step(project, checkout, "build"))
                if i == 0:
                    outputs[label] = Path(tmp) / f"build-{label}"
                    shutil.copytree(project / "build", outputs[label])
            print(f"round {i + 1}: before {cpu['before'][-1]:.2f}s, after {cpu['after'][-1]:.2f}s cpu")
        same = same_tree(outputs["before"], outputs["after"])
    median = {k: statistics.median(v) for k, v in cpu.items()}
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"l10n build, report x{args.copies}, median of {args.rounds}: before {median['before']:.2f}s, "
          f"after {median['after']:.2f}s cpu, after/before {median['after'] / median['before']:.3f}; "
          f"load average {load}; outputs {'byte-identical' if same else 'DIFFER'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
