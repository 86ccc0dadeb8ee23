"""Translate units (sentences with inline placeholders) through an engine.

One ``engine.translate`` call per run and pair: the engine sees every
uncached sentence at once and does dedupe/sort/batching itself.  Each
finished engine batch is restored, verified and committed to the cache
right away, so an interrupted run resumes where it stopped.

With a termbase and a target locale, glossary terms, dates and numbers are
protected through the engine (``l10n.mt.protect``); the cache is then keyed
by the unit *and* what was put back, so a glossary edit never serves a stale
draft.  Words an engine marks as untranslated (Apertium's ``*word``) become
problems (``unknown words: physician, rapporteur``) instead of text.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from l10n.mt.cache import CachedTranslation, MTCache, normalize
from l10n.mt.engine import Draft, Engine, EngineIdentity
from l10n.mt.markup import Masked, mask, restore, verify
from l10n.mt.protect import Protected, protect_unit, unprotect

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
    identity = engine.identity(source, target)  # raises ModelMissing early
    total = len(units)
    results: list[MTResult | None] = [None] * total

    # Units equal after normalization share one translation.
    groups: dict[str, list[int]] = {}
    for i, u in enumerate(units):
        groups.setdefault(normalize(u), []).append(i)
    representative = {key: units[idxs[0]] for key, idxs in groups.items()}
    protected = {key: protect_unit(unit, termbase, locale=locale) for key, unit in representative.items()}
    context = {p.unit: p.context for p in protected.values() if p.context}

    done = 0
    if cache is not None:
        hits = cache.get_many(representative.values(), identity, source, target, context=context)
        for key, prot in protected.items():
            hit = hits.get(prot.unit)
            if hit is not None:
                for i in groups[key]:
                    results[i] = MTResult(hit.text, hit.score, list(hit.problems), identity, True, prot.terms)
                done += len(groups[key])
    if progress:
        progress(done, total)

    todo = [key for key in groups if results[groups[key][0]] is None]
    if not todo:
        return results  # type: ignore[return-value]
    masked: list[Masked] = []
    for key in todo:
        text = protected[key].text
        # Engines that keep markup get the unit as is; verify still checks it.
        masked.append(Masked(text, text, ()) if engine.keeps_markup else mask(text))

    def finish(positions: Sequence[int], drafts: Sequence[Draft]) -> None:
        nonlocal done
        store = []
        for pos, draft in zip(positions, drafts):
            key, m, prot = todo[pos], masked[pos], protected[todo[pos]]
            text = draft.text if engine.keeps_markup else restore(m, draft)
            text, problems = unprotect(text, prot)
            problems += verify(prot.localized_source, text) + marked_word_problems(draft.marked, prot)
            if problems:
                log.debug("MT problems for %r: %s", prot.unit, problems)
            for i in groups[key]:
                results[i] = MTResult(text, draft.score, problems, identity, False, prot.terms)
            done += len(groups[key])
            store.append((prot.unit, CachedTranslation(text, draft.score, tuple(problems))))
        if cache is not None:
            cache.put_many(store, identity, source, target, context=context)
        # Callers hear of a result only once it is committed to the cache, so
        # whatever they save is never ahead of what a resumed run can reuse.
        if on_result:
            for pos in positions:
                for i in groups[todo[pos]]:
                    on_result(units[i], results[i])
        if progress:
            progress(done, total)

    finished: set[int] = set()

    def on_batch(positions: Sequence[int], drafts: Sequence[Draft]) -> None:
        finished.update(positions)
        finish(positions, drafts)

    drafts = engine.translate([m.plain for m in masked], source, target, on_batch=on_batch)
    # Engines are not required to report batches; finish whatever they did not.
    rest = [p for p in range(len(todo)) if p not in finished]
    if rest:
        finish(rest, [drafts[p] for p in rest])
    return results  # type: ignore[return-value]
