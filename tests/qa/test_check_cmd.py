"""``l10n check``: compiler-style findings, JSON, exit codes, and --annotate on real catalogs."""

import json

import polib

from helpers import make_project, msgfmt_check, run_cli
from l10n.catalog import catalog_text

SOURCE = """# North Korea

About 1.2 million people fled on February 26, 2019.

Read [the report](https://example.org/r) at https://hrw.org/report today.

The meeting did not occur.
"""
GOOD = {
    "North Korea": "북한",
    "About 1.2 million people fled on February 26, 2019.": "2019년 2월 26일에 약 120만 명이 탈출했다.",
    "Read <1>the report</1> at https://hrw.org/report today.": "오늘 https://hrw.org/report에서 <1>보고서</1>를 읽어라.",
    "The meeting did not occur.": "회의는 열리지 않았다.",
}


def project(tmp_path, capsys, translations, *, fuzzy=()):
    root = make_project(tmp_path / "p", {"doc.md": SOURCE}, locales=("ko",))
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    path = root / "locales/ko/LC_MESSAGES/doc.po"
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = translations.get(entry.msgid, "")
        if entry.msgid in fuzzy:
            entry.flags.append("fuzzy")
    po.save(str(path))
    return root, path


def line_of(path, msgid):
    """The first line of the entry (its comments), as gettext tools number it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    index = lines.index(f"msgid {json.dumps(msgid, ensure_ascii=False)}")
    while index > 0 and lines[index - 1].startswith("#"):
        index -= 1
    return index + 1


def save(po, path):
    path.write_text(catalog_text(po), encoding="utf-8")  # l10n's layout: comments never wrapped


def test_clean_catalog_passes(tmp_path, capsys):
    root, _ = project(tmp_path, capsys, GOOD)
    code, out, err = run_cli(capsys, "-C", str(root), "check", "--fail-on", "warning")
    assert (code, out) == (0, "")
    assert "ko: 4 translated entries checked, 0 error(s), 0 warning(s)" in err


def test_findings_name_the_catalog_line_and_check(tmp_path, capsys):
    bad = dict(GOOD)
    bad["Read <1>the report</1> at https://hrw.org/report today."] = "오늘 https://hrw.org/report에서 보고서를 읽어라."
    bad["About 1.2 million people fled on February 26, 2019."] = "2019년 2월 26일에 약 12만 명이 탈출했다"
    root, path = project(tmp_path, capsys, bad)
    code, out, err = run_cli(capsys, "-C", str(root), "check")
    assert code == 1
    numbers_line = line_of(path, "About 1.2 million people fled on February 26, 2019.")
    read_line = line_of(path, "Read <1>the report</1> at https://hrw.org/report today.")
    assert out.splitlines() == [
        f"locales/ko/LC_MESSAGES/doc.po:{numbers_line}: error[numbers]: number 1.2 million missing in translation "
        "(ko writes it '120만'; translation has 2019, 2, 26, 12)",
        f"locales/ko/LC_MESSAGES/doc.po:{numbers_line}: warning[punctuation]: end punctuation missing "
        "(source ends with '.'; ko writes '.')",
        f"locales/ko/LC_MESSAGES/doc.po:{read_line}: error[placeholders]: placeholder <1> missing in translation "
        "(source has <1> </1>; translation has none)",
    ]
    assert "2 error(s), 1 warning(s)" in err
    assert run_cli(capsys, "-C", str(root), "check", "--fail-on", "never")[0] == 0


def test_fail_on_warning_and_json(tmp_path, capsys):
    bad = dict(GOOD, **{"The meeting did not occur.": "The meeting did not occur."})
    root, _ = project(tmp_path, capsys, bad, fuzzy=("The meeting did not occur.",))
    assert run_cli(capsys, "-C", str(root), "check")[0] == 0
    code, out, _ = run_cli(capsys, "-C", str(root), "check", "--fail-on", "warning", "--format", "json")
    assert code == 1
    (entry,) = json.loads(out)
    assert entry["state"] == "fuzzy" and entry["file"] == "locales/ko/LC_MESSAGES/doc.po"
    assert [f["check"] for f in entry["findings"]] == ["identical"]


def test_unknown_locale_is_an_error(tmp_path, capsys):
    root, _ = project(tmp_path, capsys, GOOD)
    code, _, err = run_cli(capsys, "-C", str(root), "check", "--locale", "ja")
    assert code == 1 and err.startswith("error: ") and "'ja' is not configured" in err


def comments(path):
    return {e.msgid: e.tcomment for e in polib.pofile(str(path)) if e.msgid}


def test_annotate_writes_replaces_and_clears_check_comments(tmp_path, capsys):
    bad = dict(GOOD)
    msgid = "Read <1>the report</1> at https://hrw.org/report today."
    bad[msgid] = "오늘 https://hrw.org/report에서 보고서를 읽어라."
    root, path = project(tmp_path, capsys, bad, fuzzy=(msgid,))
    po = polib.pofile(str(path))
    entry = po.find(msgid)
    # An MT draft's provenance and verification, and a fact no check recomputes.
    entry.tcomment = ("mt: engine=argos package=translate-en_ko version=1.1 date=2026-11-27 score=0.734\n"
                      "check: placeholder <1> missing in translation (source has <1>; translation has none)\n"
                      "check: date 'February 26, 2019' was lost in machine translation (expected '2019년 2월 26일')\n"
                      "check: unknown words: hrw")
    save(po, path)
    before = {e.msgid: (e.msgstr, e.flags) for e in polib.pofile(str(path))}

    code, out, err = run_cli(capsys, "-C", str(root), "check", "--annotate")
    assert code == 1 and "annotated 1 catalog(s)" in err
    assert comments(path)[msgid].split("\n") == [
        "mt: engine=argos package=translate-en_ko version=1.1 date=2026-11-27 score=0.734",
        "check: unknown words: hrw",
        "check: error[placeholders]: placeholder <1> missing in translation (source has <1> </1>; translation has none)",
    ]
    assert {e.msgid: (e.msgstr, e.flags) for e in polib.pofile(str(path))} == before
    assert msgfmt_check(path).returncode == 0
    # The drafts list sees the entry as flagged.
    code, out, _ = run_cli(capsys, "-C", str(root), "status", "--drafts")
    assert "error[placeholders]: placeholder <1> missing" in out and "warning[unknown-words]: unknown words: hrw" in out

    # A rerun changes nothing: no pile-up, the file is not rewritten.
    data = path.read_bytes()
    assert run_cli(capsys, "-C", str(root), "check", "--annotate")[0] == 1
    assert path.read_bytes() == data

    # The reviewer fixes the entry: its check lines go, the unrelated one stays.
    po = polib.pofile(str(path))
    po.find(msgid).msgstr = GOOD[msgid]
    save(po, path)
    code, _, err = run_cli(capsys, "-C", str(root), "check", "--annotate")
    assert code == 0
    assert comments(path)[msgid].split("\n") == [
        "mt: engine=argos package=translate-en_ko version=1.1 date=2026-11-27 score=0.734",
        "check: unknown words: hrw",
    ]


def test_annotate_leaves_a_clean_project_untouched(tmp_path, capsys):
    root, path = project(tmp_path, capsys, GOOD)
    data = path.read_bytes()
    code, _, err = run_cli(capsys, "-C", str(root), "check", "--annotate")
    assert code == 0 and "annotated 0 catalog(s)" in err
    assert path.read_bytes() == data


def test_annotate_on_reviewed_entries_changes_only_comments(tmp_path, capsys):
    bad = dict(GOOD, **{"The meeting did not occur.": "회의는  열리지 않았다."})
    root, path = project(tmp_path, capsys, bad)
    before = path.read_text(encoding="utf-8").splitlines()
    assert run_cli(capsys, "-C", str(root), "check", "--annotate")[0] == 0
    after = path.read_text(encoding="utf-8").splitlines()
    added = [line for line in after if line not in before]
    assert added == ["# check: warning[whitespace]: doubled space in translation at '회의는  열리지 않았다.'"]
    assert [line for line in before if line not in after] == []


def test_check_does_not_import_the_mt_stack(tmp_path, capsys):
    import subprocess
    import sys

    root, _ = project(tmp_path, capsys, GOOD)
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "l10n", "check"], cwd=root,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    modules = {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines() if "|" in line}
    assert not modules & {"ctranslate2", "sentencepiece", "argostranslate", "torch", "stanza"}


def test_the_repositorys_reviewed_catalogs_raise_no_finding(capsys):
    """The reviewed Korean and Chinese report, with the shipped glossaries: no
    false alarm at any level (bench/qa measures the same)."""
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    code, out, err = run_cli(capsys, "-C", str(repo), "check", "--locale", "ko,zh_Hans", "--fail-on", "warning")
    assert (code, out) == (0, ""), out
    assert "ko: 24 translated entries checked, 0 error(s), 0 warning(s)" in err
