"""`translate --refresh-mt` redoes a machine draft carried over from an edited
sentence, and never a reviewed translation carried over (real tiny Argos model)."""

from __future__ import annotations

import polib

from .test_translate_pipeline import cli, po, project  # noqa: F401  (the fixture)


def test_refresh_mt_redoes_a_carried_over_machine_draft_only(project, capsys):  # noqa: F811
    assert cli(capsys, "-C", str(project), "translate", "--locale", "ko")[0] == 0
    # A reviewer approves one draft as it is (its mt: line stays, as in any PO editor).
    path = project / "locales/ko/LC_MESSAGES/b.po"
    catalog = polib.pofile(str(path))
    reviewed = catalog.find("Another document has its own sentence.")
    reviewed.flags.remove("fuzzy")
    catalog.save(str(path))
    approved = reviewed.msgstr
    # Both sentences are edited: each translation is carried over to the new sentence.
    (project / "source/a.md").write_text(
        (project / "source/a.md").read_text().replace("detained 22 people", "detained 23 people"))
    (project / "source/b.md").write_text(
        (project / "source/b.md").read_text().replace("has its own sentence.", "has its very own sentence."))
    assert cli(capsys, "-C", str(project), "update")[0] == 0
    draft = po(project, "ko", "a").find("Officials detained 23 people in 2019.")
    carried_text = draft.msgstr
    assert draft.previous_msgid == "Officials detained 22 people in 2019." and "fuzzy" in draft.flags
    assert "numbers changed in the source" in draft.tcomment

    # Without --refresh-mt nothing is redone.
    assert cli(capsys, "-C", str(project), "translate", "--locale", "ko")[0] == 0
    assert po(project, "ko", "a").find("Officials detained 23 people in 2019.").msgstr == carried_text

    assert cli(capsys, "-C", str(project), "translate", "--locale", "ko", "--refresh-mt")[0] == 0
    redone = po(project, "ko", "a").find("Officials detained 23 people in 2019.")
    assert redone.previous_msgid is None and "fuzzy" in redone.flags
    assert redone.tcomment.count("mt: engine=argos") == 1 and "numbers changed" not in redone.tcomment
    # It is the draft of the current sentence: the same text a fresh translation gives.
    path_a = project / "locales/ko/LC_MESSAGES/a.po"
    catalog = polib.pofile(str(path_a))
    entry = catalog.find("Officials detained 23 people in 2019.")
    entry.msgstr, entry.flags, entry.tcomment = "", [], ""
    catalog.save(str(path_a))
    assert cli(capsys, "-C", str(project), "translate", "--locale", "ko")[0] == 0
    assert po(project, "ko", "a").find("Officials detained 23 people in 2019.").msgstr == redone.msgstr
    # The carried-over reviewed translation is a person's work: kept, with its previous msgid.
    kept = po(project, "ko", "b").find("Another document has its very own sentence.")
    assert kept.msgstr == approved and kept.previous_msgid == "Another document has its own sentence."
