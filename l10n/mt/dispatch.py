"""Run the batches of several language pairs on a pool of workers.

The driver owns everything that must survive a kill: each finished batch is
handed to its pair's callback (which restores, verifies, commits to the MT
cache and saves catalogs) in the order a sequential run would commit it.
A batch that finishes early waits in memory for the ones before it, so the
units still to do after an interruption are always a suffix of the pair's
length-sorted plan, cut into the same batches by the next run: resumed
output is identical to an uninterrupted one, whatever finished first.

A pool has slots (worker processes, Ray actors); a slot serves one pair at a
time with that pair's model loaded once, and switches to the pair with the
most work left per serving slot when its own runs out.  A batch lost with a
dead worker goes back to the front of its queue and is retried on a fresh
worker, at most ``max_attempts`` times.
"""
from __future__ import annotations

import logging
from collections import Counter, deque
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Protocol

from l10n.mt.batches import BatchTask, PairPlan
from l10n.mt.engine import BatchCallback, Draft
from l10n.mt.errors import EngineFailed

log = logging.getLogger(__name__)


class WorkerLost(Exception):
    """A worker died (killed, out of memory, node lost); its batches are retried."""


class Pool(Protocol):
    """Where batches run: ``size`` slots, each holding at most one model."""

    size: int
    depth: int  # batches in flight per slot that keep it busy

    def load(self, slot: int, plan: PairPlan) -> None:
        """Make ``slot`` a live worker holding ``plan.package``'s model."""
        ...

    def submit(self, slot: int, task: BatchTask) -> Hashable:
        ...

    def wait(self, handles: Sequence[Hashable]) -> list[tuple[Hashable, list[Draft] | Exception]]:
        """At least one finished handle with its drafts, ``WorkerLost`` or ``EngineFailed``."""
        ...

    def close(self) -> None:
        ...


@dataclass
class PairRun:
    plan: PairPlan
    on_batch: BatchCallback  # (positions into the planned texts, drafts), called in the driver


def run_pairs(runs: Sequence[PairRun], pool: Pool, *, max_attempts: int = 3) -> None:
    """Run every batch of ``runs`` on ``pool``; ``pool.depth`` batches queued per slot keep it busy."""
    depth = pool.depth
    for run in runs:
        if run.plan.empty:
            run.on_batch(run.plan.empty, [Draft("", None, ())] * len(run.plan.empty))
    queues = [deque(range(len(r.plan.batches))) for r in runs]
    left = [r.plan.tokens for r in runs]  # tokens not yet submitted, per pair
    next_commit = [0] * len(runs)
    finished: list[dict[int, list[Draft]]] = [{} for _ in runs]
    attempts: Counter = Counter()
    serving: list[int | None] = [None] * pool.size
    busy = [0] * pool.size
    in_flight: dict[Hashable, tuple[int, int, int]] = {}

    def pick(slot: int) -> int | None:
        own = serving[slot]
        if own is not None and queues[own]:
            return own
        waiting = [i for i, q in enumerate(queues) if q]
        if not waiting:
            return None
        servers = Counter(serving)
        return max(waiting, key=lambda i: (left[i] / (1 + servers[i]), -i))

    def commit(i: int) -> None:
        run = runs[i]
        while next_commit[i] in finished[i]:
            k = next_commit[i]
            drafts = finished[i].pop(k)
            positions, spread = [], []
            for sentence_positions, draft in zip(run.plan.positions[k], drafts):
                positions.extend(sentence_positions)
                spread.extend([draft] * len(sentence_positions))
            run.on_batch(positions, spread)
            next_commit[i] += 1

    while True:
        for slot in range(pool.size):
            while busy[slot] < depth:
                i = pick(slot)
                if i is None or (serving[slot] != i and busy[slot]):
                    break  # nothing left, or finish this model's batches before switching
                if serving[slot] != i:
                    pool.load(slot, runs[i].plan)
                    serving[slot] = i
                b = queues[i].popleft()
                task = runs[i].plan.batches[b]
                left[i] -= task.tokens
                in_flight[pool.submit(slot, task)] = (slot, i, b)
                busy[slot] += 1
        if not in_flight:
            return
        for handle, outcome in pool.wait(list(in_flight)):
            if handle not in in_flight:
                continue  # a late answer for a batch already given up as lost
            slot, i, b = in_flight.pop(handle)
            busy[slot] -= 1
            if isinstance(outcome, WorkerLost):
                attempts[i, b] += 1
                if attempts[i, b] >= max_attempts:
                    raise EngineFailed(f"a batch of {runs[i].plan.package.name} was lost with "
                                       f"{attempts[i, b]} workers in a row: {outcome}")
                log.warning("worker %d lost (%s); retrying its batch %d of %s", slot, outcome, b,
                            runs[i].plan.package.name)
                queues[i] = deque(sorted([*queues[i], b]))
                left[i] += runs[i].plan.batches[b].tokens
                serving[slot] = None  # the next load starts a fresh worker
                continue
            if isinstance(outcome, Exception):
                raise outcome
            finished[i][b] = outcome
            commit(i)
