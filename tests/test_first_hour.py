"""The first hour of a new project (issue 15): every hint the tool prints
works as printed, locale ids are checked against CLDR, a locale may be
translated by people only, and messages show text as a reader sees it."""

import fnmatch
import json
import os
import re
import shlex
import shutil
import subprocess
import sys

import polib
import pytest

from helpers import make_project, run_cli

DOC = "# A new report\n\nThe first sentence is here. Prices rose by 42% in 2020.\n"


def test_the_offline_model_hint_names_the_file_and_installs_it_as_printed(tmp_path, capsys, ja_argosmodel):
    root = make_project(tmp_path / "p", {"doc.md": DOC}, locales=("ja",),
                        extra='models_dir = "models"\n[mt]\nmax_decoding_length_ratio = 1.0\n')
    code, out, err = run_cli(capsys, "-C", str(root), "run")
    assert code == 0, err
    line = out.splitlines()[-1]
    found = re.fullmatch(r"ja: no machine drafts \(.*\); to get them: l10n models install en ja \(needs a network\); "
                         r"offline: download (\S+) \(the newest version\) from (https://\S+) on a connected machine, "
                         r"then run: (l10n models install --from-file \S+)", line)
    assert found, line
    wanted, _page, command = found.groups()
    # The file a user downloads from the Argos index is the one the pattern names ...
    assert fnmatch.fnmatch(ja_argosmodel.name, wanted), (ja_argosmodel.name, wanted)
    shutil.copy(ja_argosmodel, root / ja_argosmodel.name)
    # ... and the printed line, run as a shell runs it in the project, installs it.
    l10n = f"{shlex.quote(sys.executable)} -m l10n"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(["bash", "-c", command.replace("l10n ", l10n + " ", 1)], cwd=root, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    code, out, err = run_cli(capsys, "-C", str(root), "run", "--strict")
    assert code == 0, err
    assert "translate ja: 3 sentences with argos" in out and "no machine drafts" not in out


def test_apertium_hints_name_debian_packages_that_exist(tmp_path, capsys, apertium_required):
    from l10n.mt.hints import DEBIAN_APERTIUM_PACKAGES

    for package in sorted(set(DEBIAN_APERTIUM_PACKAGES.values())):
        shown = subprocess.run(["apt-cache", "show", package], capture_output=True, text=True, timeout=60)
        assert shown.returncode == 0 and f"Package: {package}" in shown.stdout, package
    root = make_project(tmp_path / "p", {"doc.md": DOC}, locales=("ja", "es"), extra='engine = "apertium"\n')
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    code, out, err = run_cli(capsys, "-C", str(root), "translate")
    assert code == 3  # translate asks for MT: a locale without it is exit 3
    assert "translate es: 3 sentences with apertium" in out
    assert ("translate ja: skipped (apertium): no Apertium mode for eng -> jpn" in err
            and "Debian has no Apertium package for eng-jpn" in err and "apertium-eng-jpn" not in err), err


def test_the_install_hint_is_a_pip_command_that_installs_the_extra_from_this_clone(tmp_path):
    from l10n.errors import install_hint

    command = shlex.split(install_hint("pdf"))
    assert "l10n-reports[" not in " ".join(command)  # not on the package index
    assert command[:4] == [sys.executable, "-m", "pip", "install"]
    report = tmp_path / "report.json"
    dry = subprocess.run(command + ["--dry-run", "--no-deps", "--no-build-isolation", "-q", "--report", str(report)],
                         cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert dry.returncode == 0, dry.stderr
    [item] = json.loads(report.read_text())["install"]
    assert item["metadata"]["name"] == "l10n-reports" and item["requested_extras"] == ["pdf"]
    assert "pdf" in item["metadata"]["provides_extra"]


@pytest.mark.parametrize(("typed", "suggested"), [("zh_Hnas", "zh_Hans"), ("kor", "ko"), ("korean", "ko"),
                                                  ("en_XX", None), ("iw", "he")])
def test_locale_ids_are_checked_against_cldr_with_a_did_you_mean(tmp_path, capsys, typed, suggested):
    root = make_project(tmp_path / "p", {"doc.md": DOC}, locales=("ja", typed))
    code, out, err = run_cli(capsys, "-C", str(root), "build")
    assert code == 1 and out == ""
    assert err.startswith(f"error: l10n.toml:2: unknown locale '{typed}'"), err
    if suggested:
        assert f"did you mean '{suggested}'" in err
    assert len(err.splitlines()) == 1 and not (root / "build").exists()
    # init and --locale say the same
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text(DOC)
    code, _, err = run_cli(capsys, "-C", str(docs), "init", "--locale", typed)
    assert code == 1 and f"unknown locale '{typed}'" in err and not (docs / "l10n.toml").exists()
    good = make_project(tmp_path / "q", {"doc.md": DOC}, locales=("ko",))
    code, _, err = run_cli(capsys, "-C", str(good), "status", "--locale", typed)
    assert code == 1 and f"unknown locale '{typed}'" in err


def test_valid_ids_as_people_write_them_still_work(tmp_path, capsys):
    root = make_project(tmp_path / "p", {"doc.md": DOC}, locales=("zh_Hans", "zh-TW", "pt_BR", "sr_Latn", "es_419"))
    code, out, err = run_cli(capsys, "-C", str(root), "build")
    assert code == 0, err
    index = (root / "build/index.html").read_text()
    for tag in ("zh-Hans", "zh-TW", "pt-BR", "sr-Latn", "es-419"):
        assert f'lang="{tag}"' in index


def test_a_locale_translated_by_people_is_never_skipped_and_never_warned_about(tmp_path, capsys):
    empty = tmp_path / "no-models"
    empty.mkdir()
    root = make_project(tmp_path / "p", {"doc.md": DOC}, locales=("ko", "ja"),
                        extra=f'models_dir = "{empty}"\nengine = {{ default = "argos", ko = "none", ja = "none" }}\n')
    for command in (["run", "--strict"], ["translate"]):
        code, out, err = run_cli(capsys, "-C", str(root), *command)
        assert code == 0, err
        assert err == "", err  # no warning, no skip
        assert 'translate ko: translated by people (engine "none"): no machine drafts' in out
        assert "models install" not in out
    po = polib.pofile(str(root / "locales/ko/LC_MESSAGES/doc.po"))
    assert all(not e.msgstr and "fuzzy" not in e.flags for e in po)
    code, out, _ = run_cli(capsys, "-C", str(root), "models", "list")
    assert code == 0 and "without a model" not in out


def test_messages_show_decoded_text(tmp_path, capsys):
    root = make_project(tmp_path / "p", {"doc.md": DOC}, locales=("fr",))
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    path = root / "locales/fr/LC_MESSAGES/doc.po"
    po = polib.pofile(str(path))
    po.find("Prices rose by 42% in 2020.").msgstr = "Les prix ont augmenté en 2020.  Les prix ont augmenté."
    po.save(str(path))
    code, out, err = run_cli(capsys, "-C", str(root), "check", "--fail-on", "never")
    assert code == 0, err
    assert "fr writes it '42\u00a0%'" in out, out  # a no-break space, as the reader will see it
    assert "\\x" not in out and "\\u" not in out
