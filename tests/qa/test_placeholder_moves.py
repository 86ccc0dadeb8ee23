"""A pair that lost its text, or a placeholder moved out of (or into) its pair,
is an error at review: ``l10n check`` reports it, ``status`` does not count it
as reviewed, and the edition uses the English sentence."""

import json

import polib
import pytest

from helpers import make_project, run_cli
from l10n.qa import check_entry


@pytest.mark.parametrize("source, translation, message", [
    ("See <1>the report</1>.", "참조 <1></1>.", "placeholder <1> encloses no text in translation (source: 'the report')"),
    ("See <1>the report</1>.", "참조 <1> \u3000</1>.", "placeholder <1> encloses no text"),  # white space is empty
    ("See <1><2/> the map</1>.", "지도 <1><2/></1>.", "placeholder <1> encloses no text"),  # an image is no text
    ("See <1>the <2>full</2> text</1>.", "<1><2></2></1> 참조.", "placeholder <1> encloses no text"),
    ("See <1>the map <2/></1>.", "<2/> <1>지도</1> 참조.",
     "placeholder <2> is inside the top level in translation, inside <1> in the source"),
    ("See <1>the <2>full</2> text</1>.", "<2>전체</2> <1>본문</1> 참조.",
     "placeholder <2> is inside the top level in translation, inside <1> in the source"),
    ("See <2/> and <1>the text</1>.", "<1><2/> 본문</1> 참조.",
     "placeholder <2> is inside <1> in translation, inside the top level in the source"),
])
def test_emptied_pairs_and_moved_placeholders_are_errors(source, translation, message):
    findings = check_entry(source, translation, locale="ko")
    assert {(f.check, f.severity) for f in findings if f.check == "placeholders"} == {("placeholders", "error")}
    assert any(f.message.startswith(message) for f in findings), findings


@pytest.mark.parametrize("source, translation", [
    ("Read <1>the full report</1> now.", "지금 <1>보고서</1> 전체를 읽어라."),  # text moved out of the link
    ("Read <1>the report</1> now.", "지금 <1>보고서를 읽어라</1>."),  # text moved into it
    ("<1>Alpha</1> and <2>beta</2>.", "<2>베타</2>와 <1>알파</1>."),  # siblings reordered
    ("See <1><2/></1> here.", "여기 <1><2/></1> 참조."),  # a pair with no text in the source
])
def test_word_order_may_move_text_and_siblings(source, translation):
    assert [f for f in check_entry(source, translation, locale="ko") if f.check == "placeholders"] == []


SOURCE = """# Annual report

Read [the full report](https://example.org/report) today.

Our *field work* continued.
"""


def test_a_reviewed_empty_link_is_flagged_counted_and_withheld(tmp_path, capsys):
    root = make_project(tmp_path / "p", {"report.md": SOURCE}, locales=("ko",))
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    path = root / "locales/ko/LC_MESSAGES/report.po"
    po = polib.pofile(str(path))
    translations = {"Annual report": "연례 보고서", "Read <1>the full report</1> today.": "오늘 <1></1> 전체 보고서를 읽어라.",
                    "Our <1>field work</1> continued.": "<1>현장 조사</1>는 계속되었다."}
    for entry in po:
        entry.msgstr = translations[entry.msgid]
    po.save(str(path))
    line = po.find("Read <1>the full report</1> today.").linenum

    code, out, err = run_cli(capsys, "-C", str(root), "check")
    assert code == 1
    assert "error[placeholders]: placeholder <1> encloses no text in translation (source: 'the full report')" in out
    assert out.startswith("locales/ko/LC_MESSAGES/report.po:")

    code, out, err = run_cli(capsys, "-C", str(root), "status", "--json")
    (row,) = json.loads(out)
    assert (row["units"], row["reviewed"], row["failing"]) == (3, 2, 1)

    code, out, err = run_cli(capsys, "-C", str(root), "build")
    assert code == 0 and "1 in English" in out
    assert f"locales/ko/LC_MESSAGES/report.po:{line}: error[placeholders]: placeholder <1> encloses no text" in err
    html = (root / "build/ko/report.html").read_text(encoding="utf-8")
    assert '<a href="https://example.org/report">the full report</a>' in html  # the English sentence, link and all
    assert "<a href=\"https://example.org/report\"></a>" not in html and "전체 보고서를" not in html
    assert "<em>현장 조사</em>" in html
    mo = polib.mofile(str(root / "build/ko/report.mo"))
    assert {e.msgid for e in mo if e.msgid} == {"Annual report", "Our <1>field work</1> continued."}
