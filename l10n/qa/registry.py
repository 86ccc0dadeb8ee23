"""The checks, listed explicitly, and the functions that run them.

Entry checks look at one source/translation pair; catalog checks at all the
entries of a locale at once (statistics).  ``blocking`` marks the checks that
can raise errors: ``l10n status`` and ``l10n build`` run only those, so an
entry with broken placeholders, a lost number or a lost URL is not counted
as reviewed and is not published.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..catalog.entry import Key
from ..locales import normalize_locale
from .findings import ERROR, Finding, Pair
from .glossary import check_glossary
from .identical import check_identical
from .length import check_lengths
from .links import check_links
from .markup import check_markup
from .numbers import check_numbers, number_errors
from .punctuation import check_punctuation
from .spacing import check_doubled_words, check_whitespace


@dataclass(frozen=True)
class EntryCheck:
    name: str
    run: Callable[[Pair], list[Finding]]
    blocking: bool = False  # may raise errors; status and build run it
    # The error-level findings of ``run`` only, computed cheaper (None: filter ``run``'s).
    errors: Callable[[Pair], list[Finding]] | None = None


@dataclass(frozen=True)
class CatalogCheck:
    name: str
    run: Callable[[Sequence[Pair]], dict[int, list[Finding]]]


ENTRY_CHECKS: tuple[EntryCheck, ...] = (
    EntryCheck("placeholders", check_markup, blocking=True),
    EntryCheck("numbers", check_numbers, blocking=True, errors=number_errors),
    EntryCheck("urls", check_links, blocking=True),
    EntryCheck("punctuation", check_punctuation),
    EntryCheck("whitespace", check_whitespace),
    EntryCheck("doubled-words", check_doubled_words),
    EntryCheck("identical", check_identical),
    EntryCheck("glossary", check_glossary),
)
BLOCKING_CHECKS = tuple(c for c in ENTRY_CHECKS if c.blocking)
CATALOG_CHECKS: tuple[CatalogCheck, ...] = (CatalogCheck("length", check_lengths),)
CHECK_NAMES = tuple(c.name for c in ENTRY_CHECKS) + tuple(c.name for c in CATALOG_CHECKS)


def check_pair(pair: Pair, *, blocking_only: bool = False) -> list[Finding]:
    return [f for check in ENTRY_CHECKS if check.blocking or not blocking_only for f in check.run(pair)]


def check_pairs(pairs: Sequence[Pair]) -> list[list[Finding]]:
    """Findings for each pair (all of one locale): entry checks, then catalog checks."""
    results = [check_pair(p) for p in pairs]
    for check in CATALOG_CHECKS:
        for index, found in check.run(pairs).items():
            results[index].extend(found)
    return results


def check_entry(source: str, translation: str, *, locale: str, termbase=None) -> list[Finding]:
    """Findings for one pair (no catalog-level checks); [] for an empty translation."""
    if not translation:
        return []
    return check_pair(Pair(source, translation, normalize_locale(locale), termbase))


def blocking_findings(source: str, translation: str, *, locale: str) -> list[Finding]:
    """Error-level findings only, from the checks ``status`` and ``build`` run."""
    if not translation:
        return []
    return list(_blocking(source, translation, locale))


def blocking_by_key(pairs: Iterable[tuple[Key, str, str]], *, locale: str) -> dict[Key, list[Finding]]:
    """The blocking decision for a whole catalog in one call: ``(key, source,
    translation)`` triples in, the error-level findings of those that have any
    out, by the catalog's ``Key`` and in the order given (the order the build
    reports them in).  Each pair is checked as ``blocking_findings`` checks it."""
    found: dict[Key, list[Finding]] = {}
    for key, source, translation in pairs:
        if translation:
            failed = _blocking(source, translation, locale)
            if failed:
                found[key] = list(failed)
    return found


@lru_cache(maxsize=65536)  # status and build ask about the same entries
def _blocking(source: str, translation: str, locale: str) -> tuple[Finding, ...]:
    pair = Pair(source, translation, locale)
    found: list[Finding] = []
    for check in BLOCKING_CHECKS:
        if check.errors is not None:
            found += check.errors(pair)
        else:
            found += [f for f in check.run(pair) if f.severity == ERROR]
    return tuple(found)


def check_catalog(entries: Iterable, *, locale: str, termbase=None) -> dict[tuple[str | None, str], list[Finding]]:
    """Findings by ``(msgctxt, msgid)`` for the active entries that have a translation
    (reviewed or fuzzy); entries without findings are left out."""
    locale = normalize_locale(locale)
    chosen = [e for e in entries if not e.obsolete and e.msgid and e.msgstr]
    pairs = [Pair(e.msgid, e.msgstr, locale, termbase) for e in chosen]
    return {(e.msgctxt, e.msgid): found for e, found in zip(chosen, check_pairs(pairs)) if found}
