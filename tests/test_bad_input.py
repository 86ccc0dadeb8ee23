"""Bad input: one line naming file and line, a non-zero exit, nothing changed."""

import os

import pytest

from helpers import make_project, run_cli

GOOD = "# Title\n\nA sentence. Another one.\n"


def snapshot(root):
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}


def assert_one_line_error(code, err, *needles):
    assert code != 0
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    for needle in needles:
        assert needle in lines[0], lines[0]


def test_invalid_utf8_names_the_byte_offset(tmp_path, capsys):
    root = make_project(tmp_path, {"bad.md": b"# Title\n\nCaf\xe9 au lait.\n"})
    code, _, err = run_cli(capsys, "-C", str(root), "extract")
    assert_one_line_error(code, err, "source/bad.md:3:", "invalid UTF-8 at byte offset 12")
    assert not (root / "locales").exists()


def test_binary_source(tmp_path, capsys):
    root = make_project(tmp_path, {"img.txt": b"GIF89a\x00\x01\x02"})
    code, _, err = run_cli(capsys, "-C", str(root), "extract")
    assert_one_line_error(code, err, "img.txt", "NUL byte at byte offset 6")


def test_directory_and_symlink_loop_sources(tmp_path, capsys):
    root = make_project(tmp_path, {})
    (root / "source" / "dir.md").mkdir(parents=True)
    code, _, err = run_cli(capsys, "-C", str(root), "extract")
    assert_one_line_error(code, err, "dir.md", "is a directory")
    (root / "source" / "dir.md").rmdir()
    os.symlink("loop.md", root / "source" / "loop.md")
    code, _, err = run_cli(capsys, "-C", str(root), "extract")
    assert_one_line_error(code, err, "loop.md", "cannot read")


def test_malformed_po_is_reported_and_nothing_is_overwritten(tmp_path, capsys):
    root = make_project(tmp_path, {"doc.md": GOOD})
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    po = root / "locales" / "ko" / "LC_MESSAGES" / "doc.po"
    text = po.read_text().replace('msgid "Title"\nmsgstr ""', 'msgid "Title"\nmsgstr "unterminated')
    po.write_text(text)
    (root / "source" / "doc.md").write_text(GOOD + "\nNew text.\n")
    before = snapshot(root)
    code, _, err = run_cli(capsys, "-C", str(root), "update")
    line = text.splitlines().index('msgstr "unterminated') + 1
    assert_one_line_error(code, err, f"locales/ko/LC_MESSAGES/doc.po:{line}:", "malformed PO file")
    after = snapshot(root)
    assert {p: b for p, b in after.items() if p.suffix == ".po"} == {p: b for p, b in before.items() if p.suffix == ".po"}
    code, _, err = run_cli(capsys, "-C", str(root), "build")
    assert_one_line_error(code, err, "doc.po")


@pytest.mark.parametrize(
    "config, needles",
    [
        ('locales = ["ko", "korean"]\nsources = ["source/*"]\n', ["l10n.toml:1:", "unknown locale 'korean'", "zh_Hans"]),
        ('locales = ["ko"]\nsources = ["source/*"]\ncolour = "red"\n', ["l10n.toml:3:", "unknown key 'colour'"]),
        ('locales = ["ko"]\nsources = ["nothing/*.md"]\n', ["l10n.toml:2:", "matches no file"]),
        ('locales = ["ko"\nsources = 3\n', ["l10n.toml", "invalid TOML"]),
    ],
)
def test_config_errors_name_file_and_line(tmp_path, capsys, config, needles):
    root = make_project(tmp_path, {"doc.md": GOOD})
    (root / "l10n.toml").write_text(config)
    code, _, err = run_cli(capsys, "-C", str(root), "extract")
    assert_one_line_error(code, err, *needles)


def test_unknown_locale_option(tmp_path, capsys):
    root = make_project(tmp_path, {"doc.md": GOOD})
    code, _, err = run_cli(capsys, "-C", str(root), "build", "--locale", "xx_YY")
    assert_one_line_error(code, err, "unknown locale 'xx_YY'")
    code, _, err = run_cli(capsys, "-C", str(root), "build", "--locale", "fr")
    assert_one_line_error(code, err, "locale 'fr' is not configured")


def test_no_config(tmp_path, capsys):
    code, _, err = run_cli(capsys, "-C", str(tmp_path), "status")
    assert_one_line_error(code, err, "no l10n.toml or pyproject.toml")
