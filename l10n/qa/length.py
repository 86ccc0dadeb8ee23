"""Length-ratio outliers, a catalog-level check.

Each translation's length (characters, placeholders left out) over its
source's is compared with the locale's typical ratio: the median of the
catalog's own entries when it has at least ``MIN_SAMPLE`` long enough ones,
else a prior for the script (Chinese runs about a third of English, Korean
and Japanese under half, alphabetic scripts a little over one).  An entry is
an outlier when it is off the typical ratio by a factor of ``FACTOR`` and,
with a sample, by more than ``ROBUST_Z`` median absolute deviations: a
truncated or doubled translation, not a terse one.  Short sources (headings,
names) vary too much to judge and are left out.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from statistics import median

from ..locales import script_of
from ..placeholders import strip_placeholders
from .findings import WARNING, Finding, Pair

NAME = "length"
MIN_SOURCE = 30  # characters
MIN_SAMPLE = 8
FACTOR = 2.0
ROBUST_Z = 3.5
_PRIOR = {"Hans": 0.32, "Hant": 0.32, "Hani": 0.32, "Jpan": 0.45, "Kore": 0.45, "Hang": 0.45}


def _ratio(pair: Pair) -> float | None:
    source = len(strip_placeholders(pair.source).strip())
    if source < MIN_SOURCE or not pair.translation.strip():
        return None
    return max(len(strip_placeholders(pair.translation).strip()), 1) / source


def check_lengths(pairs: Sequence[Pair]) -> dict[int, list[Finding]]:
    """Findings by index into ``pairs`` (one locale's entries)."""
    ratios = {i: r for i, p in enumerate(pairs) if (r := _ratio(p)) is not None}
    if not ratios:
        return {}
    logs = {i: math.log(r) for i, r in ratios.items()}
    locale = pairs[next(iter(ratios))].locale
    if len(logs) >= MIN_SAMPLE:
        center = median(logs.values())
        mad = median(abs(v - center) for v in logs.values())
        limit = max(math.log(FACTOR), ROBUST_Z * mad / 0.6745)
        basis = f"the catalog's median ratio is {math.exp(center):.2f}"
    else:
        center = math.log(_PRIOR.get(script_of(locale), 1.1))
        limit = math.log(FACTOR * 1.25)
        basis = f"a typical ratio for {locale} is {math.exp(center):.2f}"
    found: dict[int, list[Finding]] = {}
    for i, value in logs.items():
        if abs(value - center) > limit:
            how = "long" if value > center else "short"
            found[i] = [Finding(NAME, WARNING,
                                f"translation unusually {how}: {ratios[i]:.2f} times the source's length ({basis})")]
    return found
