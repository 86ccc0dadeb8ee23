"""Per-locale engine choice: the config decides, else the installed model that serves the pair."""
from __future__ import annotations

import shutil

import polib
import pytest
from helpers import make_project, run_cli

from l10n.config import load_config
from l10n.mt.selection import choose

DOC = "# Title\n\nThe report was published.\n"


def project(tmp_path, packages_dir, locales, extra=""):
    return make_project(tmp_path / "p", {"doc.md": DOC}, locales=locales,
                        extra=f'models_dir = "{packages_dir}"\n{extra}')


def test_nothing_configured_uses_the_only_installed_model(tmp_path, packages_dir):
    config = load_config(project(tmp_path, packages_dir, ("ko", "ja")))
    ko = choose(config, "ko")
    assert (ko.engine, ko.model, ko.reason) == ("argos", "translate-en_ko-1_0", "only installed model")
    ja = choose(config, "ja")  # no Argos package, no Apertium pair
    assert (ja.engine, ja.model) == ("argos", None)
    assert ja.reason == "nothing configured, no installed model serves the pair"


def test_several_serve_a_pair_the_config_decides(tmp_path, packages_dir, apertium_required):
    config = load_config(project(tmp_path, packages_dir, ("es",)))
    es = choose(config, "es")
    assert [c.engine for c in es.candidates] == ["argos", "apertium"]
    assert (es.engine, es.model) == ("argos", "translate-en_es-1_0")
    assert es.reason.startswith("several serve it (argos translate-en_es-1_0 1.0, apertium apertium-eng-spa)")
    assert "set engine.es to choose" in es.reason
    config = load_config(project(tmp_path, packages_dir, ("es",), 'engine = { es = "apertium" }\n'))
    es = choose(config, "es")
    assert (es.engine, es.model, es.reason) == ("apertium", "apertium-eng-spa", "configured (engine.es)")
    config = load_config(project(tmp_path, packages_dir, ("es",), 'engine = { es = "model:apertium-eng-spa" }\n'))
    assert choose(config, "es").engine == "apertium"
    # --engine overrides the config for the run
    assert choose(config, "es", engine="argos").reason == "--engine"


def test_config_names_an_engine_per_locale(tmp_path, packages_dir, apertium_required):
    config = load_config(project(
        tmp_path, packages_dir, ("es", "ko", "zh_Hans"),
        'engine = { default = "argos", es = "apertium", zh_Hans = "llm", ko = "model:translate-en_ko" }\n'
        '[llm]\nmodel = "qwen2.5-7b-instruct"\n'))
    got = {c: (choose(config, c).engine, choose(config, c).model) for c in config.locales}
    assert got == {"es": ("apertium", "apertium-eng-spa"), "ko": ("argos", "translate-en_ko-1_0"),
                   "zh_Hans": ("llm", "qwen2.5-7b-instruct")}


def test_a_named_model_picks_one_of_two_installed_versions(tmp_path, packages_dir, capsys):
    # A second copy of the ko package as version 0.9 in its own folder.
    pkgs = tmp_path / "pkgs"
    shutil.copytree(packages_dir, pkgs)
    old = pkgs / "translate-en_ko-0_9"
    shutil.copytree(pkgs / "translate-en_ko-1_0", old)
    meta = (old / "metadata.json").read_text()
    import json

    data = json.loads(meta)
    data["package_version"] = "0.9"
    (old / "metadata.json").write_text(json.dumps(data))
    root = project(tmp_path, pkgs, ("ko",))
    config = load_config(root)
    assert choose(config, "ko").model == "translate-en_ko-1_0"  # the best version wins by default
    assert "several serve it" in choose(config, "ko").reason
    text = (root / "l10n.toml").read_text() + 'engine = { ko = "model:translate-en_ko-0_9" }\n'
    (root / "l10n.toml").write_text(text)
    assert choose(load_config(root), "ko").model == "translate-en_ko-0_9"
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    code, out, err = run_cli(capsys, "-C", str(root), "translate")
    assert code == 0, err
    po = polib.pofile(str(root / "locales" / "ko" / "LC_MESSAGES" / "doc.po"))
    assert all("version=0.9" in e.tcomment for e in po if e.msgstr)


def test_a_configured_model_that_is_not_installed_skips_the_locale(tmp_path, packages_dir, capsys):
    root = project(tmp_path, packages_dir, ("ko",), 'engine = { ko = "model:nllb-200-distilled-600M" }\n')
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    code, _, err = run_cli(capsys, "-C", str(root), "translate")
    assert code == 3
    assert "skipped (argos): the configured model 'nllb-200-distilled-600M' is not installed" in err


@pytest.mark.parametrize("command", [("models", "list"), ("status",)])
def test_models_list_and_status_show_the_engine_of_each_locale(tmp_path, packages_dir, capsys, command,
                                                                apertium_required):
    root = project(tmp_path, packages_dir, ("es", "ko", "ja", "zh_Hans"),
                   'engine = { zh_Hans = "llm" }\n')
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    code, out, err = run_cli(capsys, "-C", str(root), *command)
    assert code == 0, err
    lines = out.splitlines()
    start = lines.index("engine per locale (locale -> engine, model, why):")
    assert lines[start + 1:start + 5] == [
        "  es -> argos, translate-en_es-1_0, several serve it (argos translate-en_es-1_0 1.0, apertium apertium-eng-spa): "
        "argos wins by default; set engine.es to choose",
        "  ko -> argos, translate-en_ko-1_0, only installed model",
        "  ja -> argos, -, nothing configured, no installed model serves the pair",
        "  zh_Hans -> llm, -, configured (engine.zh_Hans); model: the first the server lists",
    ]
