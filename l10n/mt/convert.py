"""``l10n models convert HF_DIR OUT``: a local Hugging Face snapshot to CTranslate2, checked.

Needs the ``convert`` extra (``transformers<5`` and a CPU torch); l10n's
runtime never imports either.  Nothing is downloaded: the snapshot must be a
folder (``huggingface-cli download ... --local-dir`` on a networked machine),
and transformers runs with ``HF_HUB_OFFLINE=1``.  Why ``transformers<5``:
with transformers 5 the T5/MADLAD conversion gives the right tokens but
wrong scores, which this check would reject anyway.

Before reporting success the converted model (float32, as converted) scores
a few sentences against the original: the per-token log-probabilities of
the CTranslate2 greedy translation, with the family's source tokens and
target prefix, must agree with transformers' within ``tolerance``.  Only then
is the model written to OUT (quantized as asked), atomically.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from l10n.mt.errors import EngineFailed, PackageError

#: Sentences of the check (plain, placeholder-free, as the engine sends them).
CHECK_SENTENCES = (
    "The report is available online.",
    "In 2019, the government detained 1,250 people without trial.",
    "Human Rights Watch interviewed witnesses in the city.",
)
#: Files copied next to the converted model (tokenizers, licence, generation defaults).
COPY_FILES = ("sentencepiece.bpe.model", "source.spm", "target.spm", "spiece.model", "sentencepiece.model",
              "vocab.json", "tokenizer_config.json", "special_tokens_map.json", "generation_config.json",
              "README.md", "LICENSE")
_FAMILY_OF_TYPE = {"marian": "marian", "m2m_100": "m2m100", "m2m100": "m2m100", "t5": "madlad", "mt5": "madlad"}


@dataclass
class ConversionReport:
    model_type: str
    family: str
    sentences: int
    max_difference: float
    versions: dict[str, str] = field(default_factory=dict)


def _imports() -> tuple[Any, Any, Any]:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never a download, whatever the snapshot says
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import torch
        import transformers
        from ctranslate2.converters import TransformersConverter
    except ImportError as exc:
        raise EngineFailed(f"l10n models convert needs transformers and torch ({exc.name} is missing)",
                           hint="pip install 'l10n-reports[convert]'") from None
    major = int(transformers.__version__.split(".")[0])
    if major >= 5:
        raise EngineFailed(f"transformers {transformers.__version__}: T5/MADLAD conversion scores are wrong with "
                           "transformers 5", hint="pip install 'transformers<5'")
    return torch, transformers, TransformersConverter


def family_of(model_type: str, vocabulary: set[str]) -> str:
    family = _FAMILY_OF_TYPE.get(model_type)
    if family is None:
        raise PackageError(f"model type {model_type!r} is not a supported translation family",
                           hint="supported: Marian (OPUS-MT), M2M100/NLLB, T5 (MADLAD-400)")
    if family == "m2m100" and "eng_Latn" in vocabulary:
        return "nllb"
    return family


def convert(hf_dir: str | Path, out: Path, *, quantization: str | None = "int8", tolerance: float = 1e-3,
            target: str | None = None) -> ConversionReport:
    """Convert ``hf_dir`` into ``out`` and check it; raises before writing ``out`` when the check fails."""
    from l10n.mt.add import download_hint

    given = str(hf_dir)
    hf_dir = Path(hf_dir).expanduser()
    if not hf_dir.is_dir():
        if "/" in given and not hf_dir.exists() and not given.startswith((".", "/", "~")):
            raise PackageError(f"{given}: not a local folder; l10n never downloads models", hint=download_hint(given))
        raise PackageError(f"{given}: no such folder; expected a Hugging Face snapshot folder")
    if not (hf_dir / "config.json").is_file():
        raise PackageError(f"{hf_dir}: not a Hugging Face snapshot (no config.json)")
    out = Path(out)
    if out.exists():
        raise PackageError(f"{out}: already exists; give a new folder")
    torch, transformers, Converter = _imports()
    import ctranslate2

    config = transformers.AutoConfig.from_pretrained(str(hf_dir), local_files_only=True)
    copy = [n for n in COPY_FILES if (hf_dir / n).is_file()]
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        check_dir = work / "float32"
        try:
            converter = Converter(str(hf_dir), copy_files=copy, low_cpu_mem_usage=False)
            converter.convert(str(check_dir), quantization=None, force=True)
        except (ValueError, RuntimeError, OSError, NotImplementedError) as exc:
            raise PackageError(f"{hf_dir}: conversion failed ({exc})".splitlines()[0]) from None
        difference, family = check_scores(hf_dir, check_dir, config.model_type, target=target)
        if difference > tolerance:
            raise PackageError(f"{hf_dir}: the converted model's scores differ from the original's by "
                               f"{difference:.2e} (allowed {tolerance:.0e}); not written")
        final = check_dir
        if quantization and quantization not in ("float32", "none"):
            final = work / "quantized"
            converter.convert(str(final), quantization=quantization, force=True)
        os.replace(final, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    versions = {"ctranslate2": ctranslate2.__version__, "transformers": transformers.__version__,
                "torch": torch.__version__.split("+")[0], "quantization": quantization or "float32",
                "converted_from": str(hf_dir.resolve())}
    return ConversionReport(config.model_type, family, len(CHECK_SENTENCES), difference, versions)


def check_scores(hf_dir: Path, ct2_dir: Path, model_type: str, *, target: str | None = None,
                 sentences: tuple[str, ...] = CHECK_SENTENCES, max_length: int = 24) -> tuple[float, str]:
    """Largest |log p| difference per token between CTranslate2 and transformers, and the family.

    The target sentence is CTranslate2's own greedy translation (with the
    family's target prefix), scored by both.
    """
    torch, transformers, _ = _imports()
    import ctranslate2

    from l10n.mt.families import pair_tokens
    from l10n.mt.registry import read_vocabulary

    tokenizer = transformers.AutoTokenizer.from_pretrained(str(hf_dir), local_files_only=True)
    model = transformers.AutoModelForSeq2SeqLM.from_pretrained(str(hf_dir), local_files_only=True)
    model.eval()
    vocabulary = set(read_vocabulary(ct2_dir)[0]) | set(read_vocabulary(ct2_dir)[1])
    family = family_of(model_type, vocabulary)
    tokens = pair_tokens(family, "en", target or _some_target(family, vocabulary), vocabulary, where=str(hf_dir))
    translator = ctranslate2.Translator(str(ct2_dir), device="cpu", compute_type="float32")
    sp = _source_pieces(tokenizer)
    worst = 0.0
    for sentence in sentences:
        source = [*tokens.before, *sp(sentence), *tokens.after]
        prefix = [[tokens.target_prefix]] if tokens.target_prefix else None
        hyp = translator.translate_batch([source], target_prefix=prefix, beam_size=1,
                                         max_decoding_length=max_length)[0].hypotheses[0]
        scored = translator.score_batch([source], [hyp])[0]
        ids = tokenizer.convert_tokens_to_ids(scored.tokens)  # hyp + </s>
        with torch.no_grad():
            src_ids = torch.tensor([tokenizer.convert_tokens_to_ids(source)])
            start = model.config.decoder_start_token_id
            dec = torch.tensor([[start, *ids[:-1]]])
            logits = model(input_ids=src_ids, attention_mask=torch.ones_like(src_ids),
                           decoder_input_ids=dec).logits[0]
            logits = logits.float()
            if family == "marian":
                # Marian never emits <pad> (transformers masks it when generating; the
                # converter drops it from the vocabulary): the same distribution without it.
                logits[:, model.config.pad_token_id] = float("-inf")
            logp = torch.log_softmax(logits, dim=-1)
            theirs = [float(logp[i, t]) for i, t in enumerate(ids)]
        worst = max([worst, *(abs(a - b) for a, b in zip(scored.log_probs, theirs))])
    return worst, family


def _some_target(family: str, vocabulary: set[str]) -> str:
    from l10n.mt.families import languages_in_vocabulary

    found = languages_in_vocabulary(family, vocabulary)
    return next((c for c in ("ko", "es", "zh", "fr", "de") if c in found), found[0] if found else "ko")


def _source_pieces(tokenizer: Any):
    """SentencePiece pieces of a sentence, as the l10n engine makes them (no special tokens)."""
    def pieces(text: str) -> list[str]:
        return tokenizer.convert_ids_to_tokens(tokenizer(text, add_special_tokens=False)["input_ids"])
    return pieces
