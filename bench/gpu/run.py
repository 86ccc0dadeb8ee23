"""GPU benchmark: `l10n translate` against raw translate_batch and Argos's call pattern.

NOT YET RUN: no GPU was available when it was written.  One command, about
5-8 minutes on one H100/H200 (most of it the Argos-pattern path and building
the model), after ``pip install -e .`` (the PyPI ctranslate2 4.x wheel is
CUDA-enabled and needs libcublas.so.12: ``pip install nvidia-cublas-cu12`` and
its lib directory on LD_LIBRARY_PATH, see README "GPU")::

    python bench/gpu/run.py                 # --copies 200 --argos-sentences 600
    python bench/gpu/run.py --quick         # a 1-minute smoke run

Model: Transformer base with random weights (bench/mt/build_base_model.py:
6+6 layers, d_model 512, FFN 2048, 8 heads, 32k vocabulary, saved int8 as
Argos ships its models), packaged as an .argosmodel and installed with
``l10n models install --from-file``; run as int8_float16 at beam 4.  EOS is
biased away and every path decodes exactly ceil(1.3 x longest source) tokens
per CTranslate2 batch (the project's ``[mt]`` sets min = max decoding length
ratio 1.3), so the paths compare strategy, not luck.

Corpus: the report x ``--copies`` (each copy's sentences made unique).

  raw    translate_batch over all sentences (placeholders removed), length
         sorted, cut into --sweep token budgets: the floor, and the budget
         that is fastest on this GPU (print it; it should become
         l10n.mt.device.GPU_MAX_BATCH_TOKENS)
  ours   l10n.pipeline.translate.translate(device="cuda") on the project:
         catalogs read and written, cache, masking, attention, restore,
         verification; with the default GPU budget and with the best one
  argos  compare.run_argos_style on the first --argos-sentences sentences:
         one translate_batch per paragraph, 32-token batches (Argos's
         argostranslate.translate pattern); throughput compared per sentence

Goal: ours >= 80% of raw throughput.  Also given: the November H100 figure
(ANCHORS.md: Argos 9.7 vs CTranslate2 batched 1,770 sentences/s).
"""
from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "mt"))

from _common import REPO  # noqa: E402  (also puts tests/mt and the repo on sys.path)
from compare import run_argos_style, run_floor  # noqa: E402
from report_bench import REPORT, ensure_model, tag_sentences  # noqa: E402

CONFIG = """project = "gpu"
locales = ["ko"]
sources = ["source/*.md"]
models_dir = "models"
engine = "argos"
[mt]
beam_size = 4
max_decoding_length_ratio = 1.3
min_decoding_length_ratio = 1.3
max_decoding_length_extra = 0
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=200)
    ap.add_argument("--argos-sentences", type=int, default=600)
    ap.add_argument("--sweep", default="2048,4096,8192,16384,32768")
    ap.add_argument("--tokenizer", choices=["pseudo", "english"], default="pseudo",
                    help="pseudo: 8k pseudo-word pieces (seconds to train); english: 32k on docstrings (minutes)")
    ap.add_argument("--quick", action="store_true", help="--copies 20 --argos-sentences 100 --sweep 4096,8192")
    ap.add_argument("--device", default="cuda", help="cpu: a smoke test of this script where there is no GPU")
    args = ap.parse_args()
    if args.quick:
        args.copies, args.argos_sentences, args.sweep = 20, 100, "4096,8192"

    import ctranslate2

    from l10n.catalog import read_catalog
    from l10n.config import load_config
    from l10n.mt.batches import load_tokenizer
    from l10n.mt.device import cuda_problem
    from l10n.mt.markup import mask
    from l10n.pipeline.translate import make_engine, translate

    problem = cuda_problem() if args.device == "cuda" else None
    if problem:
        sys.exit(f"no usable GPU: {problem}")
    t0 = time.perf_counter()
    model = ensure_model(args.tokenizer)
    tmp = Path(tempfile.mkdtemp(prefix="l10n-gpu-"))
    base = tmp / "base"
    (base / "source").mkdir(parents=True)
    text = REPORT.read_text(encoding="utf-8")
    for i in range(args.copies):
        (base / "source" / f"report-{i:03d}.md").write_text(tag_sentences(text, f"copy {i}"), encoding="utf-8")
    (base / "l10n.toml").write_text(CONFIG, encoding="utf-8")
    for cmd in (["models", "install", "--from-file", str(model)], ["update"]):
        subprocess.run([sys.executable, "-m", "l10n", "-C", str(base), *cmd], check=True, capture_output=True)
    config = load_config(base)
    engine = make_engine(config, "argos", device=args.device)
    units = list(dict.fromkeys(e.msgid for p in sorted((base / "locales" / "ko").rglob("*.po"))
                               for e in read_catalog(p) if e.msgid))
    plain = [mask(u).plain for u in units]
    package = engine.package("en", "ko")
    sp = load_tokenizer(package)
    translator = ctranslate2.Translator(str(package.path / "model"), device=args.device,
                                        compute_type=engine.compute_type)
    n = len(units)
    print(f"{n} sentences; {args.device}, {ctranslate2.get_cuda_device_count()} GPU(s); compute {engine.compute_type}; "
          f"setup {time.perf_counter() - t0:.0f} s", flush=True)

    run_floor(translator, sp, plain[:200], 4, 1.3, 4096)  # warm-up: CUDA context, kernels
    raw: dict[int, float] = {}
    for budget in [int(b) for b in args.sweep.split(",")]:
        secs, batches = run_floor(translator, sp, plain, 4, 1.3, budget, return_scores=True, return_attention=True)
        raw[budget] = secs
        print(f"raw   budget {budget:6d}: {secs:6.2f} s  {n / secs:8.1f} sentences/s  ({batches} batches)",
              flush=True)
    best = min(raw, key=raw.get)
    del translator

    def ours(budget: int | None) -> float:
        root = tmp / f"ours-{budget}"
        shutil.copytree(base, root)
        if budget:
            (root / "l10n.toml").write_text(CONFIG + f"max_batch_tokens = {budget}\n", encoding="utf-8")
        t = time.perf_counter()
        results = translate(load_config(root), locales=["ko"], device=args.device, today=lambda: dt.date(2026, 12, 1))
        secs = time.perf_counter() - t
        assert results[0].units == n and not results[0].skipped, results
        return secs

    t_default, t_best = ours(None), ours(best)
    print(f"ours  default budget {engine.max_batch_tokens}: {t_default:6.2f} s  {n / t_default:8.1f} sentences/s", flush=True)
    print(f"ours  budget {best}:         {t_best:6.2f} s  {n / t_best:8.1f} sentences/s", flush=True)

    translator = ctranslate2.Translator(str(package.path / "model"), device=args.device,
                                        compute_type=engine.compute_type)
    subset = plain[: args.argos_sentences]
    paragraphs = [" ".join(subset[i:i + 4]) for i in range(0, len(subset), 4)]  # ~4 sentences a paragraph
    t_argos, calls = run_argos_style(translator, sp, paragraphs, 4, 1.3)
    argos_rate = len(subset) / t_argos
    print(f"argos {len(subset)} sentences in {calls} calls: {t_argos:6.2f} s  {argos_rate:8.1f} sentences/s",
          flush=True)

    rate_raw, rate_ours = n / raw[best], n / min(t_default, t_best)
    print("\nsummary (one GPU, beam 4, Transformer base int8_float16, fixed decode lengths):")
    print(f"  ours / raw (best budget {best}): {rate_ours / rate_raw:.2f} of raw throughput  (goal >= 0.80)")
    print(f"  ours / Argos per-paragraph:     {rate_ours / argos_rate:.1f}x")
    print(f"  ours with the default budget ({engine.max_batch_tokens}) / with {best}: {t_best / t_default:.2f}")
    print(f"  15,000 sentences x 10 languages at ours' rate: {150_000 / rate_ours / 60:.1f} min")
    print(f"total {time.perf_counter() - t0:.0f} s")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
