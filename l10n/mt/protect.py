"""Protect glossary terms, dates and numbers of a unit through machine translation.

Why wrap, not replace: each protected span of the source (a glossary term, a
date, a number) is wrapped in a new pair placeholder (``<7>Chin State</7>``)
numbered after the unit's own.  The engine still sees the whole sentence,
term included, so its grammar around the term stays natural; the wrapper
travels like any inline tag (Argos: re-inserted from the attention
alignment, Apertium: kept as a superblank), and afterwards the text inside
it is put right:

- a term: the glossary target, or the source text for a do-not-translate
  entry.  When the engine's text already contains it, the engine's text is
  kept (a Korean particle glued to the name survives); when it contains the
  English term, only that is replaced; otherwise the whole wrapped text is.
- a date or number: the target locale's form from Babel
  (``l10n.quantities.render_quantity``), by the same three steps; for a
  number "already contains it" means any form the locale accepts other than
  the English spelling (``120만`` for 1.2 million), for a date only the form
  Babel gives.

So every protected term of the source is in the draft exactly as the glossary
says, and ``Protected.context`` (what was put back) is part of the MT cache
key: a glossary edit that changes what a unit gets changes its
key, and units without terms keep their cache entries.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from l10n.placeholders import PLACEHOLDER_RE, escape_text, pair_pattern, remove_placeholder, strip_placeholders

if TYPE_CHECKING:
    from l10n.quantities import Quantity
    from l10n.terms import Termbase

# Bump when what protect/unprotect produce changes, so cached drafts made
# under the old rules are not served.
SCHEME = "protect-1"

# Quantities whose localized form is safe to impose; an ordinal's suffix
# (30th, 30번째, 第30) is the translator's, so ordinals are left to the draft's verification.
_PROTECTED_KINDS = frozenset({"number", "percent", "currency", "year", "date"})


@dataclass(frozen=True)
class Fill:
    """One protected span: wrapped in ``<id>...</id>`` for the engine."""

    id: int
    kind: str  # "term" or a quantity kind ("date", "number", ...)
    source: str  # the span as the source writes it (unit form)
    text: str  # what the draft must contain (unit form)
    label: str  # glossary source term, or the quantity as written
    quantity: Quantity | None = None  # for dates and numbers


@dataclass(frozen=True)
class Protected:
    unit: str  # the unit as extracted
    text: str  # what the engine gets: the unit with fills wrapped
    fills: tuple[Fill, ...] = ()
    locale: str | None = None

    @property
    def context(self) -> str:
        """What the MT cache key adds to the unit: what was put back ("" if nothing)."""
        if not self.fills:
            return ""
        put_back = [[f.id, f.kind, f.source, f.text] for f in self.fills]
        return f"{SCHEME}\x1f{json.dumps(put_back, ensure_ascii=False)}"

    @property
    def terms(self) -> tuple[str, ...]:
        """The glossary source terms applied, in order, once each."""
        return tuple(dict.fromkeys(f.label for f in self.fills if f.kind == "term"))


def protect_unit(unit: str, termbase: Termbase | None = None, *, locale: str | None = None) -> Protected:
    """Wrap the glossary terms (``termbase``) and, given a target ``locale``,
    the dates and numbers of ``unit`` for an engine."""
    spans: list[tuple[int, int, str, str, str, Quantity | None]] = []  # start, end, kind, text, label, q
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        # A span must not overlap another or cut through inline markup.
        return (all(end <= s or start >= e for s, e in taken)
                and PLACEHOLDER_RE.search(unit, start, end) is None)

    if termbase is not None and len(termbase):
        for match in termbase.find(unit):
            if free(match.start, match.end):
                term = match.term
                text = match.text if term.target is None else escape_text(term.target)
                spans.append((match.start, match.end, "term", text, term.source, None))
                taken.append((match.start, match.end))
    if locale is not None and any(c.isdigit() for c in unit):
        from l10n.quantities import find_quantities, render_quantity

        for q in find_quantities(unit):
            if q.kind in _PROTECTED_KINDS and free(q.start, q.end):
                spans.append((q.start, q.end, q.kind, escape_text(render_quantity(q, locale)), q.text, q))
                taken.append((q.start, q.end))
    if not spans:
        return Protected(unit, unit, (), locale)
    spans.sort()
    next_id = max((int(m.group(2)) for m in PLACEHOLDER_RE.finditer(unit)), default=0) + 1
    parts: list[str] = []
    fills: list[Fill] = []
    last = 0
    for start, end, kind, text, label, quantity in spans:
        parts += [unit[last:start], f"<{next_id}>", unit[start:end], f"</{next_id}>"]
        fills.append(Fill(next_id, kind, unit[start:end], text, label, quantity))
        next_id += 1
        last = end
    parts.append(unit[last:])
    return Protected(unit, "".join(parts), tuple(fills), locale)


def _find(needle: str, content: str, fill: Fill) -> int:
    """Where ``needle`` is in ``content`` (-1 if not); a number must not be
    part of a longer one (3 is not in 30 or 3.5)."""
    if fill.quantity is None:
        return content.find(needle)
    m = re.search(rf"(?<![\d.,]){re.escape(needle)}(?![\d]|[.,]\d)", content)
    return m.start() if m else -1


def _satisfied(fill: Fill, content: str, locale: str | None) -> bool:
    """Whether the engine's wrapped text already says what the fill must."""
    if _find(fill.text, content, fill) >= 0:
        return True
    # Dates: only the locale's own form counts ("febrero 26, 2019" has every
    # part of the date but is not how Spanish writes it).
    if fill.quantity is not None and fill.kind != "date" and locale is not None:
        from l10n.quantities import quantity_accepted

        # The source's own spelling (3.5 for 3,5) is accepted by QA but is
        # not the locale's form: only other forms keep the engine's text.
        return (_find(fill.source, content, fill) < 0
                and quantity_accepted(fill.quantity, strip_placeholders(content), locale))
    return False


def _put_back(fill: Fill, content: str, locale: str | None) -> str:
    if _satisfied(fill, content, locale):
        return content
    at = _find(fill.source, content, fill)
    if at >= 0:  # the engine copied the English: replace just that
        return content[:at] + fill.text + content[at + len(fill.source):]
    # Keep any inline tag the engine moved inside, after the fill.
    return fill.text + "".join(m.group(0) for m in PLACEHOLDER_RE.finditer(content))


def _capitalize_at_start(text: str, start: int) -> str:
    """Upper-case a put-back word that now begins the sentence (marzo -> Marzo),
    but not a name cased inside (iPhone, eBay)."""
    before = strip_placeholders(text[:start])
    if any(ch.isalnum() for ch in before) or start >= len(text) or not text[start].islower():
        return text
    first_word = text[start:].split(maxsplit=1)[0]
    if any(ch.isupper() for ch in first_word):
        return text
    return text[:start] + text[start].upper() + text[start + 1:]


def unprotect(translation: str, protected: Protected) -> str:
    """The draft with every fill put back and its wrapper removed.

    A wrapper the engine lost is only removed: the draft's verification (the
    glossary and numbers checks of ``l10n check``) then reports the term,
    date or number it lacks."""
    text = translation
    for fill in protected.fills:
        m = pair_pattern(fill.id).search(text)
        if m is None:
            text = remove_placeholder(text, fill.id)
            continue
        content = m.group(1)
        new = _put_back(fill, content, protected.locale)
        text = text[: m.start()] + new + text[m.end():]
        if new is not content:
            text = _capitalize_at_start(text, m.start())
    return text
