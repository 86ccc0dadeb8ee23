"""A/B: extract + update + build on the report x100 with two checkouts of l10n.

    python bench/spine/ab.py --before /path/to/old/checkout [--rounds 5]

Same project and input as run.py (every sentence unique, every msgstr filled
before build).  Each round runs the three steps with the old checkout, then
with this one (PYTHONPATH selects the ``l10n`` package), so machine load hits
both alike.  Reported: the median over rounds of the three steps' summed CPU
time (user + system of the child processes, less sensitive to other load than
wall time) and wall time, and after / before.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import run as spine  # noqa: E402

AFTER = Path(__file__).resolve().parents[2]


def one_pass(project: Path, checkout: Path) -> tuple[float, float]:
    env = spine.child_env(PYTHONPATH=str(checkout))
    spine.clear(project)  # outputs and the parsed-source cache: cold, for both checkouts
    cpu = wall = 0.0
    for step in ("extract", "update", "build"):
        if step == "build":
            spine.fill_catalog(project / "locales" / spine.LOCALE / "LC_MESSAGES" / f"{spine.DOC}.po")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", "import sys; from l10n.cli.main import main; sys.exit(main(sys.argv[1:]))",
             "-C", str(project), step],
            env=env, check=True, stdout=subprocess.DEVNULL,
            cwd=project,  # `python -c` puts its cwd first on sys.path: from the repository it would shadow PYTHONPATH
        )
        wall += time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu += (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, required=True, help="checkout of the old l10n (its repository root)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--copies", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project, _ = spine.setup(Path(tmp), args.copies)
        runs: dict[str, list[tuple[float, float]]] = {"before": [], "after": []}
        for i in range(args.rounds):
            for label, checkout in (("before", args.before), ("after", AFTER)):
                runs[label].append(one_pass(project, checkout))
            print(f"round {i + 1}: " + ", ".join(f"{k} cpu {v[-1][0]:.2f}s wall {v[-1][1]:.2f}s" for k, v in runs.items()))
    cpu = {k: statistics.median(c for c, _ in v) for k, v in runs.items()}
    wall = {k: statistics.median(w for _, w in v) for k, v in runs.items()}
    print(f"median of {args.rounds}: before cpu {cpu['before']:.2f}s wall {wall['before']:.2f}s; "
          f"after cpu {cpu['after']:.2f}s wall {wall['after']:.2f}s; "
          f"after/before cpu {cpu['after'] / cpu['before']:.3f}, wall {wall['after'] / wall['before']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
