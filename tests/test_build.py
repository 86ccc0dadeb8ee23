"""Editions: fallback, drafts, the publish gate, the index, CJK and RTL output."""

import re

import polib
import pytest

from helpers import fill_catalog, make_project, run_cli
from l10n.render.wrap import display_width

REPORT = """# Report title

First sentence is here. Second sentence follows. See [the annex](https://example.org/annex).

A long paragraph that talks about human rights in many countries and goes on for a while so that it has to be wrapped.
"""
KO = {
    "Report title": "보고서 제목",
    "First sentence is here.": "첫 번째 문장입니다.",
    "Second sentence follows.": "두 번째 문장이 이어집니다.",
    "See <1>the annex</1>.": "<1>부록</1>을 참조하십시오.",
    "A long paragraph that talks about human rights in many countries and goes on for a while so that it has to be wrapped.":
        "여러 나라의 인권에 관해 이야기하며 한동안 이어지기 때문에 반드시 줄 바꿈이 되어야 하는 긴 문단입니다 그리고 더 길게 이어지는 문장입니다.",
}
ZH = {
    "Report title": "报告标题",
    "First sentence is here.": "第一句在这里。",
    "Second sentence follows.": "第二句紧随其后。",
    "See <1>the annex</1>.": "见<1>附件</1>。",
    "A long paragraph that talks about human rights in many countries and goes on for a while so that it has to be wrapped.":
        "这是一个很长的段落，谈论许多国家的人权问题，并且持续了一段时间，因此必须换行才能正确显示在终端上面。",
}


def edit_entry(root, msgid: str, *, msgstr: str | None = None, fuzzy: bool = False) -> None:
    """What a reviewer does in a PO editor: change one ko entry, or mark it fuzzy."""
    po_file = root / "locales/ko/LC_MESSAGES/report.po"
    po = polib.pofile(str(po_file))
    entry = po.find(msgid)
    if msgstr is not None:
        entry.msgstr = msgstr
    if fuzzy:
        entry.flags.append("fuzzy")
    po.save(str(po_file))


@pytest.fixture
def project(tmp_path, capsys):
    root = make_project(tmp_path / "p", {"report.md": REPORT}, locales=("ko", "zh_Hans", "ar"))
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    fill_catalog(root / "locales/ko/LC_MESSAGES/report.po", KO.get)
    fill_catalog(root / "locales/zh_Hans/LC_MESSAGES/report.po", ZH.get)
    return root


def test_editions_lang_dir_links_and_joining(project, capsys):
    code, out, err = run_cli(capsys, "-C", str(project), "build")
    assert code == 0, err
    ko = (project / "build/ko/report.html").read_text()
    zh = (project / "build/zh_Hans/report.html").read_text()
    ar = (project / "build/ar/report.html").read_text()
    assert '<html lang="ko" dir="ltr">' in ko
    assert '<html lang="zh-Hans" dir="ltr">' in zh
    assert '<html lang="ar" dir="rtl">' in ar
    assert '<a href="https://example.org/annex">부록</a>을 참조하십시오.' in ko
    assert "첫 번째 문장입니다. 두 번째 문장이 이어집니다." in ko  # Korean: one space
    assert "第一句在这里。第二句紧随其后。见" in zh  # Chinese: no space
    assert "Noto Sans CJK KR" in ko and '<meta charset="utf-8">' in ko
    # Arabic has no translations: every block falls back whole, so the block
    # itself is marked English and left-to-right (laid out and aligned LTR).
    assert '<span lang="en"' not in ar
    assert '<h1 lang="en" dir="ltr">Report title</h1>' in ar
    assert ('<p lang="en" dir="ltr">First sentence is here. Second sentence follows. '
            'See <a href="https://example.org/annex">the annex</a>.</p>') in ar
    assert (project / "build/ko/report.mo").stat().st_size > 0
    index = (project / "build/index.html").read_text()
    for name in ("한국어", "中文 (简体)", "العربية"):
        assert name in index
    assert 'href="ko/report.html"' in index and ">보고서 제목<" in index


def test_text_edition_wraps_by_display_width(project, capsys):
    assert run_cli(capsys, "-C", str(project), "build")[0] == 0
    for locale in ("ko", "zh_Hans"):
        text = (project / f"build/{locale}/report.txt").read_text()
        lines = text.splitlines()
        assert max(display_width(line) for line in lines) <= 72
        assert any(display_width(line) > 60 for line in lines)  # it did fill lines
    ko = (project / "build/ko/report.txt").read_text()
    from l10n.placeholders import strip_placeholders

    whole_words = {w.strip(".") for v in KO.values() for w in strip_placeholders(v).split()}
    for line in re.sub(r"\[\d+\]", "", ko).splitlines():  # link references: [1]
        for word in line.split():
            if re.search("[가-힣]", word):
                assert word.strip(".") in whole_words, f"broken Korean word {word!r}"
    zh = (project / "build/zh_Hans/report.txt").read_text()
    assert "第一句在这里。第二句紧随其后。" in zh
    assert not any(line.startswith(("。", "，")) for line in zh.splitlines())
    assert "报告标题\n========" in zh


def test_fuzzy_falls_back_unless_draft_and_drafts_are_separate_files(project, capsys):
    edit_entry(project, "First sentence is here.", fuzzy=True)
    assert run_cli(capsys, "-C", str(project), "build")[0] == 0
    published = (project / "build/ko/report.html").read_text()
    assert '<span lang="en">First sentence is here.</span>' in published
    assert "첫 번째 문장입니다." not in published
    assert run_cli(capsys, "-C", str(project), "build", "--include-fuzzy")[0] == 0
    draft = (project / "build/ko/report.draft.html").read_text()
    assert '<mark class="l10n-draft" title="unreviewed translation">첫 번째 문장입니다.</mark>' in draft
    assert "DRAFT" in draft and "DRAFT" in (project / "build/ko/report.draft.txt").read_text()
    assert (project / "build/ko/report.html").read_text() == published  # never replaced by a draft
    # The compiled catalog never ships fuzzy entries.
    mo = polib.mofile(str(project / "build/ko/report.mo"))
    assert mo.find("First sentence is here.") is None and mo.find("Report title") is not None


def test_min_reviewed_keeps_the_previous_edition(project, capsys):
    assert run_cli(capsys, "-C", str(project), "build")[0] == 0
    previous = (project / "build/ko/report.html").read_bytes()
    po_file = project / "locales/ko/LC_MESSAGES/report.po"
    fill_catalog(po_file, lambda m: "", fuzzy=False)  # translations withdrawn
    code, out, err = run_cli(capsys, "-C", str(project), "build", "--min-reviewed", "80")
    assert code == 0
    assert "ko: 0.0% reviewed, below --min-reviewed 80%: previous edition kept" in err
    assert (project / "build/ko/report.html").read_bytes() == previous


def test_a_broken_placeholder_falls_back_and_warns(project, capsys):
    edit_entry(project, "See <1>the annex</1>.", msgstr="부록을 참조하십시오.")  # link dropped
    code, out, err = run_cli(capsys, "-C", str(project), "build")
    assert code == 0
    assert "placeholder <1> missing in translation" in err
    html = (project / "build/ko/report.html").read_text()
    assert '<span lang="en">See <a href="https://example.org/annex">the annex</a>.</span>' in html


def test_translations_are_escaped_as_text(project, capsys):
    edit_entry(project, "Report title", msgstr='<script>alert("x")</script> & <b>제목</b>')
    assert run_cli(capsys, "-C", str(project), "build")[0] == 0
    html = (project / "build/ko/report.html").read_text()
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    assert "&lt;b&gt;제목&lt;/b&gt;" in html


def test_index_lists_a_published_edition_under_its_own_title_not_a_drafts(project, capsys):
    edit_entry(project, "Report title", fuzzy=True)
    assert run_cli(capsys, "-C", str(project), "build")[0] == 0
    assert run_cli(capsys, "-C", str(project), "build", "--include-fuzzy")[0] == 0
    index = (project / "build/index.html").read_text()
    assert '<a href="ko/report.html" hreflang="ko" lang="ko" dir="ltr">Report title</a>' in index
    assert '<a class="l10n-draft-link" href="ko/report.draft.html" hreflang="ko">' in index
