"""Tiny random Hugging Face models of each family, built from configs at test time.

No weights are downloaded: a SentencePiece model is trained on the fly
(with the family's language tokens as user-defined symbols where its real
tokenizer has them in the vocabulary), a tokenizer of the family's real class
is built on it, a model of the family's real architecture is initialised
from a seeded config and saved with ``save_pretrained``; the result is a
folder laid out as a Hugging Face snapshot.  Needs the ``convert`` extra.
"""
from __future__ import annotations

import io
import json
from pathlib import Path

from helpers import load_tiny_model

tiny = load_tiny_model()

LANGS = ("en", "ko", "es", "zh")


def _spm(path: Path, *, user_symbols: list[str] = (), t5: bool = False, vocab_size: int = 300) -> Path:
    import sentencepiece as spm

    buf = io.BytesIO()
    ids = dict(pad_id=0, eos_id=1, unk_id=2, bos_id=-1) if t5 else {}
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(tiny.corpus_lines()), model_writer=buf, vocab_size=vocab_size,
        model_type="unigram", character_coverage=1.0, hard_vocab_limit=False, num_threads=1,
        shuffle_input_sentence=False, input_sentence_size=0, minloglevel=2,
        user_defined_symbols=list(user_symbols), **ids)
    path.write_bytes(buf.getvalue())
    return path


def _small(**kw):
    return dict(d_model=16, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2,
                decoder_attention_heads=2, encoder_ffn_dim=32, decoder_ffn_dim=32, max_position_embeddings=128,
                dropout=0.0, attention_dropout=0.0, activation_dropout=0.0, **kw)


def build_marian(out: Path, *, multilingual: bool = False, seed: int = 0) -> Path:
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    out.mkdir(parents=True, exist_ok=True)
    symbols = [">>kor<<", ">>spa<<", ">>cmn_Hans<<"] if multilingual else []
    _spm(out / "source.spm", user_symbols=symbols)
    _spm(out / "target.spm", vocab_size=280)
    pieces = []
    for f in ("source.spm", "target.spm"):
        pieces += tiny.sp_vocabulary(out / f)
    vocab = {}
    for p in ["</s>", "<unk>", *dict.fromkeys(pieces)]:
        vocab.setdefault(p, len(vocab))
    vocab["<pad>"] = len(vocab)
    (out / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
    tok = MarianTokenizer(str(out / "source.spm"), str(out / "target.spm"), str(out / "vocab.json"),
                          source_lang="en", target_lang="ko")
    tok.save_pretrained(str(out))
    torch.manual_seed(seed)
    config = MarianConfig(vocab_size=len(vocab), pad_token_id=vocab["<pad>"], eos_token_id=vocab["</s>"],
                          decoder_start_token_id=vocab["<pad>"], forced_eos_token_id=vocab["</s>"],
                          **_small(scale_embedding=True))
    MarianMTModel(config).eval().save_pretrained(str(out))
    return out


def build_nllb(out: Path, *, seed: int = 0) -> Path:
    import torch
    from transformers import M2M100Config, M2M100ForConditionalGeneration, NllbTokenizer

    out.mkdir(parents=True, exist_ok=True)
    _spm(out / "sentencepiece.bpe.model")
    tok = NllbTokenizer(str(out / "sentencepiece.bpe.model"), src_lang="eng_Latn", tgt_lang="kor_Hang")
    tok.save_pretrained(str(out))
    torch.manual_seed(seed)
    config = M2M100Config(vocab_size=len(tok), pad_token_id=tok.pad_token_id, eos_token_id=tok.eos_token_id,
                          bos_token_id=tok.bos_token_id, decoder_start_token_id=tok.eos_token_id,
                          scale_embedding=True, **_small())
    M2M100ForConditionalGeneration(config).eval().save_pretrained(str(out))
    return out


def build_m2m100(out: Path, *, seed: int = 0) -> Path:
    import torch
    from transformers import M2M100Config, M2M100ForConditionalGeneration, M2M100Tokenizer

    out.mkdir(parents=True, exist_ok=True)
    _spm(out / "sentencepiece.bpe.model")
    pieces = tiny.sp_vocabulary(out / "sentencepiece.bpe.model")
    vocab = {}
    for p in ["<s>", "<pad>", "</s>", "<unk>", *pieces]:
        vocab.setdefault(p, len(vocab))
    (out / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
    tok = M2M100Tokenizer(str(out / "vocab.json"), str(out / "sentencepiece.bpe.model"), src_lang="en",
                          tgt_lang="ko", num_madeup_words=0)
    tok.save_pretrained(str(out))
    # As in the real checkpoints: the language tokens listed as special
    # tokens (the CTranslate2 converter takes them from there).
    for name in ("special_tokens_map.json", "tokenizer_config.json"):
        special = json.loads((out / name).read_text(encoding="utf-8"))
        special["additional_special_tokens"] = list(tok.lang_token_to_id)
        (out / name).write_text(json.dumps(special), encoding="utf-8")
    torch.manual_seed(seed)
    config = M2M100Config(vocab_size=len(tok.encoder) + len(tok.lang_token_to_id), pad_token_id=tok.pad_token_id, eos_token_id=tok.eos_token_id,
                          bos_token_id=tok.bos_token_id, decoder_start_token_id=tok.eos_token_id,
                          scale_embedding=True, **_small())
    M2M100ForConditionalGeneration(config).eval().save_pretrained(str(out))
    return out


def build_madlad(out: Path, *, seed: int = 0) -> Path:
    import torch
    from transformers import T5Config, T5ForConditionalGeneration, T5Tokenizer

    out.mkdir(parents=True, exist_ok=True)
    _spm(out / "spiece.model", user_symbols=[f"<2{c}>" for c in ("en", "ko", "es", "zh", "zh_Hant")], t5=True)
    tok = T5Tokenizer(str(out / "spiece.model"), extra_ids=0, legacy=False)
    tok.save_pretrained(str(out))
    torch.manual_seed(seed)
    config = T5Config(vocab_size=len(tok), d_model=16, d_kv=8, d_ff=32, num_layers=1, num_decoder_layers=1,
                      num_heads=2, feed_forward_proj="gated-gelu", tie_word_embeddings=False, dropout_rate=0.0,
                      pad_token_id=tok.pad_token_id, eos_token_id=tok.eos_token_id, decoder_start_token_id=0,
                      relative_attention_num_buckets=8, relative_attention_max_distance=16)
    T5ForConditionalGeneration(config).eval().save_pretrained(str(out))
    return out


BUILDERS = {"marian": build_marian, "nllb": build_nllb, "m2m100": build_m2m100, "madlad": build_madlad,
            "marian-mul": lambda out, seed=0: build_marian(out, multilingual=True, seed=seed)}
