#!/usr/bin/env python3
"""Benchmark: the l10n spine (extract + update + build) against Translate Toolkit
(html2po + po2html) on the same large document.

    python bench/spine/run.py [--copies 100] [--repeat 3] [--keep] [--profile]

What it does (all in a temporary directory; nothing in the repository changes):

1. Builds a one-locale (ko) l10n project whose single source is the English
   report ``source/hrw-north-korea-world-report-2020.md`` repeated ``--copies``
   times, every sentence of copy *i* tagged " (copy i)" before its final
   punctuation, so every sentence of every copy is different and no
   deduplication can shortcut the work (checked: units == catalog entries, and
   html2po writes no msgctxt).  The same Markdown rendered by markdown-it-py
   into one HTML document is the input for Translate Toolkit.
2. Times, ``--repeat`` times, interleaved, each as its own process:
     l10n extract, l10n update (creates the ko catalog), l10n build;
     html2po (HTML -> PO) and po2html (template + PO -> HTML).
   Then ``l10n run --engine none`` (the same in one process, no MT).
   Every output and the parsed-source cache (.l10n-cache/) are removed
   before each round: the figures are cold.
   Before each build step (untimed) every msgstr is filled with a
   pseudo-translation (ROT13 of the text outside tags/placeholders/entities),
   so both builds really substitute every unit.  Wall time comes from
   ``time.perf_counter`` around the process; peak memory is "Maximum resident
   set size" from ``/usr/bin/time -v`` wrapped around it (GNU time;
   ``apt-get install -y time``).  Medians are reported.
3. Runs ``l10n build`` under ``python -X importtime`` and checks that none of
   ctranslate2, sentencepiece, argostranslate, torch, stanza is imported.

Goal (from the issue): l10n total at least 2x faster than html2po + po2html,
and every l10n process under 100 MB peak RSS.  Exit code 0 when the import
check passes (the goal is reported, not enforced), 1 when it fails.
"""

from __future__ import annotations

import argparse
import codecs
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SOURCE = REPO / "source" / "hrw-north-korea-world-report-2020.md"
DOC = "report"
LOCALE = "ko"
MT_STACK = ("ctranslate2", "sentencepiece", "argostranslate", "torch", "stanza")
GOAL_RATIO = 2.0
GOAL_MB = 100.0


# --------------------------------------------------------------------------- input


_SENTENCE_END = re.compile(r"([.?!])([”’\"]?)(?=\s|\**$)")
_LINE_END = re.compile(r"[.?!][”’\"]?$")


def mark_copy(text: str, i: int) -> str:
    """``text`` with " (copy i)" before every sentence's final punctuation
    (or at the end of a line without one, such as a heading or a caption)."""
    out = []
    for line in text.split("\n"):
        if not line.strip():
            out.append(line)
            continue
        body = line.rstrip("*")
        stars = line[len(body):]
        body = _SENTENCE_END.sub(lambda m: f" (copy {i}){m.group(1)}{m.group(2)}", body)
        if not _LINE_END.search(body):
            body += f" (copy {i})"
        out.append(body + stars)
    return "\n".join(out)


def make_markdown(copies: int) -> str:
    text = SOURCE.read_text(encoding="utf-8").strip("\n")
    return "\n\n".join(mark_copy(text, i) for i in range(1, copies + 1)) + "\n"


def make_html(markdown: str) -> str:
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<title>North Korea: Systematic Repression</title>\n</head>\n<body>\n<main>\n"
        f"{body}</main>\n</body>\n</html>\n"
    )


# --------------------------------------------------------------- pseudo-translation

# Kept verbatim: markup tags (HTML in html2po units, <1>..</1> and <2/> in l10n
# units), entities, and l10n's escaped "\<".
# Month names too: l10n's build checks that a date survives translation, and a
# ROT13'd "February 26, 2019" would (rightly) be withheld as a lost date.
_PROTECTED = re.compile(
    r"(<[^<>]*>|&#?\w+;|\\<|\b(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December)\b)"
)


def pseudo(msgid: str) -> str:
    """ROT13 of the letters outside tags and entities: same length, placeholders intact."""
    return "".join(
        part if i % 2 else codecs.encode(part, "rot13") for i, part in enumerate(_PROTECTED.split(msgid))
    )


def fill_catalog(path: Path) -> int:
    """Give every entry of the PO file a reviewed pseudo-translation; returns the count."""
    import polib

    po = polib.pofile(str(path), wrapwidth=78)
    n = 0
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        # html2po extracts <html lang="en"> as a unit: give it the target language
        entry.msgstr = LOCALE if entry.msgid == "en" else pseudo(entry.msgid)
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        n += 1
    po.save(str(path))
    return n


# ---------------------------------------------------------------------- measuring


def tool(name: str) -> str:
    """The console script next to this interpreter (not a pyenv shim, which adds a bash start-up)."""
    local = Path(sys.executable).parent / name
    if local.exists():
        return str(local)
    found = shutil.which(name)
    if not found:
        sys.exit(f"error: {name} not found (pip install -e '.[bench]')")
    return found


TIME = "/usr/bin/time"


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a timed process: this one's, except that it may write bytecode.

    With PYTHONDONTWRITEBYTECODE set (as in some sandboxes and containers) a checkout
    without ``__pycache__`` compiles every module in every process, ~0.06 s each, which a
    user's installation pays once; the first round writes the caches, the median drops it.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra)
    return env


def measure(argv: list[str], cwd: Path) -> tuple[float, float, str, float]:
    """(wall seconds, peak RSS in MB, output, CPU seconds) of one process; exits on failure.

    Peak RSS comes from GNU time's "Maximum resident set size".  Not from this
    process's own wait4(): a child's ru_maxrss starts at its parent's peak RSS
    (the kernel carries the high-water mark across fork/vfork + exec), so it
    would report this benchmark's own ~35 MB as a floor for every tool.
    """
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        wrapped = [TIME, "-v", "-o", report.name, *argv] if os.access(TIME, os.X_OK) else argv
        start = time.perf_counter()
        proc = subprocess.run(wrapped, cwd=cwd, env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        wall = time.perf_counter() - start
        text = proc.stdout.decode("utf-8", "replace")
        if proc.returncode != 0:
            sys.exit(f"error: {' '.join(argv)} exited {proc.returncode}:\n{text}")
        if wrapped is argv:  # no GNU time: the floored number, flagged by main()
            return wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0, text, wall
        timing = report.read()
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", timing)
        if not m:
            sys.exit(f"error: no peak RSS in {TIME} -v output")
        # CPU time (user + system) of the child: what load from other processes disturbs least.
        cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", timing))
        return wall, int(m.group(1)) / 1024.0, text, cpu


def setup(work: Path, copies: int) -> tuple[Path, Path]:
    project = work / "project"
    (project / "source").mkdir(parents=True)
    (project / "l10n.toml").write_text(
        'project = "spine-bench"\nsource_language = "en"\n'
        f'locales = ["{LOCALE}"]\nsources = ["source/*.md"]\n'
        'locales_dir = "locales"\noutput_dir = "build"\n',
        encoding="utf-8",
    )
    markdown = make_markdown(copies)
    (project / "source" / f"{DOC}.md").write_text(markdown, encoding="utf-8")
    tt = work / "tt"
    tt.mkdir()
    (tt / f"{DOC}.html").write_text(make_html(markdown), encoding="utf-8")
    return project, tt


def clear(project: Path) -> None:
    """Every output and every cache (the parsed-source cache in .l10n-cache/): cold figures."""
    for sub in ("locales", "build", ".l10n-cache"):
        shutil.rmtree(project / sub, ignore_errors=True)


def run_l10n(project: Path, results: dict, checks: dict) -> None:
    clear(project)
    l10n = tool("l10n")
    for step in ("extract", "update"):
        wall, mb, out, cpu = measure([l10n, "-C", str(project), step], project)
        results[f"l10n {step}"].append((wall, mb, cpu))
        checks[f"l10n {step}"] = out.strip()
    po_path = project / "locales" / LOCALE / "LC_MESSAGES" / f"{DOC}.po"
    checks["l10n filled"] = fill_catalog(po_path)
    wall, mb, out, cpu = measure([l10n, "-C", str(project), "build"], project)
    results["l10n build"].append((wall, mb, cpu))
    checks["l10n build"] = out.strip()
    # Warm: the same build again, sources loaded from the cache (editions unchanged).
    wall, mb, _, cpu = measure([l10n, "-C", str(project), "build"], project)
    results["l10n build (warm cache)"].append((wall, mb, cpu))
    # The main job in one process, without MT: extract + update + translate (engine none) + build.
    clear(project)
    wall, mb, out, cpu = measure([l10n, "-C", str(project), "run", "--engine", "none"], project)
    results["l10n run (no MT)"].append((wall, mb, cpu))
    checks["l10n run"] = out.strip()
    # The two-command workflow: `l10n update` extracts too (it writes the POT),
    # so extract + update + build is also `update` then `build` from scratch.
    clear(project)
    wall, mb, _, cpu = measure([l10n, "-C", str(project), "update"], project)
    results["l10n update (extracts)"].append((wall, mb, cpu))
    fill_catalog(po_path)
    wall, mb, _, cpu = measure([l10n, "-C", str(project), "build"], project)
    results["l10n build (2nd workflow)"].append((wall, mb, cpu))
    wall, mb, _, cpu = measure([sys.executable, "-c", "pass"], project)
    results["python -c pass"].append((wall, mb, cpu))


def run_tt(tt: Path, results: dict, checks: dict) -> None:
    html, po, out_html = tt / f"{DOC}.html", tt / f"{DOC}.po", tt / f"{DOC}.{LOCALE}.html"
    for path in (po, out_html):
        path.unlink(missing_ok=True)
    wall, mb, _, cpu = measure([tool("html2po"), "--progress=none", "-i", str(html), "-o", str(po)], tt)
    results["html2po"].append((wall, mb, cpu))
    checks["tt filled"] = fill_catalog(po)
    checks["tt msgctxt"] = po.read_text(encoding="utf-8").count("\nmsgctxt ")
    wall, mb, _, cpu = measure(
        [tool("po2html"), "--progress=none", "-t", str(html), "-i", str(po), "-o", str(out_html)], tt
    )
    results["po2html"].append((wall, mb, cpu))


def verify(project: Path, tt: Path, checks: dict, copies: int) -> list[str]:
    """Sanity checks that both tools did the full job; returns problems."""
    problems = []
    m = re.search(r"(\d+) units, (\d+) entries", checks["l10n extract"])
    if not m or m.group(1) != m.group(2):
        problems.append(f"l10n extract deduplicated units: {checks['l10n extract']!r}")
    m = re.search(r"shows (\d+) translated, (\d+) in English", checks["l10n build"])
    if not m or int(m.group(1)) != checks["l10n filled"] or m.group(2) != "0":
        problems.append(f"l10n build did not translate every unit: {checks['l10n build']!r}")
    if "extract: 1 document(s)" not in checks.get("l10n run", ""):
        problems.append(f"l10n run did not extract the document: {checks.get('l10n run')!r}")
    if checks["tt msgctxt"]:
        problems.append(f"html2po found {checks['tt msgctxt']} duplicate units (msgctxt)")
    # every sentence carries a "(copy i)" marker; translated, it reads "(pbcl i)"
    markers = (project / "source" / f"{DOC}.md").read_text(encoding="utf-8").count("(copy ")
    for path in (project / "build" / LOCALE / f"{DOC}.html", tt / f"{DOC}.{LOCALE}.html"):
        text = path.read_text(encoding="utf-8")
        left, done = text.count("(copy "), text.count("(pbcl ")
        if left or done < markers:
            problems.append(f"{path.name}: {left} sentences left in English, {done} of {markers} translated")
    return problems


# ------------------------------------------------------------------- import check


def import_check(project: Path) -> tuple[bool, list[str], int]:
    code = (
        "import sys; from l10n.cli.main import main; "
        f"sys.argv = ['l10n', '-C', {str(project)!r}, 'build']; "
        f"sys.exit(main(['-C', {str(project)!r}, 'build']))"
    )
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True, cwd=project
    )
    if proc.returncode != 0:
        sys.exit(f"error: import check run failed:\n{proc.stdout}{proc.stderr}")
    modules = []
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            if name != "imported package":
                modules.append(name)
    bad = sorted({m for m in modules if m.split(".")[0] in MT_STACK})
    return not bad, bad, len(modules)


# ------------------------------------------------------------------------ profile


def import_times(stderr: str) -> tuple[int, float, list[tuple[float, str]]]:
    """``-X importtime`` output: modules imported, the top-level imports' cumulative
    seconds, and those top-level imports (seconds, name), slowest first."""
    count, top = 0, []
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = line[len("import time:"):].split("|")
        if name.strip() == "imported package":
            continue
        count += 1
        if not name[1:].startswith(" "):  # "| name": imported by the command itself, not by a module
            top.append((int(cumulative) / 1e6, name.strip()))
    top.sort(reverse=True)
    return count, sum(t for t, _ in top), top


def profile_imports(project: Path) -> None:
    """What each step imports, as the command runs (lazy imports included)."""
    clear(project)
    po_path = project / "locales" / LOCALE / "LC_MESSAGES" / f"{DOC}.po"
    for step in ("extract", "update", "build"):
        if step == "build":
            fill_catalog(po_path)
        code = f"import sys; from l10n.cli.main import main; sys.exit(main(['-C', {str(project)!r}, {step!r}]))"
        proc = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True, cwd=project
        )
        if proc.returncode != 0:
            sys.exit(f"error: l10n {step} under -X importtime exited {proc.returncode}:\n{proc.stderr[-2000:]}")
        count, total, top = import_times(proc.stderr)
        print(f"\n=== python -X importtime, l10n {step}: {count} modules, top-level imports {total:.3f} s cumulative ===")
        for seconds, name in top[:12]:
            print(f"  {seconds * 1000:7.1f} ms  {name}")


def profile(project: Path) -> None:
    """cProfile each l10n step in its own process (profiling roughly doubles the times)."""
    profile_imports(project)
    clear(project)
    po_path = project / "locales" / LOCALE / "LC_MESSAGES" / f"{DOC}.po"
    for step in ("extract", "update", "build"):
        if step == "build":
            fill_catalog(po_path)
        print(f"\n=== cProfile: l10n {step} (top 25 by cumtime, top 10 by tottime) ===", flush=True)
        code = (
            "import cProfile, pstats, sys; from l10n.cli.main import main; "
            "pr = cProfile.Profile(); pr.enable(); "
            f"rc = main(['-C', {str(project)!r}, {step!r}]); pr.disable(); "
            "print(); st = pstats.Stats(pr, stream=sys.stdout).strip_dirs(); "
            "st.sort_stats('cumulative').print_stats(25); st.sort_stats('tottime').print_stats(10)"
        )
        subprocess.run([sys.executable, "-c", code], cwd=project, check=True)


# --------------------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=100, help="copies of the report (default 100)")
    parser.add_argument("--repeat", type=int, default=3, help="measurements per step (median; default 3)")
    parser.add_argument("--keep", action="store_true", help="keep and print the temporary directory")
    parser.add_argument("--profile", action="store_true", help="also -X importtime and cProfile each l10n step")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="l10n-spine-bench-"))
    try:
        project, tt = setup(work, args.copies)
        src = project / "source" / f"{DOC}.md"
        if not os.access(TIME, os.X_OK):
            print(f"warning: {TIME} missing (apt-get install -y time): peak RSS is RUSAGE_CHILDREN, "
                  "an upper bound that includes this script's own memory")
        print(
            f"input: {args.copies} copies of {SOURCE.name}: {src.stat().st_size / 1e6:.2f} MB Markdown, "
            f"{(tt / f'{DOC}.html').stat().st_size / 1e6:.2f} MB HTML; python {sys.version.split()[0]}"
        )
        steps = ["l10n extract", "l10n update", "l10n build", "html2po", "po2html"]
        extra = ["l10n update (extracts)", "l10n build (2nd workflow)", "l10n run (no MT)",
                 "l10n build (warm cache)", "python -c pass"]
        results: dict[str, list[tuple[float, float, float]]] = {s: [] for s in steps + extra}
        checks: dict = {}
        for r in range(args.repeat):
            # interleaved, alternating which tool goes first, so drift hits both alike
            order = [(run_l10n, project), (run_tt, tt)]
            for fn, where in order if r % 2 == 0 else order[::-1]:
                fn(where, results, checks)
            print(f"  run {r + 1}/{args.repeat}: " + ", ".join(f"{s} {results[s][-1][0]:.2f}s" for s in steps), flush=True)

        problems = verify(project, tt, checks, args.copies)
        print(f"l10n: {checks['l10n extract']} | {checks['l10n build']}")
        print(f"Translate Toolkit: {checks['tt filled']} units from html2po, {checks['tt msgctxt']} msgctxt")

        med = {s: tuple(statistics.median(r[i] for r in results[s]) for i in range(3)) for s in steps + extra}
        l10n_t, tt_t = (sum(med[s][0] for s in part) for part in (steps[:3], steps[3:]))
        l10n_cpu, tt_cpu = (sum(med[s][2] for s in part) for part in (steps[:3], steps[3:]))
        l10n_mb = max(med[s][1] for s in steps[:3] + ["l10n run (no MT)"])
        tt_mb = max(med[s][1] for s in steps[3:])
        print(f"\nmedian of {args.repeat} runs, one process per step (load average {os.getloadavg()[0]:.2f}):\n")
        print(f"| {'step':<28} | {'wall s':>7} | {'CPU s':>6} | {'peak RSS MB':>11} |")
        print(f"|{'-' * 30}|{'-' * 9}|{'-' * 8}|{'-' * 13}|")

        def row(name: str, wall: float, cpu: float, mb: float) -> None:
            print(f"| {name:<28} | {wall:>7.2f} | {cpu:>6.2f} | {mb:>11.1f} |")

        for s in steps[:3]:
            row(s, *med[s][::2], med[s][1])
        row("**l10n total (sum / max)**", l10n_t, l10n_cpu, max(med[s][1] for s in steps[:3]))
        for s in steps[3:]:
            row(s, *med[s][::2], med[s][1])
        row("**TT total (sum / max)**", tt_t, tt_cpu, tt_mb)
        for s in extra:
            row(s, *med[s][::2], med[s][1])
        ratio, cpu_ratio = tt_t / l10n_t, tt_cpu / l10n_cpu
        print(f"\nspeed ratio TT / l10n, three processes: {ratio:.2f}x wall, {cpu_ratio:.2f}x CPU "
              f"(goal >= {GOAL_RATIO:g}x): {'MET' if min(ratio, cpu_ratio) >= GOAL_RATIO else 'MISSED'}")
        print(f"peak memory l10n {l10n_mb:.1f} MB (goal < {GOAL_MB:g} MB): {'MET' if l10n_mb < GOAL_MB else 'MISSED'}; "
              f"TT {tt_mb:.1f} MB; memory ratio TT / l10n {tt_mb / l10n_mb:.2f}x")
        two = med["l10n update (extracts)"][0] + med["l10n build (2nd workflow)"][0]
        two_cpu = med["l10n update (extracts)"][2] + med["l10n build (2nd workflow)"][2]
        print(f"two commands (update extracts too, then build): {two:.2f} s wall, {two_cpu:.2f} s CPU; "
              f"TT / l10n {tt_t / two:.2f}x wall, {tt_cpu / two_cpu:.2f}x CPU")
        run_t, run_cpu = med["l10n run (no MT)"][0], med["l10n run (no MT)"][2]
        run_ok = min(tt_t / run_t, tt_cpu / run_cpu) >= 2.5
        print(f"one process, `l10n run --engine none`: {run_t:.2f} s wall, {run_cpu:.2f} s CPU; "
              f"TT / l10n {tt_t / run_t:.2f}x wall, {tt_cpu / run_cpu:.2f}x CPU (goal >= 2.5x): "
              f"{'MET' if run_ok else 'MISSED'}")
        print(f"warm `l10n build` (sources from .l10n-cache; not a cold figure): {med['l10n build (warm cache)'][0]:.2f} s")
        print(f"interpreter start-up alone (python -c pass): {med['python -c pass'][0]:.3f} s per process")

        ok, bad, count = import_check(project)
        print(f"\nimport check (python -X importtime, l10n build): {count} modules imported; "
              + ("none of " + ", ".join(MT_STACK) + ": PASS" if ok else "MT stack imported: " + ", ".join(bad) + ": FAIL"))
        for p in problems:
            print(f"warning: {p}")
        if args.profile:
            profile(project)
        if args.keep:
            print(f"\nkept: {work}")
        return 0 if ok and not problems else 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
