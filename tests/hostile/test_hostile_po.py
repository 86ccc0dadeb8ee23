"""Malformed PO files: one line naming file and line, exit 1, no traceback, nothing changed.
Legitimate PO variations: read as written, and a reviewed translation survives `l10n update`."""

from __future__ import annotations

import re
import shutil

import polib
import pytest

from helpers import make_project, run_cli
from hostile_helpers import CORPUS, assert_one_line_error, snapshot
from l10n.catalog.io import read_catalog
from l10n.errors import CatalogError

GOOD = "# Title\n\nA sentence. Another one.\n"
PO = "locales/ko/LC_MESSAGES/doc.po"


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def _replace_msgstr(text, msgid, new):
    old = f'msgid "{msgid}"\nmsgstr ""'
    assert old in text
    return text.replace(old, f'msgid "{msgid}"\n{new}')


# name -> mutation of the valid catalog text: (new bytes, expected line, message part)
def _unterminated(t):
    t = _replace_msgstr(t, "Title", 'msgstr "unterminated')
    return t.encode(), _line_of(t, 'msgstr "unterminated'), "unterminated string"


def _bad_escape(t):
    t = _replace_msgstr(t, "Title", 'msgstr "bad \\q escape"')
    return t.encode(), _line_of(t, "bad \\q"), "invalid escape sequence '\\q'"


def _duplicate(t):
    t = t + '\nmsgid "Title"\nmsgstr "again"\n'
    return t.encode(), _line_of(t, 'msgid "Title"\nmsgstr "again"'), "duplicate message definition 'Title'"


def _plural_count(t):
    t = t + '\nmsgid "one file"\nmsgid_plural "%d files"\nmsgstr[0] "a"\nmsgstr[1] "b"\n'
    return t.encode(), _line_of(t, 'msgid "one file"'), "2 plural forms, expected 1"


def _plural_out_of_order(t):
    t = t + '\nmsgid "one file"\nmsgid_plural "%d files"\nmsgstr[1] "b"\n'
    return t.encode(), _line_of(t, 'msgstr[1] "b"'), "msgstr[1] out of order"


def _nul(t):
    t = _replace_msgstr(t, "Title", 'msgstr "nul\x00byte"')
    return t.encode(), _line_of(t, 'msgstr "nul'), "NUL byte"


def _huge_line(t):
    t = _replace_msgstr(t, "Title", 'msgstr "' + "x" * 10_000_000)  # 10 MB, unterminated
    return t.encode(), _line_of(t, 'msgstr "xxx'), "unterminated string"


def _invalid_utf8(t):
    t = _replace_msgstr(t, "Title", 'msgstr "caf@"')
    return t.encode().replace(b"caf@", b"caf\xe9"), _line_of(t, 'msgstr "caf@'), "invalid UTF-8"


def _empty(t):
    return b"", 1, "empty file"


def _msgstr_without_msgid(t):
    t = t.replace('msgid "Title"\n', "")
    return t.encode(), _line_of(t, "#: source/doc.md:1\n") + 1, "msgstr without msgid"


def _msgid_without_msgstr(t):
    t = t.replace('msgid "Title"\nmsgstr ""\n', 'msgid "Title"\n')
    return t.encode(), _line_of(t, 'msgid "Title"'), "msgid without msgstr"


def _garbage(t):
    t = t.replace('msgid "Title"', 'hello world, this is no PO file\nmsgid "Title"')
    return t.encode(), _line_of(t, "hello world"), "unexpected text"


def _binary(t):
    return b"\x89PNG\r\n\x1a\n\x7fgarbage", 1, "PO"


CASES = {
    f.__name__.strip("_"): f
    for f in (
        _unterminated, _bad_escape, _duplicate, _plural_count, _plural_out_of_order, _nul, _huge_line,
        _invalid_utf8, _empty, _msgstr_without_msgid, _msgid_without_msgstr, _garbage, _binary,
    )
}


@pytest.fixture(scope="module")
def valid_project(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("valid"), {"doc.md": GOOD})
    from l10n.cli.main import main

    assert main(["-C", str(root), "update"]) == 0
    return root


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_po_one_line_error_nothing_changed(case, valid_project, tmp_path, capsys):
    root = tmp_path / "p"
    shutil.copytree(valid_project, root)
    po = root / PO
    data, line, message = CASES[case](po.read_text(encoding="utf-8"))
    po.write_bytes(data)
    # The source changed too, so a run that went on would write new catalogs.
    (root / "source" / "doc.md").write_text(GOOD + "\nNew text.\n")
    before = snapshot(root)
    for command in ("update", "build"):
        code, _, err = run_cli(capsys, "-C", str(root), command)
        assert code == 1
        assert_one_line_error(code, err, f"{PO}:{line}: ", message)
        after = snapshot(root)
        changed = {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}
        assert not changed, f"{command} changed {sorted(changed)}"


def test_update_with_malformed_po_changes_no_file(valid_project, tmp_path, capsys):
    root = tmp_path / "p"
    shutil.copytree(valid_project, root)
    data, _, _ = _unterminated((root / PO).read_text(encoding="utf-8"))
    (root / PO).write_bytes(data)
    (root / "source" / "doc.md").write_text(GOOD + "\nNew text.\n")
    before = snapshot(root)
    assert run_cli(capsys, "-C", str(root), "update")[0] == 1
    assert snapshot(root) == before


def test_build_with_malformed_po_in_second_locale_changes_no_file(valid_project, tmp_path, capsys):
    root = tmp_path / "p"
    shutil.copytree(valid_project, root)
    zh = root / "locales/zh_Hans/LC_MESSAGES/doc.po"
    data, line, _ = _unterminated(zh.read_text(encoding="utf-8"))
    zh.write_bytes(data)
    before = snapshot(root)
    code, _, err = run_cli(capsys, "-C", str(root), "build")
    assert_one_line_error(code, err, f"locales/zh_Hans/LC_MESSAGES/doc.po:{line}:")
    assert snapshot(root) == before


def test_read_catalog_error_is_catalog_error_with_line(tmp_path):
    path = tmp_path / "x.po"
    path.write_text('msgid ""\nmsgstr ""\n\nmsgctxt "only"\n')
    with pytest.raises(CatalogError) as info:
        read_catalog(path)
    assert info.value.line == 4 and "msgctxt without msgid" in info.value.message


def test_huge_valid_msgid_is_read(tmp_path):
    path = tmp_path / "x.po"
    big = "word " * 2_000_000  # a 10 MB line
    path.write_text(f'msgid ""\nmsgstr ""\n\nmsgid "{big}"\nmsgstr "{big[:50]}"\n')
    po = read_catalog(path)
    assert po[0].msgid == big and po[0].msgstr == big[:50]


# -- legitimate variations -------------------------------------------------

def _entries(po):
    return [
        (e.msgctxt, e.msgid, e.msgstr, sorted(e.flags), e.occurrences, e.comment, e.tcomment,
         e.previous_msgid, bool(e.obsolete))
        for e in po
    ]


def test_comment_order_obsolete_previous_and_msgctxt_are_read():
    po = read_catalog(CORPUS / "comment_order.po")
    got = {(e.msgctxt, e.msgid): e for e in po}
    first = got[(None, "A sentence.")]
    assert (first.msgstr, first.flags, first.comment, first.tcomment, first.previous_msgid) == (
        "한 문장.", ["fuzzy"], "extracted note", "translator note", "An old sentence.")
    assert first.occurrences == [("source/doc.md", "3")]
    title = got[(None, "Title")]
    assert (title.msgstr, title.comment, title.tcomment) == ("제목", "extracted second", "translator first")
    assert got[("menu", "Title")].msgstr == "메뉴 제목"
    gone = got[(None, "Gone sentence.")]
    assert gone.obsolete and gone.msgstr == "사라진 문장." and gone.previous_msgid == "Gone once."
    split = got[("old", "Split obsolete.")]
    assert split.obsolete and split.msgstr == "나뉜 폐기."
    # ... and written back with the "#~|" line polib alone would drop.
    assert '#~| msgid "Gone once."' in str(po)


def test_bom_and_crlf_po_read_like_lf():
    assert _entries(read_catalog(CORPUS / "bom_crlf.po")) == _entries(read_catalog(CORPUS / "comment_order.po"))


@pytest.mark.parametrize("wrap", [0, 20, 200], ids=["no-wrap", "width-20", "width-200"])
@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
def test_other_tools_po_keeps_reviewed_translation_through_update(valid_project, tmp_path, capsys, wrap, crlf):
    root = tmp_path / "p"
    shutil.copytree(valid_project, root)
    po_path = root / PO
    po = polib.pofile(str(po_path), wrapwidth=wrap or 10**9)
    long_translation = "긴 번역 " * 30 + "끝."  # wraps at any width
    for entry in po:
        if entry.msgid == "A sentence.":
            entry.msgstr = long_translation
            entry.tcomment = "reviewed by a person"
    po.wrapwidth = wrap or 10**9
    text = str(po) + "\n"
    if wrap == 20:
        assert re.search(r'^"', text, re.M)  # really wrapped
    data = text.encode("utf-8")
    po_path.write_bytes(b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n") if crlf else data)
    (root / "source" / "doc.md").write_bytes(
        (GOOD + "\nNew text.\n").replace("\n", "\r\n" if crlf else "\n").encode()
    )
    as_written = {e.msgid: e for e in read_catalog(po_path)}["A sentence."]
    assert as_written.msgstr == long_translation
    code, _, err = run_cli(capsys, "-C", str(root), "update")
    assert code == 0, err
    after = {e.msgid: e for e in read_catalog(po_path)}
    assert after["A sentence."].msgstr == long_translation
    assert "fuzzy" not in after["A sentence."].flags
    assert after["A sentence."].tcomment == as_written.tcomment
    assert "New text." in after


def test_obsolete_translation_with_previous_survives_and_revives(valid_project, tmp_path, capsys):
    root = tmp_path / "p"
    shutil.copytree(valid_project, root)
    po_path = root / PO
    text = po_path.read_text(encoding="utf-8")
    text += '\n#~| msgid "Older words."\n#~ msgid "Old words."\n#~ msgstr "옛 말."\n'
    po_path.write_text(text, encoding="utf-8")
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    written = po_path.read_text(encoding="utf-8")
    assert '#~ msgstr "옛 말."' in written and '#~| msgid "Older words."' in written
    (root / "source" / "doc.md").write_text(GOOD + "\nOld words.\n")
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    revived = {e.msgid: e for e in read_catalog(po_path) if not e.obsolete}
    assert revived["Old words."].msgstr == "옛 말."


def test_msgctxt_entries_are_read_and_do_not_break_update(valid_project, tmp_path, capsys):
    root = tmp_path / "p"
    shutil.copytree(valid_project, root)
    po_path = root / PO
    text = _replace_msgstr(po_path.read_text(encoding="utf-8"), "Title", 'msgstr "제목"')
    text += '\nmsgctxt "menu"\nmsgid "Other"\nmsgstr "메뉴"\n'
    po_path.write_text(text, encoding="utf-8")
    assert {(e.msgctxt, e.msgid): e.msgstr for e in read_catalog(po_path)}[("menu", "Other")] == "메뉴"
    code, _, err = run_cli(capsys, "-C", str(root), "update")
    assert code == 0, err
    assert {e.msgid: e.msgstr for e in read_catalog(po_path) if not e.obsolete}["Title"] == "제목"


def test_stray_previous_continuation_after_an_obsolete_entry_is_read(tmp_path):
    """Found by hypothesis: a '#~|' continuation line after an obsolete entry ended
    raised KeyError from the syntax check instead of being read."""
    path = tmp_path / "stray.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#~| msgid "old"\n#~ msgid "a"\n#~ msgstr "b"\n#~| "continued"\n\n#~ msgid "c"\n#~ msgstr "d"\n',
        encoding="utf-8",
    )
    po = read_catalog(path)
    assert [(e.msgid, e.previous_msgid) for e in po] == [("a", "old"), ("c", None)]
