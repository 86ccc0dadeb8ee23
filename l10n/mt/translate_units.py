"""Translate units (sentences with inline placeholders) through an engine.

One ``engine.translate`` call per run and pair: the engine sees every
uncached sentence at once and does dedupe/sort/batching itself.  Each
finished engine batch is restored, verified and committed to the cache
right away, so an interrupted run resumes where it stopped.

``PairTranslation`` is the same work split in two, for executors that run
the engine elsewhere (worker processes, a Ray cluster): it prepares the
plain texts in the driver and finishes each batch there (restore, verify,
cache commit, callbacks), so the cache and the catalogs never leave the
driver process whichever executor ran the model.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from l10n.mt.cache import CachedTranslation, MTCache, normalize
from l10n.mt.engine import Draft, Engine, EngineIdentity
from l10n.mt.markup import Masked, mask, restore, verify

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (units done, units total)


@dataclass(frozen=True)
class MTResult:
    text: str  # translation with placeholders restored
    score: float | None
    problems: list[str] = field(default_factory=list)  # non-empty => write as fuzzy
    identity: EngineIdentity | None = None
    cached: bool = False


class PairTranslation:
    """The units of one pair: cache lookups first, then ``plain`` texts for an engine.

    ``finish(positions, drafts)`` takes drafts for positions into ``plain``
    (as an engine's batch callback does), commits them to the cache and only
    then reports them through ``on_result`` and ``progress``.
    """

    def __init__(self, engine: Engine, units: Sequence[str], source: str, target: str, *,
                 cache: MTCache | None = None, progress: Progress | None = None,
                 on_result: Callable[[str, MTResult], None] | None = None) -> None:
        self.engine, self.source, self.target = engine, source, target
        self.identity = engine.identity(source, target)  # raises ModelMissing early
        self.units, self.cache, self.progress, self.on_result = list(units), cache, progress, on_result
        self.results: list[MTResult | None] = [None] * len(self.units)
        # Units equal after normalization share one translation.
        self._groups: dict[str, list[int]] = {}
        for i, u in enumerate(self.units):
            self._groups.setdefault(normalize(u), []).append(i)
        representative = {key: self.units[idxs[0]] for key, idxs in self._groups.items()}
        self.done = 0
        if cache is not None:
            hits = cache.get_many(representative.values(), self.identity, source, target)
            for key, unit in representative.items():
                hit = hits.get(unit)
                if hit is not None:
                    for i in self._groups[key]:
                        self.results[i] = MTResult(hit.text, hit.score, list(hit.problems), self.identity, True)
                    self.done += len(self._groups[key])
        if progress:
            progress(self.done, len(self.units))
        self._todo = [key for key in self._groups if self.results[self._groups[key][0]] is None]
        # Engines that keep markup get the unit as is; verify still checks it.
        self._masked: list[Masked] = [
            Masked(u, u, ()) if engine.keeps_markup else mask(u) for u in (representative[k] for k in self._todo)
        ]
        self._finished: set[int] = set()

    @property
    def plain(self) -> list[str]:
        """What the engine translates: one text per distinct uncached unit."""
        return [m.plain for m in self._masked]

    def finish(self, positions: Sequence[int], drafts: Sequence[Draft]) -> None:
        store = []
        for pos, draft in zip(positions, drafts):
            key, m = self._todo[pos], self._masked[pos]
            text = draft.text if self.engine.keeps_markup else restore(m, draft)
            problems = verify(m.source, text)
            if problems:
                log.debug("MT problems for %r: %s", m.source, problems)
            for i in self._groups[key]:
                self.results[i] = MTResult(text, draft.score, problems, self.identity, False)
            self.done += len(self._groups[key])
            store.append((m.source, CachedTranslation(text, draft.score, tuple(problems))))
            self._finished.add(pos)
        if self.cache is not None:
            self.cache.put_many(store, self.identity, self.source, self.target)
        # Callers hear of a result only once it is committed to the cache, so
        # whatever they save is never ahead of what a resumed run can reuse.
        if self.on_result:
            for pos in positions:
                for i in self._groups[self._todo[pos]]:
                    self.on_result(self.units[i], self.results[i])  # type: ignore[arg-type]
        if self.progress:
            self.progress(self.done, len(self.units))

    def finish_rest(self, drafts: Sequence[Draft]) -> list[MTResult]:
        """Finish what no batch callback reported (engines need not report batches)."""
        rest = [p for p in range(len(self._todo)) if p not in self._finished]
        if rest:
            self.finish(rest, [drafts[p] for p in rest])
        return self.results  # type: ignore[return-value]


def translate_units(engine: Engine, units: Sequence[str], source: str, target: str, *,
                    cache: MTCache | None = None, progress: Progress | None = None,
                    on_result: Callable[[str, MTResult], None] | None = None) -> list[MTResult]:
    """Translate ``units`` from ``source`` to ``target`` (engine codes), one result per unit.

    ``on_result(unit, result)`` is called for every unit as soon as its batch
    is done, so a caller can save progress while a long run is going.
    """
    job = PairTranslation(engine, units, source, target, cache=cache, progress=progress, on_result=on_result)
    if not job.plain:
        return job.results  # type: ignore[return-value]
    drafts = engine.translate(job.plain, source, target, on_batch=job.finish)
    return job.finish_rest(drafts)
