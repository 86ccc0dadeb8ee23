"""Shared helpers for the MT benchmarks (not part of the library)."""
from __future__ import annotations

import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# tests/ cannot be imported as a package (argostranslate ships a top-level
# "tests" package in site-packages that shadows it), so load by path.
sys.path.insert(0, str(REPO / "tests" / "mt"))
sys.path.insert(0, str(REPO))

WORK = Path(__file__).resolve().parent / "out"  # git-ignored (/bench/**/out/)

_SYLLABLES = [a + b for a in "bcdfghklmnprstvz" for b in ("a", "e", "i", "o", "u", "an", "er", "is", "on")]
_COMMON = ("the of and to in for with on by from at as that this these which are was were be "
           "report data model table figure page study results energy water price market city").split()


def pseudo_word(rng: random.Random) -> str:
    if rng.random() < 0.45:
        return rng.choice(_COMMON)
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 4)))


def generate_sentences(n: int, seed: int = 7, *, markup: bool = True) -> list[str]:
    """Report-like sentences of 4..45 words; every 4th has inline placeholders."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        words = [pseudo_word(rng) for _ in range(min(45, max(4, int(rng.lognormvariate(2.9, 0.5)))))]
        if i % 6 == 0:
            words.insert(rng.randrange(len(words)), f"{rng.randint(1, 9999):,}")
        if markup and i % 4 == 0 and len(words) > 3:
            a = rng.randrange(len(words) - 2)
            b = rng.randint(a + 1, min(len(words), a + 4))
            words[a] = "<1>" + words[a]
            words[b - 1] = words[b - 1] + "</1>"
        out.append(" ".join(words).capitalize() + ".")
    return out
