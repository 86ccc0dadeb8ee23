#!/usr/bin/env python3
"""Benchmark: PDF editions (``l10n build --format pdf``) per page, against HTML + text.

    python bench/pdf/run.py [--copies 1 100] [--repeat 3] [--locales ko zh_Hans ar]

For each size (the report in source/ repeated ``--copies`` times as one
document) and each locale, in a temporary project with the repository's ko
and zh_Hans catalogs and an Arabic catalog with a few reviewed sentences (the
rest falls back to English, as in tests/test_pdf.py), it runs as separate
processes, ``--repeat`` times, interleaved, each with no build/ directory:

    l10n build -l LOCALE --format html --format text
    l10n build -l LOCALE --format pdf

Wall time is ``time.perf_counter`` around the process; CPU time (user +
system) and peak memory ("Maximum resident set size") come from GNU time
(``/usr/bin/time``).  CPU time is the figure to trust on a shared machine:
other processes stretch wall time, not CPU time.  Medians are reported, with
the PDF's page count (pdfinfo), CPU seconds per page for the whole PDF
process, and the marginal CPU seconds per page (PDF process minus the
HTML+text process, which parses, translates and renders the same edition).
Nothing in the repository changes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests"))

from report_project import DOC, report_project  # noqa: E402  (the same project the tests use)


def project(root: Path, copies: int) -> Path:
    """The report project with its one source repeated ``copies`` times."""
    report_project(root)
    source = root / "source" / f"{DOC}.md"
    text = source.read_text("utf-8")
    # Identical copies keep every msgid, so the catalogs translate all of them.
    source.write_text("\n".join([text] * copies), "utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    subprocess.run([sys.executable, "-m", "l10n", "update"], cwd=root, env=env, check=True, capture_output=True)
    return root


def timed(root: Path, args: list[str]) -> tuple[float, float, float]:
    """(wall s, CPU s, peak RSS MB) of one ``l10n build`` process, from a clean build/."""
    shutil.rmtree(root / "build", ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = ["/usr/bin/time", "-f", "%M %U %S", sys.executable, "-m", "l10n", "build", *args]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr}")
    rss_kb, user, system = result.stderr.strip().splitlines()[-1].split()
    return wall, float(user) + float(system), int(rss_kb) / 1024


def pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 100])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--locales", nargs="+", default=["ko", "zh_Hans", "ar"])
    args = parser.parse_args()
    if not Path("/usr/bin/time").exists():
        raise SystemExit("needs GNU time at /usr/bin/time (apt-get install -y time)")
    print("| copies | locale | pages | html+text wall s | CPU s | MB | pdf wall s | CPU s | MB "
          "| CPU s/page | marginal CPU s/page |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for copies in args.copies:
            root = project(Path(tmp) / f"x{copies}", copies)
            for locale in args.locales:
                html_runs, pdf_runs = [], []
                for _ in range(args.repeat):  # interleaved, so load changes hit both alike
                    html_runs.append(timed(root, ["-l", locale, "--format", "html", "--format", "text"]))
                    pdf_runs.append(timed(root, ["-l", locale, "--format", "pdf"]))
                n = pages(root / "build" / locale / f"{DOC}.pdf")
                html = [statistics.median(run[i] for run in html_runs) for i in range(3)]
                pdf = [statistics.median(run[i] for run in pdf_runs) for i in range(3)]
                print(
                    f"| {copies} | {locale} | {n} | {html[0]:.2f} | {html[1]:.2f} | {html[2]:.0f} "
                    f"| {pdf[0]:.2f} | {pdf[1]:.2f} | {pdf[2]:.0f} | {pdf[1] / n:.3f} | {(pdf[1] - html[1]) / n:.3f} |",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
