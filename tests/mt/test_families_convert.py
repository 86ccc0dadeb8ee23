"""``l10n models convert``: tiny random Hugging Face models of each family, converted and compared.

Needs the ``convert`` extra (transformers<5, CPU torch), which .ci/setup
installs.  Each family's model is built from its real config class with
random weights (tests/mt/hf_tiny.py), converted by CTranslate2's
TransformersConverter through ``l10n.mt.convert``, and then held against
transformers itself: the CTranslate2 beam-1 tokens equal transformers'
greedy tokens (with the family's language tokens and target prefix), and the
per-token log-probabilities agree to 1e-4.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from l10n.cli.main import main
from l10n.mt.convert import check_scores, convert
from l10n.mt.errors import PackageError
from l10n.mt.families import pair_tokens
from l10n.mt.registry import read_vocabulary

from .hf_tiny import BUILDERS

SENTENCES = ["The report is available online.", "Prices rose 3.5% in 2023, from 1.000 to 1 250 units.",
             "We have data for the first year and the second year."]
FAMILY = {"marian": "marian", "marian-mul": "marian", "nllb": "nllb", "m2m100": "m2m100", "madlad": "madlad"}


@pytest.fixture(scope="session")
def converted(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """family -> (Hugging Face snapshot folder, converted CTranslate2 folder)."""
    root = tmp_path_factory.mktemp("hf-families")
    out = {}
    for i, (family, build) in enumerate(BUILDERS.items()):
        hf = build(root / family, seed=i)
        ct2 = root / f"{family}-ct2"
        report = convert(hf, ct2, quantization=None, tolerance=1e-4)
        assert report.family == FAMILY[family] and report.max_difference <= 1e-4
        out[family] = (hf, ct2)
    return out


@pytest.mark.parametrize("family", list(FAMILY))
def test_sentencepiece_pieces_equal_the_hf_tokenizer_pieces(converted, family):
    import sentencepiece as spm
    from transformers import AutoTokenizer

    hf, ct2 = converted[family]
    tokenizer = AutoTokenizer.from_pretrained(str(hf), local_files_only=True)
    name = {"marian": "source.spm", "madlad": "spiece.model"}.get(FAMILY[family], "sentencepiece.bpe.model")
    sp = spm.SentencePieceProcessor(model_file=str(ct2 / name))
    for sentence in SENTENCES:
        ours = sp.encode(sentence, out_type=str)
        theirs = tokenizer.convert_ids_to_tokens(tokenizer(sentence, add_special_tokens=False)["input_ids"])
        assert ours == theirs


@pytest.mark.parametrize("family", list(FAMILY))
def test_ct2_greedy_tokens_and_log_probs_equal_transformers(converted, family):
    import ctranslate2
    import sentencepiece as spm
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    hf, ct2 = converted[family]
    tokenizer = AutoTokenizer.from_pretrained(str(hf), local_files_only=True)
    model = AutoModelForSeq2SeqLM.from_pretrained(str(hf), local_files_only=True).eval()
    source_vocab, target_vocab = read_vocabulary(ct2)
    tokens = pair_tokens(FAMILY[family], "en", "ko", set(source_vocab) | set(target_vocab))
    translator = ctranslate2.Translator(str(ct2), compute_type="float32")
    name = {"marian": "source.spm", "madlad": "spiece.model"}.get(FAMILY[family], "sentencepiece.bpe.model")
    sp = spm.SentencePieceProcessor(model_file=str(ct2 / name))
    steps = 10
    for sentence in SENTENCES:
        source = [*tokens.before, *sp.encode(sentence, out_type=str), *tokens.after]
        prefix = [tokens.target_prefix] if tokens.target_prefix else []
        ours = translator.translate_batch([source], target_prefix=[prefix] if prefix else None, beam_size=1,
                                          max_decoding_length=steps + len(prefix))[0].hypotheses[0]
        ids = torch.tensor([tokenizer.convert_tokens_to_ids(source)])
        extra = {"forced_eos_token_id": None}  # Marian forces </s> at the length limit; CTranslate2 does not
        if prefix:
            extra["forced_bos_token_id"] = tokenizer.convert_tokens_to_ids(prefix[0])
        if FAMILY[family] == "marian":
            extra["bad_words_ids"] = [[model.config.pad_token_id]]
        with torch.no_grad():
            out = model.generate(ids, attention_mask=torch.ones_like(ids), num_beams=1, do_sample=False,
                                 max_new_tokens=steps + len(prefix), min_new_tokens=0, **extra)[0].tolist()
        theirs = tokenizer.convert_ids_to_tokens(out[1:])  # without the decoder start token
        if theirs and theirs[-1] == tokenizer.eos_token:
            theirs = theirs[:-1]
        assert ours[: len(prefix)] == prefix
        assert ours == theirs, (family, sentence)
        assert len(ours) > len(prefix)
    worst, found = check_scores(hf, ct2, model.config.model_type, target="ko", sentences=tuple(SENTENCES))
    assert found == FAMILY[family]
    assert worst <= 1e-4, worst


def test_cli_convert_checks_then_adds(converted, tmp_path, capsys):
    hf, _ = converted["nllb"]
    base = ["-C", str(tmp_path), "models", "--packages-dir", str(tmp_path / "pk"), "--models-dir", str(tmp_path / "m")]
    capsys.readouterr()
    assert main([*base, "convert", str(hf), str(tmp_path / "nllb-int8")]) == 0
    out = capsys.readouterr()[0]
    assert "converted m2m_100" in out and "3 sentences checked" in out
    assert "added nllb model nllb-int8" in out and "CC-BY-NC-4.0" in out
    import json

    manifest = json.loads((tmp_path / "m" / "nllb-int8" / "l10n-model.json").read_text(encoding="utf-8"))
    assert manifest["converter"]["transformers"].startswith("4.") and manifest["converter"]["quantization"] == "int8"
    # A repo id: nothing is downloaded, one line says how to get it.
    assert main([*base, "convert", "facebook/nllb-200-distilled-600M", str(tmp_path / "x")]) == 1
    err = capsys.readouterr()[1]
    assert len(err.strip().splitlines()) == 1 and "huggingface-cli download" in err
    assert not (tmp_path / "x").exists()


def test_a_broken_conversion_is_not_written(converted, tmp_path, monkeypatch):
    """Scores that disagree (here: a tolerance no float can meet) leave nothing at OUT."""
    hf, _ = converted["madlad"]
    with pytest.raises(PackageError, match="scores differ from the original's"):
        convert(hf, tmp_path / "out", quantization=None, tolerance=-1.0)
    assert not (tmp_path / "out").exists() and list(tmp_path.iterdir()) == []
