"""``l10n init``: a commented config from the documents found, .gitignore lines, no overwrite."""

import tomllib

from helpers import run_cli


def documents(root):
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "a.md").write_text("# Report\n\nHello world. Second sentence.\n")
    (root / "docs" / "b.md").write_text("# Other\n\nGoodbye.\n")
    (root / "index.html").write_text("<title>Home</title><p>Welcome.</p>")
    (root / "build").mkdir()  # generated output is never a source
    (root / "build" / "old.md").write_text("# Old edition\n")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "x.md").write_text("# Hidden\n")
    (root / "photo.png").write_bytes(b"\x89PNG")
    return root


def test_init_writes_a_commented_config_and_the_first_edition_follows(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "no-models"))
    root = documents(tmp_path / "proj")
    (root / ".gitignore").write_text("*.pyc\nbuild/")  # no final newline; build/ already there
    code, out, err = run_cli(capsys, "-C", str(root), "init", "--locale", "ko", "-l", "zh_TW,ja")
    assert code == 0, err
    text = (root / "l10n.toml").read_text()
    data = tomllib.loads(text)
    assert data["locales"] == ["ko", "zh_TW", "ja"]
    assert data["sources"] == ["index.html", "docs/*.md"]
    assert data["project"] == "proj"
    assert "# 2 files" in text and "# Engines: argos, apertium, llm, none." in text
    assert (root / ".gitignore").read_text() == (
        "*.pyc\nbuild/\n\n# l10n: editions, machine-translation cache, lock\n/.l10n-cache/\n/.l10n.lock\n")
    assert "next: l10n run" in out
    assert "  ko: argos" in out.splitlines()
    assert "l10n models install en ko" in out and "l10n models install en zt" in out  # zh_TW's Argos code
    # offline, the file to fetch and the line that installs it
    assert "l10n models install --from-file translate-en_zt-*.argosmodel" in out

    for command in ("update", "build"):
        code, out, err = run_cli(capsys, "-C", str(root), command)
        assert code == 0, err
    assert (root / "build" / "zh_TW" / "a.html").is_file()
    assert (root / "locales" / "zh_TW" / "LC_MESSAGES" / "index.po").is_file()
    assert not (root / "locales" / "ko" / "LC_MESSAGES" / "old.po").exists()


def test_init_picks_apertium_where_a_pair_is_installed(tmp_path, capsys):
    root = documents(tmp_path)
    code, out, err = run_cli(capsys, "-C", str(root), "init", "-l", "es", "-l", "ko")
    assert code == 0, err
    assert tomllib.loads((root / "l10n.toml").read_text())["engine"] == {"default": "argos", "es": "apertium"}


def test_init_refuses_to_overwrite(tmp_path, capsys):
    root = documents(tmp_path)
    (root / "l10n.toml").write_text("# mine\n")
    code, _, err = run_cli(capsys, "-C", str(root), "init", "-l", "ko")
    assert code == 1 and "l10n.toml: already exists" in err
    assert (root / "l10n.toml").read_text() == "# mine\n"
    assert not (root / ".gitignore").exists()
    (root / "l10n.toml").unlink()
    (root / "pyproject.toml").write_text('[tool.l10n]\nlocales = ["ko"]\n')
    code, _, err = run_cli(capsys, "-C", str(root), "init", "-l", "ko")
    assert code == 1 and "pyproject.toml: already configures l10n" in err
    assert not (root / "l10n.toml").exists()


def test_init_errors(tmp_path, capsys):
    root = documents(tmp_path / "docs-here")
    code, _, err = run_cli(capsys, "-C", str(root), "init")
    assert code == 1 and "no target locales given" in err
    code, _, err = run_cli(capsys, "-C", str(root), "init", "-l", "en")
    assert code == 1 and "'en' is the source language" in err
    code, _, err = run_cli(capsys, "-C", str(root), "init", "-l", "xx_QQ_ZZ")
    assert code == 1 and "unknown locale" in err
    code, _, err = run_cli(capsys, "-C", str(root), "init", "-l", "ko", "--source", "*.png")
    assert code == 1 and "a file no reader handles" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run_cli(capsys, "-C", str(empty), "init", "-l", "ko")
    assert code == 1 and "no documents" in err and "--source" in err
    assert not (root / "l10n.toml").exists() and not (empty / "l10n.toml").exists()


def test_init_with_explicit_sources(tmp_path, capsys):
    root = documents(tmp_path)
    code, out, err = run_cli(capsys, "-C", str(root), "init", "-l", "ko", "--source", "docs/a.md")
    assert code == 0, err
    assert tomllib.loads((root / "l10n.toml").read_text())["sources"] == ["docs/a.md"]
