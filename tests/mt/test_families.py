"""Every CTranslate2 family through one engine: framing, add, refusals, provenance, parallel runs.

The models are real CTranslate2 models with random numpy weights
(tests/mt/family_models.py), so these tests need no torch.  What each
family's recipe must do is checked against CTranslate2 itself: the engine's
drafts equal a raw ``translate_batch`` call given the tokens the family's
documentation prescribes (NLLB: ``eng_Latn`` pieces ``</s>`` with target
prefix ``kor_Hang``).
"""
from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import tarfile
import zipfile
from pathlib import Path

import pytest

from helpers import msgfmt_check
from l10n.cli.main import main
from l10n.mt.add import add_model
from l10n.mt.argos import ArgosEngine, _decode
from l10n.mt.errors import EngineFailed, PackageError
from l10n.mt.registry import MANIFEST, installed_models, models_for_pair

from .family_models import LAYOUT, build_family_model, tiny

SENTENCES = ["The report is available online.", "Officials detained 22 people in the city.",
             "We have data for the first year."]

# family -> (source tokens before, after, target prefix) for en -> ko, as each family's model card says
EXPECTED = {
    "nllb": (["eng_Latn"], ["</s>"], "kor_Hang"),
    "m2m100": (["__en__"], ["</s>"], "__ko__"),
    "madlad": (["<2ko>"], ["</s>"], ""),
    "marian": ([], ["</s>"], ""),
    "marian-mul": ([">>kor<<"], ["</s>"], ""),
    "quickmt": ([], [], ""),
}


@pytest.fixture(scope="session")
def family_sp(tmp_path_factory) -> Path:
    return tiny.train_sentencepiece(tmp_path_factory.mktemp("family-sp") / "sp.model")


@pytest.fixture(scope="session")
def family_folders(tmp_path_factory, family_sp) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("family-models")
    return {family: build_family_model(out, family, family_sp, seed=i + 11, d_model=32, ffn=64)
            for i, family in enumerate(LAYOUT)}


@pytest.fixture(scope="session")
def models_dir(tmp_path_factory, family_folders) -> Path:
    d = tmp_path_factory.mktemp("family-installed")
    for family, folder in family_folders.items():
        add_model(folder, d)
    return d


def engine_for(models_dir: Path, name: str, **options) -> ArgosEngine:
    return ArgosEngine(models_dir / "no-argos", models_dir=models_dir, choice={("en", "ko"): name},
                       max_decoding_length_ratio=1.0, max_decoding_length_extra=4, **options)


# --- add: inference and manifest --------------------------------------------------------------

@pytest.mark.parametrize("family, languages, licence", [
    ("nllb", {"en", "ko", "es", "zh", "zt", "ja"}, "CC-BY-NC-4.0"),
    ("m2m100", {"en", "ko", "es", "zh", "ja"}, "MIT"),
    ("madlad", {"en", "ko", "es", "zh", "zt"}, "Apache-2.0"),
    ("marian", {"ko"}, "CC-BY-4.0"),
    ("marian-mul", {"ko", "es", "zh"}, "CC-BY-4.0"),
    ("quickmt", {"ko"}, "CC-BY-4.0"),
])
def test_add_infers_family_languages_and_licence(models_dir, family, languages, licence):
    name = LAYOUT[family][0]
    manifest = json.loads((models_dir / name / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["family"] == family.split("-")[0]
    assert set(manifest["targets"]) == languages
    assert "en" in manifest["sources"]
    assert manifest["licence"] == licence
    assert manifest["converter"]["ctranslate2"]
    assert manifest["origin"].endswith(name)
    assert name in [m.name for m in models_for_pair("en", "ko", [models_dir])]


def test_one_pair_models_win_over_multilingual_ones_by_default(models_dir):
    order = [m.family for m in models_for_pair("en", "ko", [models_dir])]
    assert order.index("marian") < order.index("nllb") and order.index("quickmt") < order.index("m2m100")


# --- the recipe, against CTranslate2 itself -----------------------------------------------------

@pytest.mark.parametrize("family", list(EXPECTED))
def test_drafts_equal_translate_batch_with_the_family_tokens(models_dir, family):
    import ctranslate2
    import sentencepiece as spm

    name = LAYOUT[family][0]
    engine = engine_for(models_dir, name, beam_size=1, max_batch_tokens=1)  # one sentence a batch
    drafts = engine.translate(SENTENCES, "en", "ko")
    model = engine.package("en", "ko")
    before, after, prefix = EXPECTED[family]
    sp = spm.SentencePieceProcessor(model_file=str(model.source_tokenizer))
    translator = ctranslate2.Translator(str(model.model_dir))
    for sentence, draft in zip(SENTENCES, drafts):
        pieces = sp.encode(sentence, out_type=str)
        source = [*before, *pieces, *after]
        options = engine.decode_options(len(source), prefix, disable_unk=family in ("nllb", "m2m100", "madlad"))
        res = translator.translate_batch([source], target_prefix=[[prefix]] if prefix else None,
                                         **options)[0]
        tokens = list(res.hypotheses[0])
        if prefix:
            assert tokens[0] == prefix  # the decoder was given the language
            tokens = tokens[1:]
        shown = [t for t in tokens if t not in engine.pair_tokens("en", "ko").strip]
        assert draft.text == _decode(sp, shown)[0]
        assert (not prefix or prefix not in draft.text) and "</s>" not in draft.text
    identity = engine.identity("en", "ko")
    assert identity.family == family.split("-")[0]
    assert f"prefix={prefix};" in identity.options


def test_attention_never_aligns_to_the_language_token(models_dir):
    engine = engine_for(models_dir, LAYOUT["nllb"][0])
    for draft in engine.translate(SENTENCES, "en", "ko"):
        assert draft.alignment, "no alignment came back"
        assert all(s0 >= 0 and s1 > s0 for s0, s1, _, _ in draft.alignment)


def test_nllb_needs_its_target_language_token(models_dir, family_sp, tmp_path):
    folder = build_family_model(tmp_path, "nllb", family_sp, drop="kor_Hang")
    model = add_model(folder, tmp_path / "models")
    assert "ko" not in model.targets  # it cannot say Korean: it does not claim it
    with pytest.raises(PackageError, match=r"'kor_Kore' \(given for ko\) is not in the model's vocabulary"):
        add_model(folder, tmp_path / "models2", codes={"ko": "kor_Kore"})
    assert not (tmp_path / "models2" / folder.name).exists()
    # A manifest edited by hand to claim Korean: one line at load, before any work.
    manifest = tmp_path / "models" / model.name / MANIFEST
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["targets"].append("ko")
    manifest.write_text(json.dumps(data), encoding="utf-8")
    engine = ArgosEngine(tmp_path / "none", models_dir=tmp_path / "models")
    with pytest.raises(EngineFailed) as caught:
        engine.translate(["A sentence."], "en", "ko")
    assert "'kor_Hang'" in caught.value.message and "\n" not in str(caught.value)


# --- add refuses what it cannot use -----------------------------------------------------------------

def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _tar_of(folder: Path, path: Path, extra: tarfile.TarInfo | None = None) -> Path:
    with tarfile.open(path, "w:gz") as tf:
        tf.add(folder, arcname=folder.name)
        if extra is not None:
            tf.addfile(extra, io.BytesIO(b"x" * extra.size) if extra.isfile() else None)
    return path


def test_add_takes_zip_and_tar_archives(family_folders, tmp_path):
    folder = family_folders["quickmt"]
    archive = tmp_path / "quickmt.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for f in sorted(folder.rglob("*")):
            zf.write(f, f"{folder.name}/{f.relative_to(folder).as_posix()}")
    assert add_model(archive, tmp_path / "a").family == "quickmt"
    assert add_model(_tar_of(folder, tmp_path / "quickmt.tar.gz"), tmp_path / "b").family == "quickmt"
    assert not [p for p in (tmp_path / "a").iterdir() if p.name.startswith(".")]  # no staging left


def test_add_refuses_bad_archives_and_folders(family_folders, family_sp, tmp_path):
    folder = family_folders["quickmt"]
    link = tarfile.TarInfo(f"{folder.name}/evil")
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
    absolute = tarfile.TarInfo("/tmp/abs.txt")
    absolute.size = 1
    hf = tmp_path / "nllb-hf"
    hf.mkdir()
    (hf / "config.json").write_text("{}")
    (hf / "model.safetensors").write_bytes(b"\0")
    wrong_tokenizer = tmp_path / "wrong"
    shutil.copytree(folder, wrong_tokenizer)
    tiny.train_sentencepiece(wrong_tokenizer / "src.spm.model", vocab_size=120,
                             lines=["zzqx vvbn " * 3, "qqpl kkjh mmnb"] * 50)
    cases = {
        _zip(tmp_path / "dotdot.zip", {"m/../../x": b"1"}): "'..' component",
        _zip(tmp_path / "two.zip", {"a/model.bin": b"1", "b/model.bin": b"1"}): "expected one model folder",
        _tar_of(folder, tmp_path / "link.tar.gz", link): "symlink or special file",
        _tar_of(folder, tmp_path / "abs.tar.gz", absolute): "absolute path",
        _zip(tmp_path / "empty.zip", {"m/readme.txt": b"1"}): "missing model.bin",
        hf: "a Hugging Face snapshot, not a CTranslate2 model",
        wrong_tokenizer: "does not belong to this model",
        tmp_path / "nowhere": "no such file or folder",
    }
    for path, message in cases.items():
        with pytest.raises(PackageError) as caught:
            add_model(path, tmp_path / "models", sources=["en"], targets=["ko"])
            print("accepted:", path)
        assert message in str(caught.value), (path, str(caught.value))
    assert installed_models([tmp_path / "models"]) == []
    assert not [p for p in (tmp_path / "models").iterdir()]  # nothing half-added


def test_cli_add_and_list(family_folders, tmp_path, capsys):
    base = ["-C", str(tmp_path), "models", "--packages-dir", str(tmp_path / "pk"), "--models-dir", str(tmp_path / "m")]
    capsys.readouterr()
    assert main([*base, "add", str(family_folders["nllb"])]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("added nllb model nllb-200-tiny") and "CC-BY-NC-4.0" in out
    assert "non-commercial" in err
    assert main([*base, "list"]) == 0
    out = capsys.readouterr()[0]
    row = next(line for line in out.splitlines() if "nllb-200-tiny" in line).split("\t")
    assert row[3] == "nllb" and "6 languages" in row[0] and re.fullmatch(r"\d+\.\d (KB|MB)", row[5])
    assert row[6] == "licence: CC-BY-NC-4.0 (non-commercial)" and row[2] == "serves: -"
    assert main([*base, "remove", "nllb-200-tiny"]) == 0
    assert "removed" in capsys.readouterr()[0] and not (tmp_path / "m" / "nllb-200-tiny").exists()
    assert main([*base, "remove", "nllb-200-tiny"]) == 1 and "no model named" in capsys.readouterr()[1]
    # A Hugging Face repo id instead of a path: one line saying how to get it on a networked machine.
    assert main([*base, "add", "facebook/nllb-200-distilled-600M"]) == 1
    err = capsys.readouterr()[1]
    assert len(err.strip().splitlines()) == 1 and "never downloads" in err
    assert "huggingface-cli download facebook/nllb-200-distilled-600M" in err and "Traceback" not in err


# --- the pipeline: drafts, provenance, placeholders, glossary, workers, Ray ------------------------

DOC = """# Budget <b>notes</b>

The **ministry** published [the data](https://example.org/data) on 12 March 2024 for Chin State.

Human Rights Watch counted 1,250 people in *three* camps.

Contact the `press office` before 5 p.m.
"""
LOCALES = ["ko", "es", "zh_Hans"]
DAY = dt.date(2026, 12, 3)


@pytest.fixture(scope="module")
def nllb_project(tmp_path_factory, family_folders) -> Path:
    from l10n.config import load_config
    from l10n.pipeline.update import update

    root = tmp_path_factory.mktemp("nllb-project") / "p"
    models = root / "models"
    add_model(family_folders["nllb"], models)
    (root / "source").mkdir(parents=True)
    (root / "source" / "notes.md").write_text(DOC * 3, encoding="utf-8")
    (root / "l10n.toml").write_text(
        f'project = "p"\nlocales = {json.dumps(LOCALES)}\nsources = ["source/*.md"]\nmodels_dir = "models"\n'
        "[mt]\nbeam_size = 2\nmax_decoding_length_ratio = 1.0\nmax_decoding_length_extra = 4\n"
        "max_batch_tokens = 48\n", encoding="utf-8")
    (root / "locales" / "ko").mkdir(parents=True)
    (root / "locales" / "ko" / "glossary.csv").write_text(
        "source,target,note\nHuman Rights Watch,휴먼라이츠워치,\nChin State,친주,\n", encoding="utf-8")
    update(load_config(root), locales=LOCALES)
    return root


def _run(base: Path, dest: Path, **options) -> Path:
    from l10n.config import load_config
    from l10n.pipeline.translate import translate

    shutil.copytree(base, dest)
    results = translate(load_config(dest), locales=LOCALES, today=lambda: DAY, **options)
    assert [r.skipped for r in results] == [None] * len(LOCALES), [r.skipped for r in results]
    return dest


def _catalogs(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "locales").rglob("*.po"))}


@pytest.fixture(scope="module")
def nllb_sequential(nllb_project, tmp_path_factory) -> Path:
    return _run(nllb_project, tmp_path_factory.mktemp("nllb-seq") / "p", workers=1)


def test_nllb_drafts_keep_every_guarantee(nllb_sequential):
    import polib

    po_file = nllb_sequential / "locales" / "ko" / "LC_MESSAGES" / "notes.po"
    msgfmt_check(po_file)
    entries = [e for e in polib.pofile(str(po_file)) if e.msgid]
    assert entries and all(e.msgstr and "fuzzy" in e.flags for e in entries)
    for e in entries:
        mt = next(line for line in e.tcomment.splitlines() if line.startswith("mt:"))
        assert re.match(r"mt: engine=ct2 package=nllb-200-tiny version=- date=2026-12-03 score=\S+ "
                        r"family=nllb licence=CC-BY-NC-4.0( terms=.*)?$", mt), mt
        checks = [line for line in e.tcomment.splitlines() if line.startswith("check:")]
        for ph in set(re.findall(r"</?\d+/?>", e.msgid)):  # every placeholder back, or flagged
            assert ph in e.msgstr or any("placeholder" in c for c in checks), (e.msgid, e.msgstr, checks)
        for term, target in (("Human Rights Watch", "휴먼라이츠워치"), ("Chin State", "친주")):
            if term in e.msgid:
                assert target in e.msgstr or any(term in c for c in checks), (e.msgstr, checks)
        assert "kor_Hang" not in e.msgstr and "</s>" not in e.msgstr


@pytest.mark.parametrize("family", ["marian", "marian-mul", "quickmt", "m2m100", "madlad"])
def test_every_family_brings_placeholders_and_terms_back_or_flags_them(family, family_folders, tmp_path):
    import polib

    from l10n.config import load_config
    from l10n.pipeline.translate import translate
    from l10n.pipeline.update import update

    root = tmp_path / "p"
    (root / "source").mkdir(parents=True)
    (root / "source" / "notes.md").write_text(DOC, encoding="utf-8")
    (root / "l10n.toml").write_text(
        'project = "p"\nlocales = ["ko"]\nsources = ["source/*.md"]\nmodels_dir = "models"\n'
        "[mt]\nbeam_size = 2\nmax_decoding_length_ratio = 1.0\nmax_decoding_length_extra = 4\n", encoding="utf-8")
    (root / "locales" / "ko").mkdir(parents=True)
    (root / "locales" / "ko" / "glossary.csv").write_text(
        "source,target,note\nHuman Rights Watch,휴먼라이츠워치,\n", encoding="utf-8")
    model = add_model(family_folders[family], root / "models")
    update(load_config(root), locales=["ko"])
    [result] = translate(load_config(root), locales=["ko"], today=lambda: DAY)
    assert result.skipped is None and result.entries > 3
    po_file = root / "locales" / "ko" / "LC_MESSAGES" / "notes.po"
    msgfmt_check(po_file)
    for e in (e for e in polib.pofile(str(po_file)) if e.msgid):
        lines = e.tcomment.splitlines()
        mt = next(line for line in lines if line.startswith("mt:"))
        assert f"package={model.name} " in mt and f"family={model.family}" in mt
        checks = [line for line in lines if line.startswith("check:")]
        for ph in set(re.findall(r"</?\d+/?>", e.msgid)):
            assert ph in e.msgstr or any("placeholder" in c for c in checks), (e.msgid, e.msgstr, checks)
        if "Human Rights Watch" in e.msgid:
            assert "휴먼라이츠워치" in e.msgstr or any("Human Rights Watch" in c for c in checks)
        for number in ("1,250", "2024"):
            if number in e.msgid:
                assert number in e.msgstr or any("2024" in c or "1,250" in c or "date" in c for c in checks), \
                    (e.msgstr, checks)


def test_nllb_workers_write_the_catalogs_of_a_sequential_run(nllb_project, nllb_sequential, tmp_path):
    assert _catalogs(_run(nllb_project, tmp_path / "p", workers=2)) == _catalogs(nllb_sequential)


@pytest.fixture(scope="module")
def local_ray():
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


def test_nllb_on_ray_writes_the_catalogs_of_a_sequential_run(nllb_project, nllb_sequential, tmp_path, local_ray):
    assert _catalogs(_run(nllb_project, tmp_path / "p", cluster="auto")) == _catalogs(nllb_sequential)


def test_a_family_model_reaches_a_node_through_the_object_store(models_dir, tmp_path, monkeypatch, local_ray):
    import tempfile

    from l10n.mt.batches import LoadedModel, plan_pair
    from l10n.mt.ray_backend import local_package, zip_package

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    engine = engine_for(models_dir, LAYOUT["madlad"][0], max_batch_tokens=64)
    model = engine.package("en", "ko")
    fingerprint = engine.identity("en", "ko").fingerprint
    ref = [local_ray.put(zip_package(model.path))]
    copy = local_package(str(tmp_path / "elsewhere" / model.path.name), fingerprint, ref)
    assert copy.name == model.path.name and copy != model.path
    plan = plan_pair(engine, SENTENCES, "en", "ko")
    assert plan.batches[0].pieces[0][0] == "<2ko>" and plan.batches[0].pieces[0][-1] == "</s>"
    assert LoadedModel(copy).run(plan.batches[0]) == LoadedModel(model.path).run(plan.batches[0])


def test_models_add_and_translate_never_import_torch_or_transformers(models_dir, tmp_path):
    """sentencepiece and ctranslate2 only at run time: the convert extra stays out of the core."""
    import subprocess
    import sys

    code = ("import sys; from pathlib import Path; from l10n.mt.argos import ArgosEngine; "
            f"e = ArgosEngine(Path({str(tmp_path)!r}), models_dir=Path({str(models_dir)!r}), "
            f"choice={{('en', 'ko'): {LAYOUT['nllb'][0]!r}}}); "
            "e.translate(['A sentence.'], 'en', 'ko'); "
            "print(sorted(m for m in ('torch', 'transformers') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[]"


def test_a_target_token_attending_most_to_the_language_token_still_aligns_to_a_word(family_sp):
    """The added columns (language token first, </s> last) are skipped when the alignment is read."""
    import sentencepiece as spm
    from types import SimpleNamespace

    from l10n.mt.argos import ADDED, to_draft

    sp = spm.SentencePieceProcessor(model_file=str(family_sp))
    src_spans = [ADDED, (0, 3), (4, 10), ADDED]  # eng_Latn ▁the ▁report </s>
    res = SimpleNamespace(hypotheses=[["kor_Hang", "▁report", "▁the"]], scores=[-1.0],
                          attention=[[[0.25] * 4, [0.7, 0.05, 0.2, 0.05], [0.1, 0.3, 0.1, 0.5]]])
    draft = to_draft(sp, src_spans, res, "kor_Hang", 0.2, ("kor_Hang", "</s>"))
    assert draft.text == "report the"
    assert draft.alignment == ((4, 10, 0, 6), (0, 3, 7, 10))


def test_an_engine_for_one_installed_model(models_dir):
    from l10n.mt.argos import engine_for_model

    madlad = next(m for m in models_for_pair("en", "es", [models_dir]) if m.family == "madlad")
    engine = engine_for_model(madlad, max_decoding_length_ratio=1.0, max_decoding_length_extra=2)
    assert engine.package("en", "es") == madlad and engine.package("en", "zt") == madlad
    assert engine.identity("en", "es").family == "madlad"
    assert engine.pair_tokens("en", "zt").before == ("<2zh_Hant>",)
