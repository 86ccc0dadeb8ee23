"""A/B of the per-process floor: what each l10n command costs before it does any work.

    python bench/spine/startup.py --before /path/to/old/checkout [--rounds 7] [--copies 1]

Every l10n command is its own process (three in the spine bench, two in the
big-project bench), so interpreter start-up, imports and config validation
are paid once per command.  This script measures them on a project small
enough (``--copies 1``: one copy of the report, 24 units) that the real work
hardly counts, for two checkouts side by side: each round runs
``--version``, ``extract``, ``update``, ``build`` and ``run --engine none``
with the old checkout, then with this one (PYTHONPATH selects the ``l10n``
package), so machine load hits both alike.  Reported per command: the median
over rounds of the child's CPU time (user + system, from ``os.wait4``), the
ratio after / before, and the number of modules the command imports
(``python -X importtime``).

Bytecode: the children may write ``__pycache__`` (PYTHONDONTWRITEBYTECODE is
removed from their environment) and one untimed warm-up round runs first, so
neither checkout pays for compiling its sources, as an installed package
does not.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import run as spine  # noqa: E402

AFTER = Path(__file__).resolve().parents[2]
COMMANDS: tuple[tuple[str, ...], ...] = (
    ("--version",), ("extract",), ("update",), ("build",), ("run", "--engine", "none"),
)
MAIN = "import sys; from l10n.cli.main import main; sys.exit(main(sys.argv[1:]))"


def child_env(checkout: Path) -> dict[str, str]:
    return spine.child_env(PYTHONPATH=str(checkout))


def cpu_of(argv: list[str], env: dict[str, str], cwd: Path) -> float:
    """User + system CPU seconds of one child process (its own rusage, from wait4)."""
    proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"error: {' '.join(argv)} exited {proc.returncode}:\n{err.decode('utf-8', 'replace')}")
    return usage.ru_utime + usage.ru_stime


def one_round(project: Path, checkout: Path) -> dict[tuple[str, ...], float]:
    """Each command once, in the order a user runs them, from a project with no outputs."""
    env = child_env(checkout)
    spine.clear(project)
    times = {}
    for command in COMMANDS:
        if command[0] == "build":
            spine.fill_catalog(project / "locales" / spine.LOCALE / "LC_MESSAGES" / f"{spine.DOC}.po")
        if command[0] == "run":
            spine.clear(project)
        times[command] = cpu_of([sys.executable, "-c", MAIN, "-C", str(project), *command], env, project)
    return times


def module_count(project: Path, checkout: Path, command: tuple[str, ...]) -> int:
    """How many modules the command imports (lines of ``-X importtime``, less its header)."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", MAIN, "-C", str(project), *command],
                          env=child_env(checkout), cwd=project, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, check=True)
    return sum(1 for line in proc.stderr.decode().splitlines() if line.startswith("import time:")) - 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, required=True, help="checkout of the old l10n (its repository root)")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--copies", type=int, default=1, help="copies of the report in the project (default 1)")
    args = parser.parse_args()
    trees = {"before": args.before.resolve(), "after": AFTER}
    with tempfile.TemporaryDirectory() as tmp:
        project, _ = spine.setup(Path(tmp), args.copies)
        for checkout in trees.values():  # warm-up: writes __pycache__, fills the OS cache
            one_round(project, checkout)
        runs: dict[str, list[dict[tuple[str, ...], float]]] = {name: [] for name in trees}
        for _ in range(args.rounds):
            for name, checkout in trees.items():
                runs[name].append(one_round(project, checkout))
        spine.clear(project)
        counts = {}
        for name, checkout in trees.items():
            for command in COMMANDS:
                counts[name, command] = module_count(project, checkout, command)
                if command[0] == "update":
                    spine.fill_catalog(project / "locales" / spine.LOCALE / "LC_MESSAGES" / f"{spine.DOC}.po")
            spine.clear(project)
    load = os.getloadavg()
    print(f"per-process CPU s, median of {args.rounds} rounds, report x{args.copies} "
          f"(load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f})")
    print(f"before: {trees['before']}\nafter:  {trees['after']}\n")
    print("| command | before CPU s | after CPU s | after / before | modules before | modules after |")
    print("|---|---:|---:|---:|---:|---:|")
    for command in COMMANDS:
        before = statistics.median(r[command] for r in runs["before"])
        after = statistics.median(r[command] for r in runs["after"])
        print(f"| `l10n {' '.join(command)}` | {before:.3f} | {after:.3f} | {after / before:.2f} | "
              f"{counts['before', command]} | {counts['after', command]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
