"""Config discovery (like git), both config forms, validation at load with line numbers,
locale ids kept as written."""

import re
from pathlib import Path

import pytest
from helpers import make_project, run_cli

CONFIGURATION_DOC = Path(__file__).resolve().parents[1] / "docs" / "configuration.md"
DOC = "# Title\n\nOne sentence.\n"


def test_commands_find_the_project_from_a_subdirectory(tmp_path, capsys, monkeypatch):
    root = make_project(tmp_path / "p", {"doc.md": DOC}, locales=("ko",))
    deep = root / "notes" / "deeper"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    code, out, err = run_cli(capsys, "update")
    assert code == 0, err
    assert (root / "locales" / "ko" / "LC_MESSAGES" / "doc.po").is_file()
    assert not (deep / "locales").exists()
    code, out, err = run_cli(capsys, "-C", str(deep), "status")
    assert code == 0 and "ko" in out


def test_missing_directory_for_dash_c_is_named(tmp_path, capsys):
    code, _, err = run_cli(capsys, "-C", str(tmp_path / "nowhere"), "status")
    assert code == 2
    assert "nowhere" in err and "does not exist" in err


def test_no_config_anywhere_up_the_tree(tmp_path, capsys):
    code, _, err = run_cli(capsys, "-C", str(tmp_path), "status")
    assert code == 1
    assert "or any parent directory" in err and "l10n init" in err


def test_l10n_toml_wins_over_pyproject_and_says_so(tmp_path, capsys):
    root = make_project(tmp_path, {"doc.md": DOC}, locales=("ko",))
    (root / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.l10n]\nlocales = ["ja"]\nsources = ["source/*"]\n')
    code, out, err = run_cli(capsys, "-C", str(root), "status")
    assert code == 0
    assert "ko" in out and "ja" not in out
    assert f"note: using l10n.toml; the [tool.l10n] table of pyproject.toml is ignored" in err


def test_pyproject_without_tool_table_does_not_stop_the_walk(tmp_path, capsys):
    root = make_project(tmp_path, {"doc.md": DOC}, locales=("ko",))
    package = root / "tools" / "pkg"
    package.mkdir(parents=True)
    (package / "pyproject.toml").write_text('[project]\nname = "pkg"\n')
    code, out, err = run_cli(capsys, "-C", str(package), "status")
    assert code == 0, err
    assert "ko" in out


def readme_config() -> str:
    """The configuration example of docs/configuration.md (once the README's), verbatim."""
    text = CONFIGURATION_DOC.read_text(encoding="utf-8")
    section = text[text.index("## Every key"):]
    return re.search(r"```toml\n(.*?)```", section, re.S).group(1)


@pytest.mark.parametrize("file_name", ["l10n.toml", "pyproject.toml"])
def test_the_readme_example_works_as_written(tmp_path, capsys, file_name):
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "report.md").write_text(DOC)
    (tmp_path / file_name).write_text(readme_config())
    code, out, err = run_cli(capsys, "-C", str(tmp_path), "status")
    assert code == 0, err
    assert "zh_Hans" in out and "ar" in out


def test_top_level_form_of_l10n_toml(tmp_path, capsys):
    make_project(tmp_path, {"doc.md": DOC}, locales=("ko",), extra='[mt]\nbeam_size = 2\n')
    code, out, err = run_cli(capsys, "-C", str(tmp_path), "status")
    assert code == 0, err


BASE = 'project = "t"\nlocales = ["ko", "ja"]\nsources = ["source/*.md"]\n'


@pytest.mark.parametrize(
    ("text", "line", "needle"),
    [
        (BASE + 'colour = "blue"\n', 4, "unknown key 'colour'"),
        (BASE + 'engine = "deepl"\n', 4, "unknown engine 'deepl' (known engines: argos, apertium, llm, none"),
        (BASE + 'engine = { ko = "model: " }\n', 4, "engine 'model: ' names no model"),
        (BASE + '[llm]\nmodel = "q"\nurl = "http://10.0.0.5:8080/v1"\n', 6,
         "llm.url 'http://10.0.0.5:8080/v1' is not on this machine"),
        (BASE + '[llm]\nurl = "ftp://127.0.0.1/v1"\n', 5, "llm.url must be an http(s) URL"),
        (BASE + '[llm]\nbatch_size = 0\n', 5, "llm.batch_size must be an integer of at least 1"),
        (BASE + '[llm]\ntemperature = 0.7\n', 5, "unknown key llm.temperature"),
        (BASE + 'engine = { default = "argos", ja = "gpt" }\n', 4, "unknown engine 'gpt'"),
        (BASE + 'engine = { fr = "apertium" }\n', 4, "engine.fr: 'fr' is not one of the locales"),
        ('project = "t"\nlocales = ["ko", "en"]\nsources = ["source/*"]\n', 2,
         "the source language 'en' is listed as a target locale"),
        ('project = "t"\nsource_language = "ko"\nlocales = ["ja", "ko"]\nsources = ["source/*"]\n', 3,
         "the source language 'ko' is listed as a target locale"),
        ('project = "t"\nlocales = ["ko"]\n\nsources = ["source/*"]\n', 4, "'source/*' matches source/notes.pdf"),
        (BASE + "[mt]\nbeam_size = 4\ndevice = \"tpu\"\n", 6, "mt.device must be one of cpu, cuda, auto"),
        (BASE + "[mt]\nbeam = 4\n", 5, "unknown key mt.beam"),
        (BASE + "mt = { beam_size = -1 }\n", 4, "mt.beam_size must be an integer of at least 1"),
        ('project = "t"\nlocales = ["ko"]\nsources = ["source/*.docx"]\n', 3, "matches no file"),
        ('project = "t"\nlocales = ["xx_YY_ZZ"]\nsources = ["source/*"]\n', 2, "unknown locale 'xx_YY_ZZ'"),
        ('project = "t"\nlocales = ["ko"\nsources = ["source/*"]\n', 3, "invalid TOML"),
        ('# a comment\nlocales = ["ko"]\nsources = ["source/*"]\n[tool.l10n]\nproject = "x"\n', 4,
         "unknown key 'tool' (write the settings at the top level of l10n.toml, or all of them under [tool.l10n])"),
    ],
)
def test_config_errors_name_the_line(tmp_path, capsys, text, line, needle):
    make_project(tmp_path, {"doc.md": DOC, "notes.pdf": b"%PDF-1.4"})
    (tmp_path / "l10n.toml").write_text(text)
    code, _, err = run_cli(capsys, "-C", str(tmp_path), "status")
    assert code == 1
    assert err.startswith(f"error: l10n.toml:{line}: "), err
    assert needle in err


def test_pyproject_errors_name_the_line_inside_tool_l10n(tmp_path, capsys):
    make_project(tmp_path, {"doc.md": DOC})
    (tmp_path / "l10n.toml").unlink()
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\nengine = "x"\n\n[tool.l10n]\nlocales = ["ko"]\nsources = ["source/*"]\n'
        'engine = "nope"\n[tool.l10n.mt]\ndevice = "gpu"\n'
    )
    code, _, err = run_cli(capsys, "-C", str(tmp_path), "status")
    assert err.startswith(f"error: pyproject.toml:8: unknown engine 'nope'"), err
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[tool.l10n]\nlocales = ["ko"]\nsources = ["source/*"]\n[tool.l10n.mt]\ndevice = "gpu"\n'
    )
    code, _, err = run_cli(capsys, "-C", str(tmp_path), "status")
    assert err.startswith(f"error: pyproject.toml:7: mt.device must be"), err


def test_locale_ids_are_kept_as_written(tmp_path, capsys):
    root = make_project(tmp_path, {"doc.md": DOC}, locales=("zh_TW", "pt_BR"))
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    po = root / "locales" / "zh_TW" / "LC_MESSAGES" / "doc.po"
    assert '"Language: zh_TW\\n"' in po.read_text()
    assert "nplurals=1" in po.read_text()  # Babel's plural rules for Chinese
    assert sorted(p.name for p in (root / "locales").iterdir() if p.is_dir()) == ["pt_BR", "zh_TW"]
    code, out, err = run_cli(capsys, "-C", str(root), "build", "--locale", "zh-tw")
    assert code == 0, err
    assert '<html lang="zh-TW" dir="ltr">' in (root / "build" / "zh_TW" / "doc.html").read_text()
    assert not (root / "build" / "pt_BR").exists()
    index = (root / "build" / "index.html").read_text()
    assert "中文" in index  # the language's own name, from Babel


def test_a_missing_key_in_pyproject_points_at_the_tool_table_not_project(tmp_path, capsys):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.l10n]\nsources = ["*.md"]\n')
    (tmp_path / "a.md").write_text(DOC)
    code, _, err = run_cli(capsys, "-C", str(tmp_path), "status")
    assert err.startswith(f"error: pyproject.toml:4: no locales configured"), err


def test_llm_table_defaults_and_an_explicitly_allowed_remote_server(tmp_path):
    from l10n.config import load_config

    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "a.md").write_text("Hi.\n")
    (tmp_path / "l10n.toml").write_text(BASE + 'engine = { ko = "llm", ja = "model:translate-en_ja" }\n')
    config = load_config(tmp_path)
    assert config.llm["url"] == "http://127.0.0.1:8080/v1" and config.llm["allow_remote"] is False
    assert config.engine_for("ko") == "llm" and config.engine_for("ja") == "model:translate-en_ja"
    (tmp_path / "l10n.toml").write_text(BASE + '[llm]\nurl = "https://gpu.example.org/v1"\nallow_remote = true\n'
                                        'batch_size = 4\n')
    config = load_config(tmp_path)
    assert config.llm["url"] == "https://gpu.example.org/v1" and config.llm["batch_size"] == 4


@pytest.mark.parametrize(
    ("extra", "error"),
    [
        # two problems: the one checked first (l10n.config.schema.SETTINGS order) is reported
        ('formats = []\nwrap_width = 10\n', "l10n.toml:5: wrap_width must be an integer of at least 20"),
        ('min_reviewed = 120\n', "l10n.toml:4: min_reviewed must be a percentage from 0 to 100"),
        ('formats = ["html", "docx"]\n',
         "l10n.toml:4: unknown edition format 'docx' (formats is a list of \"html\", \"text\", \"pdf\")"),
        ('formats = []\n', "l10n.toml:4: formats is empty (formats is a list of \"html\", \"text\", \"pdf\")"),
        ('site_url = "example.org"\n',
         "l10n.toml:4: site_url must be an http(s) URL such as https://example.org/reports/, got 'example.org'"),
        ('asset_variant = "{stem}{suffix}"\n',
         "l10n.toml:4: asset_variant '{stem}{suffix}': the pattern must contain {locale} "
         "(the default is \"{stem}.{locale}{suffix}\"; e.g. \"{locale}/{stem}{suffix}\")"),
        ('code_shortcodes = ["two words"]\n', "l10n.toml:4: code_shortcodes: 'two words' is not a shortcode name "
                                              "(e.g. code_shortcodes = [\"highlight\", \"code-toggle\"])"),
        ('translatable_attributes = ["alt"]\n',
         "l10n.toml:4: translatable_attributes must be a table of element = [attribute names] "
         "(e.g. translatable_attributes = { \"*\" = [\"alt\", \"title\"], \"my-figure\" = [\"caption\"] })"),
        ('locales_dir = "source/doc.md"\n', "l10n.toml:4: locales_dir 'source/doc.md' is a file, expected a folder"),
        ('front_matter_keys = 3\n', "l10n.toml:4: front_matter_keys must be a list of strings"),
        ('cache_dir = 4\n', "l10n.toml:4: cache_dir must be a string, got int"),
        ('[mt]\ncompute_type = ""\n',
         "l10n.toml:5: mt.compute_type must be a CTranslate2 compute type such as default, int8, float16, got ''"),
        ('[llm]\nallow_remote = "yes"\n', "l10n.toml:5: llm.allow_remote must be true or false, got 'yes'"),
        ('engine = 3\n', "l10n.toml:4: engine must be a string or a table of locale = engine"),
    ],
)
def test_each_key_s_error_is_worded_as_before(tmp_path, capsys, extra, error):
    # The wording of l10n 0.1's single-module validator, kept byte for byte by the table in l10n/config/.
    make_project(tmp_path, {"doc.md": DOC})
    (tmp_path / "l10n.toml").write_text('project = "t"\nlocales = ["ko", "ja"]\nsources = ["source/*.md"]\n' + extra)
    code, _, err = run_cli(capsys, "-C", str(tmp_path), "status")
    assert code == 1
    assert err.splitlines()[0] == "error: " + error


def test_the_settings_table_fills_every_config_field_once():
    import dataclasses

    from l10n.config import Config
    from l10n.config.schema import KNOWN_KEYS, SETTINGS

    filled = [name for s in SETTINGS for name in (s.fields or (s.key,))]
    assert sorted(filled) == sorted(f.name for f in dataclasses.fields(Config) if f.name not in ("root", "config_file"))
    assert len(KNOWN_KEYS) == len(SETTINGS)


def test_importing_the_config_package_loads_neither_toml_nor_babel():
    import subprocess
    import sys

    code = "import sys, l10n.config; print(sorted(m for m in sys.modules if m.split('.')[0] in ('tomllib', 'babel')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
