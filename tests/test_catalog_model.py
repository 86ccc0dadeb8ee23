"""The typed catalog: one key rule, one parse, the .mo l10n compiles, the operations' guarantees."""

import gettext
import io
import subprocess
from pathlib import Path

import pytest

from helpers import msgfmt_check
from l10n.catalog import read_catalog
from l10n.catalog.mo import compile_mo
from l10n.catalog.operations import (
    CONFLICT,
    IMPORTED_REVIEWED,
    Segment,
    apply_machine_draft,
    import_translation,
)

CATALOG = '''\
# Korean translation of the test report.
msgid ""
msgstr ""
"Project-Id-Version: test\\n"
"Language: ko\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"

#: report.md:1
msgid "Title"
msgstr "제목"

msgctxt ""
msgid "Title"
msgstr "빈 문맥 제목"

msgctxt "menu"
msgid "Title"
msgstr "메뉴 제목"

# mt: engine=argos date=2026-01-01 score=0.900
#, fuzzy
msgid "Draft sentence."
msgstr "초안 문장."

msgid "Withheld sentence."
msgstr "보류 문장."

msgid "One file"
msgid_plural "Many files"
msgstr[0] "파일 여러 개"

#~ msgid "Gone."
#~ msgstr "사라짐."
'''


@pytest.fixture
def po_file(tmp_path):
    path = tmp_path / "ko.po"
    path.write_text(CATALOG, encoding="utf-8")
    return path


def test_no_context_and_the_empty_context_are_different_keys(po_file):
    po = read_catalog(po_file)
    assert po.get("Title").msgstr == "제목"
    assert po.get("Title").msgctxt is None
    assert po.get("Title", "").msgstr == "빈 문맥 제목"
    assert po.get("Title", "menu").msgstr == "메뉴 제목"
    assert po.get("Title", "other") is None
    assert po.get("Gone.") is None and po.get("Gone.", obsolete=True).msgstr == "사라짐."
    assert [e.key for e in po][:3] == [(None, "Title"), ("", "Title"), ("menu", "Title")]


def test_entry_reads_state_and_provenance_from_its_fields(po_file):
    po = read_catalog(po_file)
    draft = po.get("Draft sentence.")
    assert (draft.state, draft.is_machine_draft, draft.fuzzy_origin) == ("fuzzy", True, "machine")
    assert draft.provenance.startswith("mt: engine=argos")
    assert po.get("Title").state == "reviewed" and po.get("Title").provenance is None
    assert po.get("Title").linenum == 9


def test_compiled_mo_is_what_gettext_reads(po_file, tmp_path):
    assert msgfmt_check(po_file).returncode == 0
    po = read_catalog(po_file)
    data = compile_mo(po, withheld={"Withheld sentence."})
    tr = gettext.GNUTranslations(io.BytesIO(data))
    assert tr.gettext("Title") == "제목"
    assert tr.pgettext("", "Title") == "빈 문맥 제목"  # msgfmt's rule: the empty context is a context
    assert tr.pgettext("menu", "Title") == "메뉴 제목"
    assert tr.gettext("Draft sentence.") == "Draft sentence."  # fuzzy: not compiled
    assert tr.gettext("Withheld sentence.") == "Withheld sentence."
    assert tr.gettext("Gone.") == "Gone."  # obsolete
    assert tr.ngettext("One file", "Many files", 3) == "파일 여러 개"
    assert tr.info()["language"] == "ko"
    # GNU msgfmt compiles the same messages (its file also has a hash table).
    ours, theirs = tmp_path / "ours.mo", tmp_path / "theirs.mo"
    ours.write_bytes(compile_mo(po))
    subprocess.run(["msgfmt", "-o", str(theirs), str(po_file)], check=True)
    unformat = [subprocess.run(["msgunfmt", str(p)], capture_output=True, text=True, check=True).stdout
                for p in (ours, theirs)]
    assert unformat[0] == unformat[1]


def test_a_machine_draft_never_lands_on_a_reviewed_entry(po_file):
    po = read_catalog(po_file)
    reviewed = po.get("Title")
    with pytest.raises(ValueError, match="reviewed"):
        apply_machine_draft(reviewed, "기계 번역", "mt: engine=argos")
    assert reviewed.msgstr == "제목" and reviewed.state == "reviewed"
    draft = po.get("Draft sentence.")
    apply_machine_draft(draft, "새 초안.", "mt: engine=argos date=2026-02-02 score=0.5", ["number 3 missing"])
    assert draft.msgstr == "새 초안." and draft.flags == ["fuzzy"]
    assert draft.comment_lines == ["mt: engine=argos date=2026-02-02 score=0.5", "check: number 3 missing"]


def test_importing_over_a_reviewed_entry_needs_overwrite_and_keeps_the_old_text(po_file):
    po = read_catalog(po_file)
    entry = po.get("Title")
    assert import_translation(entry, Segment("다른 제목", True), origin="a.xlf", overwrite=False) == CONFLICT
    assert entry.msgstr == "제목"
    assert import_translation(entry, Segment("다른 제목", True), origin="a.xlf", overwrite=True) == IMPORTED_REVIEWED
    assert entry.msgstr == "다른 제목"
    assert entry.comment_lines == ['import: reviewed translation replaced from a.xlf; it was: "제목"']


def test_comment_forms_gettext_accepts_are_read_as_gettext_reads_them(tmp_path):
    path = tmp_path / "forms.po"
    path.write_text(
        '#no space\nmsgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#,fuzzy\n#.extracted\nmsgid "a"\nmsgstr "b"\n',
        encoding="utf-8",
    )
    assert msgfmt_check(path).returncode == 0
    po = read_catalog(path)
    assert po.header == "no space"  # translator comments above the first entry: the header comment
    entry = po.get("a")
    assert (entry.flags, entry.comment, entry.state) == (["fuzzy"], "extracted", "fuzzy")



REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("path", sorted((REPO / "locales").rglob("*.po")) + sorted((REPO / "tests").rglob("*.po")),
                         ids=lambda p: p.relative_to(REPO).as_posix())
def test_numbered_text_gives_each_entry_the_line_reading_it_back_gives(path, tmp_path):
    """``catalog_text(number=True)`` sets the lines a catalog's warnings name when it is
    used as written without being read again (``run`` hands update's catalogs to build)."""
    from l10n.catalog.io import catalog_text

    po = read_catalog(path)
    for entry in po:
        entry.linenum = 0
    written = tmp_path / "written.po"
    written.write_text(catalog_text(po, number=True), encoding="utf-8")
    numbered = [(e.msgctxt, e.msgid, e.obsolete, e.linenum) for e in po]
    assert all(line > 0 for *_, line in numbered)
    assert numbered == [(e.msgctxt, e.msgid, e.obsolete, e.linenum) for e in read_catalog(written)]
