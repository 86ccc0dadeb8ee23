"""``l10n glossary import``: bring a TBX termbase into the locales' glossary CSV files.

The CSV in ``locales/<locale>/glossary.csv`` stays the one glossary l10n
reads: importing appends the TBX's terms for each locale to it, so the result
is reviewed and versioned like any edit.  A term the CSV already has is
kept as it is (the project's own decision wins) and counted, never
overwritten; existing lines are not rewritten.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..catalog.io import write_if_changed
from ..config import Config
from ..errors import GlossaryError
from ..terms import COLUMNS, Term, load_termbase, read_tbx, read_termbase, termbase_path


@dataclass
class GlossaryImport:
    locale: str
    path: Path  # the locale's glossary.csv
    added: int = 0
    kept: int = 0  # TBX terms the glossary already had (with its own target)


def _csv_rows(terms: Sequence[Term]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows([t.source, t.target or "", t.note] for t in terms)
    return out.getvalue()


def import_tbx(config: Config, tbx_file: Path, *, locales: Sequence[str]) -> list[GlossaryImport]:
    """Append the terms of ``tbx_file`` for each of ``locales`` to its glossary."""
    shown = config.relative(tbx_file)
    try:
        data = tbx_file.read_bytes()
    except OSError as exc:
        raise GlossaryError(f"cannot read: {exc.strerror}", path=shown) from None
    # Read everything first: a bad file stops the command before anything is written.
    plans = []
    for locale in locales:
        incoming = read_tbx(data, path=shown, locale=locale, source_language=config.source_language)
        plans.append((locale, incoming, load_termbase(config, locale)))
    results = []
    for locale, incoming, existing in plans:
        path = termbase_path(config, locale)
        result = GlossaryImport(locale, path)
        results.append(result)
        known = {t.source.casefold() for t in existing}
        new = [t for t in incoming if t.source.casefold() not in known]
        result.kept = len(incoming) - len(new)
        result.added = len(new)
        if not new:
            continue
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        if old and not old.endswith("\n"):
            old += "\n"
        text = (old or ",".join(COLUMNS) + "\n") + _csv_rows(new)
        read_termbase(text, path=config.relative(path))  # what is written reads back
        write_if_changed(path, text.encode("utf-8"))
    return results
