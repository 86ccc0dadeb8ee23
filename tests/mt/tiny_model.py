"""Build real (random-weight) Argos packages at test/bench time.

The output of these models is meaningless; what matters is that every piece
is the real thing: a CTranslate2 Transformer saved by ctranslate2 itself, a
SentencePiece model trained by sentencepiece, zipped the way Argos packages
are, so the code under test runs exactly as it would with a downloaded model.

Reusable from other test folders and from ``bench/mt``::

    from tests.mt.tiny_model import build_argosmodel
    path = build_argosmodel(tmp_dir, "en", "ko", seed=1)
"""
from __future__ import annotations

import io
import json
import random
import zipfile
from pathlib import Path

import numpy as np

_WORDS_EN = (
    "the report is available online data model translation sentence number page "
    "we have show table figure result study people city water energy price market "
    "first second new old large small good year time work school health system "
    "of and to in for with on by from at as that this these which are was were be"
).split()
_EXTRA_LINES = [
    "보고서는 온라인에서 이용할 수 있습니다. 652쪽 표 3 그림 12",
    "该报告可在网上查阅。第3章 共1,000人",
    "El informe está disponible en línea. Página 45, tabla 2.",
    "Visit https://example.org/data or www.example.com for 2,500 files.",
    "Prices rose 3.5% in 2023, from 1.000 to 1 250 units.",
]


def corpus_lines(n: int = 400, seed: int = 0) -> list[str]:
    """Deterministic pseudo-English plus a few lines of other scripts."""
    rng = random.Random(seed)
    lines = []
    for i in range(n):
        words = [rng.choice(_WORDS_EN) for _ in range(rng.randint(4, 14))]
        if i % 5 == 0:
            words.insert(rng.randint(0, len(words)), str(rng.randint(1, 5000)))
        lines.append(" ".join(words).capitalize() + rng.choice([".", ".", "?", "!"]))
    return lines + _EXTRA_LINES * 4


def train_sentencepiece(path: Path, *, vocab_size: int = 400, lines: list[str] | None = None,
                        seed: int = 0) -> Path:
    """Train a small deterministic SentencePiece model and write it to ``path``."""
    import sentencepiece as spm

    buf = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines if lines is not None else corpus_lines(seed=seed)),
        model_writer=buf,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        num_threads=1,  # determinism
        shuffle_input_sentence=False,
        input_sentence_size=0,
        minloglevel=2,
    )
    path.write_bytes(buf.getvalue())
    return path


def sp_vocabulary(sp_model: Path) -> list[str]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(sp_model))
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


def build_ct2_model(model_dir: Path, vocab: list[str], *, layers: tuple[int, int] = (2, 2),
                    d_model: int = 64, heads: int = 4, ffn: int = 128, seed: int = 0,
                    quantization: str | None = None, eos_bias: float = 0.0,
                    pad_vocab_to: int = 0) -> Path:
    """Save a Transformer with every weight drawn from a seeded RNG.

    ``eos_bias`` is added to the EOS logit: very negative values make the
    model never stop early (fixed decode lengths for benchmarks).
    ``pad_vocab_to`` appends unused tokens so the output layer has the size
    of a real model's vocabulary.
    """
    import ctranslate2
    from ctranslate2.specs import TransformerSpec

    vocab = list(vocab)
    while len(vocab) < pad_vocab_to:
        vocab.append(f"<extra_{len(vocab)}>")
    rng = np.random.default_rng(seed)
    spec = TransformerSpec.from_config(layers, heads)
    v, d = len(vocab), d_model
    eos = vocab.index("</s>")

    def shape_for(name: str) -> tuple[int, ...]:
        leaf = name.rsplit("/", 1)[-1]
        if "embeddings" in name:
            return (v, d)
        if name.endswith("projection/weight"):
            return (v, d)
        if name.endswith("projection/bias"):
            return (v,)
        if leaf in ("gamma", "beta"):
            return (d,)
        if "/ffn/linear_0/" in name:
            return (ffn, d) if leaf == "weight" else (ffn,)
        if "/ffn/linear_1/" in name:
            return (d, ffn) if leaf == "weight" else (d,)
        # attention: self-attention linear_0 is fused QKV; cross-attention
        # linear_1 is fused KV; the rest are d x d.
        out = d
        if "/self_attention/linear_0/" in name:
            out = 3 * d
        elif "/attention/linear_1/" in name and "self_attention" not in name:
            out = 2 * d
        return (out, d) if leaf == "weight" else (out,)

    def fill(s, scope: str = "") -> None:
        for attr, value in list(vars(s).items()):
            name = f"{scope}/{attr}" if scope else attr
            if isinstance(value, list) and value and hasattr(value[0], "__dict__") and not isinstance(value[0], (str, np.ndarray)):
                for i, sub in enumerate(value):
                    fill(sub, f"{name}_{i}")
            elif hasattr(value, "__dict__") and not isinstance(value, (np.ndarray, str, type)) and hasattr(value, "variables"):
                fill(value, name)
            elif value is None or (isinstance(value, str) and value == "__optional" and attr == "bias"):
                if attr in ("weight", "gamma", "beta", "bias"):
                    shp = shape_for(name)
                    if attr == "gamma":
                        arr = np.ones(shp, dtype=np.float32)
                    elif attr in ("beta", "bias"):
                        arr = (rng.standard_normal(shp) * 0.02).astype(np.float32)
                    else:
                        arr = (rng.standard_normal(shp) / np.sqrt(shp[-1])).astype(np.float32)
                    setattr(s, attr, arr)

    fill(spec)
    proj = spec.decoder.projection
    if not isinstance(proj.bias, np.ndarray):
        proj.bias = np.zeros((v,), dtype=np.float32)
    proj.bias[eos] += eos_bias
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    if quantization:
        spec.optimize(quantization=quantization)
    model_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(model_dir))
    assert ctranslate2.contains_model(str(model_dir))
    return model_dir


def build_package_dir(pkg_dir: Path, from_code: str, to_code: str, *, sp_model: Path,
                      seed: int = 0, version: str = "1.0", target_prefix: str = "",
                      **model_kwargs) -> Path:
    """Write an unzipped Argos package folder (metadata.json, model/, sentencepiece.model).

    A non-empty ``target_prefix`` is added to the vocabulary (as real
    multilingual Argos models have language tokens).
    """
    pkg_dir.mkdir(parents=True, exist_ok=True)
    (pkg_dir / "sentencepiece.model").write_bytes(sp_model.read_bytes())
    vocab = sp_vocabulary(sp_model) + ([target_prefix] if target_prefix else [])
    build_ct2_model(pkg_dir / "model", vocab, seed=seed, **model_kwargs)
    meta = {
        "package_version": version,
        "argos_version": "1.0",
        "from_code": from_code,
        "from_name": from_code,
        "to_code": to_code,
        "to_name": to_code,
        "type": "translate",
        "target_prefix": target_prefix,
        "links": [],
    }
    (pkg_dir / "metadata.json").write_text(json.dumps(meta, indent=2))
    return pkg_dir


def zip_package(pkg_dir: Path, out_file: Path) -> Path:
    """Zip a package folder the Argos way: one top-level folder."""
    with zipfile.ZipFile(out_file, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(pkg_dir.rglob("*")):
            zf.write(path, f"{pkg_dir.name}/{path.relative_to(pkg_dir).as_posix()}")
    return out_file


def build_argosmodel(out_dir: Path, from_code: str = "en", to_code: str = "ko", *, seed: int = 0,
                     version: str = "1.0", sp_model: Path | None = None, target_prefix: str = "",
                     **model_kwargs) -> Path:
    """Build ``translate-<from>_<to>-<version>.argosmodel`` in ``out_dir`` and return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if sp_model is None:
        sp_model = out_dir / "shared-sentencepiece.model"
        if not sp_model.exists():
            train_sentencepiece(sp_model)
    name = f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
    build_dir = out_dir / "build" / name
    build_package_dir(build_dir, from_code, to_code, sp_model=sp_model, seed=seed, version=version,
                      target_prefix=target_prefix, **model_kwargs)
    return zip_package(build_dir, out_dir / f"{name}.argosmodel")
