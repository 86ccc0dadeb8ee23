"""``l10n status``: how far each locale's catalogs are, per document."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass

from ..catalog import read_catalog
from ..catalog.state import FUZZY, REVIEWED, entry_state, is_machine_draft
from ..config import Config
from ..placeholders import strip_placeholders
from ..qa import blocking_findings
from .paths import catalog_path, source_documents

_WORD = re.compile(r"\w+")


@dataclass
class StatusRow:
    locale: str
    doc: str
    units: int = 0
    words: int = 0
    reviewed: int = 0
    fuzzy: int = 0
    machine: int = 0  # fuzzy entries that are machine drafts (subset of fuzzy)
    untranslated: int = 0
    reviewed_words: int = 0
    exists: bool = True
    # Translated without the fuzzy flag, but failing an error-level check
    # (broken placeholders, a lost number or URL): not counted as reviewed.
    failing: int = 0

    @property
    def percent_reviewed(self) -> float:
        return 100.0 * self.reviewed / self.units if self.units else 100.0

    def as_dict(self) -> dict:
        data = asdict(self)
        data["percent_reviewed"] = round(self.percent_reviewed, 1)
        return data


def count_words(msgid: str) -> int:
    return len(_WORD.findall(strip_placeholders(msgid)))


def catalog_status(po, locale: str, doc: str) -> StatusRow:
    row = StatusRow(locale, doc)
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        row.units += 1
        words = count_words(entry.msgid)
        row.words += words
        state = entry_state(entry)
        if state == REVIEWED and blocking_findings(entry.msgid, entry.msgstr, locale=locale):
            row.failing += 1
        elif state == REVIEWED:
            row.reviewed += 1
            row.reviewed_words += words
        elif state == FUZZY:
            row.fuzzy += 1
            row.machine += is_machine_draft(entry)
        else:
            row.untranslated += 1
    return row


def failing_entries(po, locale: str) -> dict[str, tuple[int, list]]:
    """Entries without the fuzzy flag that fail an error-level check, which
    status and build do not count as reviewed: msgid -> (line, findings)."""
    found = {}
    for entry in po:
        if not entry.obsolete and not entry.msgctxt and entry_state(entry) == REVIEWED:
            failed = blocking_findings(entry.msgid, entry.msgstr, locale=locale)
            if failed:
                found[entry.msgid] = (entry.linenum, failed)
    return found


def locale_catalogs(config: Config, locales: Sequence[str] | None = None) -> Iterator[tuple[str, str, object]]:
    """``(locale, doc, po)`` for every chosen locale and document; ``po`` is None
    where the catalog does not exist yet."""
    docs = source_documents(config)
    for locale in locales or config.locales:
        for doc in docs:
            path = catalog_path(config, locale, doc.name)
            po = read_catalog(path, display_path=config.relative(path)) if path.exists() else None
            yield locale, doc.name, po


def status(config: Config, *, locales: Sequence[str] | None = None) -> list[StatusRow]:
    return [
        catalog_status(po, locale, doc) if po is not None else StatusRow(locale, doc, exists=False)
        for locale, doc, po in locale_catalogs(config, locales)
    ]


@dataclass
class DraftRow:
    """A machine draft waiting for review, for sorting by confidence."""

    locale: str
    reference: str  # first "#:" reference, e.g. "source/report.md:12"
    score: float | None
    problems: list[str]
    msgid: str
    msgstr: str

    def as_dict(self) -> dict:
        return asdict(self)


_SCORE = re.compile(r"\bscore=([0-9.]+)")


def machine_drafts(config: Config, *, locales: Sequence[str] | None = None) -> list[DraftRow]:
    """Machine drafts of the chosen locales: flagged ones first, then lowest score first."""
    from ..catalog.state import CHECK_PREFIX, MT_PREFIX, comment_lines

    rows = []
    for locale, doc, po in locale_catalogs(config, locales):
        for entry in po or ():
            if entry.obsolete or not is_machine_draft(entry):
                continue
            lines = comment_lines(entry)
            mt = next((line for line in lines if line.startswith(MT_PREFIX)), "")
            match = _SCORE.search(mt)
            ref = ":".join(entry.occurrences[0]) if entry.occurrences else doc
            problems = [line[len(CHECK_PREFIX):].strip() for line in lines if line.startswith(CHECK_PREFIX)]
            rows.append(DraftRow(locale, ref, float(match.group(1)) if match else None, problems,
                                 entry.msgid, entry.msgstr))
    rows.sort(key=lambda r: (not r.problems, r.score if r.score is not None else 2.0, r.locale, r.reference))
    return rows


def locale_percent(rows: Sequence[StatusRow]) -> float:
    units = sum(r.units for r in rows)
    return 100.0 * sum(r.reviewed for r in rows) / units if units else 100.0
