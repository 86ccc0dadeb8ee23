"""``l10n translate`` gives what ``argostranslate.translate`` gives, sentence for sentence.

l10n drives Argos packages through CTranslate2 itself (no torch, batched over
a whole locale); this proves the two agree on plain sentences at the same
beam.  Argos runs in a subprocess with its own HOME: importing it creates
folders there.

Packages with a target prefix (``__zh__``) are left out on purpose:
argostranslate 1.11 turns every ``_`` of a decoded translation into a space
(``tokenizer.py``), so its prefix is never stripped (" zh  ..." starts every
result) and underscores in a translation are lost; l10n strips the prefix
token before decoding.

One substitution on Argos's side: its sentence splitter (MiniSBD) would
download a model on first use; l10n replaces Argos's splitter with its own
segmentation by design, so each sentence is handed to Argos as one sentence.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from helpers import load_tiny_model, make_project, run_cli

from l10n.mt.packages import install_from_file

# Plain sentences: no markup, numbers or dates, which l10n protects around
# the model (placeholders, number masking) and Argos does not.
SENTENCES = [
    "The report is available online.",
    "We show the results of the study in the first table.",
    "Water prices rose in the city.",
    "Energy and health system data are new.",
    "These people work at a large school.",
]
# Argos decodes with CTranslate2's default cap of 256 tokens: l10n gets the
# same cap (no length ratio), and the models a bias towards EOS so that they
# stop at varied lengths, as trained ones do, instead of at the cap.
SAME_CAP = "max_decoding_length_ratio = 0.0\nmax_decoding_length_extra = 256\n"
EOS_BIAS = 3.0

BEAMS = (1, 4)
ARGOS_SCRIPT = r"""
import json, sys
from argostranslate import settings, translate
from argostranslate.sbd import ISentenceBoundaryDetectionModel

class OneSentence(ISentenceBoundaryDetectionModel):
    def split_sentences(self, text):
        return [text]

sentences, beams, targets = json.loads(sys.argv[1]), json.loads(sys.argv[2]), sys.argv[3:]
out = {}
for beam in beams:
    settings.beam_size = beam  # what ARGOS_BEAM_SIZE sets
    for to_code in targets:
        # .underlying: the PackageTranslation itself, past Argos's per-paragraph cache
        translation = translate.get_translation_from_codes("en", to_code).underlying
        translation.sentencizer = OneSentence()
        out[f"{beam}:{to_code}"] = [translation.translate(s) for s in sentences]
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def packages_dir(tmp_path_factory) -> Path:
    """en->ko and en->es, built with a bias towards EOS."""
    tiny = load_tiny_model()
    build = tmp_path_factory.mktemp("argos-compat-build")
    sp_model = tiny.train_sentencepiece(build / "sp.model")
    installed = tmp_path_factory.mktemp("argos-compat-packages")
    for to_code, seed in (("ko", 11), ("es", 12)):
        archive = tiny.build_argosmodel(build, "en", to_code, seed=seed, sp_model=sp_model, eos_bias=EOS_BIAS)
        install_from_file(archive, installed)
    return installed


def argos_translations(packages_dir: Path, home: Path, targets: list[str]) -> dict[str, list[str]]:
    """``"beam:target"`` -> Argos's translation of each sentence (one process, torch loads once)."""
    home.mkdir(exist_ok=True)
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
           "XDG_CONFIG_HOME": str(home / "config"), "XDG_CACHE_HOME": str(home / "cache"),
           "ARGOS_PACKAGES_DIR": str(packages_dir), "ARGOS_DEVICE_TYPE": "cpu", "ARGOS_COMPUTE_TYPE": "default"}
    result = subprocess.run([sys.executable, "-c", ARGOS_SCRIPT, json.dumps(SENTENCES), json.dumps(BEAMS), *targets],
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.splitlines()[-1])


def l10n_translations(root: Path, capsys, packages_dir: Path, beam: int) -> dict[str, list[str]]:
    source = "# " + SENTENCES[0] + "\n\n" + " ".join(SENTENCES[1:3]) + "\n\n- " + "\n- ".join(SENTENCES[3:]) + "\n"
    make_project(root, {"doc.md": source}, locales=("ko", "es"),
                 extra=f'models_dir = "{packages_dir}"\nengine = "argos"\n[mt]\nbeam_size = {beam}\n{SAME_CAP}')
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    code, out, err = run_cli(capsys, "-C", str(root), "translate")
    assert code == 0, err
    ours = {}
    for locale in ("ko", "es"):
        po = polib.pofile(str(root / "locales" / locale / "LC_MESSAGES" / "doc.po"))
        by_msgid = {e.msgid: e.msgstr for e in po if e.msgid}
        assert set(by_msgid) == set(SENTENCES)  # the segmentation gave Argos's sentences
        ours[f"{beam}:{locale}"] = [by_msgid[s] for s in SENTENCES]
    return ours


def test_l10n_translate_equals_argostranslate(tmp_path, capsys, packages_dir):
    ours = {}
    for beam in BEAMS:
        ours.update(l10n_translations(tmp_path / f"beam{beam}", capsys, packages_dir, beam))
    theirs = argos_translations(packages_dir, tmp_path / "home", ["ko", "es"])
    assert sorted(theirs) == sorted(ours)
    for key in ours:
        assert all(ours[key]), ours[key]
        assert ours[key] == theirs[key], key
