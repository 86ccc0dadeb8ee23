"""A/B per step: extract, update and build of two checkouts of l10n, each
step's CPU time on its own, and the outputs compared byte for byte.

    python bench/spine/ab_steps.py --before /path/to/old/checkout [--copies 100] [--rounds 7]

Same project and input as run.py.  Each round, for each checkout in turn:
no ``locales/``, ``build/`` or ``.l10n-cache/``; ``extract`` (cold: it
parses); ``update`` (served by the source cache ``extract`` wrote); every
msgstr filled; ``build``.  Reported: the median over rounds of each step's
CPU time (user + system of the child process), after / before, the load
average, and whether every output file (POT, PO, editions, .mo; the PO
revision date masked) is the same for both checkouts in every round.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import run as spine  # noqa: E402

AFTER = Path(__file__).resolve().parents[2]
STEPS = ("extract", "update", "build")


def step_cpu(project: Path, checkout: Path, step: str) -> float:
    env = dict(os.environ, PYTHONPATH=str(checkout))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # both checkouts run from their compiled modules
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [sys.executable, "-c", "import sys; from l10n.cli.main import main; sys.exit(main(sys.argv[1:]))",
         "-C", str(project), step],
        env=env, check=True, stdout=subprocess.DEVNULL,
        cwd=project,  # `python -c` puts its cwd first on sys.path: from the repository it would shadow PYTHONPATH
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def outputs_digest(project: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted([*(project / "locales").rglob("*"), *(project / "build").rglob("*")]):
        if path.is_file():
            data = re.sub(rb"PO-Revision-Date: [^\\\n\x00]*", b"PO-Revision-Date: -", path.read_bytes())
            digest.update(path.relative_to(project).as_posix().encode() + b"\0" + data)
    return digest.hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, required=True, help="checkout of the old l10n (its repository root)")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--copies", type=int, default=100)
    args = parser.parse_args()
    checkouts = {"before": args.before.resolve(), "after": AFTER}
    cpu: dict[str, dict[str, list[float]]] = {k: {s: [] for s in STEPS} for k in checkouts}
    digests: dict[str, set[str]] = {k: set() for k in checkouts}
    with tempfile.TemporaryDirectory() as tmp:
        project, _ = spine.setup(Path(tmp), args.copies)
        for _ in range(args.rounds):
            for label, checkout in checkouts.items():
                spine.clear(project)
                for step in STEPS:
                    if step == "build":
                        spine.fill_catalog(project / "locales" / spine.LOCALE / "LC_MESSAGES" / f"{spine.DOC}.po")
                    cpu[label][step].append(step_cpu(project, checkout, step))
                digests[label].add(outputs_digest(project))
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"report x{args.copies}, median of {args.rounds} interleaved rounds, CPU s (load average {load}):")
    total = {k: 0.0 for k in checkouts}
    for step in STEPS:
        b, a = (statistics.median(cpu[k][step]) for k in ("before", "after"))
        total["before"] += b
        total["after"] += a
        print(f"  {step:8s} before {b:6.3f}  after {a:6.3f}  after/before {a / b:.3f}")
    print(f"  {'total':8s} before {total['before']:6.3f}  after {total['after']:6.3f}  "
          f"after/before {total['after'] / total['before']:.3f}")
    same = digests["before"] == digests["after"] and len(digests["after"]) == 1
    print("outputs: " + ("identical in every round" if same else f"DIFFERENT {digests}"))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
