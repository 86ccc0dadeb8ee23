"""PDF editions (``l10n build --format pdf``), read back with poppler-utils.

The report in source/ is built in Korean, Chinese (both reviewed) and Arabic
(a few reviewed sentences, the rest in English); each PDF is checked against
its HTML edition: the same text, real fonts that draw glyphs, the title and
language in the metadata, page numbers, and the links.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import pdf_tools
from helpers import make_project, run_cli
from l10n.cli.main import main
from l10n.render.pdf import WORD_JOINER, keep_hangul_words, render_pdf
from l10n.render.print_style import PRINT_CSS
from report_project import AR_REVIEWED, DOC, report_project

TITLES = {"ko": "북한: 체계적 탄압", "zh_Hans": "朝鲜：系统性压迫", "ar": AR_REVIEWED["North Korea: Systematic Repression"]}
# What must draw each script: fontconfig family names as pdffonts prints them (spaces as dashes).
SCRIPT_FONT = {"ko": "Noto-Sans-CJK-KR", "zh_Hans": "Noto-Sans-CJK-SC", "ar": "Noto-Sans-Arabic"}
SCRIPT = {"ko": "[\uac00-\ud7a3]", "zh_Hans": "[\u4e00-\u9fff，。、；：]", "ar": "[\u0621-\u064a]"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = report_project(tmp_path_factory.mktemp("pdf") / "p", extra='formats = ["html", "text", "pdf"]\n')
    assert main(["-C", str(root), "build"]) == 0
    return root


def edition(root: Path, locale: str, suffix: str) -> Path:
    return root / "build" / locale / f"{DOC}{suffix}"


@pytest.mark.parametrize("locale", ["ko", "zh_Hans", "ar"])
def test_pdf_text_is_the_editions_text(built: Path, locale: str) -> None:
    pdf = edition(built, locale, ".pdf")
    text = pdf_tools.body_text(pdf)
    expected = pdf_tools.html_text(edition(built, locale, ".html").read_text("utf-8"))
    assert WORD_JOINER not in text  # the line-breaking aid is invisible and not extracted
    if locale == "ar":
        assert pdf_tools.word_bag(text) == pdf_tools.word_bag(expected)
    else:
        assert pdf_tools.no_space(text) == pdf_tools.no_space(expected)


@pytest.mark.parametrize("locale", ["ko", "zh_Hans", "ar"])
def test_metadata_page_numbers_and_links(built: Path, locale: str) -> None:
    pdf = edition(built, locale, ".pdf")
    meta = pdf_tools.info(pdf)
    assert meta["Title"] == TITLES[locale]
    assert meta["Tagged"] == "yes"
    assert pdf_tools.catalog_lang(pdf) == {"ko": "ko", "zh_Hans": "zh-Hans", "ar": "ar"}[locale]
    pages = int(meta["Pages"])
    for n in range(1, pages + 1):
        # "n / pages", read in the page's direction: poppler lists a right-to-left line's runs from the left.
        footer = re.findall(r"\d+|/", pdf_tools.page_text(pdf, n, region="footer"))
        assert footer == ([str(pages), "/", str(n)] if locale == "ar" else [str(n), "/", str(pages)])
        header = pdf_tools.page_text(pdf, n, region="header")
        # The running title heads every page but the first.
        assert (pdf_tools.word_bag(header) == pdf_tools.word_bag(TITLES[locale])) == (n > 1), header
    links = pdf_tools.urls(pdf)
    assert "https://www.hrw.org/world-report/2020" in links
    assert "https://www.hrw.org/world-report/2020/country-chapters/global" in links


@pytest.mark.parametrize("locale", ["ko", "zh_Hans", "ar"])
def test_script_drawn_with_embedded_noto_glyphs(built: Path, locale: str, tmp_path: Path) -> None:
    pdf = edition(built, locale, ".pdf")
    fonts = pdf_tools.fonts(pdf)
    assert all(embedded for _, _, embedded in fonts), fonts
    assert any(name.startswith(SCRIPT_FONT[locale]) for name, _, _ in fonts), fonts
    image = pdf_tools.page_image(pdf, 1, tmp_path)
    # Words (ko, ar) or whole lines (zh) written in the script alone; up to eight of them.
    words = [w for w in pdf_tools.words_with_boxes(pdf) if re.fullmatch(f"{SCRIPT[locale]}{{4,}}", w[0])][:8]
    assert len(words) >= 5, words
    shapes = pdf_tools.glyph_shapes(image, [tuple(box) for _, *box in words])
    assert len(shapes) >= 12
    # Text is many different glyphs; missing ones would be one box shape over and over.
    assert pdf_tools.distinct_shapes(shapes) > len(shapes) / 2


def test_the_glyph_check_sees_tofu(tmp_path: Path) -> None:
    """Control: characters no font has are drawn as identical boxes, and the check says so."""
    html = '<html lang="en"><body><p style="font-size: 30pt">\ue000\ue001\ue002\ue003 abc</p></body></html>'
    pdf = tmp_path / "tofu.pdf"
    pdf.write_bytes(render_pdf(html, base_dir=tmp_path, allowed=[tmp_path]).data)
    image = pdf_tools.page_image(pdf, 1, tmp_path)
    (word, *box), = [w for w in pdf_tools.words_with_boxes(pdf) if w[0].startswith("\ue000")]
    shapes = pdf_tools.glyph_shapes(image, [tuple(box)])
    assert len(shapes) == 4 and pdf_tools.distinct_shapes(shapes) == 1
    (_, *latin), = [w for w in pdf_tools.words_with_boxes(pdf) if w[0] == "abc"]
    assert pdf_tools.distinct_shapes(pdf_tools.glyph_shapes(image, [tuple(latin)])) == 3


def test_korean_lines_break_only_between_words(built: Path) -> None:
    pdf = edition(built, "ko", ".pdf")
    expected = set(pdf_tools.html_text(edition(built, "ko", ".html").read_text("utf-8")).split())
    lines = [line for line in pdf_tools.body_text(pdf).splitlines() if line.strip()]
    assert len(lines) > 30
    # Every token of every line is a whole word of the edition: no Hangul word is cut at a line end.
    assert [t for line in lines for t in line.split() if t not in expected] == []


def test_navigation_is_not_printed(tmp_path: Path) -> None:
    """The print stylesheet leaves the language switcher and other navigation off the page."""
    html = (
        f'<!DOCTYPE html><html lang="en"><head><style>{PRINT_CSS}</style></head><body>'
        '<nav><a href="ko/a.html">한국어</a></nav><main><p>Body text.</p></main></body></html>'
    )
    pdf = tmp_path / "nav.pdf"
    pdf.write_bytes(render_pdf(html, base_dir=tmp_path, allowed=[tmp_path]).data)
    assert pdf_tools.body_text(pdf).split() == ["Body", "text."]
    assert pdf_tools.urls(pdf) == []


def test_keep_hangul_words_joins_only_body_text() -> None:
    html = (
        '<html><head><title>북한 인권</title></head><body><p title="가나">북한의 12월 &amp;가 b한</p>'
        "<!-- 가나 --><style>p::after { content: '다라' }</style>인권</body></html>"
    )
    out = keep_hangul_words(html)
    j = WORD_JOINER
    assert out == (
        f'<html><head><title>북한 인권</title></head><body><p title="가나">북{j}한{j}의 12{j}월 &amp;{j}가 b{j}한</p>'
        f"<!-- 가나 --><style>p::after {{ content: '다라' }}</style>인{j}권</body></html>"
    )
    assert keep_hangul_words("<p>no Korean</p>") == "<p>no Korean</p>"


def test_rtl_edition_is_laid_out_right_to_left(built: Path) -> None:
    pdf = edition(built, "ar", ".pdf")
    words = pdf_tools.words_with_boxes(pdf)
    right_edge = max(x1 for _, _, _, x1, _ in words)
    title_words = [w for w in words if w[0].translate(pdf_tools.BIDI_CONTROLS).strip(":") and w[2] < 120]
    # The Arabic title is set flush right, and its first word is the rightmost one.
    assert max(w[3] for w in title_words) == pytest.approx(right_edge, abs=1)
    assert min(w[1] for w in title_words) > 595 / 3
    first = max(title_words, key=lambda w: w[3])[0]
    assert sorted(first.strip(":")) == sorted("كوريا")


def test_relative_links_stay_relative_and_nothing_is_fetched(tmp_path: Path, capsys) -> None:
    from PIL import Image  # Pillow comes with WeasyPrint

    source = (
        "# Links\n\nSee [the other report](other.html#part-2) and [the original](https://example.org/r).\n\n"
        "![local](../images/pic.png)\n\n![remote](https://example.org/tracker.png)\n\n"
        "![outside](/etc/hostname)\n"
    )
    root = make_project(tmp_path / "p", {"doc.md": source}, locales=("ko",))
    (root / "images").mkdir()
    Image.new("RGB", (40, 20), "red").save(root / "images" / "pic.png")
    code, out, err = run_cli(capsys, "-C", str(root), "update")
    assert code == 0, err
    code, out, err = run_cli(capsys, "-C", str(root), "build", "--format", "pdf")
    assert code == 0, err
    pdf = root / "build" / "ko" / "doc.pdf"
    assert not (root / "build" / "ko" / "doc.html").exists()  # --format pdf replaces the configured formats
    assert set(pdf_tools.urls(pdf)) == {"other.html#part-2", "https://example.org/r"}
    images = pdf_tools.run("pdfimages", "-list", pdf).splitlines()[2:]
    assert len(images) == 1 and images[0].split()[3:5] == ["40", "20"]  # the local picture only
    # One warning per resource and page (a site build lays out the original too),
    # naming what the source wrote, never a path of the build machine.
    warnings = {line for line in err.splitlines() if line.startswith("warning: source/doc.md: PDF: image ")}
    assert len(warnings) == 2, err
    for url in ("https://example.org/tracker.png", "/etc/hostname"):
        assert any(f" {url} not loaded: refused" in w for w in warnings), err
        assert err.count(f" {url} not loaded") == 2, err  # the original's PDF and the Korean one
    assert str(tmp_path) not in err
    assert out.count("; 1 PDF page(s)") == 2, out


def test_draft_pdf_is_separate_and_marked(tmp_path: Path, capsys) -> None:
    root = make_project(tmp_path / "p", {"doc.md": "# Title\n\nOne sentence.\n"}, locales=("ko",))
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    po_path = root / "locales" / "ko" / "LC_MESSAGES" / "doc.po"
    po_path.write_text(
        po_path.read_text("utf-8").replace('msgid "One sentence."\nmsgstr ""', '#, fuzzy\nmsgid "One sentence."\nmsgstr "한 문장."'),
        "utf-8",
    )
    assert run_cli(capsys, "-C", str(root), "build", "--include-fuzzy", "--format", "pdf")[0] == 0
    draft = root / "build" / "ko" / "doc.draft.pdf"
    text = pdf_tools.body_text(draft)
    assert "DRAFT" in text and "한 문장." in text
    published = root / "build" / "ko" / "doc.pdf"
    # The published PDF beside the draft never shows the draft.
    assert "DRAFT" not in pdf_tools.body_text(published) and "한 문장." not in pdf_tools.body_text(published)
    # A plain build removes the draft, which would go stale.
    code, out, _ = run_cli(capsys, "-C", str(root), "build", "--format", "pdf")
    assert code == 0 and not draft.exists() and "1 stale draft(s) removed" in out


def test_rebuild_writes_identical_pdfs(built: Path, capsys) -> None:
    before = edition(built, "ko", ".pdf").read_bytes()
    code, out, _ = run_cli(capsys, "-C", str(built), "build")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) >= 3 and all(" 0 file(s) written" in line for line in lines), out
    assert edition(built, "ko", ".pdf").read_bytes() == before


def test_formats_config_is_validated(tmp_path: Path, capsys) -> None:
    root = make_project(tmp_path / "p", {"doc.md": "# T\n"}, locales=("ko",), extra='formats = ["html", "docx"]\n')
    code, _, err = run_cli(capsys, "-C", str(root), "build")
    assert code == 1
    assert re.search(r"error: .*l10n\.toml:4: unknown edition format 'docx'", err), err
    (root / "l10n.toml").write_text((root / "l10n.toml").read_text().replace('["html", "docx"]', "[]"))
    code, _, err = run_cli(capsys, "-C", str(root), "build")
    assert code == 1 and "l10n.toml:4: formats is empty" in err


def test_missing_weasyprint_is_a_clear_error_and_writes_nothing(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"doc.md": "# T\n\nA sentence.\n"}, locales=("ko",))
    assert main(["-C", str(root), "update"]) == 0
    # A weasyprint that cannot load, as on a machine without Pango.
    broken = tmp_path / "broken"
    (broken / "weasyprint").mkdir(parents=True)
    (broken / "weasyprint" / "__init__.py").write_text("raise OSError('cannot load library pango-1.0-0')\n")
    repo = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-m", "l10n", "build", "--format", "html", "--format", "pdf"],
        cwd=root, capture_output=True, text=True, env={"PYTHONPATH": f"{broken}:{repo}", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1
    assert "error: PDF editions need WeasyPrint: cannot load library pango-1.0-0" in result.stderr
    # The install hint works from the clone this l10n runs from (l10n-reports is not on PyPI).
    assert f"{sys.executable} -m pip install -e '{repo}[pdf]'" in result.stderr, result.stderr
    assert "l10n-reports[pdf]" not in result.stderr
    assert not (root / "build").exists()


def test_japanese_is_drawn_with_the_japanese_cjk_face(tmp_path: Path, capsys) -> None:
    """Han characters shared with Chinese take Japanese glyph forms in a Japanese edition."""
    root = make_project(tmp_path / "p", {"doc.md": "# Report\n\nHuman rights are universal.\n"}, locales=("ja",))
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    po_path = root / "locales" / "ja" / "LC_MESSAGES" / "doc.po"
    text = po_path.read_text("utf-8")
    text = text.replace('msgid "Report"\nmsgstr ""', 'msgid "Report"\nmsgstr "報告書"')
    text = text.replace('msgid "Human rights are universal."\nmsgstr ""', 'msgid "Human rights are universal."\nmsgstr "人権は普遍的なものである。"')
    po_path.write_text(text, "utf-8")
    assert run_cli(capsys, "-C", str(root), "build", "--format", "pdf")[0] == 0
    pdf = root / "build" / "ja" / "doc.pdf"
    names = [name for name, _, embedded in pdf_tools.fonts(pdf) if embedded]
    assert any(name.startswith("Noto-Sans-CJK-JP") for name in names), names
    assert pdf_tools.no_space(pdf_tools.body_text(pdf)) == "報告書人権は普遍的なものである。"
    assert pdf_tools.info(pdf)["Title"] == "報告書" and pdf_tools.catalog_lang(pdf) == "ja"
