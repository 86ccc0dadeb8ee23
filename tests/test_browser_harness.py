"""The shared browser harness (tests/browser.py) against pages with known faults and scripts."""

from __future__ import annotations

from pathlib import Path

from browser import browser_page, covering_families, drawn_with_real_glyphs, open_file, platform_fonts, screenshot

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>
<p id="ko" lang="ko">인권 보고서</p>
<p id="zh" lang="zh-Hans">人权报告</p>
<p id="ar" lang="ar" dir="rtl">تقرير حقوق الإنسان</p>
<p id="mixed"><span lang="ko">한국어</span> and <b>English</b></p>
<p id="pua">\ue000\ue001\ue002</p>
{extra}
</body></html>
"""


def write(tmp_path: Path, extra: str = "", name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_text(PAGE.format(extra=extra), encoding="utf-8")
    return path


def test_clean_page_has_no_errors_and_real_fonts(tmp_path: Path) -> None:
    path = write(tmp_path)
    with browser_page() as page:
        assert open_file(page, path) == []
        ko = platform_fonts(page, "#ko")
        zh = platform_fonts(page, "#zh")
        ar = platform_fonts(page, "#ar")
        # Descendant text counts: the Hangul inside the span of #mixed is drawn by the CJK face.
        mixed = platform_fonts(page, "#mixed")
        pua = platform_fonts(page, "#pua")
        assert drawn_with_real_glyphs(page, "#ar", "تقرير")
        # Tofu: private-use code points have no font, so their boxes come from a non-covering face.
        assert not drawn_with_real_glyphs(page, "#pua", "\ue000")
    assert any("CJK" in family for family in ko), ko
    assert any("CJK" in family for family in zh), zh
    assert set(ar) & covering_families("تقرير حقوق"), ar
    assert any("CJK" in family for family in mixed) and len(mixed) >= 2, mixed
    assert not set(pua) & covering_families("\ue000"), pua
    assert not set(ko) & covering_families("تقرير") - covering_families("인권"), ko
    assert sum(ko.values()) == len("인권보고서") + 1  # five syllables and the space


def test_script_and_console_errors_are_reported(tmp_path: Path) -> None:
    extra = '<script>console.error("boom"); undefinedFunction();</script><link rel="stylesheet" href="missing.css">'
    path = write(tmp_path, extra)
    with browser_page() as page:
        errors = open_file(page, path)
    assert any("boom" in e for e in errors), errors
    assert any(e.startswith("pageerror:") and "undefinedFunction" in e for e in errors), errors
    assert any("missing.css" in e for e in errors), errors


def test_screenshot_writes_a_png(tmp_path: Path) -> None:
    path = write(tmp_path)
    with browser_page(width=400, height=300) as page:
        open_file(page, path)
        shot = screenshot(page, tmp_path / "shots" / "page.png")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(data[16:20], "big")
    assert width == 400
