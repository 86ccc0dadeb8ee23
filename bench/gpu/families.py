"""GPU run for the model families: an NLLB-600M-shaped model, float16 and int8_float16.

NOT YET RUN: no GPU was lent while it was written.  One command, about 5
minutes on one H100/H200 after ``pip install -e .`` (the PyPI ctranslate2 4.x
wheel is CUDA-enabled and needs libcublas.so.12: ``pip install
nvidia-cublas-cu12`` and its lib directory on LD_LIBRARY_PATH)::

    python bench/gpu/families.py                 # --copies 20 (the report x 20, ~4,000 sentences)
    python bench/gpu/families.py --quick         # a 1-minute smoke run

Model: bench/families/run.py's "nllb" shape (12+12 layers, d_model 1024, FFN
4096, 16 heads, 256,206-token vocabulary, random weights saved int8, EOS
biased away, min = max decoding length 1.3 x the batch's longest source),
laid out as a converted NLLB folder and added with ``add_model``.  For each
compute type (float16, int8_float16) and each token budget of ``--sweep``:

  ours   ``translate_units(engine, units)`` with ``device="cuda"``: framing
         (eng_Latn ... </s>, target prefix kor_Hang), mask, batches,
         attention, restore, verification
  floor  the same planned batches straight to ``translate_batch``

Prints sentences per second and ours / floor (goal <= 1.05), and the token
budget that is fastest, to compare with l10n.mt.device.GPU_MAX_BATCH_TOKENS.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "families"))

from run import OUT, build, report_units  # noqa: E402  (puts the repo, tests/ and bench/mt on sys.path)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--sweep", default="4096,8192,16384")
    ap.add_argument("--compute", default="float16,int8_float16")
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()

    import ctranslate2
    from build_base_model import english_sentencepiece

    from l10n.mt.add import add_model
    from l10n.mt.argos import ArgosEngine
    from l10n.mt.batches import LoadedModel, plan_pair
    from l10n.mt.device import resolve_device
    from l10n.mt.markup import mask
    from l10n.mt.translate_units import translate_units

    assert resolve_device("cuda") == "cuda"
    print("GPU:", ctranslate2.get_cuda_device_count(), "device(s); compute types",
          sorted(ctranslate2.get_supported_compute_types("cuda")))
    base = report_units()
    copies = 1 if args.quick else args.copies
    units = [u if i == 0 else re_tag(u, i) for i in range(copies) for u in base]
    folder = build("nllb", args.quick, english_sentencepiece())
    models = OUT / "gpu-installed"
    model = add_model(folder, models)
    plain = [mask(u).plain for u in units]
    print(f"{len(units)} sentences; model {model.size / 1e9:.2f} GB on disk")
    print("| compute | budget | ours s | floor s | ours / floor | sentences/s |")
    print("|---|---|---|---|---|---|")
    for compute in args.compute.split(","):
        for budget in [int(b) for b in args.sweep.split(",")]:
            options = dict(device="cuda", compute_type=compute, beam_size=4, length_penalty=0.2,
                           max_decoding_length_ratio=1.3, max_decoding_length_extra=0,
                           min_decoding_length_ratio=1.3, max_batch_tokens=budget)
            engine = ArgosEngine(models / "none", models_dir=models, choice={("en", "ko"): model.name}, **options)
            engine.translate(plain[:8], "en", "ko")  # load and warm up outside the timing
            t0 = time.perf_counter()
            translate_units(engine, units, "en", "ko")
            ours = time.perf_counter() - t0
            plan = plan_pair(engine, plain, "en", "ko")
            floor_model = LoadedModel(model.path, device="cuda", compute_type=compute)
            floor_model.run(plan.batches[0])
            t0 = time.perf_counter()
            for task in plan.batches:
                floor_model.translator.translate_batch([list(p) for p in task.pieces],
                                                       target_prefix=[[task.prefix]] * len(task.pieces),
                                                       **task.options)
            floor = time.perf_counter() - t0
            print(f"| {compute} | {budget} | {ours:.2f} | {floor:.2f} | {ours / floor:.3f} | "
                  f"{len(units) / ours:.1f} |", flush=True)
            del engine, floor_model


def re_tag(unit: str, i: int) -> str:
    """A distinct copy of a sentence (the engine dedupes equal ones)."""
    return f"{unit} ({i})"


if __name__ == "__main__":
    main()
