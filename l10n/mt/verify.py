"""Verify a machine draft with the checks ``l10n check`` runs.

There is one verifier: the entry checks of ``l10n.qa`` (placeholders,
numbers, URLs, punctuation, white space, identical text, glossary).  A draft
gets one problem per finding, written as ``l10n check`` writes it
(``error[placeholders]: placeholder <1> encloses no text ...``), so the
``check:`` lines of a fresh draft are the ones ``l10n check`` would put
there, and the errors among them are the ones that keep it out of an
edition once reviewed.  The draft is verified against the unit as
extracted (what ``check`` sees), with the target locale's number forms
accepted as ``check`` accepts them.

Problems that only the engine knows (words Apertium marked as unknown) are
not findings; they are kept beside them and cached with the draft.
Findings are never cached: they are recomputed for every result, cached or
not, so a draft cached before a check changed is judged by today's checks.
"""

from __future__ import annotations

from collections.abc import Sequence

from l10n.catalog.state import CHECK_PREFIX
from l10n.locales import normalize_locale
from l10n.qa import check_entry
from l10n.qa.annotate import finding_label, is_recomputed


#: What the checks judge a draft by when neither the catalog's locale nor the
#: engine's target code is a locale Babel knows (an engine's own code, ``spa``):
#: alphabetic end punctuation and the source's number forms, which hold for most
#: targets.  (CLDR's ``root`` is no language, and locale ids are checked as such.)
FALLBACK_CHECK_LOCALE = "en"


def check_locale(locale: str | None, target: str) -> str:
    """The Babel locale the checks judge a draft for: the catalog's locale, else
    the engine's target code when Babel knows it (``es``, ``ko``), else ``FALLBACK_CHECK_LOCALE``."""
    for candidate in (locale, target):
        if candidate:
            try:
                return normalize_locale(candidate)
            except ValueError:
                continue
    return FALLBACK_CHECK_LOCALE


def verify_draft(source_unit: str, draft: str, *, locale: str, termbase=None) -> list[str]:
    """The problems of ``draft`` as ``l10n check`` words its findings; [] if none."""
    return [finding_label(f) for f in check_entry(source_unit, draft, locale=locale, termbase=termbase)]


def engine_facts(problems: Sequence[str]) -> list[str]:
    """The problems a check cannot recompute (unknown words), from a cached list;
    what an older version's verification cached with the draft is dropped."""
    return [p for p in problems if not is_recomputed(f"{CHECK_PREFIX} {p}")]
