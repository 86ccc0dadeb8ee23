"""Tune the fuzzy carry-over threshold on realistic edits of the report.

For every sentence of the report, make edits a report really gets after
translators start (a corrected figure, a fixed typo, an inserted word, an
added clause, a re-spelled name, a cut clause) and heavy rewrites, and pair
every sentence with every other sentence (unrelated units).  Print, for each
candidate threshold, how many real edits keep their old translation as a
fuzzy suggestion and how many unrelated or rewritten sentences would wrongly
inherit one.

Run: python bench/fuzzy/tune.py [source.md]
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

from rapidfuzz import fuzz

from l10n.formats import read_document
from l10n.placeholders import strip_placeholders
from l10n.segment import extract_units

ROOT = Path(__file__).resolve().parents[2]


def small_edits(s: str, rng: random.Random) -> list[tuple[str, str]]:
    out = []
    numbers = re.findall(r"\d+", s)
    if numbers:
        n = numbers[0]
        out.append(("number corrected", s.replace(n, str(int(n) + 1), 1)))
    words = s.split()
    if len(words) > 4:
        i = rng.randrange(1, len(words) - 1)
        w = words[i]
        if len(w) > 3:
            typo = w[:-2] + w[-1] + w[-2]
            out.append(("typo fixed", " ".join(words[:i] + [typo] + words[i + 1 :])))
        out.append(("word inserted", " ".join(words[:i] + ["reportedly"] + words[i:])))
        out.append(("word replaced", " ".join(words[:i] + ["several"] + words[i + 1 :])))
    out.append(("clause added", s.rstrip(".”") + ", the group said."))
    if "," in s:
        head, _, tail = s.partition(",")
        cut = tail.split(",", 1)
        if len(cut) == 2:
            out.append(("clause cut", head + "," + cut[1]))
    out.append(("punctuation", s.replace(",", ";", 1) if "," in s else s.rstrip(".") + "!"))
    return out


def rewrites(s: str, rng: random.Random) -> list[tuple[str, str]]:
    words = s.split()
    if len(words) < 6:
        return []
    half = words[:]
    for i in rng.sample(range(len(words)), len(words) // 2):
        half[i] = rng.choice(["people", "report", "government", "said", "in", "the", "country"])
    return [("half the words rewritten", " ".join(half)), ("second half replaced", " ".join(words[: len(words) // 2] + ["were", "never", "found", "by", "anyone", "at", "all."]))]


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else next((ROOT / "source").glob("*.md"))
    sentences = [strip_placeholders(u.msgid) for u in extract_units(read_document(source))]
    sentences = [s for s in dict.fromkeys(sentences) if len(s.split()) >= 3]
    rng = random.Random(7)
    edits = [(kind, s, t) for s in sentences for kind, t in small_edits(s, rng)]
    bad = [(kind, s, t) for s in sentences for kind, t in rewrites(s, rng)]
    unrelated = [("unrelated sentence", a, b) for a in sentences for b in sentences if a != b]
    score = lambda pair: fuzz.ratio(pair[1], pair[2])  # noqa: E731
    print(f"{len(sentences)} sentences, {len(edits)} real edits, {len(bad)} rewrites, {len(unrelated)} unrelated pairs")
    print(f"{'threshold':>9} {'edits kept':>11} {'rewrites carried':>17} {'unrelated carried':>18}")
    for threshold in (50, 60, 65, 70, 75, 80, 85, 90):
        kept = sum(score(p) >= threshold for p in edits)
        wrong = sum(score(p) >= threshold for p in bad)
        wrong_u = sum(score(p) >= threshold for p in unrelated)
        print(f"{threshold:>9} {kept:>5}/{len(edits):<5} {wrong:>8}/{len(bad):<8} {wrong_u:>9}/{len(unrelated):<8}")
    print("\nlowest-scoring real edits:")
    for p in sorted(edits, key=score)[:5]:
        print(f"  {score(p):5.1f} {p[0]}: {p[2][:70]!r}")
    print("highest-scoring unrelated/rewritten pairs:")
    for p in sorted(bad + unrelated, key=score, reverse=True)[:5]:
        print(f"  {score(p):5.1f} {p[0]}: {p[1][:35]!r} ~ {p[2][:35]!r}")


if __name__ == "__main__":
    main()
