"""The issue's MT benchmark on the real report: `l10n translate` vs Argos vs the floor.

Model: random-weight Transformer base (6+6 layers, d512, FFN 2048, 8 heads,
32k vocabulary, int8) packaged as an ``.argosmodel`` for en->ko (cached in
bench/mt/out/argosmodel/<tokenizer>/).  Its SentencePiece model is by
default trained on real English (docstrings of the local Python
installation: ~1.7 pieces per word on the report, 47 tokens per sentence,
a real Argos model gives ~1.3-1.5); ``--tokenizer pseudo`` uses compare.py's
pseudo-word model (~3.7 pieces per word, so every sentence is ~2x longer
than with a real model and Argos's 32-token batches never hold two).  Installed
with ``l10n models install --from-file`` into a temporary models dir.  EOS
is biased away, so every path decodes exactly ceil(1.3 x longest source) tokens
per CTranslate2 batch: the project's ``[mt]`` table sets
``max_decoding_length_ratio = min_decoding_length_ratio = 1.3`` and
``max_decoding_length_extra = 0`` and the harness paths use the same rule.

Corpora (each is a temporary l10n project, locales = ["ko"]):

  A  the report (source/hrw-north-korea-world-report-2020.md; 24 units)
  B  the report x N (default 10) as N documents, each copy's sentences made
     unique by " (copy i)" before every sentence-final punctuation mark
     (headings: at the end), so deduplication cannot shortcut the work
  C  the report x N, plain repetition: what deduplication saves

Paths, side by side in one process, same model, beam, decode length and
thread settings (the harness translator is built by ArgosEngine from the
project's [mt] options):

  (1) ours   l10n.pipeline.translate.translate() -- what `l10n translate`
             runs after parsing its arguments -- on empty catalogs with an
             empty cache; timed in-process (includes reading/writing the
             catalogs, the cache and loading the model, not Python/l10n
             import).  `l10n translate` is also run as a subprocess, cold
             and for the re-run (adds interpreter start and imports).
  (2) argos  compare.run_argos_style: per paragraph (the catalog's source
             line references give the paragraphs), a regex sentence
             splitter standing in for stanza/MiniSBD (it needs a download),
             one translate_batch per paragraph with Argos's settings
             (max_batch_size=32 tokens, replace_unknowns, return_scores).
  (3) floor  compare.run_floor: raw translate_batch over all sentences
             (not deduplicated), length-sorted 1024-token batches.

Re-run: after the cold run, one paragraph ("International attention ...",
3 sentences, in the first document) is rewritten (word order reversed, so
every sentence is < 80 % similar and `l10n update` cannot lend the old
translation as fuzzy), then `l10n update` + translate; its cost is given as
% of the cold run.  A light edit (>= 80 % similar) is not re-translated at
all: update keeps the old draft as fuzzy with the previous msgid.

Wall and process CPU time are both reported (the benchmark machine may be
shared); (1) and (3) are min of --repeat interleaved runs for A and B.

    python bench/mt/report_bench.py                 # ~10 min on 2 cores
    python bench/mt/report_bench.py --corpora B --argos-repeat
    python bench/mt/report_bench.py --copies 5 --corpora A,B
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import REPO, WORK
from build_base_model import BASE_MODEL, base_sentencepiece, english_sentencepiece
from compare import fixed_len, run_argos_style, run_floor, split_sentences
from tiny_model import build_package_dir, zip_package

from l10n.catalog import read_catalog
from l10n.config import load_config
from l10n.mt.argos import ArgosEngine, _token_batches
from l10n.mt.markup import mask
from l10n.pipeline.translate import translate

REPORT = REPO / "source" / "hrw-north-korea-world-report-2020.md"
EDIT_PARAGRAPH = "International attention"
_SENTENCE_END = re.compile(r"([.!?])([”\"’)*_]*)(?=\s|$)")


def l10n_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("l10n")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "l10n"]


def sh(args: list[str], cwd: Path | None = None) -> float:
    t = time.perf_counter()
    proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    secs = time.perf_counter() - t
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(args)}\n{proc.stdout}\n{proc.stderr}")
    return secs


def ensure_model(tokenizer: str) -> Path:
    out = WORK / "argosmodel" / tokenizer / "translate-en_ko-1_0.argosmodel"
    if not out.exists():
        t = time.perf_counter()
        sp_model = english_sentencepiece() if tokenizer == "english" else base_sentencepiece()
        build = WORK / "argosmodel" / tokenizer / "build" / "translate-en_ko-1_0"
        shutil.rmtree(build, ignore_errors=True)
        build_package_dir(build, "en", "ko", sp_model=sp_model, seed=0, quantization="int8",
                          pad_vocab_to=32000, **BASE_MODEL)
        zip_package(build, out)
        shutil.rmtree(build)
        print(f"built {out.relative_to(REPO)} in {time.perf_counter() - t:.0f}s", flush=True)
    return out


# --- corpora ------------------------------------------------------------------

def tag_sentences(text: str, tag: str) -> str:
    """Insert " (tag)" before every sentence end (headings: at the end); links stay intact."""
    lines = []
    for line in text.splitlines():
        if line.startswith("#"):
            line = f"{line} ({tag})"
        elif line.strip():
            line = _SENTENCE_END.sub(lambda m: f" ({tag}){m.group(1)}{m.group(2)}", line)
        lines.append(line)
    return "\n".join(lines) + "\n"


def rewrite_paragraph(text: str, start: str) -> str:
    """Reverse the word order of every sentence of the paragraph starting with ``start``."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith(start):
            sentences = re.split(r"(?<=[.!?])\s+", line.strip())
            lines[i] = " ".join(" ".join(s.rstrip(".!?").split()[::-1]).capitalize() + "." for s in sentences)
            return "\n".join(lines) + "\n"
    raise ValueError(f"no paragraph starting with {start!r}")


def corpus_docs(name: str, copies: int) -> dict[str, str]:
    report = REPORT.read_text(encoding="utf-8")
    if name == "A":
        return {"report.md": report}
    if name == "B":
        return {f"report-{i:02d}.md": tag_sentences(report, f"copy {i}") for i in range(copies)}
    return {f"report-{i:02d}.md": report for i in range(copies)}


MT_OPTIONS = """
[mt]
beam_size = {beam}
compute_type = "{compute_type}"
max_decoding_length_ratio = {ratio}
max_decoding_length_extra = 0
min_decoding_length_ratio = {ratio}
"""


@dataclasses.dataclass
class Project:
    root: Path
    first_doc: Path

    def reset(self) -> None:
        """Cold state: original sources, empty catalogs, empty cache."""
        shutil.copyfile(self.root / "pristine" / self.first_doc.name, self.first_doc)
        shutil.rmtree(self.root / "locales", ignore_errors=True)
        shutil.copytree(self.root / "locales.empty", self.root / "locales")
        shutil.rmtree(self.root / ".l10n-cache", ignore_errors=True)

    def save(self, tag: str) -> None:
        for d in ("locales", ".l10n-cache"):
            shutil.rmtree(self.root / f"{d}.{tag}", ignore_errors=True)
            shutil.copytree(self.root / d, self.root / f"{d}.{tag}")

    def restore(self, tag: str) -> None:
        """Sources as pristine, catalogs and cache as saved under ``tag``."""
        shutil.copyfile(self.root / "pristine" / self.first_doc.name, self.first_doc)
        for d in ("locales", ".l10n-cache"):
            shutil.rmtree(self.root / d, ignore_errors=True)
            shutil.copytree(self.root / f"{d}.{tag}", self.root / d)

    def edit(self) -> None:
        self.first_doc.write_text(rewrite_paragraph(self.first_doc.read_text("utf-8"), EDIT_PARAGRAPH), "utf-8")


def make_project(base: Path, name: str, docs: dict[str, str], args) -> Project:
    root = base / name
    (root / "source").mkdir(parents=True)
    (root / "pristine").mkdir()
    for fname, text in docs.items():
        (root / "source" / fname).write_text(text, encoding="utf-8")
        (root / "pristine" / fname).write_text(text, encoding="utf-8")
    (root / "l10n.toml").write_text(
        f'locales = ["ko"]\nsources = ["source/*.md"]\nmodels_dir = "../models"\n'
        + MT_OPTIONS.format(beam=args.beam, compute_type=args.compute_type, ratio=args.ratio), encoding="utf-8")
    sh(l10n_cmd() + ["-C", str(root), "update"])
    shutil.copytree(root / "locales", root / "locales.empty")
    return Project(root, root / "source" / sorted(docs)[0])


def paragraphs_of(project: Project) -> list[list[str]]:
    """Units grouped by source paragraph (catalog references), in document order."""
    paras: dict[tuple[str, int], list[str]] = {}
    for po_path in sorted((project.root / "locales" / "ko" / "LC_MESSAGES").glob("*.po")):
        for entry in read_catalog(po_path):
            if entry.obsolete or not entry.msgid:
                continue
            for ref, line in entry.occurrences:
                paras.setdefault((ref, int(line)), []).append(entry.msgid)
    return [paras[k] for k in sorted(paras)]


def decode_work(sp, groups: list[list[str]], max_tokens: int, ratio: float) -> int:
    """Target tokens decoded (rows x fixed steps) when each group is length-sorted and cut
    into ``max_tokens`` batches, each decoding ceil(ratio x its longest source) steps."""
    total = 0
    for group in groups:
        lengths = sorted(len(sp.encode(s)) for s in group)
        for lo, hi in _token_batches(lengths, max_tokens):
            total += (hi - lo) * fixed_len([[0] * lengths[hi - 1]], ratio)
    return total


# --- timing -------------------------------------------------------------------

def run_ours(project: Project) -> object:
    [result] = translate(load_config(project.root), locales=["ko"])
    if result.skipped:
        sys.exit(f"translate skipped: {result.skipped} ({result.hint})")
    return result


def run_floor_attn(translator, sp, plain: list[str], beam: int, ratio: float, max_tokens: int) -> int:
    """The floor with the engine's decode options (attention, scores, unknowns): what
    our CTranslate2 calls cost before any l10n code runs."""
    return run_floor(translator, sp, plain, beam, ratio, max_tokens,
                     return_attention=True, return_scores=True, replace_unknowns=True)[1]


def timed(fn, *args, children: bool = False):
    """(wall seconds, CPU seconds, result); CPU of this process, or of its children.
    CPU time is reported too because this 2-core machine may be shared."""
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    r0, t0 = resource.getrusage(who), time.perf_counter()
    out = fn(*args)
    wall, r1 = time.perf_counter() - t0, resource.getrusage(who)
    return wall, (r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime), out


def cli(project: Project, *command: str):
    return timed(sh, l10n_cmd() + ["-C", str(project.root), *command], children=True)


def bench_corpus(name: str, project: Project, translator, sp, args) -> dict:
    project.reset()
    paragraphs = paragraphs_of(project)
    units = [u for p in paragraphs for u in p]
    plain = [mask(u).plain for u in units]
    ap_paras = [" ".join(mask(u).plain for u in p) for p in paragraphs]
    n_tok = sum(len(sp.encode(s)) for s in plain)
    if name == "B" and len(set(units)) != len(units):
        print(f"WARNING: corpus B has {len(units) - len(set(units))} repeated units")
    row: dict = dict(corpus=name, paragraphs=len(paragraphs), units=len(units), unique=len(set(units)),
                     tokens=n_tok)
    # Fixed lengths per batch make a batch's short sentences decode as long as its
    # longest one (a real model stops them at EOS): count the work each path does.
    row["work"] = dict(floor=decode_work(sp, [plain], args.max_batch_tokens, args.ratio),
                       ours=decode_work(sp, [list(dict.fromkeys(plain))], args.max_batch_tokens, args.ratio),
                       argos=decode_work(sp, [split_sentences(p) for p in ap_paras], 32, args.ratio))
    print(f"\n[{name}] {len(units)} units ({row['unique']} distinct) in {len(paragraphs)} paragraphs, "
          f"{n_tok} source tokens; target tokens decoded: " + ", ".join(f"{k} {v}" for k, v in row["work"].items()),
          flush=True)

    def show(label: str, wall: float, cpu: float, note: str) -> None:
        print(f"  {label:17} {wall:7.2f}s wall {cpu:7.2f}s CPU  {note}", flush=True)

    times: dict[str, list[tuple[float, float]]] = {"floor": [], "floor_attn": [], "ours": [], "argos": []}
    reps = 1 if name == "C" else args.repeat
    for rep in range(reps):  # interleaved: drift hits every path alike; min is reported
        wall, cpu, (_, nb) = timed(run_floor, translator, sp, plain, args.beam, args.ratio, args.max_batch_tokens)
        times["floor"].append((wall, cpu))
        show("(3) floor", wall, cpu, f"{nb} batches")
        if rep == 0 and name != "C":
            wall, cpu, nb = timed(run_floor_attn, translator, sp, plain, args.beam, args.ratio,
                                  args.max_batch_tokens)
            times["floor_attn"].append((wall, cpu))
            show("(3') floor+attn", wall, cpu, "with return_attention/scores/replace_unknowns")
        project.reset()
        wall, cpu, res = timed(run_ours, project)
        times["ours"].append((wall, cpu))
        show("(1) l10n in-proc", wall, cpu, f"{res.units} units to MT, {res.entries} entries filled, "
             f"{res.cached} cached")
        if name not in args.skip_argos and (rep == 0 or args.argos_repeat):
            wall, cpu, (_, calls) = timed(run_argos_style, translator, sp, ap_paras, args.beam, args.ratio)
            times["argos"].append((wall, cpu))
            show("(2) argos", wall, cpu, f"{calls} translate_batch calls")
    for key, values in times.items():
        row[key] = (min(w for w, _ in values), min(c for _, c in values)) if values else None

    # Re-run after rewriting one paragraph (warm cache, translated catalogs),
    # in-process and as the CLI a user runs (interpreter, imports, model load).
    project.save("cold")
    project.edit()
    row["update"] = cli(project, "update")[:2]
    wall, cpu, res = timed(run_ours, project)
    row["rerun"] = (wall, cpu)
    show("re-run in-proc", wall, cpu, f"{res.units} units to MT, {res.cached} cached; `l10n update` "
         f"{row['update'][0]:.2f}s (subprocess)")
    project.restore("cold")
    project.edit()
    cli(project, "update")
    row["cli_rerun"] = cli(project, "translate")[:2]
    show("re-run CLI", *row["cli_rerun"], "same edit, `l10n translate` subprocess (CPU: children)")
    project.reset()
    row["cli_cold"] = cli(project, "translate")[:2]
    show("(1) l10n CLI", *row["cli_cold"], "cold `l10n translate` subprocess")
    return row


def ratio(a, b, i: int) -> str:
    return "-" if a is None or b is None else f"{a[i] / b[i]:.2f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--corpora", default="A,B,C")
    ap.add_argument("--repeat", type=int, default=2, help="runs of (3) and (1) for A and B (C: 1); min is reported")
    ap.add_argument("--argos-repeat", action="store_true", help="repeat (2) too (B: +3 min each)")
    ap.add_argument("--skip-argos", default="C",
                    help="corpora without (2) (default C: Argos does not deduplicate, so C costs it what B does)")
    ap.add_argument("--tokenizer", choices=["english", "pseudo"], default="english",
                    help="english: 32k SentencePiece trained on English docstrings (~1.7 pieces/word on the "
                         "report); pseudo: compare.py's 8k pseudo-word model padded to 32k (~3.7 pieces/word)")
    ap.add_argument("--beam", type=int, default=4)
    ap.add_argument("--ratio", type=float, default=1.3, help="decode length / longest source tokens")
    ap.add_argument("--compute-type", default="int8")
    ap.add_argument("--max-batch-tokens", type=int, default=1024, help="floor batches (l10n default)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary projects")
    args = ap.parse_args()
    args.skip_argos = {c.strip() for c in args.skip_argos.split(",") if c.strip()}
    t_start = time.perf_counter()
    print(f"load average at start: {os.getloadavg()[0]:.2f} ({os.cpu_count()} CPUs)")

    model = ensure_model(args.tokenizer)
    base = Path(tempfile.mkdtemp(prefix="l10n-report-bench-"))
    try:
        corpora = [c.strip() for c in args.corpora.split(",")]
        projects = {c: make_project(base, c, corpus_docs(c, args.copies), args) for c in corpora}
        first = projects[corpora[0]].root
        t_install = sh(l10n_cmd() + ["-C", str(first), "models", "install", "--from-file", str(model)])
        config = load_config(first)
        # The harness translator: same package, options and threads as (1).
        engine = ArgosEngine(config.models_dir, **config.mt)
        t = time.perf_counter()
        loaded = engine._load("en", "ko")
        t_load = time.perf_counter() - t
        translator, sp = loaded.translator, loaded.sp
        run_floor(translator, sp, ["Warm up the model."], args.beam, args.ratio, 1024)
        print(f"model {model.relative_to(REPO)} installed with `l10n models install --from-file` "
              f"({t_install:.1f}s), loads in {t_load:.2f}s; [mt] = {config.mt}; ctranslate2 threads: "
              f"inter {engine.inter_threads}, intra {engine.intra_threads} (0 = default)", flush=True)
        rows = [bench_corpus(c, projects[c], translator, sp, args) for c in corpora]
    finally:
        if args.keep:
            print(f"projects kept in {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)

    print(f"\nbeam {args.beam}, decode length ceil({args.ratio} x longest source) per batch; min of "
          f"{args.repeat} interleaved runs of (3) and (1) for A and B; (1) includes reading/writing catalogs, "
          f"the cache and the model load ({t_load:.2f}s); CLI adds interpreter start and imports.")
    print(f"\n{'corpus':6} {'units':>5} {'distinct':>8} {'tokens':>6} | {'(3)floor':>8} {'(3)+attn':>8} "
          f"{'(1)proc':>8} {'(1)CLI':>7} {'(2)argos':>8} | {'rerun':>6} {'rerunCLI':>8}   (wall seconds)")
    for r in rows:
        cells = [r[k][0] if r[k] else None for k in ("floor", "floor_attn", "ours", "cli_cold", "argos")]
        print(f"{r['corpus']:6} {r['units']:5d} {r['unique']:8d} {r['tokens']:6d} | "
              + " ".join(f"{'-' if c is None else f'{c:.2f}':>{w}}" for c, w in zip(cells, (8, 8, 8, 7, 8)))
              + f" | {r['rerun'][0]:6.2f} {r['cli_rerun'][0]:8.2f}")
    print(f"\n{'corpus':6} {'argos/(1)':>14} {'(1)/floor':>14} {'argos/floor':>14} {'(1)/(3)+attn':>14} "
          f"{'rerun/(1)':>14} {'CLI rerun/cold':>14}   (wall | CPU)")
    for r in rows:
        pairs = [(r["argos"], r["ours"]), (r["ours"], r["floor"]), (r["argos"], r["floor"]),
                 (r["ours"], r["floor_attn"]), (r["rerun"], r["ours"]), (r["cli_rerun"], r["cli_cold"])]
        print(f"{r['corpus']:6} " + " ".join(f"{ratio(a, b, 0) + ' | ' + ratio(a, b, 1):>14}" for a, b in pairs))
    by = {r["corpus"]: r for r in rows}
    if "B" in by and "C" in by:
        print(f"\ndedup on plain repetition: (1) C / (1) B = {ratio(by['C']['ours'], by['B']['ours'], 0)} wall, "
              f"{ratio(by['C']['ours'], by['B']['ours'], 1)} CPU; (1) C / floor C = "
              f"{ratio(by['C']['ours'], by['C']['floor'], 0)} wall")
    print(f"load average at end: {os.getloadavg()[0]:.2f}; total {time.perf_counter() - t_start:.0f}s")


if __name__ == "__main__":
    main()
