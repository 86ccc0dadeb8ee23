"""Worker processes on this machine: one model each, batches in, drafts out.

Each worker is a spawned process (never forked: CTranslate2's and OpenMP's
threads do not survive a fork) with a pipe in each direction, so a worker
killed mid-message corrupts only its own pipe and is seen as lost.  Workers
die with the driver (PR_SET_PDEATHSIG, and a watch on the parent pid where
that is missing): a killed ``l10n translate`` leaves no orphan burning CPU.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any

from l10n.mt.batches import BatchTask, PairPlan
from l10n.mt.dispatch import WorkerLost
from l10n.mt.engine import Draft
from l10n.mt.errors import EngineFailed

log = logging.getLogger(__name__)

#: Resident memory of a loaded model relative to its model.bin, plus working
#: memory per worker; a deliberately high estimate (measured ~1.3x + 60 MB for
#: a Transformer-base int8 model on CPU).
MODEL_MEMORY_FACTOR = 2.0
WORKER_OVERHEAD = 300 * 2**20


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def available_memory() -> int | None:
    """MemAvailable from /proc/meminfo in bytes; None where unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def default_workers(pairs: int, model_bytes: int, *, cores: int | None = None,
                    memory: int | None = None) -> int:
    """As many workers as there are pairs, cores and memory for their models."""
    cores = usable_cores() if cores is None else cores
    memory = available_memory() if memory is None else memory
    workers = max(1, min(pairs, cores))
    if memory is not None:
        workers = min(workers, max(1, int(memory // (model_bytes * MODEL_MEMORY_FACTOR + WORKER_OVERHEAD))))
    return workers


def _die_with_parent() -> None:
    parent = os.getppid()
    try:
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _serve(tasks: Any, results: Any, model_options: dict[str, Any]) -> None:
    """A worker's loop: ("load", package dir) then ("run", handle, BatchTask)..."""
    _die_with_parent()
    from l10n.mt.batches import LoadedModel

    model, problem = None, None
    while True:
        try:
            message = tasks.recv()
        except (EOFError, OSError):
            return
        if message[0] == "load":
            model, problem = None, None
            try:
                model = LoadedModel(Path(message[1]), **model_options)
            except EngineFailed as exc:
                problem = exc.message
        elif message[0] == "run":
            handle, task = message[1], message[2]
            try:
                if model is None:
                    raise EngineFailed(problem or "no model loaded")
                results.send((handle, model.run(task)))
            except EngineFailed as exc:
                results.send((handle, ("error", exc.message)))
        else:
            return


class LocalPool:
    """``size`` worker processes on this machine (see ``l10n.mt.dispatch.Pool``)."""

    def __init__(self, size: int, *, device: str = "cpu", compute_type: str = "default",
                 intra_threads: int = 0) -> None:
        self.size = size
        self.depth = 2  # a worker runs one batch at a time; the next one waits in its pipe
        self._options = dict(device=device, compute_type=compute_type, intra_threads=intra_threads)
        self._workers: list[Any] = [None] * size  # (process, task pipe, result pipe)
        self._owner: dict[Hashable, int] = {}  # handle -> slot
        self._next = 0

    def _start(self, slot: int) -> Any:
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")
        task_recv, task_send = ctx.Pipe(duplex=False)
        result_recv, result_send = ctx.Pipe(duplex=False)
        process = ctx.Process(target=_serve, args=(task_recv, result_send, self._options),
                              name=f"l10n-mt-worker-{slot}", daemon=True)
        process.start()
        task_recv.close()
        result_send.close()
        self._workers[slot] = (process, task_send, result_recv)
        return self._workers[slot]

    def load(self, slot: int, plan: PairPlan) -> None:
        worker = self._workers[slot]
        if worker is None or not worker[0].is_alive():
            worker = self._start(slot)
        try:
            worker[1].send(("load", str(plan.package.path)))
        except OSError:
            pass  # dead: the batch sent next is reported lost and retried

    def submit(self, slot: int, task: BatchTask) -> Hashable:
        handle, self._next = self._next, self._next + 1
        self._owner[handle] = slot
        try:
            self._workers[slot][1].send(("run", handle, task))
        except OSError:
            pass  # dead: wait() reports the handle lost
        return handle

    def wait(self, handles: Sequence[Hashable]) -> list[tuple[Hashable, list[Draft] | Exception]]:
        from multiprocessing.connection import Connection, wait

        slots = {self._owner[h] for h in handles}
        while True:
            pipes: dict[Connection, int] = {self._workers[s][2]: s for s in slots}
            # wait() hands back the objects it was given: these Connections.
            ready = [p for p in wait(list(pipes), timeout=1.0) if isinstance(p, Connection)]
            out: list[tuple[Hashable, list[Draft] | Exception]] = []
            for pipe in ready:
                slot = pipes[pipe]
                try:
                    handle, answer = pipe.recv()
                except (EOFError, OSError, ValueError) as exc:  # died, maybe mid-message
                    out += self._lost(slot, handles, f"worker exited ({type(exc).__name__})")
                    continue
                self._owner.pop(handle, None)
                if isinstance(answer, tuple):
                    out.append((handle, EngineFailed(answer[1])))
                else:
                    out.append((handle, answer))
            for slot in slots - {pipes[p] for p in ready}:
                process = self._workers[slot][0]
                if not process.is_alive():
                    out += self._lost(slot, handles, f"worker exited with code {process.exitcode}")
            if out:
                return out

    def _lost(self, slot: int, handles: Sequence[Hashable], why: str) -> list[tuple[Hashable, Exception]]:
        process, task_send, result_recv = self._workers[slot]
        process.join(timeout=5)
        task_send.close()
        result_recv.close()
        self._workers[slot] = None
        lost = [h for h in handles if self._owner.get(h) == slot]
        for h in lost:
            del self._owner[h]
        return [(h, WorkerLost(why)) for h in lost]

    def close(self) -> None:
        for slot, worker in enumerate(self._workers):
            if worker is None:
                continue
            process, task_send, result_recv = worker
            try:
                task_send.send(("stop",))
            except OSError:
                pass
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join()
            task_send.close()
            result_recv.close()
            self._workers[slot] = None

    def __enter__(self) -> LocalPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
