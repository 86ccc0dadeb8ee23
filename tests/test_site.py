"""The editions as a site: index, switcher, alternates, notices, drafts, RTL,
text-only contexts, entities and the HTML skeleton, text references."""

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import polib
from lxml import html as lxml_html

from helpers import fill_catalog, make_project, run_cli

REPORT = """# Report title

First sentence is here. Second sentence follows. See [the annex](https://example.org/annex).

*A caption of a photo.*

Cited again: [the same annex](https://example.org/annex) and [an essay](essay.html).
"""
KO = {
    "Report title": "보고서 제목",
    "First sentence is here.": "첫 번째 문장입니다.",
    "See <1>the annex</1>.": "<1>부록</1>을 참조하십시오.",
    "A caption of a photo.": "사진 설명.",
}
ZH = {m: "中文" + str(i) + "。" for i, m in enumerate(
    ["Report title", "First sentence is here.", "Second sentence follows.", "A caption of a photo."])}
ZH["See <1>the annex</1>."] = "见<1>附件</1>。"
ZH["Cited again: <1>the same annex</1> and <2>an essay</2>."] = "再次引用<1>同一附件</1>和<2>文章</2>。"


def build_project(tmp_path, capsys, *, locales=("ko", "zh_Hans", "ja", "ar"), sources=None, extra=""):
    root = make_project(tmp_path / "p", sources or {"report.md": REPORT}, locales=locales, extra=extra)
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    return root


def fill(root: Path, locale: str, table: dict, doc: str = "report", *, fuzzy: bool = False) -> None:
    fill_catalog(root / f"locales/{locale}/LC_MESSAGES/{doc}.po", lambda m: table.get(m, ""), fuzzy=fuzzy)


def links(page: Path) -> list[tuple[str, dict]]:
    tree = lxml_html.fromstring(page.read_bytes())
    return [(el.tag, dict(el.attrib)) for el in tree.iter("a", "link")]


def test_index_original_switcher_alternates_and_notice(tmp_path, capsys):
    root = build_project(tmp_path, capsys)
    fill(root, "ko", KO)  # partly reviewed
    fill(root, "zh_Hans", ZH)  # complete
    fill(root, "ja", {"Report title": "報告書"}, fuzzy=True)  # drafts only: nothing reviewed
    code, out, err = run_cli(capsys, "-C", str(root), "build")
    assert code == 0, err
    assert "en: the original and the index" in out
    build = root / "build"

    # The index: in English, the report's own title, the original, editions by their own names.
    index = lxml_html.fromstring((build / "index.html").read_bytes())
    assert index.get("lang") == "en" and index.findtext(".//title") == "Report title"
    assert index.findtext(".//h1") == "Report title"
    rows = {tr.find("th").text_content(): tr for tr in index.iter("tr") if tr.find("th") is not None
            and tr.find("th").get("scope") == "row"}
    assert set(rows) == {"English", "한국어", "中文 (简体)", "日本語", "العربية"}
    assert rows["English"].find(".//a").get("href") == "en/report.html"
    assert "original" in rows["English"].text_content()
    assert rows["한국어"].find(".//a").text_content() == "보고서 제목"
    assert "66% reviewed" in rows["한국어"].text_content()  # 4 of 6 units (never rounded up)
    assert "100% reviewed" in rows["中文 (简体)"].text_content()
    for name in ("日本語", "العربية"):  # nothing reviewed: not an edition
        assert rows[name].find(".//a") is None
        assert "not yet available" in rows[name].text_content()
    # The name in its own direction, inside a cell that starts where the others do.
    assert rows["العربية"].find("th/span").get("dir") == "rtl" and rows["العربية"].find("th").get("dir") is None

    # The original, rendered from the source.
    original = (build / "en/report.html").read_text()
    assert '<html lang="en" dir="ltr">' in original and 'lang="en"' not in original.split("</nav>")[1]

    # Every page: switcher with each published language in its own script, alternates, canonical.
    published = {"en": "en/report.html", "ko": "ko/report.html", "zh-Hans": "zh_Hans/report.html"}
    for locale in ("en", "ko", "zh_Hans", "ja", "ar"):
        page = build / locale / "report.html"
        tree = lxml_html.fromstring(page.read_bytes())
        alternates = {el.get("hreflang"): el.get("href") for el in tree.iter("link") if el.get("rel") == "alternate"}
        assert alternates == {**{k: "../" + v for k, v in published.items()}, "x-default": "../en/report.html"}
        canonical = [el.get("href") for el in tree.iter("link") if el.get("rel") == "canonical"]
        assert canonical == [f"../{locale}/report.html"]
        nav = tree.find(".//nav")
        names = [el.text_content() for el in nav.iter("a", "span")]
        expected = {"en": "English", "ko": "한국어", "zh_Hans": "中文 (简体)", "ja": "日本語", "ar": "العربية"}
        assert set(names) == {"English", "한국어", "中文 (简体)", expected[locale]}
        current = nav.find(".//span[@aria-current='page']")
        assert current.text_content() == expected[locale]
    # Every link between pages and from the index resolves to a file.
    for page in [build / "index.html", *build.glob("*/report.html")]:
        for tag, attrs in links(page):
            target = attrs.get("href", "")
            if tag == "a" and not urlsplit(target).scheme and not target.endswith("essay.html"):
                assert (page.parent / unquote(target)).is_file(), (page, target)

    # The notice, in the page's language, only where sentences are in English.
    ko = (build / "ko/report.html").read_text()
    assert '<p class="l10n-notice" role="note">이 판의 일부 문장은 아직 번역되지 않아 영어로 표시됩니다.</p>' in ko
    assert 'class="l10n-notice"' not in (build / "zh_Hans/report.html").read_text()
    assert 'class="l10n-notice"' not in original
    assert 'class="l10n-notice" role="note" lang="en"' not in (build / "ar/report.html").read_text()


def test_publish_gate_shows_not_yet_available(tmp_path, capsys):
    root = build_project(tmp_path, capsys, locales=("ko", "zh_Hans"))
    fill(root, "ko", KO)
    fill(root, "zh_Hans", ZH)
    assert run_cli(capsys, "-C", str(root), "build", "--min-reviewed", "90")[0] == 0
    index = (root / "build/index.html").read_text()
    assert 'href="zh_Hans/report.html"' in index and 'href="ko/report.html"' not in index
    zh = (root / "build/zh_Hans/report.html").read_text()
    assert 'hreflang="ko"' not in zh and "한국어" not in zh


def test_include_fuzzy_refreshes_published_editions_and_plain_build_removes_drafts(tmp_path, capsys):
    root = build_project(tmp_path, capsys, locales=("ko",))
    fill(root, "ko", KO)
    assert run_cli(capsys, "-C", str(root), "build")[0] == 0
    po_file = root / "locales/ko/LC_MESSAGES/report.po"
    po = polib.pofile(str(po_file))
    po.find("Second sentence follows.").msgstr = "두 번째 문장입니다."  # reviewed since
    po.find("Report title").msgstr = "새 제목"
    po.find("Report title").flags.append("fuzzy")
    po.save(str(po_file))
    code, out, err = run_cli(capsys, "-C", str(root), "build", "--include-fuzzy")
    assert code == 0, err
    published = (root / "build/ko/report.html").read_text()
    assert "두 번째 문장입니다." in published and "새 제목" not in published  # not stale, not a draft
    mo = polib.mofile(str(root / "build/ko/report.mo"))
    assert mo.find("Second sentence follows.").msgstr == "두 번째 문장입니다."
    assert mo.find("Report title") is None
    draft = root / "build/ko/report.draft.html"
    assert '<mark class="l10n-draft" title="unreviewed translation">새 제목</mark>' in draft.read_text()
    draft_text = (root / "build/ko/report.draft.txt").read_text()
    assert "[DRAFT: 새 제목]" in draft_text
    assert '<meta name="robots" content="noindex">' in draft.read_text()
    assert 'href="ko/report.draft.html"' in (root / "build/index.html").read_text()
    code, out, err = run_cli(capsys, "-C", str(root), "build")
    assert "2 stale draft(s) removed" in out
    assert not draft.exists() and not (root / "build/ko/report.draft.txt").exists()
    assert "report.draft" not in (root / "build/index.html").read_text()


HTML_SOURCE = """<!DOCTYPE html>
<html lang="en">
<head>
  <title>Annual report &amp; notes</title>

  <meta name="description" content="Findings of the year.">
  <meta charset="utf-8">
  <link rel="stylesheet" href="s.css">

  <script>var a = 1 &amp;&amp; 2;</script>
</head>
<body>
<p>Price:&nbsp;10&nbsp;USD &copy; 2020 &mdash; fine. Second sentence here.</p>
<p>&copy;&nbsp;2020</p>
<form><select><option>First choice here.</option></select></form>
</body>
</html>
"""


def test_title_option_and_attributes_stay_plain_text(tmp_path, capsys):
    root = build_project(tmp_path, capsys, locales=("ko", "ar"), sources={"page.html": HTML_SOURCE})
    fill(root, "ko", {"Second sentence here.": "두 번째 문장."}, doc="page")
    fill(root, "ar", {"Annual report & notes": "تقرير", "First choice here.": "خيار",
                      "Findings of the year.": "نتائج"}, doc="page", fuzzy=True)
    assert run_cli(capsys, "-C", str(root), "build", "--include-fuzzy")[0] == 0
    for page in ("ko/page.html", "ar/page.html", "ar/page.draft.html", "en/page.html"):
        tree = lxml_html.fromstring((root / "build" / page).read_bytes())
        for tag in ("title", "option"):
            element = tree.find(f".//{tag}")
            assert len(element) == 0, (page, tag, lxml_html.tostring(element))  # no child element
    draft = (root / "build/ar/page.draft.html").read_text()
    assert "<title>تقرير</title>" in draft and "<option>خيار</option>" in draft
    assert 'content="نتائج"' in draft


def test_source_skeleton_entities_and_nbsp_are_kept(tmp_path, capsys):
    root = build_project(tmp_path, capsys, locales=("ko",), sources={"page.html": HTML_SOURCE})
    po = (root / "locales/ko/LC_MESSAGES/page.po").read_text()
    assert 'msgid "Price:\u00a010\u00a0USD © 2020 — fine."' in po  # the no-break spaces are in the unit
    fill(root, "ko", {"Second sentence here.": "두 번째 문장."}, doc="page")
    assert run_cli(capsys, "-C", str(root), "build")[0] == 0
    for locale in ("en", "ko"):
        page = (root / "build" / locale / "page.html").read_text()
        # What l10n adds is whole lines (after the charset, before </head>, after <body>);
        # without them, and with lang/dir and the text it translated, the source is back byte for byte.
        lines = page.split("\n")
        added = [i for i, line in enumerate(lines) if line.startswith(
            ('<meta http-equiv="Content-Security-Policy"', "<link rel=", '<nav class="l10n-languages"',
             '<p class="l10n-notice"'))]
        style_start = next(i for i, line in enumerate(lines) if line.startswith('<style id="l10n-fonts">'))
        style_end = next(i for i in range(style_start, len(lines)) if lines[i].startswith("</style>"))
        kept = [line for i, line in enumerate(lines) if i not in added and not style_start <= i <= style_end]
        expected = HTML_SOURCE.replace('<html lang="en">', f'<html lang="{locale}" dir="ltr">')
        if locale == "ko":
            expected = expected.replace(
                "<p>Price:&nbsp;10&nbsp;USD &copy; 2020 &mdash; fine. Second sentence here.</p>",
                '<p><span lang="en">Price:&nbsp;10&nbsp;USD © 2020 — fine.</span> 두 번째 문장.</p>')
        assert "\n".join(kept) == expected
    text = (root / "build/ko/page.txt").read_text()
    assert "Price:\u00a010\u00a0USD" in text and "©\u00a02020" in text


def test_every_right_to_left_language_babel_knows_gets_an_rtl_edition(tmp_path):
    """Not a hard-coded list: every language whose Babel locale writes right to left."""
    from babel import Locale
    from babel.localedata import locale_identifiers

    from l10n.formats import read_document
    from l10n.locales import bcp47_tag, text_direction
    from l10n.render.edition import translate_document
    from l10n.render.html import render_html

    rtl = sorted({i for i in locale_identifiers() if "_" not in i
                  and Locale.parse(i).character_order == "right-to-left"})
    assert {"ar", "fa", "he", "ur", "ps", "yi"} <= set(rtl) and len(rtl) >= 8
    source = tmp_path / "doc.md"
    source.write_text("# A title here\n\n- One item in English.\n\n> A quoted sentence.\n", encoding="utf-8")
    for locale in rtl:
        document = read_document(source)
        translate_document(document, None, locale=locale, source_locale="en")
        page = lxml_html.fromstring(render_html(document, lang=bcp47_tag(locale), direction=text_direction(locale)))
        assert (page.get("lang"), page.get("dir")) == (bcp47_tag(locale), "rtl"), locale
        for tag in ("h1", "li", "p"):  # whole English blocks: left to right inside the rtl page
            block = page.find(f".//{tag}")
            assert (block.get("lang"), block.get("dir")) == ("en", "ltr"), (locale, tag)


def test_rtl_editions_switcher_and_fallback_blocks(tmp_path, capsys):
    source = REPORT + "\n- An item in English.\n- Another item here.\n\n> A quoted sentence.\n"
    root = build_project(tmp_path, capsys, locales=("fa", "he", "ko"), sources={"report.md": source})
    fill(root, "he", {"Report title": "כותרת הדוח", "An item in English.": "פריט ברשימה."})
    fill(root, "fa", {"Report title": "عنوان گزارش"})
    assert run_cli(capsys, "-C", str(root), "build")[0] == 0
    he = lxml_html.fromstring((root / "build/he/report.html").read_bytes())
    assert he.get("dir") == "rtl" and he.get("lang") == "he"
    # A whole English paragraph, list item or quote gets lang and dir on its block.
    blocks = {el.text_content().strip(): el for el in he.iter("p", "li", "h1")}
    assert blocks["Another item here."].get("dir") == "ltr" and blocks["Another item here."].get("lang") == "en"
    assert blocks["A quoted sentence."].get("dir") == "ltr"
    assert blocks["פריט ברשימה."].get("dir") is None  # translated: inherits rtl
    assert he.find(".//nav").find(".//span").get("dir") == "rtl"  # the current language, rtl
    names = [a.text_content() for a in he.find(".//nav").iter("a")]
    assert names == ["English", "فارسی"]
    notice = he.find(".//p[@class='l10n-notice']")
    assert notice.text_content() == "חלק מהמשפטים במהדורה זו טרם תורגמו ומוצגים באנגלית."
    assert notice.get("lang") is None  # the page's own language
    # Korean, Hebrew: no synthetic italics for emphasis (their fonts have none); in a browser below.
    css = (root / "build/ko/report.html").read_text()
    rule = next(line for line in css.splitlines() if line.startswith(":is(em, i, cite, dfn, var, address)"))
    assert ":lang(ko)" in rule and ":lang(he)" in rule and ":lang(ar)" in rule and "font-style: normal" in rule


def test_text_edition_keeps_links_as_numbered_references(tmp_path, capsys):
    root = build_project(tmp_path, capsys, locales=("ko", "zh_Hans"))
    fill(root, "ko", KO)
    fill(root, "zh_Hans", ZH)
    assert run_cli(capsys, "-C", str(root), "build")[0] == 0
    en = (root / "build/en/report.txt").read_text()
    paragraphs = en.split("\n\n")
    see = next(i for i, p in enumerate(paragraphs) if "See the annex [1]." in p)
    assert paragraphs[see + 1] == "[1] https://example.org/annex"  # listed right after its paragraph
    cited = next(p for p in paragraphs if p.startswith("Cited again"))
    assert "the same annex [1] and an essay [2]." in " ".join(cited.split())  # same URL, same number
    assert "[2] essay.html" in en and en.count("https://example.org/annex") == 1
    ko = (root / "build/ko/report.txt").read_text()
    assert "부록[1]을 참조하십시오." in ko  # no space inside a Korean word
    zh = (root / "build/zh_Hans/report.txt").read_text()
    assert "见附件[1]。" in zh and "[1] https://example.org/annex" in zh
    assert re.search(r"同一附件\[1\]和文章\[2\]。", zh)


FOOTNOTED = """# Footnotes and links

The report cites a source[^a] and links to [the annex](https://example.org/annex).

A second note[^b] and [another page](https://example.org/other).

[^a]: The first footnote, with [a link](https://example.org/in-note).
[^b]: The second footnote.
"""
HTML_FOOTNOTED = """<!DOCTYPE html><html><head><title>Notes</title></head><body>
<p>A claim<sup><a href="#n1">1</a></sup> and <a href="https://example.org/a">a page</a>.</p>
<p>Another<sup><a href="#n2">[2]</a></sup>.</p>
<ol><li id="n1">Note one.</li><li id="n2">Note two.</li></ol></body></html>
"""


def test_text_edition_footnote_marks_and_link_references_never_share_a_number(tmp_path, capsys):
    root = build_project(tmp_path, capsys, locales=("ko",),
                         sources={"report.md": FOOTNOTED, "page.html": HTML_FOOTNOTED})
    fill(root, "ko", {"The report cites a source<1><2>[1]</2></1> and links to <3>the annex</3>.":
                      "보고서는 출처<1><2>[1]</2></1>를 인용하고 <3>부록</3>에 연결합니다."})
    assert run_cli(capsys, "-C", str(root), "build")[0] == 0
    # (edition, its footnotes' numbers, the marks written [n] in the text)
    for page, marks, bracketed in (("en/report.txt", {1, 2}, {1, 2}), ("ko/report.txt", {1, 2}, {1, 2}),
                                   ("en/page.txt", {1, 2}, {2})):
        text = (root / "build" / page).read_text()
        listed = {int(n) for n in re.findall(r"^ *\[(\d+)\] \S+$", text, re.M)}  # "[3] https://..."
        cited = {int(n) for n in re.findall(r"\[(\d+)\]", text)}
        assert listed and bracketed <= cited, (page, text)
        assert not listed & marks, (page, text)  # a link reference never takes a footnote's number
        for number in listed:  # and each reference number is listed for one URL only
            assert len(re.findall(rf"^ *\[{number}\] ", text, re.M)) == 1
    ko = (root / "build/ko/report.txt").read_text()
    assert "출처[1]를 인용하고 부록[3]에 연결합니다." in ko


def test_site_url_makes_canonical_and_alternates_absolute_and_replaces_the_sources(tmp_path, capsys):
    source = HTML_SOURCE.replace('<meta charset="utf-8">', '<meta charset="utf-8">\n  <link rel="canonical" '
                                 'href="https://old.example/page">\n  <link rel="alternate" hreflang="en" href="/x">')
    root = build_project(tmp_path, capsys, locales=("ko",), sources={"my page.html": source},
                         extra='site_url = "https://example.org/reports"\n')
    fill(root, "ko", {"Second sentence here.": "두 번째 문장."}, doc="my page")
    assert run_cli(capsys, "-C", str(root), "build")[0] == 0
    tree = lxml_html.fromstring((root / "build/ko/my page.html").read_bytes())
    found = [(el.get("rel"), el.get("hreflang"), el.get("href")) for el in tree.iter("link") if el.get("rel") != "stylesheet"]
    assert found == [("canonical", None, "https://example.org/reports/ko/my%20page.html"),
                     ("alternate", "en", "https://example.org/reports/en/my%20page.html"),
                     ("alternate", "ko", "https://example.org/reports/ko/my%20page.html"),
                     ("alternate", "x-default", "https://example.org/reports/en/my%20page.html")]
    nav_links = [a.get("href") for a in tree.find(".//nav").iter("a")]
    assert nav_links == ["../en/my%20page.html"]  # the switcher stays relative: build/ works from disk


def test_a_bad_site_url_is_a_located_error(tmp_path, capsys):
    root = make_project(tmp_path / "p", {"report.md": REPORT}, locales=("ko",), extra='site_url = "example.org"\n')
    code, out, err = run_cli(capsys, "-C", str(root), "build")
    assert code == 1
    assert re.search(r"error: .*l10n.toml:4: site_url must be an http\(s\) URL", err), err


def test_in_a_browser_rtl_fallback_blocks_are_ltr_and_cjk_emphasis_is_upright(tmp_path, capsys):
    from browser import browser_page, open_file

    root = build_project(tmp_path, capsys, locales=("ko", "ar"))
    fill(root, "ko", KO)
    fill(root, "ar", {"Report title": "عنوان التقرير"})
    assert run_cli(capsys, "-C", str(root), "build")[0] == 0
    style = "(s => [s.direction, s.textAlign, s.fontStyle])(getComputedStyle(document.querySelector(%r)))"
    with browser_page() as page:
        assert open_file(page, root / "build/ar/report.html") == []
        assert page.evaluate(style % "h1")[0] == "rtl"
        paragraph = page.evaluate(style % "main p")  # an English paragraph: left to right, aligned left
        assert paragraph[:2] == ["ltr", "start"]
        left = page.evaluate("document.querySelector('main p').getBoundingClientRect().left")
        main_left = page.evaluate("document.querySelector('main').getBoundingClientRect().left")
        assert abs(left - main_left) < 1
        assert page.evaluate(style % "nav ul")[0] == "rtl"
        assert open_file(page, root / "build/ko/report.html") == []
        caption = page.evaluate(style % "main em")
        assert caption[2] == "normal"  # "사진 설명." is not slanted
        assert page.evaluate("document.querySelector('main em').textContent") == "사진 설명."
        assert open_file(page, root / "build/en/report.html") == []
        assert page.evaluate(style % "main em")[2] == "italic"  # English keeps its italics


def test_several_documents_a_locale_subset_and_markdown_nbsp(tmp_path, capsys):
    sources = {"report.md": REPORT, "annex.md": "# The annex\n\nPrice:&nbsp;10&nbsp;USD. A second sentence.\n"}
    root = build_project(tmp_path, capsys, locales=("ko", "zh_Hans"), sources=sources)
    fill(root, "ko", KO)
    fill(root, "zh_Hans", ZH)
    fill(root, "zh_Hans", {"The annex": "附件"}, doc="annex")
    assert run_cli(capsys, "-C", str(root), "build", "--locale", "zh_Hans")[0] == 0
    # ko was not built: not linked yet, since its pages do not exist.
    assert "한국어" in (root / "build/index.html").read_text() and not (root / "build/ko").exists()
    assert 'hreflang="ko"' not in (root / "build/zh_Hans/report.html").read_text()
    assert run_cli(capsys, "-C", str(root), "build")[0] == 0
    assert run_cli(capsys, "-C", str(root), "build", "--locale", "zh_Hans")[0] == 0
    # Built before, published: the zh_Hans pages built alone now link ko too.
    assert '<link rel="alternate" hreflang="ko" href="../ko/report.html">' in (root / "build/zh_Hans/report.html").read_text()
    index = lxml_html.fromstring((root / "build/index.html").read_bytes())
    assert index.findtext(".//h1") == "test"  # several documents: the project's name
    assert [h.text_content() for h in index.iter("h2")] == ["The annex", "Report title"]
    annex_rows = index.iter("section").__next__().text_content()
    assert "not yet available" in annex_rows and "附件" in annex_rows  # ko has no reviewed unit in the annex
    po = (root / "locales/ko/LC_MESSAGES/annex.po").read_text()
    assert 'msgid "Price:\u00a010\u00a0USD."' in po
    assert "<p>Price:&nbsp;10&nbsp;USD. A second sentence.</p>" in (root / "build/en/annex.html").read_text()


def test_a_french_source_gets_a_french_index_and_notices_naming_french(tmp_path, capsys):
    root = make_project(tmp_path / "p", {"r.md": "# Rapport annuel\n\nUne phrase ici. Une autre phrase.\n"},
                        locales=("en", "ko"), extra='source_language = "fr"\n')
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    fill(root, "en", {"Une phrase ici.": "A sentence here."}, doc="r")
    fill(root, "ko", {"Une phrase ici.": "여기 한 문장."}, doc="r")
    assert run_cli(capsys, "-C", str(root), "build")[0] == 0
    index = (root / "build/index.html").read_text()
    assert '<html lang="fr" dir="ltr">' in index and "<th scope=\"col\">Langue</th>" in index
    assert 'href="fr/r.html"' in index and "33\u00a0% relu" in index  # Babel's French percent
    assert "shown in French." in (root / "build/en/r.html").read_text()
    assert "프랑스어로 표시됩니다." in (root / "build/ko/r.html").read_text()
    assert '<span lang="fr">Une autre phrase.</span>' in (root / "build/ko/r.html").read_text()


def test_index_links_each_editions_pdf_and_review_page_where_they_exist(tmp_path, capsys):
    root = build_project(tmp_path, capsys, locales=("ko", "zh_Hans"))
    fill(root, "ko", KO)
    fill(root, "zh_Hans", ZH)

    def row_links(name: str) -> dict[str, str]:
        index = lxml_html.fromstring((root / "build/index.html").read_bytes())
        row = next(tr for tr in index.iter("tr") if tr.find("th") is not None and tr.find("th").text_content() == name)
        return {a.get("class") or "edition": a.get("href") for a in row.iter("a")}

    assert run_cli(capsys, "-C", str(root), "build")[0] == 0
    assert row_links("한국어") == {"edition": "ko/report.html"}  # no PDF, no review page yet
    assert run_cli(capsys, "-C", str(root), "review", "--locale", "ko")[0] == 0
    assert run_cli(capsys, "-C", str(root), "build", "--format", "html", "--format", "pdf")[0] == 0
    assert row_links("한국어") == {"edition": "ko/report.html", "l10n-pdf-link": "ko/report.pdf",
                                  "l10n-review-link": "review/ko/report.html"}
    assert row_links("中文 (简体)") == {"edition": "zh_Hans/report.html", "l10n-pdf-link": "zh_Hans/report.pdf"}
    assert row_links("English") == {"edition": "en/report.html", "l10n-pdf-link": "en/report.pdf"}
    for target in row_links("한국어").values():  # every link leads to a file that is there
        assert (root / "build" / unquote(target)).is_file(), target


def test_in_a_browser_right_to_left_names_keep_clear_of_the_next_column(tmp_path, capsys):
    from browser import browser_page, open_file

    root = build_project(tmp_path, capsys, locales=("ar", "he", "fa", "ko"))
    assert run_cli(capsys, "-C", str(root), "build")[0] == 0
    boxes = """[...document.querySelectorAll('tbody tr')].map(tr => {
        const [name, edition] = tr.children, range = document.createRange();
        range.selectNodeContents(name);
        const text = range.getBoundingClientRect(), next = edition.getBoundingClientRect();
        return [name.textContent, text.left, text.right, name.getBoundingClientRect().left, next.left];
    })"""
    with browser_page() as page:
        assert open_file(page, root / "build/index.html") == []
        rows = page.evaluate(boxes)
    assert {r[0] for r in rows} >= {"العربية", "עברית", "فارسی", "한국어"}
    for name, left, right, cell_left, next_left in rows:
        assert abs(left - cell_left) < 1, name  # starts where its column starts, like the others
        assert next_left - right >= 8, name  # and leaves a gap before the next column
