"""The bilingual review page in a real browser (Debian's chromium, tests/browser.py):
it loads with no error under its own strict CSP, the filters work offline, and
Hangul and Han are drawn with real glyphs (DOM fonts and pixels)."""

from __future__ import annotations

import json

import polib
import pytest

from browser import browser_page, drawn_with_real_glyphs, open_file, screenshot
from helpers import make_project, run_cli

DOC = """# Annual report

Officials detained 22 people in 2019. The report is [available online](https://example.org/r).

Second paragraph has one sentence. Third sentence is here.
"""
KO = {
    "Annual report": ("연례 보고서", False),
    "Officials detained 22 people in 2019.": ("당국은 2019년에 22명을 구금했다.", False),
    "The report is <1>available online</1>.": ("보고서는 온라인에서 볼 수 있다.", True),  # lost <1>: an error
    "Second paragraph has one sentence.": ("두 번째 문단은 한 문장이다.", True),
}
ZH = {
    "Annual report": ("年度报告", False),
    "Officials detained 22 people in 2019.": ("当局在2019年拘留了22人。", False),
    "Second paragraph has one sentence.": ("第二段只有一句话。", True),
}
MT = "mt: engine=argos package=translate-en_{} version=1.1 date=2026-11-27 score=0.500"


@pytest.fixture
def pages(tmp_path, capsys):
    root = make_project(tmp_path / "p", {"report.md": DOC}, locales=("ko", "zh_Hans"))
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    for locale, table, code in (("ko", KO, "ko"), ("zh_Hans", ZH, "zh")):
        path = root / "locales" / locale / "LC_MESSAGES" / "report.po"
        po = polib.pofile(str(path))
        for msgid, (msgstr, draft) in table.items():
            entry = po.find(msgid)
            entry.msgstr = msgstr
            if draft:
                entry.flags = ["fuzzy"]
                entry.tcomment = MT.format(code)
        po.save(str(path))
    assert run_cli(capsys, "-C", str(root), "review")[0] == 0
    return root / "build" / "review"


def visible_states(page) -> list[str]:
    return page.eval_on_selector_all("tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.state)")


def test_review_page_filters_and_cjk_glyphs_in_chromium(pages, tmp_path):
    with browser_page(width=1200, height=900) as page:
        # No console error: a CSP that blocked the page's own style or script would log one.
        assert open_file(page, pages / "ko" / "report.html") == []
        assert page.inner_text("#shown") == "5 of 5 sentences shown"
        assert visible_states(page) == ["reviewed", "reviewed", "machine", "machine", "untranslated"]
        # Filter by state: hide the reviewed sentences.
        page.uncheck("input[name=state][value=reviewed]")
        assert visible_states(page) == ["machine", "machine", "untranslated"]
        assert page.inner_text("#shown") == "3 of 5 sentences shown"
        # Filter by finding: only the draft that lost its placeholder.
        page.select_option("#finding", "placeholders")
        rows = page.eval_on_selector_all("tbody tr:not([hidden]) td.src", "cells => cells.map(c => c.textContent)")
        assert rows == ["The report is <1>available online</1>."]
        page.select_option("#finding", "")
        page.check("input[name=state][value=reviewed]")
        assert page.inner_text("#shown") == "5 of 5 sentences shown"
        # Hangul drawn by a font that has it (the DOM's platform fonts) ...
        assert drawn_with_real_glyphs(page, 'td.tgt[lang="ko"]', "연례보고서")
        # ... and in pixels: the same cell's text differs from tofu boxes drawn the same way.
        assert _differs_from_tofu(page, 'td.tgt[lang="ko"]', "연례 보고서")
        screenshot(page, tmp_path / "review-ko.png")

        assert open_file(page, pages / "zh_Hans" / "report.html") == []
        assert drawn_with_real_glyphs(page, 'td.tgt[lang="zh-Hans"]', "年度报告")
        assert _differs_from_tofu(page, 'td.tgt[lang="zh-Hans"]', "年度报告")
        screenshot(page, tmp_path / "review-zh.png")


def _differs_from_tofu(page, cell: str, text: str) -> bool:
    """Draw ``text`` and as many private-use characters (which no font has, so
    they are .notdef boxes) in two probes inside the first ``cell``, and compare
    their pixels: tofu in place of ``text`` would give the same picture."""
    tofu = "".join(" " if ch == " " else chr(0xE000 + i) for i, ch in enumerate(text))
    page.evaluate(
        """([cell, probes]) => {
            const td = document.querySelector(cell);
            for (const [id, text] of probes) {
                const span = document.createElement("span");
                span.id = id;
                span.textContent = text;
                td.appendChild(document.createElement("br"));
                td.appendChild(span);
            }
        }""",
        [cell, json.loads(json.dumps([["probe-real", text], ["probe-tofu", tofu]]))],
    )
    real, boxes = page.locator("#probe-real").screenshot(), page.locator("#probe-tofu").screenshot()
    return real != boxes
