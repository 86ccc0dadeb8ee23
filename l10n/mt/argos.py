"""CTranslate2 translation models, Argos packages and every other family, driven directly.

One engine for every converted sequence-to-sequence family (Argos packages,
OPUS-MT/Marian, NLLB-200, M2M100, MADLAD-400, quickmt): what differs per
family (language tokens, target prefix, what to strip, ``disable_unk``) is a
recipe in ``l10n.mt.families``; the installed models come from
``l10n.mt.registry``.  Everything else (batching, attention alignment for
placeholders, the cache identity, workers and Ray) is the same code path.
The class keeps the name ``ArgosEngine`` and the engine name ``argos`` so
configs, cache keys and provenance of Argos packages stay what they were.

Why not ``argostranslate.translate``: importing it pulls torch/stanza (~4 s)
and ``argostranslate.settings`` creates directories in $HOME at import time;
it also translates paragraph by paragraph with 32-token batches.  Here we
read each package's ``metadata.json`` ourselves and give CTranslate2 every
sentence of a run at once: deduplicated, sorted by length, cut into
token-budget batches (submitted asynchronously so ``inter_threads`` > 1 can
run batches in parallel), each batch with its own decoding-length cap so one
degenerate long sentence cannot make a whole batch decode 256 steps.

Long because: one engine for every CTranslate2 family (loading, batching,
alignment); the batching merge of issue 18 item 2 is reshaping it.
"""
from __future__ import annotations

import collections
import json
import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from l10n.mt.engine import BatchCallback, Draft, EngineIdentity
from l10n.mt.errors import EngineFailed, ModelMissing
from l10n.mt.hints import argos_model_hint

if TYPE_CHECKING:
    from l10n.mt.families import PairTokens
    from l10n.mt.registry import InstalledModel

log = logging.getLogger(__name__)

#: Padded source tokens per batch.  Measured with bench/mt on a 2-core CPU
#: with a Transformer-base int8 model at beam 4 (see bench/mt/README.md).
DEFAULT_MAX_BATCH_TOKENS = 1024


@dataclass(frozen=True)
class ArgosPackage:
    """An installed Argos translate package (read from its metadata.json)."""

    path: Path
    from_code: str
    to_code: str
    version: str
    target_prefix: str
    tokenizer: Path  # sentencepiece.model or bpe.model

    @property
    def name(self) -> str:
        return f"translate-{self.from_code}_{self.to_code}"


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in version.replace("_", ".").split("."))


def read_package(path: Path) -> ArgosPackage | None:
    """Parse one package folder; None if it is not a translate package."""
    meta_file = path / "metadata.json"
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if meta.get("type", "translate") != "translate" or not meta.get("from_code") or not meta.get("to_code"):
        return None
    tokenizer = next((path / n for n in ("sentencepiece.model", "bpe.model") if (path / n).exists()), None)
    if tokenizer is None or not (path / "model" / "model.bin").exists():
        return None
    return ArgosPackage(path, str(meta["from_code"]), str(meta["to_code"]),
                        str(meta.get("package_version", "")), str(meta.get("target_prefix", "") or ""),
                        tokenizer)


def installed_packages(packages_dir: Path) -> list[ArgosPackage]:
    """All translate packages in ``packages_dir``, best version first per pair."""
    if not packages_dir.is_dir():
        return []
    found = [p for p in (read_package(d) for d in sorted(packages_dir.iterdir())
                         if d.is_dir() and not d.name.startswith(".")) if p]
    return sorted(found, key=lambda p: (p.from_code, p.to_code, _version_key(p.version)), reverse=True)


@dataclass
class PairStats:
    """Work done for one pair; lets tests and the CLI see how the engine batched."""

    calls: int = 0  # translate() calls
    sentences: int = 0  # unique non-empty sentences sent to CTranslate2
    batches: int = 0  # translate_batch calls
    source_tokens: int = 0


@dataclass
class _Loaded:
    package: InstalledModel
    translator: Any
    sp: Any  # SentencePieceProcessor of the source side
    target_sp: Any  # ... of the target side (the same one for most families)
    tokens: PairTokens


class ArgosEngine:
    """Engine over Argos packages in ``packages_dir``; models load lazily, once per pair."""

    name = "argos"
    keeps_markup = False

    def __init__(
        self,
        packages_dir: Path,
        *,
        models_dir: Path | None = None,
        choice: dict[tuple[str, str], str] | None = None,
        device: str = "cpu",
        compute_type: str = "default",
        beam_size: int = 4,
        length_penalty: float = 0.2,  # Argos's own value
        max_batch_tokens: int = DEFAULT_MAX_BATCH_TOKENS,
        inter_threads: int = 1,
        intra_threads: int = 0,
        max_decoding_length_ratio: float = 2.0,
        max_decoding_length_extra: int = 10,
        min_decoding_length_ratio: float = 0.0,  # >0 only for benchmarks
        repetition_penalty: float = 1.0,
        no_repeat_ngram_size: int = 0,
        replace_unknowns: bool = True,
        max_input_length: int = 1024,
        alignment: bool = True,
    ) -> None:
        self.packages_dir = Path(packages_dir)
        # Non-Argos models (l10n models add); may be the same folder.
        self.models_dir = Path(models_dir) if models_dir is not None else None
        # (source, target) -> model name, where several installed models serve a
        # pair; ("*", "*") names one model for every pair it serves.
        self.choice = dict(choice or {})
        self.device = device
        self.compute_type = compute_type
        self.beam_size = beam_size
        self.length_penalty = length_penalty
        self.max_batch_tokens = max_batch_tokens
        self.inter_threads = inter_threads
        self.intra_threads = intra_threads
        self.max_decoding_length_ratio = max_decoding_length_ratio
        self.max_decoding_length_extra = max_decoding_length_extra
        self.min_decoding_length_ratio = min_decoding_length_ratio
        self.repetition_penalty = repetition_penalty
        self.no_repeat_ngram_size = no_repeat_ngram_size
        self.replace_unknowns = replace_unknowns
        self.max_input_length = max_input_length
        self.alignment = alignment
        self.stats: dict[tuple[str, str], PairStats] = {}
        self._tokens: dict[tuple[Path, str, str], PairTokens] = {}  # vocabularies are large: read once
        self._loaded: dict[tuple[str, str], _Loaded] = {}

    # --- discovery ------------------------------------------------------------
    def _dirs(self) -> list[Path]:
        return [self.packages_dir] + ([self.models_dir] if self.models_dir is not None else [])

    def pairs(self) -> list[tuple[str, str]]:
        from l10n.mt.registry import installed_models

        return sorted({(s, t) for m in installed_models(self._dirs()) for s in m.sources for t in m.targets
                       if s != t})

    def package(self, source: str, target: str) -> InstalledModel:
        """The installed model that serves the pair (the configured choice, else the default order)."""
        from l10n.mt.registry import models_for_pair, pick

        serving = models_for_pair(source, target, self._dirs())
        wanted = self.choice.get((source, target), self.choice.get(("*", "*")))
        found = pick(serving, wanted)
        if found is not None:
            return found
        where = " or ".join(str(d) for d in dict.fromkeys(self._dirs()))
        if wanted is not None:
            raise ModelMissing(f"model {wanted!r} chosen for {source} -> {target} does not serve that pair "
                               f"in {where}", hint="see l10n models list")
        raise ModelMissing(
            f"no Argos model installed for {source} -> {target} in {where}",
            hint=argos_model_hint(source, target),
        )

    def pair_tokens(self, source: str, target: str, vocabulary: Sequence[str] | None = None) -> PairTokens:
        """What the model's family adds around this pair's sentences; checked against the vocabulary."""
        from l10n.mt.families import pair_tokens

        model = self.package(source, target)
        key = (model.path, source, target)
        if vocabulary is None and key in self._tokens:
            return self._tokens[key]
        if model.family == "argos":  # no language tokens to look up: no vocabulary to read
            tokens = pair_tokens("argos", source, target, (), argos_prefix=model.target_prefix)
        else:
            tokens = pair_tokens(model.family, source, target,
                                 model_vocabulary(model) if vocabulary is None else vocabulary,
                                 overrides=model.codes, where=str(model.path))
        if vocabulary is None:
            self._tokens[key] = tokens
        return tokens

    def _options(self) -> str:
        import ctranslate2  # version matters: kernels change numerics

        opts = {
            "beam": self.beam_size, "lp": self.length_penalty, "compute": self.compute_type,
            "device": self.device, "maxlen": f"{self.max_decoding_length_ratio}x+{self.max_decoding_length_extra}",
            "minlen": self.min_decoding_length_ratio, "rep": self.repetition_penalty,
            "norepeat": self.no_repeat_ngram_size, "unk": int(self.replace_unknowns),
            "ct2": ctranslate2.__version__,
        }
        return ";".join(f"{k}={v}" for k, v in opts.items())

    def identity(self, source: str, target: str) -> EngineIdentity:
        pkg = self.package(source, target)
        if pkg.family == "argos":  # as before this engine knew other families: same cache keys
            return EngineIdentity("argos", pkg.name, pkg.version, self._options(), pkg.fingerprint)
        tokens = self.pair_tokens(source, target)
        # The tokens around a sentence change the output as much as any option.
        framing = f";family={pkg.family};src={' '.join(tokens.before)}|{' '.join(tokens.after)};" \
                  f"prefix={tokens.target_prefix};nounk={int(tokens.disable_unk)}"
        return EngineIdentity("ct2", pkg.name, pkg.version or "-", self._options() + framing, pkg.fingerprint,
                              family=pkg.family, licence=pkg.licence)

    def _load(self, source: str, target: str) -> _Loaded:
        loaded = self._loaded.get((source, target))
        if loaded is None:
            import ctranslate2

            pkg = self.package(source, target)
            tokens = self.pair_tokens(source, target)  # a missing language token fails before the load
            sp, target_sp = load_tokenizers(pkg)
            log.info("loading %s model %s %s from %s", pkg.family, pkg.name, pkg.version, pkg.path)
            try:
                translator = ctranslate2.Translator(
                    str(pkg.model_dir), device=self.device, compute_type=self.compute_type,
                    inter_threads=self.inter_threads, intra_threads=self.intra_threads)
            except (RuntimeError, ValueError) as exc:
                raise EngineFailed(f"cannot load CTranslate2 model in {pkg.model_dir}: {exc}") from exc
            loaded = self._loaded[(source, target)] = _Loaded(pkg, translator, sp, target_sp, tokens)
        return loaded

    # --- translation ----------------------------------------------------------
    def decode_options(self, longest: int, prefix: str, *, disable_unk: bool = False) -> dict[str, Any]:
        """``translate_batch`` options for a batch whose longest source has ``longest`` tokens.

        One place for them, so a batch run by a worker process or a Ray actor
        (l10n/mt/batches.py) decodes exactly as it does here.
        """
        max_len = math.ceil(longest * self.max_decoding_length_ratio) + self.max_decoding_length_extra
        min_len = max(1, math.ceil(longest * self.min_decoding_length_ratio))
        if prefix:
            max_len, min_len = max_len + 1, min_len + 1
        extra = {"disable_unk": True} if disable_unk else {}  # absent for Argos: its options as before
        return dict(
            **extra,
            beam_size=self.beam_size,
            length_penalty=self.length_penalty,
            repetition_penalty=self.repetition_penalty,
            no_repeat_ngram_size=self.no_repeat_ngram_size,
            max_input_length=self.max_input_length,
            max_decoding_length=max(max_len, min_len),
            min_decoding_length=min_len,
            replace_unknowns=self.replace_unknowns,
            return_scores=True,
            return_attention=self.alignment,
        )

    def translate(self, texts: Sequence[str], source: str, target: str, *,
                  on_batch: BatchCallback | None = None) -> list[Draft]:
        loaded = self._load(source, target)
        stats = self.stats.setdefault((source, target), PairStats())
        stats.calls += 1
        plan = plan_batches(loaded.sp, loaded.tokens, texts, self.max_batch_tokens)
        work, positions, batches = plan.work, plan.positions, plan.batches
        drafts: list[Draft | None] = [None] * len(texts)
        for i in plan.empty:
            drafts[i] = Draft("", None, ())
        if plan.empty and on_batch:
            on_batch(plan.empty, [drafts[i] for i in plan.empty])  # type: ignore[misc]  # these indexes were filled just above

        stats.sentences += len(work)
        stats.batches += len(batches)
        prefix = loaded.tokens.target_prefix

        def collect(lo: int, hi: int, futures) -> None:
            done_idx: list[int] = []
            for w, fut in zip(work[lo:hi], futures):
                try:
                    res = fut.result()
                except RuntimeError as exc:
                    raise EngineFailed(f"CTranslate2 failed: {exc}") from exc
                draft = to_draft(loaded.target_sp, w[2], res, prefix, self.length_penalty, loaded.tokens.strip)
                for i in positions[w[0]]:
                    drafts[i] = draft
                    done_idx.append(i)
            if on_batch:
                on_batch(done_idx, [drafts[i] for i in done_idx])  # type: ignore[misc]  # these indexes were filled just above

        # A small window of batches in flight keeps every translator thread
        # busy while finished batches are reported (and committed by the
        # caller) as they complete: submitting everything at once would block
        # in CTranslate2's queue and report nothing until the very end.
        window = max(2, 2 * self.inter_threads)
        pending: collections.deque = collections.deque()
        for lo, hi in batches:
            batch = work[lo:hi]
            longest = max(len(w[1]) for w in batch)
            stats.source_tokens += sum(len(w[1]) for w in batch)
            if longest > self.max_input_length > 0:
                log.warning("sentence of %d tokens truncated to %d by the model", longest, self.max_input_length)
            pending.append((lo, hi, loaded.translator.translate_batch(
                [w[1] for w in batch],
                target_prefix=[[prefix]] * len(batch) if prefix else None,
                asynchronous=True,
                **self.decode_options(longest, prefix, disable_unk=loaded.tokens.disable_unk),
            )))
            while len(pending) > window:
                collect(*pending.popleft())
        while pending:
            collect(*pending.popleft())
        return drafts  # type: ignore[return-value]  # every index is filled by now


def engine_for_model(model: InstalledModel, **options: Any) -> ArgosEngine:
    """An engine that runs ``model`` (from ``l10n.mt.registry``) for every pair it serves."""
    return ArgosEngine(model.path.parent, models_dir=model.path.parent, choice={("*", "*"): model.name}, **options)


def model_vocabulary(model: InstalledModel) -> set[str]:
    """Source and target vocabulary of a model (language tokens are looked up in it)."""
    from l10n.mt.registry import read_vocabulary

    try:
        source, target = read_vocabulary(model.model_dir)
    except (OSError, ValueError) as exc:
        raise EngineFailed(f"{model.model_dir}: cannot read the model's vocabulary ({exc})") from exc
    return set(source) | set(target)


def load_tokenizers(model: InstalledModel) -> tuple[Any, Any]:
    """Source and target SentencePiece processors (one object when both sides share a file)."""
    import sentencepiece as spm

    if model.source_tokenizer.suffix == ".model" and model.source_tokenizer.name == "bpe.model":
        raise EngineFailed(f"{model.path}: BPE-tokenized Argos packages are not supported yet "
                           "(expected sentencepiece.model)")

    def load(path: Path) -> Any:
        try:
            return spm.SentencePieceProcessor(model_file=str(path))
        except (OSError, RuntimeError) as exc:
            raise EngineFailed(f"{path}: not a SentencePiece model ({exc})".splitlines()[0]) from exc

    source = load(model.source_tokenizer)
    target = source if model.target_tokenizer == model.source_tokenizer else load(model.target_tokenizer)
    return source, target


#: Character span given to tokens the family adds (language tokens, "</s>"):
#: never the argmax of an attention row, so no placeholder lands on them.
ADDED = (-1, -1)


def frame(tokens: PairTokens, pieces: list[str], spans: list[tuple[int, int]]
          ) -> tuple[list[str], list[tuple[int, int]]]:
    """A sentence's pieces with the family's tokens around them (spans kept in step)."""
    if not tokens.before and not tokens.after:
        return pieces, spans
    return ([*tokens.before, *pieces, *tokens.after],
            [ADDED] * len(tokens.before) + spans + [ADDED] * len(tokens.after))


@dataclass
class BatchPlan:
    """The one batching plan: ``ArgosEngine.translate`` runs it in process, and
    ``mt/batches.plan_pair`` ships the same batches to workers and Ray actors
    (so every path batches, and therefore scores, identically)."""

    work: list[tuple[str, list[str], list[tuple[int, int]]]]  # (text, framed pieces, spans), sorted
    positions: dict[str, list[int]]  # text -> its positions in the input
    empty: list[int]  # positions of blank texts: empty drafts, no model call
    batches: list[tuple[int, int]]  # [lo, hi) ranges of ``work``


def plan_batches(sp: Any, tokens: PairTokens, texts: Sequence[str], max_batch_tokens: int) -> BatchPlan:
    """Unique non-blank ``texts`` tokenized, framed with the family's tokens,
    length-sorted and cut into batches of at most ``max_batch_tokens``."""
    positions: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        positions.setdefault(text, []).append(i)
    work: list[tuple[str, list[str], list[tuple[int, int]]]] = []
    empty: list[int] = []
    for text, idxs in positions.items():
        if text.strip():
            pieces, spans = frame(tokens, *encode(sp, text))
            work.append((text, pieces, spans))
        else:
            empty.extend(idxs)
    # Length-sorted => little padding; text as tie-break so batch contents
    # (and thus float results) do not depend on the order of the input.
    work.sort(key=lambda w: (len(w[1]), w[0]))
    return BatchPlan(work, positions, empty, token_batches([len(w[1]) for w in work], max_batch_tokens))


def token_batches(lengths: Sequence[int], max_tokens: int) -> list[tuple[int, int]]:
    """Cut length-sorted inputs into [lo, hi) ranges of at most ``max_tokens`` padded tokens."""
    batches, lo = [], 0
    for i, n in enumerate(lengths):
        # lengths are sorted, so n is the batch's longest: padded size = count * n
        if i > lo and (i - lo + 1) * n > max_tokens:
            batches.append((lo, i))
            lo = i
    if lo < len(lengths):
        batches.append((lo, len(lengths)))
    return batches


def encode(sp: Any, text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Pieces and their character spans (SentencePiece reports byte offsets)."""
    proto = sp.encode(text, return_type="proto")
    byte_to_char = []
    for ci, ch in enumerate(text):
        byte_to_char.extend([ci] * len(ch.encode("utf-8")))
    byte_to_char.append(len(text))
    pieces, spans = [], []
    for p in proto.pieces:
        s, e = byte_to_char[min(p.begin, len(byte_to_char) - 1)], byte_to_char[min(p.end, len(byte_to_char) - 1)]
        while s < e and text[s].isspace():  # the "▁" covers the preceding space
            s += 1
        pieces.append(p.piece)
        spans.append((s, e))
    return pieces, spans


def _decode(sp: Any, pieces: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Detokenize and give each target piece its character span in the text."""
    text = sp.decode_pieces(pieces)
    segs = [p.replace("\u2581", " ") for p in pieces]
    joined = "".join(segs)
    if joined.lstrip(" ") == text and not any(p.startswith("<0x") for p in pieces):
        shift = len(joined) - len(joined.lstrip(" "))
        spans, pos = [], -shift
        for seg in segs:
            start, pos = pos, pos + len(seg)
            spans.append((max(start, 0), max(pos, 0)))
    else:  # byte-fallback or control pieces: slower but exact
        spans, prev = [], 0
        for i in range(len(pieces)):
            cur = len(sp.decode_pieces(pieces[: i + 1]))
            spans.append((min(prev, cur), cur))
            prev = cur
    trimmed = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        trimmed.append((s, e))
    return text, trimmed


def to_draft(sp: Any, src_spans: list[tuple[int, int]], res: Any, prefix: str, lp: float,
              strip: Sequence[str] = ()) -> Draft:
    tokens = list(res.hypotheses[0])
    attention = list(res.attention[0]) if res.attention else []
    if prefix and tokens and tokens[0] == prefix:
        tokens, attention = tokens[1:], attention[1:]
    if strip and any(t in strip for t in tokens):
        # Language tokens or "</s>" some families emit: never shown to a reviewer.
        kept = [i for i, t in enumerate(tokens) if t not in strip]
        tokens, attention = [tokens[i] for i in kept], [attention[i] for i in kept if i < len(attention)]
    text, tgt_spans = _decode(sp, tokens)
    score = None
    if res.scores:
        # CTranslate2 returns sum(logp) / len**length_penalty; undo it to get
        # the mean token log-prob, whose exp is a 0..1 confidence.
        n = max(len(tokens), 1)
        score = math.exp(res.scores[0] * (n ** lp) / n)
    alignment = None
    if attention:
        pairs = []
        for (t0, t1), row in zip(tgt_spans, attention):
            if t0 >= t1 or not row:
                continue
            # Columns of added tokens (the language token first, "</s>" last)
            # take much attention but are no word of the sentence.
            columns = [j for j in range(min(len(row), len(src_spans))) if src_spans[j] != ADDED] \
                if ADDED in src_spans else range(len(row))
            if not columns:
                continue
            j = max(columns, key=row.__getitem__)
            if j < len(src_spans) and src_spans[j][0] < src_spans[j][1]:
                pairs.append((src_spans[j][0], src_spans[j][1], t0, t1))
        alignment = tuple(pairs)
    return Draft(text, score, alignment)
