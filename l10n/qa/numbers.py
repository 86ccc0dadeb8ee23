"""Numbers and dates: each one of the source is in the translation, in a form
the target locale writes it (``l10n.quantities`` says which forms count).

A lost or changed number is an error.  Two cases are only warnings: a
number the translation still writes exactly as the English source does
(``1.2 million`` or ``Jan. 5`` left as they are in a Korean sentence: not
lost, but not how the locale writes it), and a lost whole number up to ten
(``3 times``), which many languages' style writes in words (*tres veces*,
*세 번*) that no locale data here can read back.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..quantities import (
    find_quantities,
    numbers_written_as_is,
    quantity_accepted,
    render_quantity,
    written_as_in_source,
)
from ..errors import quoted
from .findings import ERROR, WARNING, Finding, Pair

NAME = "numbers"
_SHOWN = re.compile(r"\d[\d.,\u00a0\u202f]*\d|\d")


def check_numbers(pair: Pair) -> list[Finding]:
    if numbers_written_as_is(pair.source, pair.translation):  # the common case, in microseconds
        return []
    return number_findings(pair)


def number_errors(pair: Pair) -> list[Finding]:
    """The error-level findings of ``check_numbers`` only (what status and build
    block on), without composing the warnings' messages (Babel's date formats)."""
    if numbers_written_as_is(pair.source, pair.translation):
        return []
    return number_findings(pair, errors_only=True)


def number_findings(pair: Pair, *, errors_only: bool = False) -> list[Finding]:
    """The check quantity by quantity, without ``check_numbers``' shortcut (which
    must give the same findings: tests/qa/test_fast_paths.py compares them)."""
    findings = []
    for q in find_quantities(pair.source):
        as_in_source = written_as_in_source(q, pair.translation)
        if errors_only and as_in_source:
            # Accepted or a warning: no error either way, and the check is a
            # substring scan where ``quantity_accepted`` may load Babel's locale data.
            continue
        if quantity_accepted(q, pair.translation, pair.locale):
            continue
        in_words = q.kind in ("number", "ordinal") and q.unit is None and isinstance(q.value, Decimal) and q.value <= 10 and q.value % 1 == 0
        if errors_only and (as_in_source or in_words):
            continue  # a warning
        shown = [n if len(n) <= 16 else n[:15] + "…" for n in dict.fromkeys(_SHOWN.findall(pair.translation))]
        has = ", ".join(shown[:8]) + (", …" if len(shown) > 8 else "") if shown else "no number"
        what = "date" if q.kind == "date" else "number"
        form = render_quantity(q, pair.locale)
        if as_in_source:
            findings.append(Finding(NAME, WARNING, f"{what} {q.text} written as in the source; "
                                                   f"{pair.locale} writes it {quoted(form)}"))
            continue
        findings.append(Finding(
            NAME, WARNING if in_words else ERROR,
            f"{what} {q.text} missing in translation ({pair.locale} writes it {quoted(form)}; translation has {has})"
            + ("; written in words?" if in_words else "")))
    return findings
