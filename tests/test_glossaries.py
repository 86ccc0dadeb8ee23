"""The glossaries shipped in locales/: they load, and the Korean and Chinese
ones agree with the reviewed translations of the report."""

from pathlib import Path

import polib
import pytest

from l10n.catalog.state import REVIEWED, entry_state
from l10n.terms import read_termbase

ROOT = Path(__file__).resolve().parents[1]
REPORT = "hrw-north-korea-world-report-2020.po"


def shipped(locale):
    path = ROOT / "locales" / locale / "glossary.csv"
    return read_termbase(path.read_text(encoding="utf-8"), path=f"locales/{locale}/glossary.csv")


@pytest.mark.parametrize("locale", ["ko", "zh_Hans"])
def test_every_glossary_target_is_in_the_reviewed_translation(locale):
    termbase = shipped(locale)
    catalog = polib.pofile(str(ROOT / "locales" / locale / "LC_MESSAGES" / REPORT))
    used, problems = set(), []
    for entry in catalog:
        if entry.obsolete or entry_state(entry) != REVIEWED:
            continue
        for match in termbase.find(entry.msgid):
            used.add(match.term.source)
            want = match.term.target or match.text  # do-not-translate: the source's own text
            if want not in entry.msgstr:
                problems.append(f"{match.text!r} -> {want!r} not in {entry.msgstr!r}")
    assert not problems, problems
    # The glossary is about this report: organisations, people, UN bodies, songbun, places.
    for term in ("Human Rights Watch", "Kim Jong Un", "UN Human Rights Council", "songbun", "Dong Dang", "COI"):
        assert term in used, term
    assert len(used) >= 30


def test_the_spanish_glossary_keeps_names_and_places():
    termbase = shipped("es")
    kept = {t.source for t in termbase if t.do_not_translate}
    assert {"Human Rights Watch", "Dr. Aye Chan", "Kim Jong Un"} <= kept
    found = termbase.find("Human Rights Watch reporting on the Chin states, said Dr. Aye Chan.")
    assert [(m.text, m.term.target) for m in found] == [
        ("Human Rights Watch", None), ("Chin states", "estados de Chin"), ("Dr. Aye Chan", None)]
