"""Fixed examples next to the edit-sequence properties: property (b) spelled
out once (so it is exercised on every run, whatever Hypothesis draws), and
regression tests for carry-over (merge rule 3) defects found while writing
the properties, fixed in l10n/catalog/merge.py (update_catalog)."""

from __future__ import annotations

import polib
import pytest

from helpers import make_project, run_cli

S12 = "The market in district 12 had 340 people in 2019."
S13 = "The market in district 13 had 340 people in 2019."
S14 = "The market in district 14 had 340 people in 2019."
S13_2020 = "The market in district 13 had 340 people in 2020."


def _po_path(root):
    return root / "locales" / "ko" / "LC_MESSAGES" / "r.po"


def _edit(capsys, root, sentence):
    (root / "source" / "r.md").write_text(sentence + "\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "-C", str(root), "update")
    assert code == 0, err


def _review(root, msgstr, *, drop_previous):
    """What a person does in an editor: new msgstr, fuzzy cleared; a text editor keeps ``#|``."""
    path = _po_path(root)
    po = polib.pofile(str(path))
    (entry,) = [e for e in po if not e.obsolete]
    entry.msgstr = msgstr
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    if drop_previous:
        entry.previous_msgid = None
    po.save(str(path))


def _active(root):
    (entry,) = [e for e in polib.pofile(str(_po_path(root))) if not e.obsolete]
    return entry


def test_deleted_and_edited_reviewed_sentences_come_back_reviewed(tmp_path, capsys):
    other = "Officials said the bridge was closed for 3 days."
    root = make_project(tmp_path / "p", {"r.md": f"{S12} {other}\n"}, locales=("ko",))
    _edit(capsys, root, f"{S12} {other}")
    path = _po_path(root)
    po = polib.pofile(str(path))
    for entry, msgstr in zip(po, ("R12", "R-other")):
        entry.msgstr = msgstr
    po.save(str(path))
    _edit(capsys, root, S13)  # S12 edited, `other` deleted
    assert _active(root).msgid == S13 and "fuzzy" in _active(root).flags
    _edit(capsys, root, f"{other} {S12}")  # both back, in another order
    by_msgid = {e.msgid: e for e in polib.pofile(str(path)) if not e.obsolete}
    assert set(by_msgid) == {S12, other}
    assert (by_msgid[S12].msgstr, by_msgid[other].msgstr) == ("R12", "R-other")
    assert not by_msgid[S12].flags and not by_msgid[other].flags


def test_edit_inherits_the_translation_of_the_sentence_just_edited(tmp_path, capsys):
    root = make_project(tmp_path / "p", {"r.md": S12 + "\n"}, locales=("ko",))
    _edit(capsys, root, S12)
    _review(root, "R1", drop_previous=True)
    _edit(capsys, root, S13)  # 12 -> 13: fuzzy R1, #| S12
    _review(root, "R2", drop_previous=True)
    _edit(capsys, root, S14)  # 13 -> 14: S12 (obsolete) and S13 (vanished) are equally similar
    entry = _active(root)
    assert entry.msgid == S14 and "fuzzy" in entry.flags
    assert (entry.msgstr, entry.previous_msgid) == ("R2", S13)


def test_reviewed_lender_shows_its_own_msgid_as_previous(tmp_path, capsys):
    root = make_project(tmp_path / "p", {"r.md": S12 + "\n"}, locales=("ko",))
    _edit(capsys, root, S12)
    _review(root, "R1", drop_previous=True)
    _edit(capsys, root, S13)  # fuzzy R1, #| S12
    _review(root, "R2", drop_previous=False)  # reviewed, '#| S12' left in place
    _edit(capsys, root, S13_2020)  # closest vanished entry: S13 (R2)
    entry = _active(root)
    assert entry.msgstr == "R2" and "fuzzy" in entry.flags
    assert entry.previous_msgid == S13
