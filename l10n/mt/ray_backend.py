"""CTranslate2 batches (Argos packages and every other family) on a Ray cluster: one actor per model, finished batches back with ``ray.wait``.

``mt.cluster = "auto"`` (the cluster this machine belongs to, as ``ray start``
set it up) or an address (``ray://head:10001``) makes ``l10n translate`` plan
token-budget batches for every pair in the driver and run them on actors that
each load one model once (with one GPU each where the cluster has GPUs).
Results come back as they finish; the driver commits them to the cache and
saves catalogs exactly as a local run does (l10n/mt/dispatch.py).

What crosses the wire: the model packages (zipped, once per pair, through
the object store; an actor whose node already has the same package at the
same path, on a shared file system, uses that instead) and the *source
sentences* of every batch, as SentencePiece pieces, plus the drafts coming
back.  Catalogs, the cache and reviewed translations never leave the driver.

An actor that dies (node lost, process killed) loses its batches; they are
retried on a fresh actor.  Code is not shipped: the cluster's Python needs
l10n with its ``cluster`` extra, of the same version, installed.
"""
from __future__ import annotations

import io
import logging
import os
import shutil
import tempfile
import uuid
import zipfile
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any

from l10n.errors import install_hint
from l10n.mt.batches import BatchTask, PairPlan
from l10n.mt.dispatch import WorkerLost
from l10n.mt.engine import Draft
from l10n.mt.errors import EngineFailed, MTError

log = logging.getLogger(__name__)

#: CPUs per actor on a CPU cluster (one CTranslate2 translator each, with this
#: many replicas); four keeps a Transformer-base busy without starving its neighbours.
CPU_THREADS_PER_ACTOR = 4


def connect(address: str) -> Any:
    """The ``ray`` module, connected to ``address`` ("auto" or ``ray://host:port``)."""
    try:
        import ray
    except ImportError:
        raise EngineFailed("mt.cluster needs Ray", hint=install_hint("cluster")) from None
    if not ray.is_initialized():
        try:
            if address.startswith("ray://"):  # Ray Client: the server's defaults apply
                ray.init(address=address)
            else:
                ray.init(address=address, logging_level=logging.WARNING, log_to_driver=False)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise EngineFailed(f"cannot reach the Ray cluster at {address}: {exc}".splitlines()[0],
                               hint="start one with 'ray start --head' or give its ray://host:10001") from None
    return ray


def zip_package(path: Path) -> bytes:
    """A package folder as a stored (uncompressed: models do not shrink) zip."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for f in sorted(path.rglob("*")):
            if f.is_file():
                zf.write(f, f.relative_to(path.parent).as_posix())
    return buf.getvalue()


def local_package(path: str, fingerprint: str, package_zip: list) -> Path:
    """The package on this node: ``path`` when it holds the same package, else installed from the store.

    The zip goes through ``install_from_file`` (the archive checks of ``l10n
    models install``) into a folder of its own, renamed into place, so actors
    starting together on one node never see a half-written package.
    """
    from l10n.mt.packages import install_from_file
    from l10n.mt.add import add_model
    from l10n.mt.registry import read_model

    def fingerprint_of(folder: Path) -> str | None:
        model = read_model(folder)
        try:
            return model.fingerprint if model is not None else None
        except OSError:
            return None

    if Path(path).is_dir() and fingerprint_of(Path(path)) == fingerprint:
        return Path(path)
    import ray

    home = Path(tempfile.gettempdir()) / "l10n-models"
    final = home / fingerprint
    if read_model(final / Path(path).name) is None:
        home.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{fingerprint}-", dir=home))
        data = ray.get(package_zip[0])
        archive = staging / "package.zip"
        archive.write_bytes(data)
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            argos = any(n.endswith("/metadata.json") and n.count("/") == 1 for n in zf.namelist())
        if argos:
            install_from_file(archive, staging / "packages")
        else:  # the archive checks of l10n models add; its manifest travels as it is
            add_model(archive, staging / "packages", folder_name=Path(path).name)
        try:
            os.replace(staging / "packages", final)
        except OSError:
            pass  # another actor on this node was first: use its copy
        shutil.rmtree(staging, ignore_errors=True)
    return final / Path(path).name


class _Actor:
    """Body of the Ray actor: one pair's model, loaded once."""

    def __init__(self, path: str, fingerprint: str, package_zip: list, options: dict[str, Any]) -> None:
        from l10n.mt.batches import LoadedModel

        self.model, self.problem = None, None
        try:
            self.model = LoadedModel(local_package(path, fingerprint, package_zip), **options)
        except EngineFailed as exc:
            self.problem = exc.message

    def run(self, task: BatchTask) -> list[Draft] | tuple[str, str]:
        if self.model is None:
            return ("error", self.problem or "no model")
        try:
            return self.model.run(task)
        except EngineFailed as exc:
            return ("error", exc.message)

    def pid(self) -> int:
        return os.getpid()


class RayPool:
    """Ray actors as pool slots (see ``l10n.mt.dispatch.Pool``)."""

    def __init__(self, address: str, *, device: str = "auto", intra_threads: int = 0) -> None:
        self._connected_here = not _ray_initialized()
        self.ray = connect(address)
        resources = self.ray.cluster_resources()
        gpus, cpus = int(resources.get("GPU", 0)), max(1, int(resources.get("CPU", 1)))
        if device == "cuda" and not gpus:
            raise EngineFailed(f"--device cuda: the Ray cluster at {address} has no GPU",
                               hint="or use --device cpu / auto")
        self.device = "cuda" if gpus and device != "cpu" else "cpu"
        if self.device == "cuda":
            self.size, self.replicas = gpus, 1
            self._translator = {"intra_threads": intra_threads or 0, "inter_threads": 1}
            self._resources = {"num_gpus": 1, "num_cpus": 1}
        else:
            # At least two actors, so one lost actor never stalls the run.  An
            # actor's CPUs serve whole batches side by side (translator
            # replicas, as many concurrent calls), never one batch split over
            # threads: intra_threads stays the run's one value, so the numbers
            # equal a sequential run's (l10n.mt.device.cpu_intra_threads).
            from l10n.mt.device import cpu_intra_threads

            intra = cpu_intra_threads(intra_threads)
            self.replicas = max(1, min(CPU_THREADS_PER_ACTOR, cpus // 2) // intra)
            self.size = max(1, cpus // (self.replicas * intra))
            self._translator = {"intra_threads": intra, "inter_threads": self.replicas}
            self._resources = {"num_cpus": self.replicas * intra, "max_concurrency": self.replicas}
        self.depth = 2 * self.replicas
        self.run_id = uuid.uuid4().hex[:8]
        self._actors: list[Any] = [None] * self.size
        self._packages: dict[Path, Any] = {}
        self._owner: dict[Hashable, int] = {}
        self._started = 0
        log.info("Ray cluster: %d actor slot(s) on %s", self.size, self.device)

    def load(self, slot: int, plan: PairPlan) -> None:
        ray = self.ray
        if self._actors[slot] is not None:
            ray.kill(self._actors[slot])
        ref = self._packages.get(plan.package.path)
        if ref is None:
            ref = self._packages[plan.package.path] = ray.put(zip_package(plan.package.path))
        self._started += 1
        actor = ray.remote(_Actor).options(name=f"l10n-{self.run_id}-{slot}-{self._started}", max_restarts=0,
                                           **self._resources)
        options = dict(device=self.device, compute_type=plan.compute_type, **self._translator)
        # The ref travels inside a list, so Ray does not fetch the package
        # before the actor knows whether its node already has it.
        self._actors[slot] = actor.remote(str(plan.package.path), plan.fingerprint, [ref], options)

    def submit(self, slot: int, task: BatchTask) -> Hashable:
        ref = self._actors[slot].run.remote(task)
        self._owner[ref] = slot
        return ref

    def wait(self, handles: Sequence[Hashable]) -> list[tuple[Hashable, list[Draft] | Exception]]:
        ray = self.ray
        ready, _ = ray.wait(list(handles), num_returns=1)
        ready, _ = ray.wait(list(handles), num_returns=len(handles), timeout=0)  # and all others done by now
        out: list[tuple[Hashable, list[Draft] | Exception]] = []
        for ref in ready:
            slot = self._owner.pop(ref)
            try:
                answer = ray.get(ref)
            except ray.exceptions.RayActorError as exc:
                out.append((ref, WorkerLost(f"Ray actor {slot} died: {type(exc).__name__}")))
                continue
            except ray.exceptions.RayError as exc:
                out.append((ref, EngineFailed(f"Ray: {exc}".splitlines()[0])))
                continue
            out.append((ref, EngineFailed(answer[1]) if isinstance(answer, tuple) else answer))
        return out

    def close(self) -> None:
        for actor in self._actors:
            if actor is not None:
                self.ray.kill(actor)
        self._actors = [None] * self.size
        if self._connected_here:
            self.ray.shutdown()


def _ray_initialized() -> bool:
    try:
        import ray
    except ImportError:
        return False
    return ray.is_initialized()
