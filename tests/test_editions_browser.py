"""Issue 8, "In a real browser": every edition and the index, opened in headless Chromium.

The report in source/ is built for Korean and Chinese (reviewed catalogs) and
Arabic (a few reviewed sentences, the rest falls back to English).  Each page
must load without console errors, carry the right ``lang`` and ``dir``, draw
Hangul, Han and Arabic with fonts that have those glyphs, and every relative
link (``<a href>``, ``<link href>``: editions, switcher, alternates, index)
must reach a file that exists, and an ``id`` there when it names a fragment.
A screenshot of each page is left under build/screenshots/ for people to look at.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from browser import browser_page, covering_families, drawn_with_real_glyphs, open_file, platform_fonts, screenshot
from l10n.cli.main import main
from report_project import DOC, report_project

LOCALES = {
    # locale: (lang, dir, a few characters of its script)
    "ko": ("ko", "ltr", "북한"),
    "zh_Hans": ("zh-Hans", "ltr", "朝鲜"),
    "ar": ("ar", "rtl", "كوريا"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = report_project(tmp_path_factory.mktemp("browser") / "p")
    assert main(["-C", str(root), "build"]) == 0
    return root / "build"


@pytest.fixture(scope="module")
def page():
    with browser_page(width=1000, height=800) as p:
        yield p


def relative_links(page) -> list[str]:
    """Every ``<a href>`` and ``<link href>`` that resolves to a local file, as an absolute URL."""
    hrefs = page.evaluate(
        "() => Array.from(document.querySelectorAll('a[href], link[href]'))"
        ".map(e => [e.getAttribute('href'), e.href])"
    )
    return [absolute for raw, absolute in hrefs if absolute.startswith("file:") and not raw.startswith("file:")]


def broken(url: str) -> str | None:
    """Why a file: URL does not resolve, or None."""
    parts = urlsplit(url)
    path = Path(unquote(parts.path))
    if not path.is_file():
        return f"{url}: no such file"
    if parts.fragment and path.suffix == ".html":
        text = path.read_text("utf-8", errors="replace")
        if not re.search(rf"""\b(id|name)=["']?{re.escape(unquote(parts.fragment))}["'\s>]""", text):
            return f"{url}: no element with id {parts.fragment!r}"
    return None


@pytest.mark.parametrize("locale", list(LOCALES))
def test_edition_in_chromium(site: Path, page, locale: str) -> None:
    lang, direction, sample = LOCALES[locale]
    path = site / locale / f"{DOC}.html"
    assert open_file(page, path) == []
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.evaluate("document.documentElement.dir") == direction
    assert page.evaluate("getComputedStyle(document.body).direction") == direction
    links = relative_links(page)
    assert [problem for url in links if (problem := broken(url))] == []
    # The translated title and the body draw the script with a font that has its glyphs.
    assert drawn_with_real_glyphs(page, "h1", sample), platform_fonts(page, "h1")
    fonts = platform_fonts(page, "body")
    covering = covering_families(sample)
    assert sum(count for family, count in fonts.items() if family in covering) > 200, fonts
    shot = screenshot(page, site / "screenshots" / f"{locale}-{DOC}.png")
    assert shot.stat().st_size > 10_000


def test_index_in_chromium(site: Path, page) -> None:
    assert open_file(page, site / "index.html") == []
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.evaluate("document.documentElement.dir") == "ltr"
    links = relative_links(page)
    assert [problem for url in links if (problem := broken(url))] == []
    # The index reaches every edition.
    reached = {Path(unquote(urlsplit(url).path)).resolve() for url in links}
    for locale in LOCALES:
        assert (site / locale / f"{DOC}.html").resolve() in reached
    # Language names and titles in Hangul, Han and Arabic, each drawn with a real font.
    fonts = set(platform_fonts(page, "body"))
    for _, _, sample in LOCALES.values():
        assert fonts & covering_families(sample), (sample, fonts)
    screenshot(page, site / "screenshots" / "index.png")


def test_link_check_catches_a_missing_edition(site: Path, page, tmp_path: Path) -> None:
    """Control: the link check reports a relative link to a file that is not there."""
    html = tmp_path / "p.html"
    html.write_text(
        '<!DOCTYPE html><html lang="en"><head><link rel="alternate" hreflang="ko" href="ko/x.html"></head>'
        '<body><a href="#here">a</a> <a href="p.html#nowhere">b</a> <a href="https://example.org/">c</a>'
        '<p id="here">x</p></body></html>',
        "utf-8",
    )
    assert open_file(page, html) == []
    problems = [problem for url in relative_links(page) if (problem := broken(url))]
    assert len(problems) == 2
    assert "ko/x.html: no such file" in problems[0] and "no element with id 'nowhere'" in problems[1]


def test_printing_from_chromium_uses_the_editions_print_stylesheet(site: Path, page, tmp_path: Path) -> None:
    """The print stylesheet is in the edition: a browser's print gets A4 and page numbers too."""
    import pdf_tools

    assert open_file(page, site / "ko" / f"{DOC}.html") == []
    printed = tmp_path / "printed.pdf"
    page.pdf(path=str(printed), prefer_css_page_size=True)
    meta = pdf_tools.info(printed)
    assert meta["Page size"].endswith("(A4)")
    pages = int(meta["Pages"])
    for n in range(1, pages + 1):
        assert re.findall(r"\d+|/", pdf_tools.page_text(printed, n, region="footer")) == [str(n), "/", str(pages)]
