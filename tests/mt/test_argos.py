import json

import pytest

from l10n.mt.argos import ArgosEngine, token_batches
from l10n.mt.engine import Engine
from l10n.mt.errors import ModelMissing

SENTENCES = [
    "The report is available online.",
    "We show the results of the study in table 3.",
    "Water prices rose in the city.",
    "The report is available online.",  # duplicate
    "",
    "Energy and health system data for 2023 are new.",
]


def test_is_an_engine(engine):
    assert isinstance(engine, Engine)
    assert {("en", "ko"), ("en", "es"), ("en", "zh")} <= set(engine.pairs())


def test_identity_has_provenance(engine):
    ident = engine.identity("en", "ko")
    assert (ident.engine, ident.package, ident.version) == ("argos", "translate-en_ko", "1.0")
    assert "beam=4" in ident.options and "ct2=" in ident.options
    assert len(ident.fingerprint) == 16
    assert ident != engine.identity("en", "es")
    assert ArgosEngine(engine.packages_dir, beam_size=1).identity("en", "ko").key != ident.key


def test_missing_model_has_install_hint(engine, tmp_path):
    with pytest.raises(ModelMissing) as exc:
        engine.identity("en", "fr")
    assert exc.value.hint == (
        "l10n models install en fr (needs a network); offline: download translate-en_fr-*.argosmodel (the newest "
        "version) from https://www.argosopentech.com/argospm/index/ on a connected machine, then run: "
        "l10n models install --from-file translate-en_fr-*.argosmodel")
    with pytest.raises(ModelMissing):
        ArgosEngine(tmp_path / "nowhere").translate(["x"], "en", "ko")


def test_translate_structure_determinism_and_dedup(engine, packages_dir):
    drafts = engine.translate(SENTENCES, "en", "ko")
    assert len(drafts) == len(SENTENCES)
    assert drafts[0] == drafts[3]
    assert drafts[4].text == ""
    for d, src in zip(drafts, SENTENCES):
        if not src:
            continue
        assert d.text and d.text == d.text.strip()
        assert 0.0 < d.score <= 1.0
        for s0, s1, t0, t1 in d.alignment:
            assert 0 <= s0 < s1 <= len(src) and 0 <= t0 < t1 <= len(d.text)
    stats = engine.stats[("en", "ko")]
    assert (stats.calls, stats.sentences) == (1, 4)  # dedup + empty skipped
    again = ArgosEngine(packages_dir, max_decoding_length_ratio=1.0, max_decoding_length_extra=4)
    assert again.translate(list(reversed(SENTENCES)), "en", "ko") == list(reversed(drafts))


def test_many_units_one_call_token_batches(packages_dir):
    eng = ArgosEngine(packages_dir, max_batch_tokens=64, beam_size=1, max_decoding_length_ratio=0.5,
                      max_decoding_length_extra=1)
    texts = [f"Sentence number {i} of the report is new." for i in range(60)]
    seen = []
    drafts = eng.translate(texts, "en", "es", on_batch=lambda idx, ds: seen.extend(idx))
    assert sorted(seen) == list(range(60))
    st = eng.stats[("en", "es")]
    assert st.calls == 1 and st.sentences == 60 and st.batches > 1
    assert all(d.text for d in drafts)


def test_token_batches_respect_budget():
    lengths = sorted([3, 5, 5, 8, 13, 40, 41, 100])
    batches = token_batches(lengths, 40)
    assert [b for b in batches if b[1] - b[0] > 1]
    for lo, hi in batches:
        assert hi - lo == 1 or (hi - lo) * lengths[hi - 1] <= 40
    assert batches[0][0] == 0 and batches[-1][1] == len(lengths)


def test_target_prefix_is_stripped(engine, packages_dir):
    meta = json.loads((packages_dir / "translate-en_zh-1_0" / "metadata.json").read_text())
    assert meta["target_prefix"] == "__zh__"
    drafts = engine.translate(["The report is available online."], "en", "zh")
    assert not drafts[0].text.startswith("__zh__")


def test_load_once_per_pair(engine):
    engine.translate(["a b c"], "en", "ko")
    first = engine._loaded[("en", "ko")].translator
    engine.translate(["d e f"], "en", "ko")
    assert engine._loaded[("en", "ko")].translator is first
