"""``l10n review``: the review queue and the bilingual review pages.

The queue lists every entry waiting for a person (fuzzy: machine drafts,
memory matches, translations carried over from an edited sentence, anything
else marked fuzzy), flagged ones first (errors before warnings), then the
lowest machine confidence first, then by catalog and line.  The pages show a
document's sentences in source order with each one's state, provenance and
findings (``render.review``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from typing import Any

from ..catalog import write_if_changed
from ..catalog.entry import Key
from ..catalog.state import FUZZY, MT_PREFIX, TM_PREFIX, UNTRANSLATED
from ..config import Config
from ..render.review import Flag, ReviewRow, render_review_page
from .findings import findings_by_key, locale_findings, recorded_findings
from .paths import catalog_path, review_page_path, source_documents
from .status import FAILING, locale_catalogs, source_msgids, unit_states

_SCORE = re.compile(r"\bscore=([0-9.]+)")
PROVENANCE_PREFIXES = (MT_PREFIX, TM_PREFIX)


def comment_flags(entry) -> list[Flag]:
    """Findings recorded in the entry's ``check:`` comment lines (``findings.recorded_findings``)."""
    return [Flag(f.check, f.severity, f.message) for f in recorded_findings(entry)]


def locale_flags(config: Config, locale: str, catalogs: Sequence) -> dict[tuple[str, Key], list[Flag]]:
    """``l10n check``'s findings (``findings.locale_findings``) by ``(doc, entry key)``."""
    return {key: [Flag(f.check, f.severity, f.message) for f in found]
            for key, found in findings_by_key(locale_findings(config, locale, catalogs)).items()}


def review_row(entry, *, locale: str, catalog: str, findings: list[Flag], msgid: str | None = None,
               state: str | None = None) -> ReviewRow:
    """What a reviewer needs to know about one entry (None: not in the catalog);
    ``state``: the unit's state as ``status.unit_states`` counts it, when known."""
    if entry is None:
        return ReviewRow(locale, catalog, 0, "", UNTRANSLATED, msgid or "", "", merged=False)
    lines = entry.comment_lines
    state = state or entry.state
    kind = entry.fuzzy_origin if state == FUZZY else state
    score = _SCORE.search(entry.provenance or "")
    return ReviewRow(
        locale,
        catalog,
        entry.linenum,
        ":".join(entry.occurrences[0]) if entry.occurrences else "",
        kind,
        entry.msgid,
        entry.msgstr,
        previous_msgid=entry.previous_msgid or "",
        provenance=[line for line in lines if line.startswith(PROVENANCE_PREFIXES)],
        score=float(score.group(1)) if score else None,
        findings=findings,
    )


def queue_order(row: ReviewRow) -> tuple:
    """Flagged first (errors, then warnings), then lowest score first (no score
    last), then catalog and line, the line compared as a number."""
    severity = 0 if any(f.severity == "error" for f in row.findings) else 1 if row.findings else 2
    return (severity, row.score is None, row.score or 0.0, row.catalog, row.line, row.msgid)


def review_queue(config: Config, *, locales: Sequence[str] | None = None) -> list[ReviewRow]:
    """Every unit of the chosen locales that waits for a person, in review
    order: the drafts (fuzzy entries) and the reviewed translations that fail
    an error-level check, counted as ``status.unit_states`` counts them, so
    the queue is as long as status's fuzzy and errors columns together."""
    msgids = source_msgids(config)
    rows = []
    for locale, catalogs in _by_locale(config, locales).items():
        findings = locale_flags(config, locale, catalogs)
        for doc, po in catalogs:
            if po is None:
                continue
            shown = config.relative(catalog_path(config, locale, doc))
            for msgid, (state, entry) in unit_states(po, msgids[doc], locale).items():
                if state in (FUZZY, FAILING):
                    rows.append(review_row(entry, locale=locale, catalog=shown, state=state,
                                           findings=findings.get((doc, entry.key), [])))
    rows.sort(key=queue_order)
    return rows


def _by_locale(config: Config, locales: Sequence[str] | None) -> dict[str, list[tuple[str, Any]]]:
    """Every chosen locale's ``(doc, po)`` pairs, all parsed before anything is used."""
    found: dict[str, list[tuple[str, Any]]] = {}
    for locale, doc, po in locale_catalogs(config, locales):
        found.setdefault(locale, []).append((doc, po))
    return found


def write_review_pages(config: Config, *, locales: Sequence[str] | None = None) -> list[Path]:
    """One bilingual page per locale and document, sentences in source order;
    returns the pages written (unchanged ones are left alone)."""
    msgids = source_msgids(config)
    refs = {doc.name: doc.ref for doc in source_documents(config)}
    written = []
    for locale, catalogs in _by_locale(config, locales).items():
        findings = locale_flags(config, locale, catalogs)
        for doc, po in catalogs:
            shown = config.relative(catalog_path(config, locale, doc))
            rows = [
                review_row(entry, locale=locale, catalog=shown, msgid=m, state=state,
                           findings=findings.get((doc, (None, m)), []))
                for m, (state, entry) in unit_states(po, msgids[doc], locale).items()
            ]
            html = render_review_page(rows, locale=locale, doc=doc, catalog=shown, source_ref=refs[doc],
                                      source_locale=config.source_language, project=config.project)
            out = review_page_path(config, locale, doc)
            if write_if_changed(out, html.encode("utf-8"), durable=False):
                written.append(out)
    return written
