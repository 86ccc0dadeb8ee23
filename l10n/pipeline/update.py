"""``l10n update``: merge fresh templates into every locale's catalogs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..catalog import MergeReport, catalog_text, read_catalog, translation_memory, update_catalog, write_if_changed
from ..config import Config
from .extract import extract
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
    templates = extract(config, write=not check)
    chosen = list(locales or config.locales)
    plans = []
    for locale in chosen:
        for t in templates:
            path = catalog_path(config, locale, t.doc.name)
            display = config.relative(path)
            old = read_catalog(path, display_path=display) if path.exists() else None
            plans.append((locale, t, path, old))
    # One memory per locale from all its catalogs; a document's own entries
    # never reach it, since exact msgids are merged (or revived) first.
    memories = {
        locale: translation_memory(
            [(config.relative(p), o) for loc, _, p, o in plans if loc == locale and o is not None]
        )
        for locale in chosen
    }
    results = []
    for locale, t, path, old in plans:
        po, report = update_catalog(
            t.template, old, locale=locale, project=config.project, memory=memories[locale]
        )
        text = catalog_text(po)
        old_text = catalog_text(old) if old is not None else None
        changed = text != old_text
        if changed and old is not None and _same_but_date(po, old):
            changed = False
        if changed:
            po.metadata["PO-Revision-Date"] = clock().strftime("%Y-%m-%d %H:%M%z")
            text = catalog_text(po)
            if not check:
                write_if_changed(path, text.encode("utf-8"))
        results.append(UpdateResult(locale, t.doc.name, path, report, changed, old is None))
    return templates, results


def _same_but_date(new, old) -> bool:
    saved = new.metadata.get("PO-Revision-Date")
    new.metadata["PO-Revision-Date"] = old.metadata.get("PO-Revision-Date", "")
    same = catalog_text(new) == catalog_text(old)
    new.metadata["PO-Revision-Date"] = saved
    return same
