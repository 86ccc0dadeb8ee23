"""Templates and catalogs: headers, msgmerge rules, msgfmt --check, no churn."""

from pathlib import Path

import polib
import pytest

from helpers import fill_catalog, make_project, msgfmt_check, run_cli

REPORT = """# Annual report

The government detained 22 activists in 2019. Officials denied it.

Dr. Kim met the U.N. envoy on Jan. 5. The envoy left.
"""


@pytest.fixture
def project(tmp_path, capsys):
    root = make_project(tmp_path / "p", {"report.md": REPORT}, locales=("ko", "zh_Hans", "ar"))
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    return root


def po_path(root: Path, locale: str = "ko") -> Path:
    return root / "locales" / locale / "LC_MESSAGES" / "report.po"


def test_layout_headers_and_references(project):
    pot = polib.pofile(str(project / "locales" / "report.pot"))
    assert [e.msgid for e in pot][:2] == ["Annual report", "The government detained 22 activists in 2019."]
    assert pot.find("Officials denied it.").occurrences == [("source/report.md", "3")]
    for locale, plural in (("ko", "nplurals=1; plural=0;"), ("zh_Hans", "nplurals=1; plural=0;"), ("ar", "nplurals=6;")):
        po = polib.pofile(str(po_path(project, locale)))
        assert po.metadata["Language"] == locale
        assert po.metadata["Plural-Forms"].startswith(plural)
        assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
        assert po.metadata["Project-Id-Version"] == "test"
        assert "POT-Creation-Date" not in po.metadata


def test_every_written_catalog_passes_msgfmt_check(project, capsys):
    fill_catalog(po_path(project), lambda m: "번역 " + m)
    (project / "source" / "report.md").write_text(REPORT.replace("22", "23").replace("Officials denied it.", ""))
    assert run_cli(capsys, "-C", str(project), "update")[0] == 0
    files = list((project / "locales").rglob("*.po")) + list((project / "locales").rglob("*.pot"))
    assert len(files) == 4
    for path in files:
        result = msgfmt_check(path)
        assert result.returncode == 0, result.stderr
        if path.suffix == ".po":
            assert "warning" not in result.stderr, result.stderr


def test_a_run_that_changes_nothing_rewrites_nothing(project, capsys):
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (project / "locales").rglob("*.po*")}
    code, out, _ = run_cli(capsys, "-C", str(project), "update")
    assert code == 0 and "up to date" in out
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (project / "locales").rglob("*.po*")}
    assert before == after


def test_msgmerge_rules_keep_fuzzy_obsolete_and_revive(project, capsys):
    fill_catalog(po_path(project), lambda m: "[ko] " + m)
    source = project / "source" / "report.md"
    edited = REPORT.replace("detained 22 activists", "detained 23 activists").replace(" The envoy left.", "")
    source.write_text(edited)
    assert run_cli(capsys, "-C", str(project), "update")[0] == 0
    po = polib.pofile(str(po_path(project)))
    edited_entry = po.find("The government detained 23 activists in 2019.")
    assert edited_entry.msgstr == "[ko] The government detained 22 activists in 2019."
    assert "fuzzy" in edited_entry.flags
    assert edited_entry.previous_msgid == "The government detained 22 activists in 2019."
    assert "numbers changed in the source: 22 -> 23" in edited_entry.tcomment
    assert po.find("Officials denied it.").msgstr == "[ko] Officials denied it."  # untouched, reviewed
    obsolete = {e.msgid: e for e in po.obsolete_entries()}
    assert obsolete["The envoy left."].msgstr == "[ko] The envoy left."
    # The reviewed original of the edited sentence is kept, so nothing is lost.
    assert obsolete["The government detained 22 activists in 2019."].msgstr.startswith("[ko]")
    assert "fuzzy" not in obsolete["The government detained 22 activists in 2019."].flags

    source.write_text(REPORT)  # the edit is reverted, the removed sentence comes back
    assert run_cli(capsys, "-C", str(project), "update")[0] == 0
    po = polib.pofile(str(po_path(project)))
    for msgid in ("The government detained 22 activists in 2019.", "The envoy left."):
        entry = po.find(msgid)
        assert entry.msgstr == "[ko] " + msgid and "fuzzy" not in entry.flags
    assert msgfmt_check(po_path(project)).returncode == 0


def test_identical_sentences_share_one_entry(tmp_path, capsys):
    root = make_project(tmp_path / "p", {"a.md": "Same sentence here.\n\nOther.\n\nSame sentence here.\n"})
    assert run_cli(capsys, "-C", str(root), "extract")[0] == 0
    pot = polib.pofile(str(root / "locales" / "a.pot"))
    entry = pot.find("Same sentence here.")
    assert entry.occurrences == [("source/a.md", "1"), ("source/a.md", "5")]
    assert len(pot) == 2


def test_update_check_writes_nothing_and_fails_when_stale(project, capsys):
    assert run_cli(capsys, "-C", str(project), "update", "--check")[0] == 0
    (project / "source" / "report.md").write_text(REPORT + "\nA new paragraph.\n")
    before = po_path(project).read_bytes()
    code, _, err = run_cli(capsys, "-C", str(project), "update", "--check")
    assert code == 1 and "out of date" in err
    assert po_path(project).read_bytes() == before


def test_foreign_wrapping_is_read_and_kept(project, capsys):
    fill_catalog(po_path(project), lambda m: "번역: " + m)
    po = polib.pofile(str(po_path(project)))
    po.wrapwidth = 20  # another tool's wrapping and CRLF line ends
    po_path(project).write_bytes(str(po).replace("\n", "\r\n").encode("utf-8"))
    assert run_cli(capsys, "-C", str(project), "update")[0] == 0
    again = polib.pofile(str(po_path(project)))
    assert again.find("Officials denied it.").msgstr == "번역: Officials denied it."


def test_translation_memory_prefills_exact_and_offers_close_matches(project, capsys):
    fill_catalog(po_path(project), lambda m: "[ko] " + m)
    (project / "source" / "second.md").write_text(
        "Officials denied it.\n\nThe government detained 40 activists in 2019.\n\nSomething else entirely.\n"
    )
    assert run_cli(capsys, "-C", str(project), "update")[0] == 0
    po = polib.pofile(str(project / "locales/ko/LC_MESSAGES/second.po"))
    exact = po.find("Officials denied it.")
    assert exact.msgstr == "[ko] Officials denied it."
    assert "fuzzy" in exact.flags  # a 100% match is confirmed by a person before it ships
    assert "tm: exact match from locales/ko/LC_MESSAGES/report.po" in exact.tcomment
    close = po.find("The government detained 40 activists in 2019.")
    assert close.msgstr == ""  # close matches are offered, never filled in
    assert "tm: close match" in close.tcomment and "[ko] The government detained 22" in close.tcomment
    assert po.find("Something else entirely.").tcomment == ""
    # Other locales have no reviewed entries: nothing comes from memory.
    zh = polib.pofile(str(project / "locales/zh_Hans/LC_MESSAGES/second.po"))
    assert all(not e.msgstr for e in zh)
    assert msgfmt_check(project / "locales/ko/LC_MESSAGES/second.po").returncode == 0


def test_memory_sentences_are_prepared_once_per_merge(monkeypatch):
    """The memory's sentences are stripped of placeholders once per merge, not once
    per new entry: a big project's memory holds every other document's sentences
    (before, 200 new sentences against a 300-sentence memory stripped 60,000 strings)."""
    from l10n.catalog import merge
    from l10n.catalog.entry import Catalog, Entry

    calls = []
    real = merge.strip_placeholders
    monkeypatch.setattr(merge, "strip_placeholders", lambda text: calls.append(text) or real(text))
    template = Catalog()
    for i in range(200):
        template.append(Entry(msgid=f"The <1>new</1> sentence number {i} of this report."))
    memory = {f"An old sentence number {i} of another report.": merge.MemoryEntry(f"[ko] {i}", "other.po")
              for i in range(300)}
    po, report = merge.update_catalog(template, None, locale="ko", project="p", memory=memory)
    assert report.new == 200 and report.close == 200  # every new sentence got a close match offered
    assert "tm: close match" in po[0].tcomment
    assert len(calls) <= 200 + 300


def test_a_merge_without_new_entries_does_not_prepare_the_memory(monkeypatch):
    """A merge whose every entry is kept touches none of the memory's sentences: a
    big project's cold update merges one catalog per document against a memory of
    all the others (before, 100 catalogs x 1,200 memory sentences, a third of it)."""
    from l10n.catalog import merge
    from l10n.catalog.entry import Catalog, Entry

    calls = []
    real = merge.strip_placeholders
    monkeypatch.setattr(merge, "strip_placeholders", lambda text: calls.append(text) or real(text))
    template, old = Catalog(), Catalog()
    for i in range(50):
        template.append(Entry(msgid=f"The <1>kept</1> sentence number {i}."))
        old.append(Entry(msgid=f"The <1>kept</1> sentence number {i}.", msgstr=f"[ko] {i}"))
    memory = {f"An old sentence number {i} of another report.": merge.MemoryEntry(f"[ko] {i}", "other.po")
              for i in range(300)}
    po, report = merge.update_catalog(template, old, locale="ko", project="p", memory=memory)
    assert report.kept == 50 and report.new == 0
    assert [e.msgstr for e in po] == [f"[ko] {i}" for i in range(50)]
    assert not [text for text in calls if text in memory]
    # one new entry: the memory is prepared then, once
    template.append(Entry(msgid="An old sentence number 7 of another report, edited."))
    calls.clear()
    po, report = merge.update_catalog(template, old, locale="ko", project="p", memory=memory)
    assert report.close == 1 and "tm: close match" in po[50].tcomment
    assert sum(text in memory for text in calls) == 300
