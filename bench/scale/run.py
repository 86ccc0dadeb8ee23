"""Scale benchmark: the report x10 into 4 locales, sequential vs --workers 2 vs a local Ray.

Models: four random-weight Argos packages (en->ko/ja/fr/ru; Transformer
2+2 layers, d_model 128, FFN 512, int8; the tests' 400-piece SentencePiece
model, ~4 pieces a word), built once into bench/scale/out/.  Small, so that
three paths x repeats fit in minutes on 2 shared cores; per-batch and start-up
overheads weigh more here than with a Transformer base.  EOS is biased away and every
project sets ``min = max decoding length = 1.3 x`` the batch's longest
source, so each path does exactly the same decoding work (as bench/mt).

Corpus: the report ten times, each copy's sentences made unique (as the
SIGKILL test does), one temporary project per run with the four locales.

Paths, interleaved ``--repeat`` times in one process (min is reported):

  seq    ``translate(..., workers=1)``: one pair after another in this process
         (CTranslate2's default threads: intra_threads 0 = all cores)
  seq1   the same with ``intra_threads = 1``
  w2     ``translate(..., workers=2)``: two worker processes, 1 thread each
  ray    ``translate(..., cluster="auto")`` on ``ray.init(num_cpus=2)``
         started once by this script (its start-up is not counted; actor
         start-up and model shipping are)

Every run starts from empty catalogs and an empty cache, and each run's
catalogs must equal the sequential run's (checked).  Then the Ray path's
per-batch overhead: the same batches through ``LoadedModel.run`` in this
process and through one Ray actor, one at a time, the difference divided by
the number of batches.

    python bench/scale/run.py                # ~5 min on 2 shared cores
    python bench/scale/run.py --repeat 3 --copies 10
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "mt"))
sys.path.insert(0, str(REPO))

from tiny_model import build_package_dir, train_sentencepiece  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
LOCALES = ["ko", "ja", "fr", "ru"]
MODEL = dict(layers=(2, 2), d_model=128, heads=4, ffn=512, quantization="int8", eos_bias=-1e4)
REPORT = REPO / "source" / "hrw-north-korea-world-report-2020.md"
CONFIG = """project = "scale"
locales = {locales}
sources = ["source/*.md"]
models_dir = "{models}"
engine = "argos"
[mt]
beam_size = 4
max_decoding_length_ratio = 1.3
min_decoding_length_ratio = 1.3
max_decoding_length_extra = 0
"""


def build_models() -> Path:
    packages = OUT / ("packages-" + "-".join(str(v) for v in MODEL.values() if not isinstance(v, tuple)))
    if (packages / "done").exists():
        return packages
    shutil.rmtree(packages, ignore_errors=True)
    packages.mkdir(parents=True)
    sp = train_sentencepiece(OUT / "sentencepiece.model")
    for seed, code in enumerate(LOCALES, 1):
        build_package_dir(packages / f"translate-en_{code}-1_0", "en", code, sp_model=sp, seed=seed, **MODEL)
    (packages / "done").write_text("")
    return packages


def corpus(copies: int) -> str:
    text = REPORT.read_text(encoding="utf-8")
    return "\n".join(re.sub(r"\.(?=[”’\"]?(?:\s|$))", f" (copy {i}).", text) for i in range(copies))


def fresh_project(base: Path, work: Path) -> Path:
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(base, work)
    return work


def catalogs(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "locales").rglob("*.po"))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()

    import ray

    from l10n.config import load_config
    from l10n.pipeline.translate import translate
    from l10n.pipeline.update import update

    packages = build_models()
    tmp = Path(tempfile.mkdtemp(prefix="l10n-scale-"))
    base = tmp / "base"
    (base / "source").mkdir(parents=True)
    (base / "source" / "report.md").write_text(corpus(args.copies), encoding="utf-8")
    (base / "l10n.toml").write_text(CONFIG.format(locales=str(LOCALES).replace("'", '"'), models=packages))
    update(load_config(base), locales=LOCALES)

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    # seq1: one process, CTranslate2 on one thread: separates the gain of running
    # pairs side by side from that of avoiding intra-op threads on a busy machine.
    paths = {"seq": dict(workers=1), "seq1": dict(workers=1), "w2": dict(workers=2), "ray": dict(cluster="auto")}
    times: dict[str, list[float]] = {k: [] for k in paths}
    reference = None
    units = 0
    for rep in range(args.repeat):
        for name, options in paths.items():
            root = fresh_project(base, tmp / name)
            if name == "seq1":
                with open(root / "l10n.toml", "a", encoding="utf-8") as f:
                    f.write("intra_threads = 1\n")
            t = time.perf_counter()
            results = translate(load_config(root), locales=LOCALES, today=lambda: dt.date(2026, 12, 1), **options)
            times[name].append(time.perf_counter() - t)
            units = sum(r.units for r in results)
            got = catalogs(root)
            reference = reference or got
            assert got == reference, f"{name}: catalogs differ from the first run's"
            print(f"run {rep + 1} {name}: {times[name][-1]:.1f} s", flush=True)

    best = {k: min(v) for k, v in times.items()}
    print(f"\n{units} sentences into {len(LOCALES)} locales ({units // len(LOCALES)} per locale), "
          f"min of {args.repeat} interleaved runs:")
    for name in paths:
        print(f"  {name:4s} {best[name]:6.1f} s  {units / best[name]:6.1f} sentences/s  "
              f"x{best['seq'] / best[name]:.2f} of sequential   runs: {', '.join(f'{t:.1f}' for t in times[name])}")
    overhead(packages, base, load_config, ray)
    ray.shutdown()
    shutil.rmtree(tmp, ignore_errors=True)


def overhead(packages: Path, base: Path, load_config, ray) -> None:
    """Per-batch cost of the Ray path: the same batches in-process and through one actor."""
    from l10n.mt.batches import BatchTask, LoadedModel, plan_pair
    from l10n.mt.ray_backend import RayPool
    from l10n.mt.translate_units import PairTranslation
    from l10n.pipeline.translate import make_engine

    config = load_config(base)
    engine = make_engine(config, "argos")
    units = list(dict.fromkeys(e.msgid for e in __import__("l10n.catalog", fromlist=["read_catalog"]).read_catalog(
        base / "locales" / "ko" / "LC_MESSAGES" / "report.po") if e.msgid))
    plan = plan_pair(engine, PairTranslation(engine, units, "en", "ko").plain, "en", "ko")
    local = LoadedModel(plan.package.path, intra_threads=1)
    pool = RayPool("auto", device="cpu", intra_threads=1)
    pool.load(0, plan)
    pool.wait([pool.submit(0, plan.batches[0])])  # actor started and model loaded
    t = time.perf_counter()
    for task in plan.batches:
        local.run(task)
    t_local = time.perf_counter() - t
    t = time.perf_counter()
    for task in plan.batches:
        pool.wait([pool.submit(0, task)])
    t_ray = time.perf_counter() - t
    # The fixed cost alone: a one-sentence batch (the shortest), 50 times each way.
    tiny = BatchTask(plan.batches[0].pieces[:1], plan.batches[0].spans[:1],
                     engine.decode_options(len(plan.batches[0].pieces[0]), ""), "", engine.length_penalty)
    t = time.perf_counter()
    for _ in range(50):
        local.run(tiny)
    t_local_tiny = (time.perf_counter() - t) / 50
    t = time.perf_counter()
    for _ in range(50):
        pool.wait([pool.submit(0, tiny)])
    t_ray_tiny = (time.perf_counter() - t) / 50
    pool.close()
    n = len(plan.batches)
    print(f"\nRay per-batch overhead (one actor, one batch at a time, {n} batches of ~"
          f"{plan.tokens // n} tokens): in-process {1000 * t_local / n:.1f} ms/batch, "
          f"Ray {1000 * t_ray / n:.1f} ms/batch, overhead {1000 * (t_ray - t_local) / n:.1f} ms/batch")
    print(f"one-sentence batch ({len(tiny.pieces[0])} tokens): in-process {1000 * t_local_tiny:.1f} ms, "
          f"Ray {1000 * t_ray_tiny:.1f} ms, overhead {1000 * (t_ray_tiny - t_local_tiny):.1f} ms")


if __name__ == "__main__":
    main()
