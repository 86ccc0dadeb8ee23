"""``l10n translate``: fill empty entries with offline machine translation.

For each locale, every empty entry of every document's catalog is collected,
deduplicated, and sent through ONE ``translate_units`` call, so the engine
batches across the whole project.  Results are written as fuzzy entries with
an ``mt:`` provenance line::

    # mt: engine=argos package=translate-en_ko version=1.1 date=2026-11-27 score=0.734

or, from a local LLM server (``l10n.mt.llm``), the server's model id and the
prompt version::

    # mt: engine=llm model=qwen2.5-7b-instruct prompt=llm-v1 date=2026-11-27 score=n/a

or, for a model of another CTranslate2 family (``l10n models add``)::

    # mt: engine=ct2 package=nllb-200-distilled-600M version=- date=2026-11-27 score=0.612 family=nllb licence=CC-BY-NC-4.0

followed, when glossary terms were put in as the locale's glossary says, by
``terms=`` and a JSON list of their source terms (always last on the line,
so readers of the other fields are not disturbed):
``... score=n/a terms=["Human Rights Watch", "Chin State"]``.  Then one
``check:`` line per problem of the draft: the findings of the checks
``l10n check`` runs, worded as it words them (``check: error[placeholders]:
...``; see ``l10n.mt.verify``), and the words the engine did not know, so a
reviewer sees those first.  A reviewed
entry is never touched, by any option.  ``refresh_mt`` redoes entries whose
only origin is MT and that are still fuzzy, including a machine draft
carried over from an edited sentence.

Progress is saved as it goes: the MT cache commits every finished batch, and
catalogs are rewritten atomically at most every ``save_interval`` seconds, so
a run killed at any moment leaves valid PO files and the next run takes the
finished batches from the cache.

Long because: the per-locale run (collect, translate, write as it goes,
resume) is one state machine; splitting it would pass its state around.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from typing import TYPE_CHECKING, Any

from ..catalog import Entry, catalog_text, read_catalog, write_if_changed
from ..catalog.operations import apply_machine_draft
from ..catalog.state import MT_PREFIX, REVIEWED, TERMS_FIELD, UNTRANSLATED
from ..config import DRAFTING_ENGINES, Config
from ..errors import L10nError
from .paths import catalog_path, source_documents

if TYPE_CHECKING:  # annotations only: `l10n build` must not load mt/
    from ..mt.engine import Engine
    from ..mt.translate_units import MTResult

log = logging.getLogger(__name__)

ENGINES = DRAFTING_ENGINES  # the names live in config/schema.py, once
#: The engine value of a locale that people translate: no MT is tried, nothing is skipped.
NO_MT = "none"


@dataclass
class LocaleTranslation:
    locale: str
    engine: str
    model: str | None = None  # the model chosen for it (l10n.mt.selection), None if the engine decides
    reason: str = ""  # why this engine: configured, only installed model, ...
    units: int = 0  # distinct sentences that needed MT
    entries: int = 0  # entries filled
    cached: int = 0
    flagged: int = 0  # drafts with problems
    skipped: str | None = None  # why the locale was skipped
    hint: str | None = None
    by_people: bool = False  # engine "none": people translate it, no MT wanted

    @property
    def missing_engine(self) -> bool:
        """MT was wanted but no model or engine serves the locale."""
        return self.skipped is not None and self.skipped != "no catalogs"
    files: list[Path] = field(default_factory=list)


#: ``[tool.l10n.mt]`` keys that choose where the engine runs rather than configure it.
EXECUTION_KEYS = ("workers", "cluster", "save_interval")
#: Seconds between catalog saves during a run (``[mt] save_interval``): what a kill can lose at most.
DEFAULT_SAVE_INTERVAL = 2.0


def make_engine(config: Config, name: str, *, device: str | None = None, resolved_device: str | None = None,
                model: str | None = None, termbases=None):
    """An engine instance configured from ``config.mt`` (``config.llm`` for the LLM).

    ``device`` (cpu/cuda/auto) is checked here, so a missing GPU stops the run
    before any work; ``resolved_device`` skips the check (a cluster's workers
    decide it).  ``model``: the Argos package folder to use where several
    serve a pair (``l10n.mt.selection``).  ``termbases``: locale -> glossary,
    for the LLM's prompt.
    """
    if name == "llm":
        import os

        from ..mt.llm import LLMEngine

        settings = dict(config.llm)
        key_env = settings.pop("api_key_env", None)
        return LLMEngine(**{k: v for k, v in settings.items() if k != "model"}, model=settings.get("model"),
                         api_key=os.environ.get(key_env) if key_env else None, termbases=termbases)
    if name == "argos":
        from ..mt.argos import ArgosEngine
        from ..mt.device import device_options, resolve_device
        from ..mt.packages import default_packages_dir
        from ..mt.registry import default_models_dir

        options = {k: v for k, v in config.mt.items() if k not in EXECUTION_KEYS}
        chosen = resolved_device or resolve_device(device or options.get("device", "cpu"))
        # Argos packages and the other CTranslate2 families (l10n models add)
        # both serve this engine; one models_dir in the config holds both.
        # ``model``: the installed model the locale's choice named (l10n.mt.selection).
        return ArgosEngine(config.models_dir or default_packages_dir(),
                           models_dir=config.models_dir or default_models_dir(), **device_options(options, chosen),
                           choice={("*", "*"): model} if model else None)
    if name == "apertium":
        from ..mt.apertium import ApertiumEngine

        return ApertiumEngine()
    from ..errors import ConfigError

    raise ConfigError(f"unknown engine {name!r}", path=config.relative(config.config_file), hint="known: " + ", ".join(ENGINES))


def engine_codes(name: str, source_locale: str, target_locale: str) -> tuple[str, str]:
    from ..mt.engine import apertium_code, argos_code

    if name == "apertium":
        return apertium_code(source_locale), apertium_code(target_locale)
    if name == "llm":  # the prompt names the languages from the locale ids themselves
        return source_locale, target_locale
    return argos_code(source_locale), argos_code(target_locale)


def wants_mt(entry, refresh_mt: bool, reviewed: Set[str] = frozenset()) -> bool:
    """Empty entries; with ``refresh_mt`` also still-fuzzy drafts whose only
    origin is MT, including a draft carried over from an edited sentence
    (``#|``).  A carried-over translation that a person reviewed (its text is
    in ``reviewed``, the catalog's reviewed translations, active or obsolete)
    is a human suggestion, not a machine draft, and is kept."""
    if entry.obsolete or not entry.msgid or entry.msgid_plural:
        return False
    state = entry.state
    if state == UNTRANSLATED:
        return True
    if state == REVIEWED or not refresh_mt:
        return False
    if entry.provenance is None or entry.memory_line is not None:
        return False
    return not entry.previous_msgid or entry.msgstr not in reviewed


def reviewed_translations(po) -> set[str]:
    """Every reviewed translation of a catalog, active or obsolete."""
    return {e.msgstr for e in po if e.msgstr and e.state == REVIEWED}


def entries_waiting_by_text(targets: Sequence[tuple[Path, Entry]]) -> dict[str, list[tuple[Path, Entry]]]:
    """msgid -> every ``(catalog path, entry)`` of one locale that waits for that sentence's draft.

    Not ``Catalog.get``: one MT unit is one distinct sentence of the whole
    locale, so this spans the locale's catalogs (a sentence repeated in three
    documents is translated once and fills three entries), and it is keyed
    by the text alone: an engine translates the msgid and never sees the
    context, so entries of one msgid under any context get the same draft.
    """
    waiting: dict[str, list[tuple[Path, Entry]]] = {}
    for path, entry in targets:
        waiting.setdefault(entry.msgid, []).append((path, entry))
    return waiting


def provenance_line(identity, score: float | None, day: date, terms: Sequence[str] = ()) -> str:
    shown = f"{score:.3f}" if score is not None else "n/a"
    if identity.engine == "llm":  # package: the server's model id; version: the prompt's
        what = f"model={identity.package} prompt={identity.version}"
    else:
        what = f"package={identity.package} version={identity.version}"
    line = f"{MT_PREFIX} engine={identity.engine} {what} date={day.isoformat()} score={shown}"
    # Which family ran, and a licence a reviewer must know of (NLLB's is non-commercial).
    if getattr(identity, "family", ""):
        line += f" family={identity.family}"
    if getattr(identity, "licence", ""):
        line += f" licence={identity.licence}"
    if terms:
        line += " " + TERMS_FIELD + json.dumps(list(terms), ensure_ascii=False)
    return line


class _LocaleRun:
    """One locale's catalogs while its drafts arrive: applied to entries, saved every few seconds."""

    def __init__(self, result: LocaleTranslation, catalogs: dict, targets: list, units: list[str], engine,
                 source: str, target: str, identity, day: date, refresh_mt: bool, save_interval: float,
                 termbase, reviewed: dict[Path, set[str]]) -> None:
        self.result, self.catalogs, self.units, self.engine = result, catalogs, units, engine
        self.termbase, self.reviewed = termbase, reviewed
        self.source, self.target, self.identity, self.day = source, target, identity, day
        self.refresh_mt, self.save_interval = refresh_mt, save_interval
        self.waiting = entries_waiting_by_text(targets)
        self.dirty: set[Path] = set()
        self.finished: dict[str, MTResult] = {}
        self.last_save = time.monotonic()

    def apply(self, done_units: dict[str, MTResult]) -> None:
        for msgid, res in done_units.items():
            for path, entry in self.waiting.get(msgid, ()):
                if not wants_mt(entry, self.refresh_mt, self.reviewed.get(path, frozenset())):
                    continue  # safety: never overwrite a reviewed entry
                apply_machine_draft(
                    entry, res.text, provenance_line(self.identity, res.score, self.day, res.terms), res.problems
                )
                self.dirty.add(path)

    def save(self) -> None:
        for path in sorted(self.dirty):
            if write_if_changed(path, catalog_text(self.catalogs[path]).encode("utf-8")):
                self.result.files.append(path)
        self.dirty.clear()

    def on_result(self, msgid: str, res) -> None:
        self.finished[msgid] = res
        if time.monotonic() - self.last_save >= self.save_interval:
            self.apply(self.finished)
            self.finished.clear()
            self.save()
            self.last_save = time.monotonic()

    def complete(self, mt_results: Sequence) -> None:
        self.apply(dict(zip(self.units, mt_results)))
        self.save()
        self.result.cached = sum(r.cached for r in mt_results)
        self.result.flagged = sum(bool(r.problems) for r in mt_results)
        self.result.files = sorted(set(self.result.files))


def translate(
    config: Config,
    *,
    locales: Sequence[str],
    engine_name: str | None = None,
    refresh_mt: bool = False,
    dry_run: bool = False,
    device: str | None = None,
    workers: int | None = None,
    cluster: str | None = None,
    progress_factory: Callable[[str, int], Callable[[int, int], None]] | None = None,
    today: Callable[[], date] | None = None,
    save_interval: float | None = None,
) -> list[LocaleTranslation]:
    """Fill the empty entries of ``locales``.

    Argos locales run side by side in ``workers`` processes (default: what
    the cores and memory allow; 1 = in this process), or on a Ray cluster
    when ``cluster`` (or ``mt.cluster``) is ``auto`` or an address.  Either
    way the catalogs, the cache and the progress stay in this process, and
    the drafts are the ones a sequential run writes.
    """
    from ..mt.errors import ModelMissing
    from ..mt.selection import choose
    from ..terms import load_termbase

    interval = save_interval if save_interval is not None else config.mt.get("save_interval", DEFAULT_SAVE_INTERVAL)
    docs = source_documents(config)
    # Glossaries too: a malformed one stops the run before anything is written.
    termbases = {locale: load_termbase(config, locale) for locale in locales}
    # Parse every catalog first: a malformed one stops the run before any
    # locale's drafts are written.
    all_catalogs: dict[str, dict[Path, Any]] = {}
    for locale in locales:
        all_catalogs[locale] = {}
        if (engine_name or config.engine_for(locale)) == NO_MT:
            continue  # translated by people: no drafts are written, so nothing is read (run --engine none)
        for doc in docs:
            path = catalog_path(config, locale, doc.name)
            if path.exists():
                all_catalogs[locale][path] = read_catalog(path, display_path=config.relative(path))
    cluster = cluster if cluster is not None else config.mt.get("cluster")
    cluster_pool = None
    if cluster and not dry_run:
        from ..mt.ray_backend import RayPool

        cluster_pool = RayPool(cluster, device=device or config.mt.get("device", "auto"),
                               intra_threads=config.mt.get("intra_threads", 0))
    results = []
    runs: list[_LocaleRun] = []
    engines: dict[tuple[str, str | None], Engine] = {}
    try:
        for locale in locales:
            choice = choose(config, locale, engine=engine_name)
            name = choice.engine
            result = LocaleTranslation(locale, name, choice.model, choice.reason)
            results.append(result)
            if name == NO_MT:
                result.by_people = True
                continue
            catalogs = all_catalogs[locale]
            if not catalogs:
                result.skipped, result.hint = "no catalogs", "run 'l10n update' first"
                continue
            if choice.missing:
                result.skipped, result.hint = choice.missing, "see 'l10n models list'"
                continue
            reviewed = {path: reviewed_translations(po) for path, po in catalogs.items()} if refresh_mt else {}
            targets = [(path, e) for path, po in catalogs.items() for e in po
                       if wants_mt(e, refresh_mt, reviewed.get(path, frozenset()))]
            units = list(dict.fromkeys(e.msgid for _, e in targets))
            result.units, result.entries = len(units), len(targets)
            if not units:
                continue
            # One engine per engine and model: two Argos packages of one pair
            # need two engines; the LLM engine serves every locale.
            engine_key = (name, choice.model if name == "argos" else None)
            if engine_key not in engines:
                remote = cluster_pool.device if cluster_pool is not None and name == "argos" else None
                engines[engine_key] = make_engine(config, name, device=device, resolved_device=remote,
                                                  model=engine_key[1], termbases=termbases)
            engine = engines[engine_key]
            source, target = engine_codes(name, config.source_language, locale)
            try:
                identity = engine.identity(source, target)
            except ModelMissing as exc:
                result.skipped, result.hint = exc.message, exc.hint
                continue
            if dry_run:
                continue
            day = today() if today is not None else date.today()
            runs.append(_LocaleRun(result, catalogs, targets, units, engine, source, target, identity, day,
                                   refresh_mt, interval, termbases[locale], reviewed))
        if runs:
            _run_all(config, runs, workers if workers is not None else config.mt.get("workers"), cluster_pool,
                     progress_factory)
    finally:
        if cluster_pool is not None:
            cluster_pool.close()
    return results


def _run_all(config: Config, runs: list[_LocaleRun], workers: int | None, cluster_pool,
             progress_factory: Callable[[str, int], Callable[[int, int], None]] | None) -> None:
    from ..mt.cache import MTCache
    from ..mt.translate_units import translate_units

    # One run per model: locales served by the same pair (pt and pt_PT) would
    # translate the same sentences twice side by side; the later ones run
    # afterwards, from the cache.
    firsts: dict[tuple, _LocaleRun] = {}
    for r in runs:
        if r.engine.name == "argos":
            firsts.setdefault((r.identity.key, r.source, r.target), r)
    side_by_side = list(firsts.values())
    pool = cluster_pool
    if pool is None and len(side_by_side) > 1:
        pool = _local_pool(side_by_side, workers)
    if pool is None:
        side_by_side = []
    config.cache_dir.mkdir(parents=True, exist_ok=True)
    with MTCache(config.cache_dir) as cache:
        try:
            if side_by_side:
                _run_on_pool(side_by_side, pool, cache, progress_factory)
        finally:
            if pool is not None and pool is not cluster_pool:
                pool.close()
        for run in runs:
            if run in side_by_side:
                continue
            progress = progress_factory(run.result.locale, len(run.units)) if progress_factory else None
            try:
                mt_results = translate_units(run.engine, run.units, run.source, run.target, cache=cache,
                                             progress=progress, on_result=run.on_result, termbase=run.termbase,
                                             locale=run.result.locale)
            except L10nError:
                # The engine stopped (a server went away, a reply it could not
                # read): the batches it finished are in the cache; write them
                # to the catalogs too, atomically, before saying why.
                run.apply(run.finished)
                run.save()
                raise
            run.complete(mt_results)


def _local_pool(runs: list[_LocaleRun], workers: int | None):
    """Worker processes for ``runs``, or None where one process is as good."""
    from ..mt.workers import LocalPool, default_workers

    engine = runs[0].engine
    if workers is None:
        if engine.device == "cuda":
            return None  # one process keeps a GPU busy; several would share it
        biggest = max((r.engine.package(r.source, r.target).model_bin).stat().st_size
                      for r in runs)
        workers = default_workers(len(runs), biggest)
    workers = min(workers, len(runs))
    if workers <= 1:
        return None
    # The same intra_threads as this process (see l10n.mt.device.cpu_intra_threads): the
    # workers' parallelism is the processes themselves.
    log.info("translating %d locales in %d worker processes", len(runs), workers)
    return LocalPool(workers, device=engine.device, compute_type=engine.compute_type,
                     intra_threads=engine.intra_threads)


def _run_on_pool(runs: list[_LocaleRun], pool, cache, progress_factory) -> None:
    """Every run's batches on ``pool``; batches are committed here, in each pair's sequential order."""
    from ..mt.batches import plan_pair
    from ..mt.dispatch import PairRun, run_pairs
    from ..mt.translate_units import PairTranslation

    done: dict[int, int] = {}
    total = sum(len(r.units) for r in runs)
    shown = progress_factory(", ".join(r.result.locale for r in runs), total) if progress_factory else None

    def progress_of(i: int) -> Callable[[int, int], None]:
        def report(n: int, _total: int) -> None:
            done[i] = n
            if shown:
                shown(sum(done.values()), total)
        return report

    jobs = [PairTranslation(r.engine, r.units, r.source, r.target, cache=cache, progress=progress_of(i),
                            on_result=r.on_result, termbase=r.termbase, locale=r.result.locale)
            for i, r in enumerate(runs)]
    run_pairs([PairRun(plan_pair(r.engine, job.plain, r.source, r.target), job.finish)
               for r, job in zip(runs, jobs)], pool)
    for r, job in zip(runs, jobs):
        r.complete(job.finish_rest([]))
