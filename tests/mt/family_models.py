"""Converted models of every CTranslate2 family, written directly with numpy (no torch).

Each folder is laid out as ``ct2-transformers-converter --copy_files`` lays
out the real family's conversion: ``model.bin``, ``config.json``, the shared
vocabulary (SentencePiece pieces plus the family's language tokens), the
family's tokenizer file names and a README whose front matter names the
licence, as on the Hugging Face hub.  The weights are random: what is under
test is the framing of sentences, not translation quality.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from helpers import load_tiny_model

tiny = load_tiny_model()

#: family -> (folder name, tokenizer files (source, target), language tokens, README licence)
LAYOUT = {
    "nllb": ("nllb-200-tiny", ("sentencepiece.bpe.model", "sentencepiece.bpe.model"),
             ["eng_Latn", "kor_Hang", "spa_Latn", "zho_Hans", "zho_Hant", "jpn_Jpan"], "cc-by-nc-4.0"),
    "m2m100": ("m2m100-tiny", ("sentencepiece.bpe.model", "sentencepiece.bpe.model"),
               ["__en__", "__ko__", "__es__", "__zh__", "__ja__"], "mit"),
    "madlad": ("madlad400-tiny-mt", ("spiece.model", "spiece.model"),
               ["<2en>", "<2ko>", "<2es>", "<2zh>", "<2zh_Hant>"], "apache-2.0"),
    "marian": ("opus-mt-tc-big-en-ko", ("source.spm", "target.spm"), [], "cc-by-4.0"),
    "marian-mul": ("opus-mt-en-mul", ("source.spm", "target.spm"), [">>kor<<", ">>spa<<", ">>cmn_Hans<<"],
                   "cc-by-4.0"),
    "quickmt": ("quickmt-en-ko", ("src.spm.model", "tgt.spm.model"), [], "cc-by-4.0"),
}


def build_family_model(out_dir: Path, family: str, sp_model: Path, *, seed: int = 0, drop: str = "",
                       **model_kwargs) -> Path:
    """Write the converted folder of ``family`` under ``out_dir``; ``drop`` leaves one language token out."""
    name, (src_tok, tgt_tok), tokens, licence = LAYOUT[family]
    folder = out_dir / (name if not drop else f"{name}-without-{drop.strip('<>_')}")
    folder.mkdir(parents=True, exist_ok=True)
    vocab = tiny.sp_vocabulary(sp_model) + [t for t in tokens if t != drop]
    tiny.build_ct2_model(folder, vocab, seed=seed, **model_kwargs)
    for f in {src_tok, tgt_tok}:
        shutil.copyfile(sp_model, folder / f)
    (folder / "README.md").write_text(f"---\nlicense: {licence}\n---\n# {name}\n", encoding="utf-8")
    return folder
