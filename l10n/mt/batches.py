"""Token-budget batches of one language pair: planned in the driver, run anywhere.

The driver tokenizes, deduplicates, sorts by length and cuts batches with
the same rules as ``ArgosEngine.translate`` (its ``decode_options``, the family's tokens), so a
batch run by a worker process or a Ray actor holds the same sentences and
decodes the same way as in a sequential run: the output is identical, since
CTranslate2's result for a sentence depends on the batch it is in.  A worker
needs only the package (to load the model once) and ``BatchTask``s; drafts
come back as ``Draft``s, so attention matrices never cross the wire.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from l10n.mt.argos import ArgosEngine, load_tokenizers, plan_batches, to_draft
from l10n.mt.engine import Draft
from l10n.mt.errors import EngineFailed
from l10n.mt.registry import InstalledModel


@dataclass(frozen=True)
class BatchTask:
    """What a worker needs to translate one batch (picklable, no driver state)."""

    pieces: tuple[tuple[str, ...], ...]  # with the family's language tokens and "</s>" already added
    spans: tuple[tuple[tuple[int, int], ...], ...]  # source character span of every piece
    options: dict[str, Any]  # translate_batch keywords (ArgosEngine.decode_options)
    prefix: str  # target prefix token ("__zh__", "kor_Hang"), "" if none
    length_penalty: float
    strip: tuple[str, ...] = ()  # output tokens the family never shows

    @property
    def tokens(self) -> int:
        return sum(len(p) for p in self.pieces)


@dataclass
class PairPlan:
    """Every batch of one pair, in the order a sequential run would commit them."""

    package: InstalledModel
    batches: list[BatchTask]
    positions: list[list[list[int]]]  # per batch, per sentence: positions in the planned texts
    empty: list[int]  # positions of blank texts (their draft is empty, no model needed)
    fingerprint: str = ""  # the package's (EngineIdentity.fingerprint): a worker's copy must match
    compute_type: str = "default"

    @property
    def tokens(self) -> int:
        return sum(b.tokens for b in self.batches)


def plan_pair(engine: ArgosEngine, texts: Sequence[str], source: str, target: str) -> PairPlan:
    """Cut ``texts`` into the batches ``engine.translate`` would run, without loading the model."""
    package = engine.package(source, target)
    tokens = engine.pair_tokens(source, target)
    sp, _target_sp = load_tokenizers(package)
    planned = plan_batches(sp, tokens, texts, engine.max_batch_tokens)  # ArgosEngine.translate's batches
    work, positions = planned.work, planned.positions
    prefix = tokens.target_prefix
    plan = PairPlan(package, [], [], planned.empty, engine.identity(source, target).fingerprint, engine.compute_type)
    for lo, hi in planned.batches:
        batch = work[lo:hi]
        plan.batches.append(BatchTask(
            tuple(tuple(w[1]) for w in batch), tuple(tuple(w[2]) for w in batch),
            engine.decode_options(max(len(w[1]) for w in batch), prefix, disable_unk=tokens.disable_unk),
            prefix, engine.length_penalty, tokens.strip))
        plan.positions.append([positions[w[0]] for w in batch])
    return plan


class LoadedModel:
    """One pair's model, loaded once in a worker, translating ``BatchTask``s."""

    def __init__(self, package_dir: Path, *, device: str = "cpu", compute_type: str = "default",
                 intra_threads: int = 0, inter_threads: int = 1) -> None:
        import ctranslate2

        from l10n.mt.registry import read_model

        package = read_model(Path(package_dir))
        if package is None:
            raise EngineFailed(f"{package_dir}: not an installed translation model")
        self.sp, self.target_sp = load_tokenizers(package)
        try:
            self.translator = ctranslate2.Translator(
                str(package.model_dir), device=device, compute_type=compute_type,
                inter_threads=inter_threads, intra_threads=intra_threads)
        except (RuntimeError, ValueError) as exc:
            raise EngineFailed(f"cannot load CTranslate2 model in {package.model_dir}: {exc}") from exc

    def run(self, task: BatchTask) -> list[Draft]:
        try:
            results = self.translator.translate_batch(
                [list(p) for p in task.pieces],
                target_prefix=[[task.prefix]] * len(task.pieces) if task.prefix else None,
                **task.options)
        except RuntimeError as exc:
            raise EngineFailed(f"CTranslate2 failed: {exc}") from exc
        return [to_draft(self.target_sp, list(spans), res, task.prefix, task.length_penalty, task.strip)
                for spans, res in zip(task.spans, results)]
