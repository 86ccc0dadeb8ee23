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
    TM_PREFIX,
    UNTRANSLATED,
    comment_lines,
    entry_state,
    fuzzy_origin,
)
from ..config import Config
from ..render.review import Flag, ReviewRow, render_review_page
from .paths import catalog_path, source_documents
from .status import locale_catalogs, source_msgids

_SCORE = re.compile(r"\bscore=([0-9.]+)")
# "check: error[placeholders]: message", as a QA annotation writes it; l10n's
# own MT and merge checks write "check: message" (a real problem: an error).
_CHECK = re.compile(r"(error|warning)\[([\w-]+)\]:?\s*(.*)", re.S)
PROVENANCE_PREFIXES = (MT_PREFIX, TM_PREFIX)


def entry_flags(entry) -> list[Flag]:
    """The findings recorded in an entry's ``check:`` comment lines."""
    flags = []
    for line in comment_lines(entry):
        if not line.startswith(CHECK_PREFIX):
            continue
        text = line[len(CHECK_PREFIX):].strip()
        match = _CHECK.fullmatch(text)
        flags.append(Flag(match.group(2), match.group(1), match.group(3)) if match else Flag("check", "error", text))
    return flags


def review_row(entry, *, locale: str, catalog: str, msgid: str | None = None) -> ReviewRow:
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
        findings=entry_flags(entry),
    )


def queue_order(row: ReviewRow) -> tuple:
    """Flagged first (errors, then warnings), then lowest score first (no score
    last), then catalog and line, the line compared as a number."""
    severity = 0 if any(f.severity == "error" for f in row.findings) else 1 if row.findings else 2
    return (severity, row.score is None, row.score or 0.0, row.catalog, row.line, row.msgid)


def review_queue(config: Config, *, locales: Sequence[str] | None = None) -> list[ReviewRow]:
    """Every entry of the chosen locales that waits for a person, in review order."""
    rows = []
    for locale, doc, po in locale_catalogs(config, locales):
        if po is None:
            continue
        shown = config.relative(catalog_path(config, locale, doc))
        rows.extend(
            review_row(entry, locale=locale, catalog=shown)
            for entry in po
            if not entry.obsolete and entry.msgid and entry_state(entry) == FUZZY
        )
    rows.sort(key=queue_order)
    return rows


def review_page_path(config: Config, locale: str, doc: str) -> Path:
    return config.output_dir / "review" / locale / f"{doc}.html"


def write_review_pages(config: Config, *, locales: Sequence[str] | None = None) -> list[Path]:
    """One bilingual page per locale and document, sentences in source order;
    returns the pages written (unchanged ones are left alone)."""
    msgids = source_msgids(config)
    refs = {doc.name: doc.ref for doc in source_documents(config)}
    written = []
    for locale, doc, po in locale_catalogs(config, locales):
        path = catalog_path(config, locale, doc)
        shown = config.relative(path)
        index = {e.msgid: e for e in po if not e.obsolete and e.msgctxt is None} if po is not None else {}
        rows = [review_row(index.get(m), locale=locale, catalog=shown, msgid=m) for m in msgids[doc]]
        html = render_review_page(rows, locale=locale, doc=doc, catalog=shown,
                                  source_ref=refs[doc], source_locale=config.source_language, project=config.project)
        out = review_page_path(config, locale, doc)
        if write_if_changed(out, html.encode("utf-8"), durable=False):
            written.append(out)
    return written
