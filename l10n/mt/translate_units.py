"""Translate units (sentences with inline placeholders) through an engine.

One ``engine.translate`` call per run and pair: the engine sees every
uncached sentence at once and does dedupe/sort/batching itself.  Each
finished engine batch is restored, verified and committed to the cache
right away, so an interrupted run resumes where it stopped.  Every result,
cached or fresh, is verified by the checks ``l10n check`` runs
(``l10n.mt.verify``); only what the engine alone knows is cached with it.

With a termbase and a target locale, glossary terms, dates and numbers are
protected through the engine (``l10n.mt.protect``); the cache is then keyed
by the unit *and* what was put back, so a glossary edit never serves a stale
draft.  Words an engine marks as untranslated (Apertium's ``*word``) become
problems (``unknown words: physician, rapporteur``) instead of text.

``PairTranslation`` is the same work split in two, for executors that run
the engine elsewhere (worker processes, a Ray cluster): it prepares the
plain texts in the driver and finishes each batch there (restore, verify,
cache commit, callbacks), so the cache and the catalogs never leave the
driver process whichever executor ran the model.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from l10n.mt.cache import CachedTranslation, MTCache, normalize
from l10n.mt.engine import Draft, Engine, EngineIdentity
from l10n.mt.markup import Masked, mask, restore
from l10n.mt.protect import Protected, protect_unit, unprotect
from l10n.mt.verify import check_locale, engine_facts, verify_draft

if TYPE_CHECKING:
    from l10n.terms import Termbase

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (units done, units total)


@dataclass(frozen=True)
class MTResult:
    text: str  # translation with placeholders restored
    score: float | None
    problems: list[str] = field(default_factory=list)  # non-empty => write as fuzzy
    identity: EngineIdentity | None = None
    cached: bool = False
    terms: tuple[str, ...] = ()  # glossary source terms put in as the glossary says


# Apertium's marks, and what a reviewer is told about the words they mark.
_MARK_MEANING = {"*": "unknown words", "@": "unknown words", "#": "words not inflected"}


def marked_word_problems(marked: Sequence[str], protected: Protected) -> list[str]:
    """``check`` lines for the words an engine marked, except inside put-back fills."""
    covered = {w for f in protected.fills for w in re.findall(r"[\w'’-]+", f.source)}
    by_meaning: dict[str, list[str]] = {}
    for token in marked:
        word = token[1:]
        if word and word not in covered:
            words = by_meaning.setdefault(_MARK_MEANING.get(token[0], "unknown words"), [])
            if word not in words:
                words.append(word)
    return [f"{meaning}: {', '.join(words)}" for meaning, words in by_meaning.items()]


class PairTranslation:
    """The units of one pair: cache lookups first, then ``plain`` texts for an engine.

    ``finish(positions, drafts)`` takes drafts for positions into ``plain``
    (as an engine's batch callback does), commits them to the cache and only
    then reports them through ``on_result`` and ``progress``.  ``termbase``
    (an ``l10n.terms.Termbase``) and ``locale`` (the target's gettext/Babel
    id) switch on the protection of terms, dates and numbers.
    """

    def __init__(self, engine: Engine, units: Sequence[str], source: str, target: str, *,
                 cache: MTCache | None = None, progress: Progress | None = None,
                 on_result: Callable[[str, MTResult], None] | None = None,
                 termbase: Termbase | None = None, locale: str | None = None) -> None:
        self.engine, self.source, self.target = engine, source, target
        self.identity = engine.identity(source, target)  # raises ModelMissing early
        self.units, self.cache, self.progress, self.on_result = list(units), cache, progress, on_result
        self.termbase, self.check_locale = termbase, check_locale(locale, target)
        self.results: list[MTResult | None] = [None] * len(self.units)
        # Units equal after normalization share one translation.
        self._groups: dict[str, list[int]] = {}
        for i, u in enumerate(self.units):
            self._groups.setdefault(normalize(u), []).append(i)
        representative = {key: self.units[idxs[0]] for key, idxs in self._groups.items()}
        self._protected = {key: protect_unit(unit, termbase, locale=locale) for key, unit in representative.items()}
        self._context = {p.unit: p.context for p in self._protected.values() if p.context}
        self.done = 0
        if cache is not None:
            hits = cache.get_many(representative.values(), self.identity, source, target, context=self._context)
            for key, prot in self._protected.items():
                hit = hits.get(prot.unit)
                if hit is not None:
                    problems = self._verify(prot.unit, hit.text) + engine_facts(hit.problems)
                    for i in self._groups[key]:
                        self.results[i] = MTResult(hit.text, hit.score, problems, self.identity, True, prot.terms)
                    self.done += len(self._groups[key])
        if progress:
            progress(self.done, len(self.units))
        self._todo = [key for key in self._groups if self.results[self._groups[key][0]] is None]
        # Engines that keep markup get the unit as is; verify still checks it.
        self._masked: list[Masked] = [
            Masked(t, t, ()) if engine.keeps_markup else mask(t)
            for t in (self._protected[k].text for k in self._todo)
        ]
        self._finished: set[int] = set()

    def _verify(self, unit: str, text: str) -> list[str]:
        return verify_draft(unit, text, locale=self.check_locale, termbase=self.termbase)

    @property
    def plain(self) -> list[str]:
        """What the engine translates: one text per distinct uncached unit."""
        return [m.plain for m in self._masked]

    def finish(self, positions: Sequence[int], drafts: Sequence[Draft]) -> None:
        store = []
        for pos, draft in zip(positions, drafts):
            key, m = self._todo[pos], self._masked[pos]
            prot = self._protected[key]
            text = draft.text if self.engine.keeps_markup else restore(m, draft)
            text = unprotect(text, prot)
            facts = marked_word_problems(draft.marked, prot)
            problems = self._verify(prot.unit, text) + facts
            if problems:
                log.debug("MT problems for %r: %s", prot.unit, problems)
            for i in self._groups[key]:
                self.results[i] = MTResult(text, draft.score, problems, self.identity, False, prot.terms)
            self.done += len(self._groups[key])
            store.append((prot.unit, CachedTranslation(text, draft.score, tuple(facts))))
            self._finished.add(pos)
        if self.cache is not None:
            self.cache.put_many(store, self.identity, self.source, self.target, context=self._context)
        # Callers hear of a result only once it is committed to the cache, so
        # whatever they save is never ahead of what a resumed run can reuse.
        if self.on_result:
            for pos in positions:
                for i in self._groups[self._todo[pos]]:
                    self.on_result(self.units[i], self.results[i])  # type: ignore[arg-type]  # filled for every unit that finished
        if self.progress:
            self.progress(self.done, len(self.units))

    def finish_rest(self, drafts: Sequence[Draft]) -> list[MTResult]:
        """Finish what no batch callback reported (engines need not report batches)."""
        rest = [p for p in range(len(self._todo)) if p not in self._finished]
        if rest:
            self.finish(rest, [drafts[p] for p in rest])
        return self.results  # type: ignore[return-value]  # every result is set once all batches finished


def translate_units(engine: Engine, units: Sequence[str], source: str, target: str, *,
                    cache: MTCache | None = None, progress: Progress | None = None,
                    on_result: Callable[[str, MTResult], None] | None = None,
                    termbase: Termbase | None = None, locale: str | None = None) -> list[MTResult]:
    """Translate ``units`` from ``source`` to ``target`` (engine codes), one result per unit.

    ``on_result(unit, result)`` is called for every unit as soon as its batch
    is done, so a caller can save progress while a long run is going.
    ``termbase`` (an ``l10n.terms.Termbase``) and ``locale`` (the target's
    gettext/Babel id) switch on the protection of terms, dates and numbers.
    """
    job = PairTranslation(engine, units, source, target, cache=cache, progress=progress, on_result=on_result,
                          termbase=termbase, locale=locale)
    if not job.plain:
        return job.results  # type: ignore[return-value]  # every result is set once all batches finished
    drafts = engine.translate(job.plain, source, target, on_batch=job.finish)
    return job.finish_rest(drafts)
