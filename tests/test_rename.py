"""Renaming a source document keeps its translations (issue 16 item 1), and an
emptied source keeps its last editions.

Documents here are written for these tests (not the shipped report): a
Markdown field report and an HTML page, reviewed in ko and zh_Hans with
pseudo-translations written as a PO editor would (polib).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import polib
import pytest

from helpers import fill_catalog, make_project, msgfmt_check, pseudo, run_cli

LOCALES = ("ko", "zh_Hans")

NOTES = """---
title: Field notes from the river basin
---

# Field notes from the river basin

The survey team visited 14 villages along the upper river in March 2024.
Most households rely on a single well, and 3 of the wells were dry.

## Water

Residents said the **northern** pumps failed twice during the dry season.
The district office promised repairs, but no date was given.
Children walk up to 5 kilometres to fetch water on school days.

## Health

The clinic in Tamsa records about 40 cases of diarrhoea a month.
Nurses asked for [more oral rehydration salts](https://example.org/ors).

- Two midwives serve the whole valley.
- The nearest hospital is a day away by road.
"""

PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Budget brief for 2025</title></head>
<body>
<h1>Budget brief for 2025</h1>
<p>The council approved a budget of 12 million for roads. Schools receive 30 percent more than last year.</p>
<p>Public hearings are held on the first Monday of each month. <a href="minutes.html">The minutes</a> are online.</p>
<p><img src="chart.png" alt="Spending by sector"> Health spending stays flat.</p>
</body>
</html>
"""


def po_path(root: Path, locale: str, name: str) -> Path:
    return root / "locales" / locale / "LC_MESSAGES" / f"{name}.po"


def reviewed_pairs(path: Path) -> dict[str, str]:
    return {e.msgid: e.msgstr for e in polib.pofile(str(path)) if not e.obsolete and e.msgstr and "fuzzy" not in e.flags}


def reviewed_project(tmp_path: Path, capsys, sources: dict[str, str], *, extra: str = "") -> Path:
    """A project whose every unit is reviewed in ko and zh_Hans, built once."""
    root = make_project(tmp_path / "p", sources, locales=LOCALES, extra=extra)
    code, _, err = run_cli(capsys, "-C", str(root), "update")
    assert code == 0, err
    for name in (Path(n).stem for n in sources):
        for locale in LOCALES:
            fill_catalog(po_path(root, locale, name), lambda m, loc=locale: pseudo(m, loc))
    code, _, err = run_cli(capsys, "-C", str(root), "build")
    assert code == 0, err
    return root


def status_rows(capsys, root: Path) -> dict[tuple[str, str], dict]:
    code, out, err = run_cli(capsys, "-C", str(root), "status", "--json")
    assert code == 0, err
    return {(r["locale"], r["doc"]): r for r in json.loads(out)}


def tree_digest(root: Path) -> dict[str, str]:
    """Every file of the project (lock file aside) and its content hash."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and p.name != ".l10n.lock"}


def assert_carried(root: Path, old: dict[str, dict[str, str]], name: str) -> None:
    """Every reviewed pair of ``old`` (locale -> msgid -> msgstr) is reviewed, unchanged, under ``name``."""
    for locale, pairs in old.items():
        now = reviewed_pairs(po_path(root, locale, name))
        assert pairs and {m: now.get(m) for m in pairs} == pairs, locale
        proc = msgfmt_check(po_path(root, locale, name))
        assert proc.returncode == 0 and not proc.stderr.strip(), proc.stderr


# --- l10n mv ------------------------------------------------------------------------------


def test_mv_moves_the_source_and_keeps_every_reviewed_translation(tmp_path, capsys):
    root = reviewed_project(tmp_path, capsys, {"notes.md": NOTES})
    before = {loc: reviewed_pairs(po_path(root, loc, "notes")) for loc in LOCALES}
    n = len(before["ko"])
    assert n >= 12
    code, out, err = run_cli(capsys, "-C", str(root), "mv", "source/notes.md", "source/river-notes.md")
    assert code == 0, err
    assert "moved: source/notes.md -> source/river-notes.md" in out
    assert f"renamed: locales/ko/LC_MESSAGES/notes.po -> river-notes.po ({n} reviewed)" in out
    assert "renamed: locales/notes.pot -> river-notes.pot" in out
    assert not (root / "source" / "notes.md").exists() and (root / "source" / "river-notes.md").read_text() == NOTES
    assert not po_path(root, "ko", "notes").exists() and not (root / "locales" / "notes.pot").exists()
    # The old editions are removed, each one named.
    for path in ("build/ko/notes.html", "build/ko/notes.txt", "build/ko/notes.mo", "build/en/notes.html"):
        assert f"removed: {path} " in out
        assert not (root / path).exists()
    assert_carried(root, before, "river-notes")

    code, out, err = run_cli(capsys, "-C", str(root), "update")
    assert code == 0, err
    assert "locales/ko/LC_MESSAGES/river-notes.po: updated" in out
    assert not (root / "locales" / "ko" / "LC_MESSAGES" / "notes.po").exists()
    assert_carried(root, before, "river-notes")
    po = polib.pofile(str(po_path(root, "ko", "river-notes")))
    refs = {f for e in po if not e.obsolete for f, _ in e.occurrences}
    assert refs == {"source/river-notes.md"}, "the #: references name the new path after update"
    rows = status_rows(capsys, root)
    for locale in LOCALES:
        row = rows[(locale, "river-notes")]
        assert (row["units"], row["reviewed"]) == (n, n), row
    code, out, err = run_cli(capsys, "-C", str(root), "build")
    assert code == 0, err
    assert "ko: 100.0% reviewed" in out
    page = (root / "build" / "ko" / "river-notes.html").read_text(encoding="utf-8")
    assert pseudo("Two midwives serve the whole valley.", "ko") in page


def test_mv_after_the_user_moved_the_file_moves_only_the_catalogs(tmp_path, capsys):
    root = reviewed_project(tmp_path, capsys, {"brief.html": PAGE, "notes.md": NOTES})
    before = {loc: reviewed_pairs(po_path(root, loc, "brief")) for loc in LOCALES}
    os.rename(root / "source" / "brief.html", root / "source" / "budget-2025.html")  # the user's own mv
    code, out, err = run_cli(capsys, "-C", str(root), "mv", "source/brief.html", "source/budget-2025.html")
    assert code == 0, err
    assert "moved: source" not in out
    assert "renamed: locales/zh_Hans/LC_MESSAGES/brief.po -> budget-2025.po" in out
    assert (root / "source" / "budget-2025.html").read_text() == PAGE
    assert_carried(root, before, "budget-2025")
    assert reviewed_pairs(po_path(root, "ko", "notes")), "the other document's catalogs are untouched"
    code, _, err = run_cli(capsys, "-C", str(root), "update")
    assert code == 0, err
    rows = status_rows(capsys, root)
    assert rows[("ko", "budget-2025")]["reviewed"] == rows[("ko", "budget-2025")]["units"] == len(before["ko"])


def test_mv_takes_paths_relative_to_the_directory_it_runs_in(tmp_path, capsys):
    root = reviewed_project(tmp_path, capsys, {"notes.md": NOTES})
    before = {loc: reviewed_pairs(po_path(root, loc, "notes")) for loc in LOCALES}
    code, out, err = run_cli(capsys, "-C", str(root / "source"), "mv", "notes.md", "river.md")
    assert code == 0, err
    assert "moved: source/notes.md -> source/river.md" in out
    assert_carried(root, before, "river")


def test_mv_accepts_the_name_status_gives_for_orphaned_catalogs(tmp_path, capsys):
    root = reviewed_project(tmp_path, capsys, {"notes.md": NOTES})
    before = {loc: reviewed_pairs(po_path(root, loc, "notes")) for loc in LOCALES}
    os.rename(root / "source" / "notes.md", root / "source" / "valley.md")
    code, out, err = run_cli(capsys, "-C", str(root), "mv", "notes", "source/valley.md")
    assert code == 0, err
    assert_carried(root, before, "valley")


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("source/notes.md", "notes/x.md", "notes/x.md is not matched by sources (source/*)"),
        ("source/notes.md", "source/x.rst", "source/x.rst: no reader for .rst"),
        ("source/notes.md", "source/brief.html", "source/brief.html already exists"),
        ("source/gone.md", "source/new.md", "source/gone.md: no such document, and source/new.md does not exist"),
        ("source/notes.md", "source/brief.md", "would share the catalog name 'brief' with source/brief.html"),
        ("l10n.toml", "source/x.md", "l10n.toml is not a source document of the project"),
        ("source/notes.md", "./source/notes.md", "source/notes.md: OLD and NEW are the same file"),
    ],
)
def test_mv_refuses_with_one_error_line_and_changes_nothing(tmp_path, capsys, old, new, expected):
    root = reviewed_project(tmp_path, capsys, {"notes.md": NOTES, "brief.html": PAGE})
    before = tree_digest(root)
    code, out, err = run_cli(capsys, "-C", str(root), "mv", old, new)
    assert code == 1, out + err
    assert err.startswith("error: ") and expected in err, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert tree_digest(root) == before


def test_mv_refuses_when_catalogs_of_the_new_name_hold_reviewed_translations(tmp_path, capsys):
    # valley.md was a document of its own once; its reviewed catalogs are still there.
    valley = "Valley roads flood every spring.\n\nThe ferry stops in July.\n"
    root = reviewed_project(tmp_path, capsys, {"notes.md": NOTES, "valley.txt": valley})
    (root / "source" / "valley.txt").unlink()
    os.rename(root / "source" / "notes.md", root / "source" / "valley.md")
    before = tree_digest(root)
    code, out, err = run_cli(capsys, "-C", str(root), "mv", "source/notes.md", "source/valley.md")
    assert code == 1
    assert err.startswith("error: ") and "locales/ko/LC_MESSAGES/valley.po (2 reviewed)" in err, err
    assert "locales/zh_Hans/LC_MESSAGES/valley.po (2 reviewed)" in err
    assert tree_digest(root) == before


def test_mv_replaces_catalogs_of_the_new_name_that_hold_only_drafts_and_names_them(tmp_path, capsys):
    root = reviewed_project(tmp_path, capsys, {"notes.md": NOTES})
    before = {loc: reviewed_pairs(po_path(root, loc, "notes")) for loc in LOCALES}
    (root / "source" / "notes.md").unlink()
    (root / "source" / "valley.md").write_text(NOTES.replace("# Field notes", "# Notes", 1), encoding="utf-8")
    (root / "source" / "copy.md").write_text(NOTES, encoding="utf-8")
    code, _, err = run_cli(capsys, "-C", str(root), "update")  # ambiguous: nothing taken
    assert code == 0, err
    fill_catalog(po_path(root, "ko", "valley"), lambda m: "초안 " + m, fuzzy=True)  # machine-like drafts
    code, out, err = run_cli(capsys, "-C", str(root), "mv", "source/notes.md", "source/valley.md")
    assert code == 0, err
    assert "replaced: locales/ko/LC_MESSAGES/valley.po (" in out and "no reviewed translation" in out
    assert "replaced: locales/zh_Hans/LC_MESSAGES/valley.po (no reviewed translation)" in out
    assert_carried(root, before, "valley")


# --- detection in update ------------------------------------------------------------------


def test_update_takes_the_catalogs_of_a_renamed_document(tmp_path, capsys):
    root = reviewed_project(tmp_path, capsys, {"notes.md": NOTES, "brief.html": PAGE})
    before = {loc: reviewed_pairs(po_path(root, loc, "notes")) for loc in LOCALES}
    n = len(before["ko"])
    # git mv, and one sentence edited on the way: the rest still matches.
    edited = NOTES.replace("no date was given", "no date has been given")
    (root / "source" / "notes.md").unlink()
    (root / "source" / "basin-report.md").write_text(edited, encoding="utf-8")
    code, out, err = run_cli(capsys, "-C", str(root), "update", "--check")
    assert code == 1
    assert "would rename: locales/ko/LC_MESSAGES/notes.po -> basin-report.po" in out
    assert po_path(root, "ko", "notes").exists() and not po_path(root, "ko", "basin-report").exists()
    code, out, err = run_cli(capsys, "-C", str(root), "update")
    assert code == 0, err
    for locale in LOCALES:
        assert (f"renamed: locales/{locale}/LC_MESSAGES/notes.po -> basin-report.po "
                f"(matched {n - 1} of {n} units; from source/notes.md)") in out, out
        assert not po_path(root, locale, "notes").exists()
    assert "renamed: locales/notes.pot -> basin-report.pot" in out
    changed = "The district office promised repairs, but no date was given."
    kept = {loc: {m: s for m, s in pairs.items() if m != changed} for loc, pairs in before.items()}
    assert_carried(root, kept, "basin-report")
    # The edited sentence is carried over as fuzzy, the old one kept obsolete (reviewed).
    po = polib.pofile(str(po_path(root, "ko", "basin-report")))
    entry = po.find("The district office promised repairs, but no date has been given.")
    assert entry is not None and "fuzzy" in entry.flags and entry.msgstr == before["ko"][changed]
    rows = status_rows(capsys, root)
    for locale in LOCALES:
        row = rows[(locale, "basin-report")]
        assert (row["units"], row["reviewed"], row["fuzzy"]) == (n, n - 1, 1), row
    code, out, err = run_cli(capsys, "-C", str(root), "status")
    assert "orphaned" not in out + err


@pytest.mark.parametrize("shared, total, taken", [(2, 4, True), (1, 3, False), (3, 7, False), (4, 7, True)])
def test_update_takes_an_orphan_only_at_half_of_the_new_units_or_more(tmp_path, capsys, shared, total, taken):
    old = [f"Old sentence number {i} stays in the catalog." for i in range(6)]
    root = make_project(tmp_path / "p", {"a.txt": "\n\n".join(old) + "\n", "keep.txt": "Another document.\n"},
                        locales=("ko",))
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    fill_catalog(po_path(root, "ko", "a"), pseudo)
    fresh = old[:shared] + [f"A brand new sentence {i} of the renamed file." for i in range(total - shared)]
    (root / "source" / "a.txt").unlink()
    (root / "source" / "b.txt").write_text("\n\n".join(fresh) + "\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "-C", str(root), "update")
    assert code == 0, err
    assert (f"renamed: locales/ko/LC_MESSAGES/a.po -> b.po (matched {shared} of {total} units" in out) == taken, out
    assert po_path(root, "ko", "a").exists() != taken
    reviewed = len(reviewed_pairs(po_path(root, "ko", "b")))
    assert reviewed == (shared if taken else 0)
    code, out, err = run_cli(capsys, "-C", str(root), "status")
    orphan = ("orphaned: locales/ko/LC_MESSAGES/a.po (6 reviewed) — no source document; "
              "l10n mv source/a.txt NEW to adopt it, or delete it")
    assert (orphan in out) != taken, out


def test_update_does_not_guess_between_two_new_documents(tmp_path, capsys):
    root = reviewed_project(tmp_path, capsys, {"notes.md": NOTES})
    orphan_before = {p: p.read_bytes() for p in (root / "locales").rglob("notes.po*")}
    (root / "source" / "notes.md").unlink()
    (root / "source" / "north.md").write_text(NOTES, encoding="utf-8")
    (root / "source" / "south.md").write_text(NOTES, encoding="utf-8")
    code, out, err = run_cli(capsys, "-C", str(root), "update")
    assert code == 0, err
    assert "renamed:" not in out
    assert "warning: locales/ko/LC_MESSAGES/notes.po (+1 more): orphaned catalog(s) of source/notes.md match " \
           "source/north.md (12 of 12 units) and source/south.md (12 of 12 units); not guessing" in err, err
    assert "run 'l10n mv source/notes.md source/north.md'" in err
    assert {p: p.read_bytes() for p in (root / "locales").rglob("notes.po*")} == orphan_before, "orphan untouched"
    assert not reviewed_pairs(po_path(root, "ko", "north")) and not reviewed_pairs(po_path(root, "ko", "south"))
    code, out, _ = run_cli(capsys, "-C", str(root), "status")
    assert "orphaned: locales/ko/LC_MESSAGES/notes.po (12 reviewed)" in out
    assert "orphaned: locales/zh_Hans/LC_MESSAGES/notes.po (12 reviewed)" in out
    # The suggested command adopts it (north.po only holds empty entries: replaced, named).
    code, out, err = run_cli(capsys, "-C", str(root), "mv", "source/notes.md", "source/north.md")
    assert code == 0, err
    assert "replaced: locales/ko/LC_MESSAGES/north.po (no reviewed translation)" in out
    assert len(reviewed_pairs(po_path(root, "ko", "north"))) == 12


def test_update_does_not_guess_between_two_orphans(tmp_path, capsys):
    other = NOTES.replace("Field notes", "Second notes")
    root = reviewed_project(tmp_path, capsys, {"east.md": NOTES, "west.md": other, "brief.html": PAGE})
    before = tree_digest(root / "locales")
    (root / "source" / "east.md").unlink()
    (root / "source" / "west.md").unlink()
    (root / "source" / "merged.md").write_text(NOTES, encoding="utf-8")
    code, out, err = run_cli(capsys, "-C", str(root), "update")
    assert code == 0, err
    assert "renamed:" not in out
    assert ("warning: source/merged.md: a new document whose units match the orphaned catalogs of "
            "east (12 of 12 units) and west (11 of 12 units); not guessing") in err, err
    assert "'l10n mv source/east.md source/merged.md'" in err
    after = tree_digest(root / "locales")
    assert {k: v for k, v in after.items() if "east" in k or "west" in k} == \
           {k: v for k, v in before.items() if "east" in k or "west" in k}


def test_status_lists_orphaned_catalogs_and_update_never_deletes_them(tmp_path, capsys):
    root = reviewed_project(tmp_path, capsys, {"notes.md": NOTES, "brief.html": PAGE})
    (root / "source" / "notes.md").unlink()  # removed, not renamed: nothing matches it
    orphaned = {p: p.read_bytes() for p in (root / "locales").rglob("notes.po")}
    code, out, err = run_cli(capsys, "-C", str(root), "update")
    assert code == 0, err
    assert {p: p.read_bytes() for p in (root / "locales").rglob("notes.po")} == orphaned
    code, out, err = run_cli(capsys, "-C", str(root), "status")
    assert code == 0, err
    for locale in LOCALES:
        assert (f"orphaned: locales/{locale}/LC_MESSAGES/notes.po (12 reviewed) — no source document; "
                "l10n mv source/notes.md NEW to adopt it, or delete it") in out, out
    code, out, err = run_cli(capsys, "-C", str(root), "status", "--json")
    assert json.loads(out) and "orphaned: locales/ko/LC_MESSAGES/notes.po" in err


def test_a_name_with_spaces_is_renamed_and_the_suggested_command_is_quoted(tmp_path, capsys):
    root = reviewed_project(tmp_path, capsys, {"field notes.md": NOTES, "brief.html": PAGE})
    before = {loc: reviewed_pairs(po_path(root, loc, "field notes")) for loc in LOCALES}
    os.rename(root / "source" / "field notes.md", root / "source" / "basin notes [2024].md")
    code, out, err = run_cli(capsys, "-C", str(root), "update")
    assert code == 0, err
    # polib splits a "#:" reference at spaces, so the hint falls back to the catalog name, quoted.
    assert "renamed: locales/ko/LC_MESSAGES/field notes.po -> basin notes [2024].po (matched 12 of 12 units; " \
           "from 'field notes')" in out, out
    assert_carried(root, before, "basin notes [2024]")
    (root / "source" / "basin notes [2024].md").unlink()
    code, out, err = run_cli(capsys, "-C", str(root), "status")
    assert "l10n mv 'basin notes [2024]' NEW to adopt it" in out, out
    (root / "source" / "a.md").write_text(NOTES, encoding="utf-8")
    (root / "source" / "b c.md").write_text(NOTES, encoding="utf-8")
    code, out, err = run_cli(capsys, "-C", str(root), "update")
    assert "run 'l10n mv 'basin notes [2024]' source/a.md'" in err, err
    code, out, err = run_cli(capsys, "-C", str(root), "mv", "basin notes [2024]", "source/b c.md")
    assert code == 0, err
    assert_carried(root, before, "b c")


# --- an emptied source --------------------------------------------------------------------


@pytest.mark.parametrize("emptied", ["", "---\ntitle: \n---\n", "```\ncode only\n```\n"])
def test_an_emptied_source_keeps_the_last_editions(tmp_path, capsys, emptied):
    root = reviewed_project(tmp_path, capsys, {"notes.md": NOTES, "brief.html": PAGE})
    editions = {p: p.read_bytes() for p in (root / "build").rglob("*") if p.is_file()}
    assert (root / "build" / "ko" / "notes.html") in editions
    (root / "source" / "notes.md").write_text(emptied, encoding="utf-8")
    code, out, err = run_cli(capsys, "-C", str(root), "build")
    assert code == 0, err
    assert ("warning: source/notes.md: the document has no units; keeping the last editions "
            "(build --allow-empty to publish it empty)") in err, err
    assert {p: p.read_bytes() for p in (root / "build").rglob("*") if p.is_file()} == editions
    code, out, err = run_cli(capsys, "-C", str(root), "update")
    assert code == 0, err
    assert "warning: source/notes.md: the document has no units; the translated entries of " \
           "locales/ko/LC_MESSAGES/notes.po (12)" in err, err
    code, out, _ = run_cli(capsys, "-C", str(root), "status")
    assert "ko       notes                                no units" in out, out
    assert status_rows(capsys, root)[("ko", "notes")]["percent_reviewed"] is None
    code, out, err = run_cli(capsys, "-C", str(root), "build")
    assert code == 0 and "keeping the last editions" in err
    assert (root / "build" / "ko" / "notes.html").read_bytes() == editions[root / "build" / "ko" / "notes.html"]
    # --allow-empty publishes it empty.
    code, out, err = run_cli(capsys, "-C", str(root), "build", "--allow-empty")
    assert code == 0, err
    assert "keeping the last editions" not in err
    page = (root / "build" / "ko" / "notes.html").read_text(encoding="utf-8")
    assert pseudo("Two midwives serve the whole valley.", "ko") not in page
    # Restoring the text brings every reviewed translation back.
    (root / "source" / "notes.md").write_text(NOTES, encoding="utf-8")
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    assert status_rows(capsys, root)[("ko", "notes")]["reviewed"] == 12


def test_run_allow_empty_publishes_an_emptied_document(tmp_path, capsys, apertium_required):
    root = make_project(tmp_path / "p", {"notes.md": NOTES}, locales=("es",), extra='engine = "apertium"\n')
    code, _, err = run_cli(capsys, "-C", str(root), "run")
    assert code == 0, err
    page = root / "build" / "es" / "notes.html"
    original = page.read_bytes()
    (root / "source" / "notes.md").write_text("", encoding="utf-8")
    code, out, err = run_cli(capsys, "-C", str(root), "run")
    assert code == 0, err
    assert "keeping the last editions (build --allow-empty" in err and page.read_bytes() == original
    code, out, err = run_cli(capsys, "-C", str(root), "run", "--allow-empty")
    assert code == 0, err
    assert page.read_bytes() != original and "es: no units" in out, out


def test_mv_that_fails_half_way_puts_every_file_back(tmp_path, capsys):
    """A real read-only folder (a tmpfs remounted ro) for zh_Hans: the source and the
    ko catalog have moved when the zh_Hans rename fails, and both are moved back."""
    import subprocess

    from test_os_errors import mounted, no_read_only_folder

    root = reviewed_project(tmp_path, capsys, {"notes.md": NOTES})
    folder = root / "locales" / "zh_Hans" / "LC_MESSAGES"
    saved = (folder / "notes.po").read_bytes()
    with mounted(folder, "1m") as is_tmpfs:
        if not is_tmpfs:
            no_read_only_folder()
        (folder / "notes.po").write_bytes(saved)
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        before = tree_digest(root)
        code, out, err = run_cli(capsys, "-C", str(root), "mv", "source/notes.md", "source/river.md")
        assert code == 1, out + err
        assert err.startswith("error: locales/zh_Hans/LC_MESSAGES/river.po: cannot write: Read-only file system"), err
        assert tree_digest(root) == before, "every moved file is back"
        assert "moved:" not in out
