"""``l10n translate``: fill empty entries with offline machine translation.

For each locale, every empty entry of every document's catalog is collected,
deduplicated, and sent through ONE ``translate_units`` call, so the engine
batches across the whole project.  Results are written as fuzzy entries with
an ``mt:`` provenance line::

    # mt: engine=argos package=translate-en_ko version=1.1 date=2026-11-27 score=0.734

followed, when glossary terms were put in as the locale's glossary says, by
``terms=`` and a JSON list of their source terms (always last on the line,
so readers of the other fields are not disturbed):
``... score=n/a terms=["Human Rights Watch", "Chin State"]``.  Then, when
the draft failed verification (a placeholder, URL or number of the source is
missing, a glossary term lost, words the engine did not know), one
``check:`` line per problem, so a reviewer sees those first.  A reviewed
entry is never touched, by any option.  ``refresh_mt`` redoes entries whose
only origin is MT and that are still fuzzy, including a machine draft
carried over from an edited sentence.

Progress is saved as it goes: the MT cache commits every finished batch, and
catalogs are rewritten atomically at most every ``save_interval`` seconds, so
a run killed at any moment leaves valid PO files and the next run takes the
finished batches from the cache.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..catalog import catalog_text, read_catalog, write_if_changed
from ..catalog.state import (
    CHECK_PREFIX,
    MT_PREFIX,
    REVIEWED,
    TERMS_FIELD,
    TM_PREFIX,
    UNTRANSLATED,
    comment_lines,
    entry_state,
    has_origin,
)
from ..config import Config
from .paths import catalog_path, source_documents

log = logging.getLogger(__name__)

ENGINES = ("argos", "apertium")
DEFAULT_ENGINE = "argos"


@dataclass
class LocaleTranslation:
    locale: str
    engine: str
    units: int = 0  # distinct sentences that needed MT
    entries: int = 0  # entries filled
    cached: int = 0
    flagged: int = 0  # drafts with problems
    skipped: str | None = None  # why the locale was skipped
    hint: str | None = None
    files: list[Path] = field(default_factory=list)


def make_engine(config: Config, name: str, *, device: str | None = None):
    """An engine instance configured from ``config.mt``."""
    if name == "argos":
        from ..mt.argos import ArgosEngine
        from ..mt.packages import default_packages_dir

        options = dict(config.mt)
        if device:
            options["device"] = device
        return ArgosEngine(config.models_dir or default_packages_dir(), **options)
    if name == "apertium":
        from ..mt.apertium import ApertiumEngine

        return ApertiumEngine()
    from ..errors import ConfigError

    raise ConfigError(f"unknown engine {name!r}", path=config.config_file, hint="known: " + ", ".join(ENGINES))


def engine_codes(name: str, source_locale: str, target_locale: str) -> tuple[str, str]:
    from ..mt.engine import apertium_code, argos_code

    if name == "apertium":
        return apertium_code(source_locale), apertium_code(target_locale)
    return argos_code(source_locale), argos_code(target_locale)


def wants_mt(entry, refresh_mt: bool, reviewed: Set[str] = frozenset()) -> bool:
    """Empty entries; with ``refresh_mt`` also still-fuzzy drafts whose only
    origin is MT, including a draft carried over from an edited sentence
    (``#|``).  A carried-over translation that a person reviewed (its text is
    in ``reviewed``, the catalog's reviewed translations, active or obsolete)
    is a human suggestion, not a machine draft, and is kept."""
    if entry.obsolete or not entry.msgid or entry.msgid_plural:
        return False
    state = entry_state(entry)
    if state == UNTRANSLATED:
        return True
    if state == REVIEWED or not refresh_mt:
        return False
    if not has_origin(entry, MT_PREFIX) or has_origin(entry, TM_PREFIX):
        return False
    return not entry.previous_msgid or entry.msgstr not in reviewed


def reviewed_translations(po) -> set[str]:
    """Every reviewed translation of a catalog, active or obsolete."""
    return {e.msgstr for e in po if e.msgstr and entry_state(e) == REVIEWED}


def provenance_line(identity, score: float | None, day: date, terms: Sequence[str] = ()) -> str:
    shown = f"{score:.3f}" if score is not None else "n/a"
    line = (
        f"{MT_PREFIX} engine={identity.engine} package={identity.package} version={identity.version} "
        f"date={day.isoformat()} score={shown}"
    )
    if terms:
        line += " " + TERMS_FIELD + json.dumps(list(terms), ensure_ascii=False)
    return line


def translate(
    config: Config,
    *,
    locales: Sequence[str],
    engine_name: str | None = None,
    refresh_mt: bool = False,
    dry_run: bool = False,
    device: str | None = None,
    progress_factory: Callable[[str, int], Callable[[int, int], None]] | None = None,
    today: Callable[[], date] | None = None,
    save_interval: float = 2.0,
) -> list[LocaleTranslation]:
    from ..mt.cache import MTCache
    from ..mt.errors import ModelMissing
    from ..mt.translate_units import translate_units
    from ..terms import load_termbase

    docs = source_documents(config)
    # Glossaries too: a malformed one stops the run before anything is written.
    termbases = {locale: load_termbase(config, locale) for locale in locales}
    # Parse every catalog first: a malformed one stops the run before any
    # locale's drafts are written.
    all_catalogs: dict[str, dict[Path, object]] = {}
    for locale in locales:
        all_catalogs[locale] = {}
        for doc in docs:
            path = catalog_path(config, locale, doc.name)
            if path.exists():
                all_catalogs[locale][path] = read_catalog(path, display_path=config.relative(path))
    results = []
    engines: dict[str, object] = {}
    for locale in locales:
        name = engine_name or config.engine_for(locale) or DEFAULT_ENGINE
        result = LocaleTranslation(locale, name)
        results.append(result)
        catalogs = all_catalogs[locale]
        if not catalogs:
            result.skipped, result.hint = "no catalogs", "run 'l10n update' first"
            continue
        reviewed = {path: reviewed_translations(po) for path, po in catalogs.items()} if refresh_mt else {}
        targets = [
            (path, e) for path, po in catalogs.items() for e in po if wants_mt(e, refresh_mt, reviewed.get(path, ()))
        ]
        units = list(dict.fromkeys(e.msgid for _, e in targets))
        result.units, result.entries = len(units), len(targets)
        if not units:
            continue
        if name not in engines:
            engines[name] = make_engine(config, name, device=device)
        engine = engines[name]
        source, target = engine_codes(name, config.source_language, locale)
        try:
            identity = engine.identity(source, target)
        except ModelMissing as exc:
            result.skipped, result.hint = exc.message, exc.hint
            continue
        if dry_run:
            continue
        day = today() if today is not None else date.today()
        by_msgid: dict[str, list] = {}
        for path, entry in targets:
            by_msgid.setdefault(entry.msgid, []).append((path, entry))
        last_save = time.monotonic()
        dirty: set[Path] = set()

        def apply(done_units: dict[str, object]) -> None:
            for msgid, res in done_units.items():
                for path, entry in by_msgid.get(msgid, ()):
                    if not wants_mt(entry, refresh_mt, reviewed.get(path, ())):
                        continue  # safety: never overwrite a reviewed entry
                    entry.msgstr = res.text
                    if "fuzzy" not in entry.flags:
                        entry.flags.append("fuzzy")
                    # A refreshed carry-over is now a draft of the current
                    # sentence: the previous msgid no longer applies.
                    entry.previous_msgid = None
                    kept = [line for line in comment_lines(entry) if not line.startswith((MT_PREFIX, CHECK_PREFIX))]
                    lines = [provenance_line(identity, res.score, day, res.terms)]
                    lines += [f"{CHECK_PREFIX} {p}" for p in res.problems]
                    entry.tcomment = "\n".join(kept + lines)
                    dirty.add(path)

        def save() -> None:
            for path in sorted(dirty):
                if write_if_changed(path, catalog_text(catalogs[path]).encode("utf-8")):
                    result.files.append(path)
            dirty.clear()

        progress = progress_factory(locale, len(units)) if progress_factory else None
        finished: dict[str, object] = {}

        def on_result(msgid: str, res) -> None:
            nonlocal last_save
            finished[msgid] = res
            if time.monotonic() - last_save >= save_interval:
                apply(finished)
                finished.clear()
                save()
                last_save = time.monotonic()

        config.cache_dir.mkdir(parents=True, exist_ok=True)
        with MTCache(config.cache_dir) as cache:
            mt_results = translate_units(
                engine, units, source, target, cache=cache, progress=progress, on_result=on_result,
                termbase=termbases[locale], locale=locale,
            )
        final = {msgid: res for msgid, res in zip(units, mt_results)}
        apply(final)
        save()
        result.cached = sum(r.cached for r in mt_results)
        result.flagged = sum(bool(r.problems) for r in mt_results)
        result.files = sorted(set(result.files))
    return results
