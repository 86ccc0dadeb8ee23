"""Compare our MT path with Argos's own per-paragraph strategy and a raw floor.

All three decode the same model at the same beam size with a fixed decode
length per CTranslate2 batch (min = max = ceil(ratio * longest source in the
batch)); the benchmark model never emits EOS, so every path decodes a
comparable number of tokens and the timings compare *strategy*, not luck.

  (a) ours   translate_units(): mask, dedupe, length-sort, token batches of
             --max-batch-tokens, attention for alignment, restore, verify.
  (b) argos  what argostranslate.translate does per paragraph
             (apply_packaged_translation): sentence-split the paragraph,
             SentencePiece-encode, translate_batch(max_batch_size=32,
             batch_type="tokens", beam_size=4, length_penalty=0.2,
             replace_unknowns=True, return_scores=True) once per paragraph.
             Stanza/MiniSBD is replaced by a regex splitter.  CTranslate2
             splits each call into 32-token sub-batches internally; we issue
             those sub-batches ourselves (same sort and split rule) so each
             gets its own fixed decode length, as EOS would give it.
  (c) floor  raw translate_batch over all sentences: same sorted token
             batches as (a), no attention, no masking/verification.

Input: --sentences FILE (one per line; blank lines separate paragraphs,
otherwise every --para-size lines form a paragraph) or --generate N.

    python bench/mt/build_base_model.py
    python bench/mt/compare.py --generate 300
"""
from __future__ import annotations

import argparse
import math
import re
import time
from pathlib import Path

from _common import WORK, generate_sentences

from l10n.mt.argos import ArgosEngine, _token_batches
from l10n.mt.markup import mask
from l10n.mt.translate_units import translate_units


def read_paragraphs(path: Path | None, n: int, para_size: int) -> list[list[str]]:
    if path is None:
        lines = generate_sentences(n)
        return [lines[i : i + para_size] for i in range(0, len(lines), para_size)]
    text = path.read_text(encoding="utf-8")
    if re.search(r"\n\s*\n", text.strip()):
        return [[l.strip() for l in block.splitlines() if l.strip()] for block in re.split(r"\n\s*\n", text) if block.strip()]
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    return [lines[i : i + para_size] for i in range(0, len(lines), para_size)]


def split_sentences(paragraph: str) -> list[str]:
    # Stand-in for Argos's stanza/MiniSBD sentencizer.
    return [s for s in re.split(r"(?<=[.!?])\s+", paragraph) if s]


def fixed_len(tokens: list[list[str]], ratio: float) -> int:
    return max(1, math.ceil(ratio * max(len(t) for t in tokens)))


def run_ours(engine: ArgosEngine, units: list[str]) -> float:
    t = time.perf_counter()
    translate_units(engine, units, "en", "xx")
    return time.perf_counter() - t


def run_argos_style(translator, sp, paragraphs: list[str], beam: int, ratio: float) -> tuple[float, int]:
    t = time.perf_counter()
    calls = 0
    for paragraph in paragraphs:
        tokenized = [sp.encode(s, out_type=str) for s in split_sentences(paragraph)]
        order = sorted(range(len(tokenized)), key=lambda i: len(tokenized[i]))
        for lo, hi in _token_batches([len(tokenized[i]) for i in order], 32):
            sub = [tokenized[i] for i in order[lo:hi]]
            n = fixed_len(sub, ratio)
            translator.translate_batch(sub, replace_unknowns=True, max_batch_size=32, batch_type="tokens",
                                       beam_size=beam, num_hypotheses=1, length_penalty=0.2, return_scores=True,
                                       max_decoding_length=n, min_decoding_length=n)
            calls += 1
    return time.perf_counter() - t, calls


def run_floor(translator, sp, plain: list[str], beam: int, ratio: float, max_tokens: int,
              **options) -> tuple[float, int]:
    """Raw translate_batch over length-sorted token batches; ``options`` go to
    every call (e.g. the engine's return_attention=True, return_scores=True)."""
    t = time.perf_counter()
    tokenized = sorted((sp.encode(s, out_type=str) for s in plain), key=len)
    batches = _token_batches([len(x) for x in tokenized], max_tokens)
    for lo, hi in batches:
        sub = tokenized[lo:hi]
        n = fixed_len(sub, ratio)
        translator.translate_batch(sub, beam_size=beam, length_penalty=0.2, max_decoding_length=n,
                                   min_decoding_length=n, **options)
    return time.perf_counter() - t, len(batches)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--packages-dir", type=Path, default=WORK / "packages")
    ap.add_argument("--sentences", type=Path, help="text file, one sentence per line")
    ap.add_argument("--generate", type=int, default=300, help="generated sentences if no file")
    ap.add_argument("--para-size", type=int, default=4)
    ap.add_argument("--beam", type=int, default=4)
    ap.add_argument("--ratio", type=float, default=1.3, help="decode length / source tokens")
    ap.add_argument("--max-batch-tokens", type=int, default=None)
    ap.add_argument("--sweep", default="", help="comma list of max-batch-tokens to time with the floor path")
    ap.add_argument("--compute-type", default="int8")
    ap.add_argument("--repeat", type=int, default=2, help="runs per path (min is reported)")
    args = ap.parse_args()

    paragraphs = read_paragraphs(args.sentences, args.generate, args.para_size)
    units = [s for p in paragraphs for s in p]
    plain = [mask(u).plain for u in units]
    opts = dict(beam_size=args.beam, compute_type=args.compute_type, max_decoding_length_ratio=args.ratio,
                max_decoding_length_extra=0, min_decoding_length_ratio=args.ratio)
    if args.max_batch_tokens:
        opts["max_batch_tokens"] = args.max_batch_tokens
    engine = ArgosEngine(args.packages_dir, **opts)
    engine.translate(["warm up the model."], "en", "xx")  # load once, outside the timings
    loaded = engine._loaded[("en", "xx")]
    tr, sp = loaded.translator, loaded.sp
    n_tok = sum(len(sp.encode(s)) for s in plain)
    print(f"{len(units)} sentences in {len(paragraphs)} paragraphs, {n_tok} source tokens, "
          f"beam {args.beam}, decode length {args.ratio}x, max_batch_tokens {engine.max_batch_tokens}")

    ap_paras = [" ".join(p) for p in mask_paragraphs(paragraphs)]
    times: dict[str, list[float]] = {"a": [], "b": [], "c": []}
    for _ in range(args.repeat):  # interleaved so drift hits every path alike; min is reported
        floor_t, floor_b = run_floor(tr, sp, plain, args.beam, args.ratio, engine.max_batch_tokens)
        times["c"].append(floor_t)
        before = engine.stats[("en", "xx")].batches
        times["a"].append(run_ours(engine, units))
        ours_b = engine.stats[("en", "xx")].batches - before
        t, argos_calls = run_argos_style(tr, sp, ap_paras, args.beam, args.ratio)
        times["b"].append(t)
    ours_t, argos_t, floor_t = min(times["a"]), min(times["b"]), min(times["c"])
    rows = [("(a) ours: translate_units", ours_t, ours_b),
            ("(b) argos per-paragraph", argos_t, argos_calls),
            ("(c) floor: raw translate_batch", floor_t, floor_b)]
    print(f"{'path':34} {'seconds':>8} {'batches':>8} {'x floor':>8}")
    for name, secs, batches in rows:
        print(f"{name:34} {secs:8.2f} {batches:8d} {secs / floor_t:8.2f}")
    print(f"argos / ours = {argos_t / ours_t:.2f}   (min of {args.repeat} interleaved runs)")

    if args.sweep:
        print("\nmax_batch_tokens sweep (floor path):")
        base = None
        for mbt in [int(x) for x in args.sweep.split(",")]:
            secs, nb = run_floor(tr, sp, plain, args.beam, args.ratio, mbt)
            base = base or secs
            print(f"  {mbt:6d} tokens: {secs:7.2f}s  {nb:4d} batches  x{secs / base:.2f} of first")


def mask_paragraphs(paragraphs: list[list[str]]) -> list[list[str]]:
    return [[mask(u).plain for u in p] for p in paragraphs]


if __name__ == "__main__":
    main()
