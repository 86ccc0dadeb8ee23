"""What the CLI says: did-you-mean for commands, the exit code of run, the build summary."""

import polib
import pytest
from helpers import make_project, run_cli


@pytest.mark.parametrize(("typed", "suggested"), [("trnaslate", "'translate'"), ("stat", "'status'"),
                                                  ("bild", "'build'"), ("mod", "'models'")])
def test_unknown_command_gets_a_did_you_mean(capsys, typed, suggested):
    code, _, err = run_cli(capsys, typed)
    assert code == 2
    assert f"No such command '{typed}'. Did you mean {suggested}?" in err


def test_unknown_command_without_a_close_match(capsys):
    code, _, err = run_cli(capsys, "frobnicate")
    assert code == 2 and "No such command 'frobnicate'." in err and "Did you mean" not in err


def test_run_exits_3_when_a_locale_was_skipped(tmp_path, capsys):
    empty_models = tmp_path / "no-models"
    empty_models.mkdir()
    root = make_project(tmp_path / "p", {"doc.md": "# Title\n\nOne sentence.\n"}, locales=("ko",),
                        extra=f'models_dir = "{empty_models}"\n')
    code, out, err = run_cli(capsys, "-C", str(root), "run")
    assert code == 3, err
    assert "translate ko: skipped" in err
    assert (root / "build" / "ko" / "doc.html").is_file()  # the rest of the job still ran


def test_build_summary_counts_per_locale(tmp_path, capsys):
    root = make_project(tmp_path, {"doc.md": "# Title\n\nOne. Two. Three.\n"}, locales=("ko", "ja"))
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    path = root / "locales" / "ko" / "LC_MESSAGES" / "doc.po"
    po = polib.pofile(str(path))
    po.find("Title").msgstr = "제목"  # reviewed
    po.find("One.").msgstr = "하나."  # reviewed
    entry = po.find("Two.")
    entry.msgstr, entry.flags = "둘.", ["fuzzy"]  # a draft
    po.save(str(path))                               # "Three." stays empty
    (root / "locales" / "ja" / "LC_MESSAGES" / "doc.po").unlink()  # no catalog at all

    code, out, err = run_cli(capsys, "-C", str(root), "build")
    assert code == 0, err
    lines = out.splitlines()
    assert ("ko: 50.0% reviewed; 4 units: 2 reviewed, 1 fuzzy, 1 untranslated, 0 errors; "
            "the edition shows 2 translated, 2 in English; 3 file(s) written") in lines
    assert ("ja: 0.0% reviewed; 4 units: 0 reviewed, 0 fuzzy, 4 untranslated, 0 errors; "
            "the edition shows 0 translated, 4 in English; 2 file(s) written") in lines
    assert "en: the original and the index; 3 file(s) written" in lines

    code, out, err = run_cli(capsys, "-C", str(root), "build", "--include-fuzzy", "--locale", "ko")
    assert ("ko: 50.0% reviewed; 4 units: 2 reviewed, 1 fuzzy, 1 untranslated, 0 errors; "
            "the draft edition shows 3 translated (1 of them drafts), 1 in English; 2 file(s) written") in out.splitlines()
    code, out, err = run_cli(capsys, "-C", str(root), "build")
    assert ("ko: 50.0% reviewed; 4 units: 2 reviewed, 1 fuzzy, 1 untranslated, 0 errors; "
            "the edition shows 2 translated, 2 in English; 0 file(s) written, 2 stale draft(s) removed") in out.splitlines()
