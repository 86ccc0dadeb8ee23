"""Numbers and dates: each one of the source is in the translation, in a form
the target locale writes it (``l10n.quantities`` says which forms count)."""

from __future__ import annotations

import re

from ..quantities import find_quantities, quantity_accepted, render_quantity
from .findings import ERROR, Finding, Pair

NAME = "numbers"
_SHOWN = re.compile(r"\d[\d.,\u00a0\u202f]*\d|\d")


def check_numbers(pair: Pair) -> list[Finding]:
    findings = []
    for q in find_quantities(pair.source):
        if quantity_accepted(q, pair.translation, pair.locale):
            continue
        has = ", ".join(dict.fromkeys(_SHOWN.findall(pair.translation))) or "no number"
        what = "date" if q.kind == "date" else "number"
        findings.append(Finding(
            NAME, ERROR,
            f"{what} {q.text} missing in translation ({pair.locale} writes it "
            f"{render_quantity(q, pair.locale)!r}; translation has {has})"))
    return findings
