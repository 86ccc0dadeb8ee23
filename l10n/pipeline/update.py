"""``l10n update``: merge fresh templates into every locale's catalogs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..catalog import MemoryEntry, MergeReport, catalog_text, read_catalog, translation_memory, update_catalog, write_if_changed
from ..config import Config
from .exchange import tmx_memory
from .extract import extract, write_templates
from .paths import catalog_path


@dataclass
class UpdateResult:
    locale: str
    doc: str
    path: Path
    report: MergeReport
    changed: bool
    created: bool


def _now() -> datetime:
    return datetime.now(timezone.utc)


def update(
    config: Config,
    *,
    locales: Sequence[str] | None = None,
    check: bool = False,
    clock: Callable[[], datetime] = _now,
) -> tuple[list, list[UpdateResult]]:
    """Extract templates, then create or merge each locale's catalogs.

    With ``check``, nothing is written; ``changed`` says what would change.
    Every catalog is parsed before any is written, so a malformed file stops
    the run with nothing changed.
    """
    # Read everything first: a malformed catalog stops the run before any
    # file (templates included) is written.
    templates = extract(config, write=False)
    chosen = list(locales or config.locales)
    plans = []
    for locale in chosen:
        for t in templates:
            path = catalog_path(config, locale, t.doc.name)
            display = config.relative(path)
            old = read_catalog(path, display_path=display) if path.exists() else None
            plans.append((locale, t, path, old))
    if not check:
        write_templates(templates)
    # One memory per locale from all its catalogs; a document's own entries
    # never reach it, since exact msgids are merged (or revived) first.
    memories = {
        locale: translation_memory(
            [(config.relative(p), o) for loc, _, p, o in plans if loc == locale and o is not None]
        )
        for locale in chosen
    }
    # TMX files added with `l10n import` come after the project's own reviewed entries.
    for locale in chosen:
        for source, translation, origin in tmx_memory(config, locale):
            memories[locale].setdefault(source, MemoryEntry(translation, origin))
    results = []
    for locale, t, path, old in plans:
        po, report = update_catalog(
            t.template, old, locale=locale, project=config.project, memory=memories[locale]
        )
        # Serialize with the old revision date first: equal text means nothing
        # changed, and the file is left alone (no timestamp churn).
        old_date = old.metadata.get("PO-Revision-Date", "") if old is not None else ""
        po.metadata["PO-Revision-Date"] = old_date
        text = catalog_text(po)
        changed = old is None or text != catalog_text(old)
        if changed:
            new_date = clock().strftime("%Y-%m-%d %H:%M%z")
            po.metadata["PO-Revision-Date"] = new_date
            text = text.replace(f'"PO-Revision-Date: {old_date}\\n"', f'"PO-Revision-Date: {new_date}\\n"', 1)
            if not check:
                write_if_changed(path, text.encode("utf-8"))
        results.append(UpdateResult(locale, t.doc.name, path, report, changed, old is None))
    return templates, results
