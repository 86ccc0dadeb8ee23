"""One count, printed alike: run, build, status, check and the review queue
count the same units (the distinct sentences of the source as it is now) in
the same states, on a project with machine drafts, reviewed, broken and
untranslated entries, and a sentence that occurs twice."""

import json
import re

import polib
import pytest

from helpers import make_project, run_cli

DOC = """---
title: Quarterly notes
---

# Quarterly notes

The committee met 3 times in 2020. See [the minutes](https://example.org/minutes) for details.

Prices rose by 42% over the year. The committee met 3 times in 2020.

- Water was scarce in the north.
- Schools reopened in March.
- The songbun caste system persisted.

The report ends here.
"""
BUILD_LINE = re.compile(r"^(\w+): [\d.]+% reviewed; (\d+) units: (\d+) reviewed, (\d+) fuzzy, (\d+) untranslated, "
                        r"(\d+) errors; ", re.M)


def printed_counts(out: str) -> dict[str, tuple[int, ...]]:
    """locale -> (units, reviewed, fuzzy, untranslated, errors), as build and run print them."""
    return {m.group(1): tuple(int(g) for g in m.groups()[1:]) for m in BUILD_LINE.finditer(out)}


def status_counts(capsys, root) -> dict[str, tuple[int, ...]]:
    code, out, err = run_cli(capsys, "-C", str(root), "status", "--json")
    assert code == 0, err
    rows = json.loads(out)
    return {r["locale"]: (r["units"], r["reviewed"], r["fuzzy"], r["untranslated"], r["failing"]) for r in rows}


@pytest.mark.usefixtures("apertium_required")
def test_run_build_status_check_and_the_queue_count_alike(tmp_path, capsys):
    root = make_project(tmp_path / "p", {"notes.md": DOC}, locales=("es", "ja"),
                        extra='engine = { default = "apertium", ja = "none" }\n')
    code, out, err = run_cli(capsys, "-C", str(root), "run")
    assert code == 0, err
    ran = printed_counts(out)
    units = ran["es"][0]
    # Right after making its drafts, run says so, in the numbers status gives.
    assert ran["es"] == (units, 0, units, 0, 0) and ran["ja"] == (units, 0, 0, units, 0)
    assert status_counts(capsys, root) == ran
    # The title occurs in the front matter and as the heading, a sentence twice: each counts once.
    assert units == 8

    path = root / "locales/es/LC_MESSAGES/notes.po"
    po = polib.pofile(str(path))
    drafts = [e for e in po if e.msgid and "fuzzy" in e.flags]
    for entry in drafts[:2]:  # reviewed
        entry.flags.remove("fuzzy")
    broken = po.find("Prices rose by 42% over the year.")
    broken.msgstr, broken.flags = "Los precios subieron durante el año.", []  # "reviewed", but 42% is lost
    cleared = po.find("The report ends here.")
    cleared.msgstr, cleared.flags, cleared.tcomment = "", [], ""  # untranslated
    po.save(str(path))
    expected_es = (units, 2, units - 4, 1, 1)

    code, out, err = run_cli(capsys, "-C", str(root), "build")
    assert code == 0, err
    assert printed_counts(out) == {"es": expected_es, "ja": (units, 0, 0, units, 0)}
    assert status_counts(capsys, root) == printed_counts(out)

    # The queue: every draft and the broken reviewed entry, nothing else.
    code, out, err = run_cli(capsys, "-C", str(root), "review", "--list", "--format", "json")
    assert code == 0, err
    queue = json.loads(out)
    assert len(queue) == expected_es[2] + expected_es[4]
    assert sum(r["state"] == "failing" for r in queue) == expected_es[4]
    assert {r["msgid"] for r in queue if r["state"] == "failing"} == {broken.msgid}
    # status --drafts is the same queue
    assert run_cli(capsys, "-C", str(root), "status", "--drafts", "--json")[1] == out

    # check finds, on each queued entry, exactly what the queue shows (recorded
    # facts such as Apertium's unknown words included), and counts them alike.
    code, out, err = run_cli(capsys, "-C", str(root), "check", "--format", "json", "--fail-on", "never")
    assert code == 0, err
    checked = {(e["file"], e["line"]): e for e in json.loads(out)}
    for row in queue:
        found = checked.get((row["catalog"], row["line"]), {"findings": []})["findings"]
        assert sorted((f["check"], f["severity"], f["message"]) for f in found) == \
               sorted((f["check"], f["severity"], f["message"]) for f in row["findings"]), row["msgid"]
    queued = {(r["catalog"], r["line"]) for r in queue}
    for key, entry in checked.items():  # what check flags outside the queue: reviewed entries' warnings only
        if key not in queued:
            assert entry["state"] == "reviewed" and all(f["severity"] == "warning" for f in entry["findings"])
    code, _, err = run_cli(capsys, "-C", str(root), "check", "--locale", "es", "--fail-on", "never")
    summary = re.search(r"es: (\d+) translated entries checked, (\d+) error\(s\), (\d+) warning\(s\)", err)
    assert int(summary.group(1)) == units - 1  # every translated unit: all but the cleared one
    assert int(summary.group(2)) == sum(f["severity"] == "error" for e in checked.values() for f in e["findings"])
    queue_warnings = sum(f["severity"] == "warning" for r in queue for f in r["findings"])
    outside = sum(f["severity"] == "warning" for k, e in checked.items() if k not in queued for f in e["findings"])
    assert int(summary.group(3)) == queue_warnings + outside
    assert queue_warnings > 0  # Apertium's unknown words, recorded when the drafts were made

    # The review page counts its sentences by the same states.
    assert run_cli(capsys, "-C", str(root), "review", "--locale", "es")[0] == 0
    page = (root / "build/review/es/notes.html").read_text()
    boxes = dict(re.findall(r'name="state" value="(\w+)" checked> [^<(]+\((\d+)\)', page))
    assert {k: int(v) for k, v in boxes.items()} == {
        "reviewed": expected_es[1], "machine": expected_es[2], "untranslated": expected_es[3],
        "failing": expected_es[4]}

    # run drafts the cleared sentence again and says so, as status does.
    code, out, err = run_cli(capsys, "-C", str(root), "run")
    assert code == 0, err
    assert printed_counts(out)["es"] == (units, 2, units - 3, 0, 1) == status_counts(capsys, root)["es"]


def test_status_counts_words_outside_placeholders_whatever_build_ran_before(tmp_path, capsys):
    # build leaves word counts out of its own rows (its summary shows none);
    # status counts them: \w+ runs of each distinct sentence, placeholders not counted.
    root = make_project(tmp_path / "p", {"notes.md": "# Notes\n\nRead [the *full* text](https://example.org) now. "
                                         "Water was scarce in 2020.\n\nRead it now.\n"}, locales=("ko",))
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    path = root / "locales/ko/LC_MESSAGES/notes.po"
    po = polib.pofile(str(path))
    msgids = [e.msgid for e in po]
    assert "Read <1>the <2>full</2> text</1> now." in msgids  # the link and emphasis are placeholders
    po.find("Notes").msgstr = "노트"
    po.save(str(path))
    assert run_cli(capsys, "-C", str(root), "build")[0] == 0
    code, out, err = run_cli(capsys, "-C", str(root), "status", "--json")
    assert code == 0, err
    (row,) = json.loads(out)
    # Notes (1) + Read the full text now (5) + Water was scarce in 2020 (5) + Read it now (3)
    assert (row["units"], row["words"], row["reviewed"], row["reviewed_words"]) == (4, 14, 1, 1)
