"""One locale's findings, the same for ``l10n check``, the review queue and the review pages.

A translated entry's findings are the QA checks' (every catalog of the
locale checked together, against its glossary, so the length check sees the
locale's typical ratio) plus the facts an earlier step recorded in its
``check:`` comment lines that no check can recompute (words Apertium did not
know, a number changed by a source edit).  ``check --annotate`` writes only
the live ones, since the recorded ones are comment lines already.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..catalog import Catalog, Entry
from ..catalog.entry import Key
from ..catalog.state import CHECK_PREFIX
from ..config import Config
from ..locales import normalize_locale
from ..qa import Finding, Pair, check_pairs
from ..qa.annotate import is_recomputed
from ..terms import load_termbase

# "check: error[placeholders]: message", as ``l10n check --annotate`` writes it.
_ANNOTATION = re.compile(r"(error|warning)\[([\w-]+)\]:?\s*(.*)", re.S)
# Other ``check:`` lines record facts no check recomputes: (start, check, severity).
_RECORDED = (
    ("numbers changed in the source", "source-numbers", "error"),  # l10n update, on a carry-over
    ("unknown words", "unknown-words", "warning"),  # Apertium did not know these words
    ("words not inflected", "not-inflected", "warning"),  # Apertium's "#" marks
)
#: The names of the checks that only report what an earlier step recorded.
RECORDED_CHECK_NAMES = frozenset(name for _, name, _ in _RECORDED)


def recorded_findings(entry) -> list[Finding]:
    """Findings recorded in the entry's ``check:`` comment lines that the QA
    checks cannot recompute (``is_recomputed`` lines are redone live)."""
    found = []
    for line in entry.check_lines:
        if is_recomputed(line):
            continue
        text = line[len(CHECK_PREFIX):].strip()
        match = _ANNOTATION.fullmatch(text)
        if match:
            found.append(Finding(match.group(2), match.group(1), match.group(3)))
            continue
        check, severity = next(((c, s) for start, c, s in _RECORDED if text.startswith(start)), ("note", "warning"))
        found.append(Finding(check, severity, text))
    return found


@dataclass
class EntryCheck:
    """One translated entry of a locale and what is known to be wrong with it."""

    doc: str
    entry: Entry
    live: list[Finding] = field(default_factory=list)  # recomputed now by the QA checks
    recorded: list[Finding] = field(default_factory=list)  # from its check: comment lines

    @property
    def findings(self) -> list[Finding]:
        return self.live + [f for f in self.recorded if f not in self.live]


def locale_findings(config: Config, locale: str, catalogs: Sequence[tuple[str, Catalog | None]]) -> list[EntryCheck]:
    """Every translated active entry of one locale's catalogs (``(doc, po)``
    pairs; a None po is skipped), in catalog order, with its findings."""
    termbase = load_termbase(config, locale) or None
    checked = [EntryCheck(doc, entry) for doc, po in catalogs if po is not None
               for entry in po if not entry.obsolete and entry.msgid and entry.msgstr]
    canonical = normalize_locale(locale)
    live = check_pairs([Pair(c.entry.msgid, c.entry.msgstr, canonical, termbase) for c in checked])
    for c, found in zip(checked, live):
        c.live = list(found)
        c.recorded = recorded_findings(c.entry)
    return checked


def findings_by_key(checked: Sequence[EntryCheck]) -> dict[tuple[str, Key], list[Finding]]:
    """``(doc, entry key)`` -> findings, for the entries that have any.  The
    entry's part is the Catalog's own key (``Entry.key``), so "no context"
    means what it means in ``Catalog.get``: ``None``, never ``""``."""
    return {(c.doc, c.entry.key): c.findings for c in checked if c.findings}
