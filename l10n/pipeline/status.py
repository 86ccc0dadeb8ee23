"""``l10n status``: how far each locale's catalogs are, per document.

``unit_states`` is the one definition of what is counted, used by status,
build (and so run), the review queue and the review pages: the units are the
distinct sentences of each source as it is now, and each is in one state:

* ``reviewed``: translated, no fuzzy flag, passes the error-level checks;
* ``failing`` (the *errors* column): translated with no fuzzy flag but
  failing an error-level check; not counted as reviewed, not published,
  listed in the review queue;
* ``fuzzy`` (*drafts*): a translation waiting for a person (machine drafts,
  the *(mt)* column, are a subset); listed in the review queue;
* ``untranslated``: no translation, or no entry yet (*unmerged*: the source
  changed since the last ``l10n update``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass

from typing import Any

from ..catalog import read_catalog
from ..catalog.entry import Key
from ..catalog.state import FUZZY, REVIEWED, UNTRANSLATED
from ..config import Config
from ..placeholders import strip_placeholders
from ..qa import blocking_by_key
from .paths import catalog_path, source_documents

_WORD = re.compile(r"\w+")


@dataclass
class StatusRow:
    locale: str
    doc: str
    units: int = 0
    words: int = 0  # 0 where the caller did not ask for words (``build``: its summary has none)
    reviewed: int = 0
    fuzzy: int = 0
    machine: int = 0  # fuzzy entries that are machine drafts (subset of fuzzy)
    untranslated: int = 0
    reviewed_words: int = 0
    exists: bool = True
    # Sentences of the current source with no entry in the catalog yet: the
    # source was edited after the last ``l10n update`` (counted as untranslated).
    unmerged: int = 0
    # Translated without the fuzzy flag, but failing an error-level check
    # (broken placeholders, a lost number or URL): not counted as reviewed.
    failing: int = 0

    @property
    def waiting(self) -> int:
        """Units in the review queue: the drafts and the reviewed translations that fail a check."""
        return self.fuzzy + self.failing

    @property
    def percent_reviewed(self) -> float:
        return 100.0 * self.reviewed / self.units if self.units else 100.0

    def as_dict(self) -> dict:
        data = asdict(self)
        # A document without units is not "100% reviewed": there is nothing to review.
        data["percent_reviewed"] = round(self.percent_reviewed, 1) if self.units else None
        return data


def count_words(msgid: str) -> int:
    # Without a "<" there is no placeholder to strip (tokenize's own shortcut, without its list).
    return len(_WORD.findall(strip_placeholders(msgid) if "<" in msgid else msgid))


#: A translation without the fuzzy flag that fails an error-level check.
FAILING = "failing"


def unit_states(
    po, msgids: Iterable[str], locale: str, *, failing: Collection[str] | None = None
) -> dict[str, tuple[str, Any]]:
    """Each distinct sentence of the source as it is now (``msgids``) -> its
    state (reviewed, failing, fuzzy, untranslated) and its catalog entry
    (None where the catalog ``po``, or the entry, does not exist yet).
    ``failing``: the msgids whose reviewed translation fails an error-level
    check (computed when not given)."""
    if failing is None:
        failing = failing_entries(po, locale) if po is not None else {}
    states: dict[str, tuple[str, Any]] = {}
    for msgid in dict.fromkeys(msgids):
        entry = po.get(msgid) if po is not None else None
        state = entry.state if entry is not None else UNTRANSLATED
        states[msgid] = (FAILING if state == REVIEWED and msgid in failing else state, entry)
    return states


def source_status(
    po, msgids: Iterable[str], locale: str, doc: str, *, failing: Collection[str] | None = None,
    with_words: bool = True,
) -> StatusRow:
    """Counts of ``unit_states``: the sentences of the source as it is now
    (``msgids``), each looked up in the catalog ``po`` (None: no catalog yet).
    A sentence the catalog lacks is untranslated and ``unmerged``; entries of
    sentences that left the source do not count.  ``with_words=False`` leaves the
    word counts 0: counting them (a Unicode regex over every sentence) is about
    3% of a build, whose summary shows none."""
    row = StatusRow(locale, doc, exists=po is not None)
    for msgid, (state, entry) in unit_states(po, msgids, locale, failing=failing).items():
        row.units += 1
        words = count_words(msgid) if with_words else 0
        row.words += words
        if state == FAILING:
            row.failing += 1
        elif state == REVIEWED:
            row.reviewed += 1
            row.reviewed_words += words
        elif state == FUZZY:
            row.fuzzy += 1
            row.machine += entry.is_machine_draft
        else:
            row.untranslated += 1
            row.unmerged += entry is None
    return row


def source_msgids(config: Config) -> dict[str, list[str]]:
    """The distinct sentences of every source document as it is now, by document."""
    from .sources import Sources

    sources = Sources(config)
    return {doc.name: list(dict.fromkeys(u.msgid for u in sources.units(doc))) for doc in source_documents(config)}


def failing_entries(po, locale: str) -> dict[str, tuple[int, list]]:
    """Entries without the fuzzy flag that fail an error-level check, which
    status and build do not count as reviewed: msgid -> (line, findings)."""
    chosen = reviewed_entries(po)
    failed = blocking_by_key(((key, e.msgid, e.msgstr) for key, e in chosen.items()), locale=locale)
    return {key[1]: (chosen[key].linenum, findings) for key, findings in failed.items()}


def reviewed_entries(po) -> dict[Key, Any]:
    """The entries ``failing_entries`` checks: active, without a context, reviewed."""
    return {(e.msgctxt, e.msgid): e for e in po if not e.obsolete and e.msgctxt is None and e.state == REVIEWED}


def locale_catalogs(config: Config, locales: Sequence[str] | None = None) -> Iterator[tuple[str, str, Any]]:
    """``(locale, doc, po)`` for every chosen locale and document; ``po`` is None
    where the catalog does not exist yet."""
    docs = source_documents(config)
    for locale in locales or config.locales:
        for doc in docs:
            path = catalog_path(config, locale, doc.name)
            po = read_catalog(path, display_path=config.relative(path)) if path.exists() else None
            yield locale, doc.name, po


def status(config: Config, *, locales: Sequence[str] | None = None) -> list[StatusRow]:
    """One row per locale and document, counted against the current source."""
    msgids = source_msgids(config)
    return [source_status(po, msgids[doc], locale, doc) for locale, doc, po in locale_catalogs(config, locales)]


def locale_totals(locale: str, rows: Sequence[StatusRow]) -> StatusRow:
    """One locale's rows added up (``doc`` is ``*``): the counts every command prints."""
    total = StatusRow(locale, "*", exists=any(r.exists for r in rows))
    for name in ("units", "words", "reviewed", "fuzzy", "machine", "untranslated", "reviewed_words", "unmerged",
                 "failing"):
        setattr(total, name, sum(getattr(r, name) for r in rows))
    return total


def locale_percent(rows: Sequence[StatusRow]) -> float:
    units = sum(r.units for r in rows)
    return 100.0 * sum(r.reviewed for r in rows) / units if units else 100.0
