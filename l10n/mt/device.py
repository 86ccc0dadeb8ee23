"""Where Argos models run: the CPU or a CUDA GPU, with settings for each.

``--device cuda`` needs CTranslate2's CUDA build (the PyPI wheel of 4.x is
one), an NVIDIA driver and cuBLAS 12 (``libcublas.so.12``, loaded by
CTranslate2 on first use: without it a run would fail only after the model
loaded).  Both are checked before any work, and a missing piece is one line
that says what to install.  ``auto`` takes the GPU when that check passes.

On a GPU the defaults change: int8 Argos models run as ``int8_float16``
(float16 activations, int8 weights) where the GPU supports it, and batches
get a GPU token budget instead of the CPU's 1,024; an explicit
``compute_type`` or ``max_batch_tokens`` in ``[tool.l10n.mt]`` always wins.
"""
from __future__ import annotations

import logging
from typing import Any

from l10n.mt.errors import EngineFailed

log = logging.getLogger(__name__)

#: Padded source tokens per batch on a GPU.  Not yet measured on one (no GPU
#: was available): bench/gpu/run.py sweeps it; a Transformer-base at beam 4
#: keeps an H100 busy from a few thousand tokens per batch.
GPU_MAX_BATCH_TOKENS = 8192

DEVICES = ("cpu", "cuda", "auto")

#: cuBLAS major version each CTranslate2 major version's wheel links against.
_CUBLAS_FOR_CT2 = {"4": "12"}


def cuda_problem() -> str | None:
    """Why CTranslate2 cannot run on a GPU here, or None when it can."""
    import ctranslate2

    try:
        count = ctranslate2.get_cuda_device_count()
    except RuntimeError as exc:  # raised by builds or drivers that cannot talk to each other
        return f"CTranslate2 cannot use CUDA: {exc}"
    if count == 0:
        return ("no CUDA GPU visible to CTranslate2 (no NVIDIA driver, no GPU, "
                "or CUDA_VISIBLE_DEVICES hides them)")
    cublas = _CUBLAS_FOR_CT2.get(ctranslate2.__version__.split(".")[0])
    if cublas:
        import ctypes

        try:
            ctypes.CDLL(f"libcublas.so.{cublas}")
        except OSError:
            return (f"libcublas.so.{cublas} not found: CTranslate2 {ctranslate2.__version__} needs cuBLAS {cublas} "
                    f"(pip install nvidia-cublas-cu{cublas}, or the CUDA {cublas} toolkit; "
                    "its lib directory on LD_LIBRARY_PATH)")
    return None


def resolve_device(device: str) -> str:
    """``cpu`` or ``cuda`` for a requested ``cpu``/``cuda``/``auto``; raises when cuda cannot work."""
    if device not in DEVICES:
        raise EngineFailed(f"unknown device {device!r}", hint="use cpu, cuda or auto")
    if device == "cpu":
        return "cpu"
    problem = cuda_problem()
    if problem is None:
        return "cuda"
    if device == "auto":
        log.info("device auto: using the CPU (%s)", problem)
        return "cpu"
    raise EngineFailed(f"--device cuda: {problem}", hint="or use --device cpu / auto")


#: CTranslate2 intra-op threads per translator on the CPU, in every execution path.
CPU_INTRA_THREADS = 1


def cpu_intra_threads(configured: int | None) -> int:
    """The intra-op thread count every CPU translator of a run uses.

    Intra-op threads split each matrix product, and how it is split changes
    the order of float additions: with 2 threads instead of 1 a score differs
    in the 7th digit (and, rarely, a beam choice).  So this one number, the
    configured ``intra_threads`` or else 1, is used by this process, by worker
    processes and by Ray actors alike, and their catalogs stay byte-identical;
    parallelism comes from whole batches instead (``inter_threads`` replicas
    here, processes or actors there), which leaves each batch's numbers alone.
    """
    return configured or CPU_INTRA_THREADS


def device_options(options: dict[str, Any], device: str) -> dict[str, Any]:
    """``ArgosEngine`` options for a resolved ``device`` (explicit settings win)."""
    out = {**options, "device": device}
    if device == "cpu":
        from l10n.mt.workers import usable_cores

        out["intra_threads"] = cpu_intra_threads(options.get("intra_threads"))
        out.setdefault("inter_threads", usable_cores())
    if device == "cuda":
        if out.get("compute_type", "default") == "default":
            import ctranslate2

            supported = ctranslate2.get_supported_compute_types("cuda")
            out["compute_type"] = next((t for t in ("int8_float16", "float16", "int8_float32") if t in supported),
                                       "default")
        out.setdefault("max_batch_tokens", GPU_MAX_BATCH_TOKENS)
    return out
