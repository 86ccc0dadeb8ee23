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

Wall time is ``time.perf_counter`` around the process, peak memory the
"Maximum resident set size" of GNU time (``/usr/bin/time``).  Medians are
reported, with the PDF's page count (pdfinfo), seconds per page for the whole
PDF process, and the marginal seconds per page (PDF process minus the
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


def timed(root: Path, args: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS MB) of one ``l10n build`` process, from a clean build/."""
    shutil.rmtree(root / "build", ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = ["/usr/bin/time", "-f", "%M", sys.executable, "-m", "l10n", "build", *args]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr}")
    return wall, int(result.stderr.strip().splitlines()[-1]) / 1024


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
    print("| copies | locale | pages | html+text s | html+text MB | pdf s | pdf MB | s/page | marginal s/page |")
    print("|-------:|--------|------:|------------:|-------------:|------:|-------:|-------:|----------------:|")
    with tempfile.TemporaryDirectory() as tmp:
        for copies in args.copies:
            root = project(Path(tmp) / f"x{copies}", copies)
            for locale in args.locales:
                html_runs, pdf_runs = [], []
                for _ in range(args.repeat):  # interleaved, so load changes hit both alike
                    html_runs.append(timed(root, ["-l", locale, "--format", "html", "--format", "text"]))
                    pdf_runs.append(timed(root, ["-l", locale, "--format", "pdf"]))
                n = pages(root / "build" / locale / f"{DOC}.pdf")
                html_s = statistics.median(w for w, _ in html_runs)
                html_mb = statistics.median(m for _, m in html_runs)
                pdf_s = statistics.median(w for w, _ in pdf_runs)
                pdf_mb = statistics.median(m for _, m in pdf_runs)
                print(
                    f"| {copies} | {locale} | {n} | {html_s:.2f} | {html_mb:.0f} | {pdf_s:.2f} | {pdf_mb:.0f} "
                    f"| {pdf_s / n:.3f} | {(pdf_s - html_s) / n:.3f} |",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
