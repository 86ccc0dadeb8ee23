"""Every CTranslate2 family at real shapes: ``translate_units`` vs the raw ``translate_batch`` floor.

Not a test.  For each family a model of the real one's shape (layers,
d_model, FFN, heads, vocabulary) is written with random weights, saved int8,
laid out as its converted folder (the family's tokenizer file names and
language tokens) and added with ``l10n.mt.add.add_model``.  Then, on the
report's sentences (placeholders masked away, as the engine gets them):

  ours   ``translate_units(engine, units)``: the family's framing, mask,
         dedupe, length sort, 1,024-token batches, attention for tags,
         restore, verification; no cache
  floor  the same batches (``plan_pair``: same framed tokens, same decode
         options) sent straight to ``translate_batch``, nothing else

EOS is biased away and min = max decoding length (1.3 x the batch's longest
source), so both paths decode the same number of steps; ratios compare
overhead, not luck.  Interleaved runs, the minimum of ``--repeat`` kept.

    python bench/families/run.py                       # all families, real shapes (~15 min on 2 cores)
    python bench/families/run.py --families nllb --sentences 40
    python bench/families/run.py --small               # a 1-minute smoke run (d_model 64)

Caveat: MADLAD-400 is a T5 (RMSNorm, relative attention, gated FFN); here it
is a standard Transformer of MADLAD-3B's width with fewer layers (see
SHAPES): its cost is an estimate.  Quality cannot be measured with random
weights (docs/models.md says how to measure it with real ones).
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(REPO), str(REPO / "tests"), str(REPO / "tests" / "mt"), str(REPO / "bench" / "mt")]

from family_models import LAYOUT  # noqa: E402
from tiny_model import build_ct2_model, sp_vocabulary  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"

#: family -> (layers (enc, dec), d_model, ffn, heads, vocabulary), from the public configs.
SHAPES = {
    "marian": ((6, 6), 512, 2048, 8, 60_000),  # opus-mt-en-ko (Transformer base)
    "quickmt": ((8, 2), 1024, 4096, 16, 32_000),  # quickmt-en-ko: deep encoder, shallow decoder
    "nllb": ((12, 12), 1024, 4096, 16, 256_206),  # nllb-200-distilled-600M
    "m2m100": ((12, 12), 1024, 4096, 16, 128_112),  # m2m100_418M
    "madlad": ((8, 8), 1024, 8192, 16, 256_000),  # MADLAD-3B's width, 8 of its 32 layers (see caveat)
}
SMALL = ((2, 2), 64, 128, 4, 8_000)


def report_units() -> list[str]:
    from l10n.formats import read_document
    from l10n.mt.markup import mask
    from l10n.segment import extract_units

    path = REPO / "source" / "hrw-north-korea-world-report-2020.md"
    units = [u.msgid for u in extract_units(read_document(path))]
    return list(dict.fromkeys(u for u in units if mask(u).plain.strip()))


def build(family: str, small: bool, sp_model: Path) -> Path:
    layers, d, ffn, heads, vocab = SMALL if small else SHAPES[family]
    folder = OUT / ("small" if small else "real") / LAYOUT[family][0]
    if (folder / "model.bin").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    name, (src_tok, tgt_tok), tokens, licence = LAYOUT[family]
    t0 = time.perf_counter()
    build_ct2_model(folder, sp_vocabulary(sp_model) + tokens, layers=layers, d_model=d, heads=heads, ffn=ffn,
                    quantization="int8", eos_bias=-1e4, pad_vocab_to=vocab, seed=7)
    for f in {src_tok, tgt_tok}:
        shutil.copyfile(sp_model, folder / f)
    (folder / "README.md").write_text(f"---\nlicense: {licence}\n---\n", encoding="utf-8")
    print(f"  built {family} {layers} d{d} ffn{ffn} vocab {vocab}: {time.perf_counter() - t0:.0f} s", flush=True)
    return folder


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--families", default=",".join(SHAPES))
    ap.add_argument("--sentences", type=int, default=60, help="report sentences (distinct, first N)")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--small", action="store_true")
    ap.add_argument("--threads", type=int, default=int(os.environ.get("BENCH_THREADS", "2")))
    args = ap.parse_args()

    from l10n.mt.add import add_model
    from l10n.mt.argos import ArgosEngine
    from l10n.mt.batches import LoadedModel, plan_pair
    from l10n.mt.translate_units import translate_units

    OUT.mkdir(parents=True, exist_ok=True)
    from build_base_model import english_sentencepiece  # 32k pieces of real English, cached in bench/mt/out

    sp_model = english_sentencepiece()
    units = report_units()[: args.sentences]
    rows = []
    for family in args.families.split(","):
        folder = build(family, args.small, sp_model)
        models = OUT / ("small" if args.small else "real") / "installed"
        model = add_model(folder, models / family)
        options = dict(beam_size=4, length_penalty=0.2, max_decoding_length_ratio=1.3, max_decoding_length_extra=0,
                       min_decoding_length_ratio=1.3, intra_threads=args.threads)
        engine = ArgosEngine(models / "none", models_dir=models / family, choice={("en", "ko"): model.name},
                             **options)
        from l10n.mt.markup import mask

        plain = [mask(u).plain for u in units]
        plan = plan_pair(engine, plain, "en", "ko")
        floor_model = LoadedModel(model.path, intra_threads=args.threads)
        tokens = sum(b.tokens for b in plan.batches)
        engine.translate(plain[:2], "en", "ko")  # load outside the timing
        ours_t, floor_t = [], []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            results = translate_units(engine, units, "en", "ko")
            ours_t.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            for task in plan.batches:
                floor_model.translator.translate_batch([list(p) for p in task.pieces],
                                                       target_prefix=[[task.prefix]] * len(task.pieces)
                                                       if task.prefix else None, **task.options)
            floor_t.append(time.perf_counter() - t0)
        assert len(results) == len(units)
        ours, floor = min(ours_t), min(floor_t)
        rows.append((family, model.size, tokens, ours, floor))
        print(f"  {family}: ours {ours:.2f} s, floor {floor:.2f} s, x{ours / floor:.3f}, "
              f"{len(units) / ours:.2f} sentences/s", flush=True)
    print(f"\n{len(units)} report sentences, beam 4, int8, {args.threads} threads, "
          f"{'small' if args.small else 'real'} shapes\n")
    print("| family | model.bin | source tokens | ours s | floor s | ours / floor | sentences/s |")
    print("|---|---|---|---|---|---|---|")
    for family, size, tokens, ours, floor in rows:
        print(f"| {family} | {size / 1e6:.0f} MB | {tokens} | {ours:.2f} | {floor:.2f} | {ours / floor:.3f} | "
              f"{len(units) / ours:.2f} |")


if __name__ == "__main__":
    main()
