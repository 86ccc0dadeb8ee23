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

from ..catalog import write_if_changed
from ..catalog.state import (
    CHECK_PREFIX,
    FUZZY,
    MT_PREFIX,
    REVIEWED,
    TM_PREFIX,
    UNTRANSLATED,
    comment_lines,
    entry_state,
    fuzzy_origin,
)
from ..config import Config
from ..terms import load_termbase
from ..qa import check_catalog
from ..qa.annotate import is_recomputed
from ..render.review import Flag, ReviewRow, render_review_page
from .paths import catalog_path, source_documents
from .status import locale_catalogs, source_msgids

_SCORE = re.compile(r"\bscore=([0-9.]+)")
# "check: error[placeholders]: message", as ``l10n check --annotate`` writes it.
_ANNOTATION = re.compile(r"(error|warning)\[([\w-]+)\]:?\s*(.*)", re.S)
# Other ``check:`` lines record facts no check recomputes: (start, check, severity).
_RECORDED = (
    ("numbers changed in the source", "source-numbers", "error"),  # l10n update, on a carry-over
    ("unknown words", "unknown-words", "warning"),  # Apertium did not know these words
    ("words not inflected", "not-inflected", "warning"),  # Apertium's "#" marks
)
PROVENANCE_PREFIXES = (MT_PREFIX, TM_PREFIX)


def comment_flags(entry) -> list[Flag]:
    """Findings recorded in the entry's ``check:`` comment lines that the QA
    checks cannot recompute (``is_recomputed`` lines are redone live)."""
    flags = []
    for line in comment_lines(entry):
        if not line.startswith(CHECK_PREFIX) or is_recomputed(line):
            continue
        text = line[len(CHECK_PREFIX):].strip()
        match = _ANNOTATION.fullmatch(text)
        if match:
            flags.append(Flag(match.group(2), match.group(1), match.group(3)))
            continue
        check, severity = next(((c, s) for start, c, s in _RECORDED if text.startswith(start)), ("note", "warning"))
        flags.append(Flag(check, severity, text))
    return flags


def locale_findings(config: Config, locale: str, catalogs: Sequence) -> dict[tuple[str, str | None, str], list[Flag]]:
    """Live QA findings plus recorded ones, by ``(doc, msgctxt, msgid)``, for
    every translated entry of one locale's catalogs (``(doc, po)`` pairs)
    checked together, as ``l10n check`` does, against the locale's glossary."""
    termbase = load_termbase(config, locale) or None
    found: dict[tuple[str, str | None, str], list[Flag]] = {}
    for doc, po in catalogs:
        live = check_catalog(po, locale=locale, termbase=termbase)
        for entry in po:
            if entry.obsolete or not entry.msgid:
                continue
            flags = [Flag(f.check, f.severity, f.message) for f in live.get((entry.msgctxt, entry.msgid), ())]
            flags += [f for f in comment_flags(entry) if f not in flags]
            if flags:
                found[(doc, entry.msgctxt, entry.msgid)] = flags
    return found


def review_row(entry, *, locale: str, catalog: str, findings: list[Flag], msgid: str | None = None) -> ReviewRow:
    """What a reviewer needs to know about one entry (None: not in the catalog)."""
    if entry is None:
        return ReviewRow(locale, catalog, 0, "", UNTRANSLATED, msgid or "", "", merged=False)
    lines = comment_lines(entry)
    state = entry_state(entry)
    kind = fuzzy_origin(entry) if state == FUZZY else state
    mt = next((line for line in lines if line.startswith(MT_PREFIX)), "")
    score = _SCORE.search(mt)
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
    """Every entry of the chosen locales that waits for a person, in review
    order: the fuzzy ones, and reviewed ones that fail an error-level check
    (status and build do not count those as reviewed)."""
    rows = []
    for locale, catalogs in _by_locale(config, locales).items():
        findings = locale_findings(config, locale, [(doc, po) for doc, po in catalogs if po is not None])
        for doc, po in catalogs:
            shown = config.relative(catalog_path(config, locale, doc))
            for entry in po or ():
                if entry.obsolete or not entry.msgid:
                    continue
                flags = findings.get((doc, entry.msgctxt, entry.msgid), [])
                state = entry_state(entry)
                if state == FUZZY or (state == REVIEWED and any(f.severity == "error" for f in flags)):
                    rows.append(review_row(entry, locale=locale, catalog=shown, findings=flags))
    rows.sort(key=queue_order)
    return rows


def _by_locale(config: Config, locales: Sequence[str] | None) -> dict[str, list[tuple[str, object]]]:
    """Every chosen locale's ``(doc, po)`` pairs, all parsed before anything is used."""
    found: dict[str, list[tuple[str, object]]] = {}
    for locale, doc, po in locale_catalogs(config, locales):
        found.setdefault(locale, []).append((doc, po))
    return found


def review_page_path(config: Config, locale: str, doc: str) -> Path:
    return config.output_dir / "review" / locale / f"{doc}.html"


def write_review_pages(config: Config, *, locales: Sequence[str] | None = None) -> list[Path]:
    """One bilingual page per locale and document, sentences in source order;
    returns the pages written (unchanged ones are left alone)."""
    msgids = source_msgids(config)
    refs = {doc.name: doc.ref for doc in source_documents(config)}
    written = []
    for locale, catalogs in _by_locale(config, locales).items():
        findings = locale_findings(config, locale, [(doc, po) for doc, po in catalogs if po is not None])
        for doc, po in catalogs:
            shown = config.relative(catalog_path(config, locale, doc))
            index = {e.msgid: e for e in po if not e.obsolete and e.msgctxt is None} if po is not None else {}
            rows = [
                review_row(index.get(m), locale=locale, catalog=shown, msgid=m,
                           findings=findings.get((doc, None, m), []))
                for m in msgids[doc]
            ]
            html = render_review_page(rows, locale=locale, doc=doc, catalog=shown, source_ref=refs[doc],
                                      source_locale=config.source_language, project=config.project)
            out = review_page_path(config, locale, doc)
            if write_if_changed(out, html.encode("utf-8"), durable=False):
                written.append(out)
    return written
