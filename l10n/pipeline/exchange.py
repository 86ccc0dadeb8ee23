"""``l10n export`` and ``l10n import``: catalogs to XLIFF/TMX for CAT tools, and back.

Import never loses a reviewed translation: a reviewed entry is changed only by
a reviewed segment with ``overwrite``, and then the translation it replaces
is kept in an ``import:`` translator comment.  A draft never replaces a
reviewed entry.  Every file is read and checked before any catalog is
written; catalogs are written atomically and only when they change.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..catalog import catalog_text, read_catalog, write_if_changed
from ..catalog.state import REVIEWED
from ..catalog.operations import (
    CONFLICT,
    IMPORTED_REVIEWED,
    KEPT_REVIEWED_OVER_DRAFT,
    UNCHANGED,
    Segment,
    import_translation,
    one_line,
)
from ..config import Config
from ..errors import ExchangeError
from ..exchange.tmx import MemoryUnit, read_tmx, same_language, translation_for, write_tmx
from ..exchange.units import REVIEWED_STATE, SegmentLookup, exchange_units
from ..exchange.xliff import read_xliff, write_xliff
from ..locales import bcp47_tag
from ..placeholders import check_placeholders
from .paths import catalog_path, memory_dir, source_documents



def _now() -> datetime:
    return datetime.now(timezone.utc)


def _tool_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("l10n-reports")
    except PackageNotFoundError:
        return "0"


def default_exchange_dir(config: Config) -> Path:
    return config.output_dir / "exchange"


@dataclass
class ExportResult:
    path: Path
    units: int
    changed: bool
    locale: str | None = None


def _read_project_catalogs(config: Config, locales: Sequence[str]):
    """``(locale, doc, po)`` for every catalog; a missing one is an error naming it."""
    found = []
    for doc in source_documents(config):
        for locale in locales:
            path = catalog_path(config, locale, doc.name)
            shown = config.relative(path)
            if not path.exists():
                raise ExchangeError("no catalog to export", path=shown, hint="run 'l10n update' first")
            found.append((locale, doc, read_catalog(path, display_path=shown)))
    return found


def export_xliff(
    config: Config, *, locales: Sequence[str], version: str = "1.2", output: Path | None = None
) -> list[ExportResult]:
    """One XLIFF file per locale and source document: ``<output>/<locale>/<doc>.xlf``."""
    output = output or default_exchange_dir(config)
    results = []
    catalogs = _read_project_catalogs(config, locales)
    for locale, doc, po in catalogs:
        units = exchange_units(po)
        data = write_xliff(
            units,
            version=version,
            source_lang=bcp47_tag(config.source_language),
            target_lang=bcp47_tag(locale),
            original=doc.ref,
            tool_version=_tool_version(),
        )
        path = output / locale / f"{doc.name}.xlf"
        results.append(ExportResult(path, len(units), write_if_changed(path, data, durable=False), locale))
    return results


def export_tmx(config: Config, *, locales: Sequence[str], output: Path | None = None) -> list[ExportResult]:
    """The reviewed units of every locale (active and obsolete) in one TMX file."""
    output = output or default_exchange_dir(config)
    by_key: dict[tuple[str | None, str], dict[str, str]] = {}
    for locale, _doc, po in _read_project_catalogs(config, locales):
        tag = bcp47_tag(locale)
        for entry in po:
            if entry.msgid and not entry.msgid_plural and entry.state == REVIEWED:
                by_key.setdefault((entry.msgctxt, entry.msgid), {}).setdefault(tag, entry.msgstr)
    units = [MemoryUnit(msgid, translations, ctxt) for (ctxt, msgid), translations in by_key.items()]
    data = write_tmx(units, source_lang=bcp47_tag(config.source_language), tool_version=_tool_version())
    name = re.sub(r"[^\w.-]+", "-", config.project).strip(".-") or "memory"
    path = output / f"{name}.tmx"
    return [ExportResult(path, len(units), write_if_changed(path, data, durable=False))]


@dataclass(frozen=True)
class ImportMessage:
    level: str  # "error" (segment rejected), "conflict", "warning"
    line: int | None
    text: str


@dataclass
class ImportReport:
    path: Path
    kind: str  # "xliff" | "tmx"
    reviewed: int = 0
    drafts: int = 0
    unchanged: int = 0
    memory_units: int = 0
    messages: list[ImportMessage] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return sum(1 for m in self.messages if m.level == "error")

    @property
    def conflicts(self) -> int:
        return sum(1 for m in self.messages if m.level == "conflict")


def import_file(
    config: Config, path: Path, *, overwrite: bool = False, clock: Callable[[], datetime] = _now
) -> ImportReport:
    """Import an XLIFF file into the catalogs, or add a TMX file to the translation memory."""
    shown = config.relative(path) if path.is_absolute() else str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExchangeError(f"cannot read: {exc.strerror or exc}", path=shown) from None
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if b"<tmx" in head:
        return _import_tmx(config, path, data, shown)
    if b"<xliff" in head or path.suffix.lower() in (".xlf", ".xliff"):
        return _import_xliff(config, path, data, shown, overwrite=overwrite, clock=clock)
    raise ExchangeError("not an XLIFF or TMX file", path=shown, line=1, hint="expected <xliff> or <tmx>")


def _locale_for(config: Config, tag: str, shown: str, line: int | None) -> str:
    exact = [loc for loc in config.locales if same_language(bcp47_tag(loc), tag)]
    if exact:
        return exact[0]
    primary = tag.replace("_", "-").split("-")[0].lower()
    same = [loc for loc in config.locales if bcp47_tag(loc).split("-")[0].lower() == primary]
    if len(same) == 1:
        return same[0]
    raise ExchangeError(
        f"target language {tag!r} is not one of the project's locales ({', '.join(config.locales)})",
        path=shown,
        line=line,
    )


def _import_xliff(config, path, data, shown, *, overwrite, clock) -> ImportReport:
    report = ImportReport(path, "xliff")
    sections = read_xliff(data, path=shown)
    docs = {d.ref: d for d in source_documents(config)}
    by_name = {d.name: d for d in docs.values()}
    plans = []  # (catalog path, display, po, section)
    for section in sections:
        doc = docs.get(section.original) or by_name.get(Path(section.original).stem)
        if doc is None:
            raise ExchangeError(
                f"original {section.original!r} is not a source of this project",
                path=shown,
                line=section.line,
                hint="sources: " + ", ".join(docs) if docs else None,
            )
        locale = _locale_for(config, section.target_lang, shown, section.line)
        cat_path = catalog_path(config, locale, doc.name)
        display = config.relative(cat_path)
        if not cat_path.exists():
            raise ExchangeError("no catalog to import into", path=display, hint="run 'l10n update' first")
        plans.append((cat_path, display, read_catalog(cat_path, display_path=display), section))
    stamp = clock().strftime("%Y-%m-%d")
    for cat_path, display, po, section in plans:
        old_text = catalog_text(po)
        _apply_section(po, section, report, origin=f"{shown} {stamp}", overwrite=overwrite)
        text = catalog_text(po)
        if text != old_text:
            old_date = po.metadata.get("PO-Revision-Date", "")
            new_date = clock().strftime("%Y-%m-%d %H:%M%z")
            text = text.replace(f'"PO-Revision-Date: {old_date}\\n"', f'"PO-Revision-Date: {new_date}\\n"', 1)
            if write_if_changed(cat_path, text.encode("utf-8")):
                report.written.append(cat_path)
    return report


def _apply_section(po, section, report: ImportReport, *, origin: str, overwrite: bool) -> None:
    lookup = SegmentLookup(po)
    for segment in section.segments:
        if segment.errors:
            for problem in segment.errors:
                report.messages.append(ImportMessage("error", segment.line, f"segment rejected: {problem}"))
            continue
        entry = lookup.find(segment)
        if entry is None or " ".join(entry.msgid.split()) != " ".join(segment.source.split()):
            report.messages.append(ImportMessage(
                "warning", segment.line,
                "source is not in the catalog (edited since the export? run 'l10n update' and export again): "
                + _short(segment.source),
            ))
            continue
        if not segment.target:
            continue
        problems = check_placeholders(entry.msgid, segment.target)
        if problems:
            report.messages.append(ImportMessage(
                "error", segment.target_line or segment.line,
                "segment rejected: inline codes do not match the source: " + "; ".join(problems),
            ))
            continue
        _apply_segment(entry, segment, report, origin=origin, overwrite=overwrite)


def _apply_segment(entry, segment, report: ImportReport, *, origin: str, overwrite: bool) -> None:
    outcome = import_translation(
        entry, Segment(segment.target, segment.state == REVIEWED_STATE), origin=origin, overwrite=overwrite
    )
    if outcome == UNCHANGED:
        report.unchanged += 1
    elif outcome == KEPT_REVIEWED_OVER_DRAFT:
        report.messages.append(ImportMessage(
            "warning", segment.line,
            f"kept the reviewed translation; the file has an unconfirmed one: {_short(entry.msgid)}",
        ))
    elif outcome == CONFLICT:
        report.messages.append(ImportMessage(
            "conflict", segment.line,
            f"reviewed translation differs, kept the catalog's (use --overwrite to take the file's): "
            f"{_short(entry.msgid)}",
        ))
    elif outcome == IMPORTED_REVIEWED:
        report.reviewed += 1
    else:
        report.drafts += 1


def _short(text: str, limit: int = 70) -> str:
    text = one_line(text)
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _import_tmx(config: Config, path: Path, data: bytes, shown: str) -> ImportReport:
    """Check the TMX, then keep a copy under locales/memory/ for ``update`` to consult."""
    report = ImportReport(path, "tmx")
    source_lang, units = read_tmx(data, path=shown)
    if source_lang and source_lang != "*all*" and not same_language(
        source_lang.split("-")[0], bcp47_tag(config.source_language).split("-")[0]
    ):
        raise ExchangeError(
            f"source language {source_lang!r}, expected {bcp47_tag(config.source_language)!r}", path=shown
        )
    usable = [u for u in units if any(translation_for(u, bcp47_tag(loc)) for loc in config.locales)]
    if not usable:
        raise ExchangeError(
            "no unit has a translation into a configured locale", path=shown,
            hint="locales: " + ", ".join(bcp47_tag(loc) for loc in config.locales),
        )
    report.memory_units = len(usable)
    target = memory_dir(config) / (re.sub(r"[^\w.-]+", "-", path.stem).strip(".-") + ".tmx")
    if write_if_changed(target, data):
        report.written.append(target)
    return report


def tmx_memory(config: Config, locale: str) -> list[tuple[str, str, str]]:
    """``(source, translation, origin)`` from the project's TMX files for ``locale``, files in name order."""
    folder = memory_dir(config)
    if not folder.is_dir():
        return []
    tag = bcp47_tag(locale)
    pairs = []
    for tmx_path in sorted(folder.glob("*.tmx")):
        shown = config.relative(tmx_path)
        _lang, units = read_tmx(tmx_path.read_bytes(), path=shown)
        for unit in units:
            if unit.context is None:
                text = translation_for(unit, tag)
                if text:
                    pairs.append((unit.source, text, shown))
    return pairs
