"""Build a random-weight Argos-architecture package for benchmarks.

Transformer base (6+6 layers, d_model 512, FFN 2048, 8 heads), a
SentencePiece model trained on generated text (8k pieces) with the
vocabulary padded to 32k so the output layer costs what a real model's
does, int8 weights.  EOS is biased away so the model never stops early:
the benchmark fixes decode lengths with min = max decoding length.

    python bench/mt/build_base_model.py            # -> bench/mt/out/packages
"""
from __future__ import annotations

import argparse
import random
import shutil
import time
from pathlib import Path

from _common import WORK, generate_sentences
from tiny_model import build_package_dir, train_sentencepiece


#: Transformer base as Argos ships it; EOS biased away (fixed decode lengths).
BASE_MODEL = dict(layers=(6, 6), d_model=512, heads=8, ffn=2048, eos_bias=-1e4)


def base_sentencepiece(sp_vocab: int = 8000) -> Path:
    """The benchmark SentencePiece model (trained once, cached in out/)."""
    sp = WORK / "base-sentencepiece.model"
    if not sp.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        lines = generate_sentences(30000, seed=1, markup=False)
        rng = random.Random(2)
        lines += [" ".join(rng.choice(lines).split()[::-1]) for _ in range(5000)]
        train_sentencepiece(sp, vocab_size=sp_vocab, lines=lines)
    return sp


def _docstring_sentences() -> list[str]:
    """English prose sentences from the docstrings of the local Python installation."""
    import ast
    import os
    import re
    import sysconfig

    wordlike = re.compile(r"^[A-Za-z][A-Za-z'’-]*[,.;:]?$")
    out = []
    for dirpath, dirnames, filenames in os.walk(sysconfig.get_paths()["stdlib"]):  # includes site-packages
        dirnames.sort()
        if Path(dirpath).name.startswith("test"):
            continue
        for fname in sorted(filenames):
            if not fname.endswith(".py"):
                continue
            try:
                tree = ast.parse(Path(dirpath, fname).read_text(encoding="utf-8"))
            except (SyntaxError, UnicodeDecodeError, ValueError, OSError):
                continue
            for node in ast.walk(tree):
                if not isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                    continue
                doc = ast.get_docstring(node)
                for para in re.split(r"\n\s*\n", doc or ""):
                    for sent in re.split(r"(?<=[.!?])\s+", " ".join(para.split())):
                        words = sent.split()
                        if len(words) >= 6 and sum(bool(wordlike.match(w)) for w in words) > 0.85 * len(words):
                            out.append(sent)
    return out


def english_sentencepiece(vocab: int = 32000) -> Path:
    """A 32k SentencePiece model trained on real English (docstrings of the local
    Python installation, ~14 MB; ~1.7 pieces per word on the report, close to a
    real Argos model, where the pseudo-word model above gives ~3.7).  Cached."""
    sp = WORK / "english-sentencepiece.model"
    if not sp.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        train_sentencepiece(sp, vocab_size=vocab, lines=_docstring_sentences())
    return sp


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--packages-dir", type=Path, default=WORK / "packages")
    ap.add_argument("--vocab", type=int, default=32000, help="target vocabulary size (padded)")
    ap.add_argument("--sp-vocab", type=int, default=8000, help="SentencePiece pieces actually trained")
    ap.add_argument("--quantization", default="int8")
    args = ap.parse_args()

    t0 = time.perf_counter()
    args.packages_dir.mkdir(parents=True, exist_ok=True)
    sp = base_sentencepiece(args.sp_vocab)
    pkg = args.packages_dir / "translate-en_xx-1_0"
    shutil.rmtree(pkg, ignore_errors=True)
    build_package_dir(pkg, "en", "xx", sp_model=sp, seed=0, quantization=args.quantization,
                      pad_vocab_to=args.vocab, **BASE_MODEL)
    print(f"built {pkg} in {time.perf_counter() - t0:.1f}s")


if __name__ == "__main__":
    main()
