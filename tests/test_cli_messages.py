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


def test_run_succeeds_without_a_model_and_says_how_to_get_one(tmp_path, capsys):
    empty_models = tmp_path / "no-models"
    empty_models.mkdir()
    root = make_project(tmp_path / "p", {"doc.md": "# Title\n\nOne sentence.\n"}, locales=("ko",),
                        extra=f'models_dir = "{empty_models}"\n')
    code, out, err = run_cli(capsys, "-C", str(root), "run")
    assert code == 0, err
    assert "skipped" not in err
    assert (root / "build" / "ko" / "doc.html").is_file()  # the rest of the job ran
    # The summary's last line: the locale, why, and both ways to a model.
    assert out.splitlines()[-1] == (
        f"ko: no machine drafts (no Argos model installed for en -> ko in {empty_models}); to get them: "
        "l10n models install en ko (needs a network); offline: download translate-en_ko-*.argosmodel "
        "(the newest version) from https://www.argosopentech.com/argospm/index/ on a connected machine, "
        "then run: l10n models install --from-file translate-en_ko-*.argosmodel")
    # --strict keeps exit 3 for scripts that need every locale drafted, as translate does.
    assert run_cli(capsys, "-C", str(root), "run", "--strict")[0] == 3
    code, _, err = run_cli(capsys, "-C", str(root), "translate")
    assert code == 3 and "translate ko: skipped (argos)" in err


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
