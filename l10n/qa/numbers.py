"""Numbers and dates: each one of the source is in the translation, in a form
the target locale writes it (``l10n.quantities`` says which forms count).

A lost number is an error, except a whole number up to ten (``3 times``):
many languages' style writes those in words (*tres veces*, *세 번*), which
no locale data here can read back, so that is only a warning.
"""

from __future__ import annotations

import re

from ..quantities import find_quantities, numbers_written_as_is, quantity_accepted, render_quantity
from .findings import ERROR, WARNING, Finding, Pair

NAME = "numbers"
_SHOWN = re.compile(r"\d[\d.,\u00a0\u202f]*\d|\d")


def check_numbers(pair: Pair) -> list[Finding]:
    if numbers_written_as_is(pair.source, pair.translation):  # the common case, in microseconds
        return []
    findings = []
    for q in find_quantities(pair.source):
        if quantity_accepted(q, pair.translation, pair.locale):
            continue
        shown = [n if len(n) <= 16 else n[:15] + "…" for n in dict.fromkeys(_SHOWN.findall(pair.translation))]
        has = ", ".join(shown[:8]) + (", …" if len(shown) > 8 else "") if shown else "no number"
        what = "date" if q.kind == "date" else "number"
        in_words = q.kind in ("number", "ordinal") and q.unit is None and q.value <= 10 and q.value % 1 == 0
        findings.append(Finding(
            NAME, WARNING if in_words else ERROR,
            f"{what} {q.text} missing in translation ({pair.locale} writes it "
            f"{render_quantity(q, pair.locale)!r}; translation has {has})"
            + ("; written in words?" if in_words else "")))
    return findings
