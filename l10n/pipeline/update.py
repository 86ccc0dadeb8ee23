"""``l10n update``: merge fresh templates into every locale's catalogs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..catalog import MemoryEntry, MergeReport, catalog_text, read_catalog, translation_memory, update_catalog, write_if_changed
from ..config import Config
from .extract import extract, write_templates
from .extract import template_stamps as extract_stamps
from .paths import catalog_path, memory_dir
from .rename import RenameMatch, detect_renames, move_files, rename_plan
from .sources import Sources, collector_paused
from .stamps import Stamps, bytes_digest, code_version, digest, file_digest

#: Bump when what a merge depends on changes in a way the code fingerprint misses.
MERGE_STAMP = 1


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
    # Each catalog merged now, by path: the digest of the bytes it has on disk and the
    # parsed catalog those bytes give, so ``run``'s build need not parse it again.
    catalogs: dict[Path, tuple[str, Any]] = field(default_factory=dict)


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
    force: bool = False,
) -> UpdateRun:
    """Extract templates, then create or merge each locale's catalogs.

    With ``check``, nothing is written; ``changed`` says what would change.
    Every catalog is parsed before any is written, so a malformed file stops
    the run with nothing changed.  A new document whose units are those of an
    orphaned catalog (its document is gone: renamed) takes that catalog over
    first (``rename.detect_renames``), so its reviewed entries stay reviewed.
    ``sources``: the command's parsed sources, when the command goes on to use them.
    ``force``: merge every catalog, even those whose stamp says nothing changed.
    """
    # Read everything first: a malformed catalog stops the run before any
    # file (templates included) is written.
    sources = sources or Sources(config)
    template_stamps = extract_stamps(config, force=force)
    templates = extract(config, write=False, sources=sources, force=force, stamps=template_stamps)
    by_name = {t.doc.name: t for t in templates}
    detection = detect_renames(config, lambda name: [e.msgid for e in by_name[name].template],
                               [t.doc for t in templates])
    origin = {m.doc.name: m.orphan.name for m in detection.taken}
    warnings = list(detection.warnings)
    chosen = list(locales or config.locales)
    # Stamps (stamps.py): a catalog whose template and own bytes are those its
    # last merge left is not read, merged or written again; see merge_key.
    stamps = Stamps(config, "update", enabled=not force)
    code = code_version() if not force else ""
    plans = []
    for locale in chosen:
        for t in templates:
            path = catalog_path(config, locale, t.doc.name)
            # A renamed document's catalog is read where it still is; it moves just before the writes.
            source = catalog_path(config, locale, origin.get(t.doc.name, t.doc.name))
            display = config.relative(source)
            data = file_digest(source)  # None when absent or unreadable (then read_catalog says why)
            name = f"{locale}/{t.doc.name}"
            key = merge_key(config, code, locale, path, t.data, data)
            # A renamed or emptied document always does the work (its catalog moves, or a warning needs it).
            stamp = stamps.get(name, key) if data is not None and t.units and t.doc.name not in origin else None
            if stamp is not None and _memory_pairs(stamp) is not None:
                stamps.keep(name, stamp)
                plans.append(_Plan(locale, t, path, None, data, stamp))
                continue
            stamps.forget(name)
            old = read_catalog(source, display_path=display) if source.exists() else None
            plans.append(_Plan(locale, t, path, old, data, None))
    warnings.extend(_emptied(config, templates, [(p.locale, p.template, p.path, p.old) for p in plans]))
    renamed = [Renamed(m, rename_plan(config, m.orphan.name, m.doc.name)) for m in detection.taken]
    if not check:
        # One call: a failure puts back every file already moved, of every rename.
        move_files([move for r in renamed for move in r.moves], config)
        for t in templates:
            if t.doc.name in origin:  # its template was the orphan's: rewrite it
                t.changed = True
        write_templates(templates)
    # One memory per locale from all its catalogs (a skipped one's reviewed
    # entries come from its stamp), in the order translation_memory takes them.
    # A document's own entries never reach it, since exact msgids are merged (or revived) first.
    memories: dict[str, dict[str, MemoryEntry]] = {locale: {} for locale in chosen}
    for plan in plans:
        if plan.old is not None or plan.stamp is not None:
            origin_name = config.relative(plan.path)
            for msgid, msgstr in plan.memory():
                memories[plan.locale].setdefault(msgid, MemoryEntry(msgstr, origin_name))
    # TMX files added with `l10n import` come after the project's own reviewed entries.
    # The exchange formats cost 5 to 8 ms of import: only a project that has such files pays it.
    if memory_dir(config).is_dir():
        from .exchange import tmx_memory

        for locale in chosen:
            for sentence, translation, tmx_file in tmx_memory(config, locale):
                memories[locale].setdefault(sentence, MemoryEntry(translation, tmx_file))
    results = []
    parsed: dict[Path, tuple[str, Any]] = {}
    for plan in plans:
        locale, t, path, old = plan.locale, plan.template, plan.path, plan.old
        if plan.stamp is not None:
            # Merging the template into a catalog its own last merge wrote keeps every
            # entry and changes nothing (the memory is only asked about missing entries).
            results.append(UpdateResult(locale, t.doc.name, path, MergeReport(kept=t.entries), False, False))
            continue
        with collector_paused():  # an entry per unit, all kept: see sources.collector_paused
            po, report = update_catalog(
                t.template, old, locale=locale, project=config.project, memory=memories[locale]
            )
        # Serialize with the old revision date first: equal text means nothing
        # changed, and the file is left alone (no timestamp churn).
        old_date = old.metadata.get("PO-Revision-Date", "") if old is not None else ""
        po.metadata["PO-Revision-Date"] = old_date
        # Numbered: run's build uses this catalog as the file holds it (UpdateRun.catalogs).
        text = catalog_text(po, number=True)
        changed = old is None or text != catalog_text(old)
        written = plan.data
        if changed:
            new_date = clock().strftime("%Y-%m-%d %H:%M%z")
            po.metadata["PO-Revision-Date"] = new_date
            text = text.replace(f'"PO-Revision-Date: {old_date}\\n"', f'"PO-Revision-Date: {new_date}\\n"', 1)
            if not check:
                write_if_changed(path, text.encode("utf-8"))
            written = bytes_digest(text.encode("utf-8"))
        if not check and written is not None and t.units:
            stamps.put(f"{locale}/{t.doc.name}", merge_key(config, code, locale, path, t.data, written),
                       {"memory": [[e, m.msgstr] for e, m in translation_memory([("", po)]).items()]})
        results.append(UpdateResult(locale, t.doc.name, path, report, changed, old is None))
        if not check and written is not None:
            parsed[path] = (written, po)
    if not check:
        sources.save()  # last: a run stopped by an error above leaves the cache as it was too
        if not force:
            stamps.save()
            template_stamps.save()
    return UpdateRun(templates, results, renamed, warnings, parsed)


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


@dataclass
class _Plan:
    """One catalog to merge, or (with ``stamp``) to leave as it is."""

    locale: str
    template: Any
    path: Path
    old: Any  # the parsed catalog; None when it does not exist, or is skipped
    data: str | None  # the digest of the catalog's bytes as read
    stamp: dict[str, Any] | None  # its merge stamp, when the merge is skipped

    def memory(self) -> list[tuple[str, str]]:
        """The catalog's reviewed entries for the translation memory, in catalog order."""
        if self.stamp is not None:
            return _memory_pairs(self.stamp) or []
        return [(msgid, entry.msgstr) for msgid, entry in translation_memory([("", self.old)]).items()]


def merge_key(config: Config, code: str, locale: str, path: Path, template: bytes, catalog: str | None) -> str:
    """Every input of one catalog's merge: the template's and the catalog's bytes,
    what the merge writes into the header (locale, project), where it lives, the code.
    The translation memory is left out on purpose: ``update_catalog`` asks it only
    about template entries the catalog lacks, and a catalog its last merge wrote lacks none."""
    return digest(MERGE_STAMP, code, locale, config.project, config.relative(path), bytes_digest(template), catalog)


def _memory_pairs(stamp: dict[str, Any]) -> list[tuple[str, str]] | None:
    """A stamp's memory entries; None when they are not what a stamp holds (then the catalog is read)."""
    pairs = stamp.get("memory")
    if not isinstance(pairs, list):
        return None
    out = []
    for pair in pairs:
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
            return None
        out.append((pair[0], pair[1]))
    return out

