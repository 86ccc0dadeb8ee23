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
from .rename import RenameMatch, detect_renames, move_files, rename_plan
from .sources import Sources, collector_paused


@dataclass
class UpdateResult:
    locale: str
    doc: str
    path: Path
    report: MergeReport
    changed: bool
    created: bool


@dataclass
class Renamed:
    """Catalogs ``update`` took from an orphan: the document was renamed."""

    match: RenameMatch
    moves: list[tuple[Path, Path]]


@dataclass
class UpdateRun:
    templates: list
    results: list[UpdateResult]
    renamed: list[Renamed]
    warnings: list[str]  # ambiguous renames, documents that lost every unit


def _now() -> datetime:
    return datetime.now(timezone.utc)


def update(
    config: Config,
    *,
    locales: Sequence[str] | None = None,
    check: bool = False,
    clock: Callable[[], datetime] = _now,
) -> tuple[list, list[UpdateResult]]:
    """``update_project``'s templates and results (for callers that need no more)."""
    run = update_project(config, locales=locales, check=check, clock=clock)
    return run.templates, run.results


def update_project(
    config: Config,
    *,
    locales: Sequence[str] | None = None,
    check: bool = False,
    clock: Callable[[], datetime] = _now,
    sources: Sources | None = None,
) -> UpdateRun:
    """Extract templates, then create or merge each locale's catalogs.

    With ``check``, nothing is written; ``changed`` says what would change.
    Every catalog is parsed before any is written, so a malformed file stops
    the run with nothing changed.  A new document whose units are those of an
    orphaned catalog (its document is gone: renamed) takes that catalog over
    first (``rename.detect_renames``), so its reviewed entries stay reviewed.
    ``sources``: the command's parsed sources, when the command goes on to use them.
    """
    # Read everything first: a malformed catalog stops the run before any
    # file (templates included) is written.
    sources = sources or Sources(config)
    templates = extract(config, write=False, sources=sources)
    detection = detect_renames(config, {t.doc.name: [e.msgid for e in t.template] for t in templates},
                               [t.doc for t in templates])
    origin = {m.doc.name: m.orphan.name for m in detection.taken}
    warnings = list(detection.warnings)
    chosen = list(locales or config.locales)
    plans = []
    for locale in chosen:
        for t in templates:
            path = catalog_path(config, locale, t.doc.name)
            # A renamed document's catalog is read where it still is; it moves just before the writes.
            source = catalog_path(config, locale, origin.get(t.doc.name, t.doc.name))
            display = config.relative(source)
            old = read_catalog(source, display_path=display) if source.exists() else None
            plans.append((locale, t, path, old))
    warnings.extend(_emptied(config, templates, plans))
    renamed = [Renamed(m, rename_plan(config, m.orphan.name, m.doc.name)) for m in detection.taken]
    if not check:
        # One call: a failure puts back every file already moved, of every rename.
        move_files([move for r in renamed for move in r.moves], config)
        for t in templates:
            if t.doc.name in origin:  # its template was the orphan's: rewrite it
                t.changed = True
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
        for sentence, translation, tmx_file in tmx_memory(config, locale):
            memories[locale].setdefault(sentence, MemoryEntry(translation, tmx_file))
    results = []
    for locale, t, path, old in plans:
        with collector_paused():  # an entry per unit, all kept: see sources.collector_paused
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
    if not check:
        sources.save()  # last: a run stopped by an error above leaves the cache as it was too
    return UpdateRun(templates, results, renamed, warnings)


def _emptied(config: Config, templates: list, plans: list) -> list[str]:
    """A document that lost every unit would turn all its entries obsolete
    without a word: say so (they are kept, and come back when the text does)."""
    warnings = []
    for t in templates:
        if t.units:
            continue
        translated = [(path, sum(1 for e in old if not e.obsolete and e.msgstr))
                      for _, pt, path, old in plans if pt is t and old is not None]
        translated = [(p, n) for p, n in translated if n]
        if translated:
            listed = ", ".join(f"{config.relative(p)} ({n})" for p, n in translated)
            warnings.append(f"{t.doc.ref}: the document has no units; the translated entries of {listed} become "
                            "obsolete (kept in the catalogs: they come back as they were when the text does)")
    return warnings
