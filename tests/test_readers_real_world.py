"""Browser-faithful trees, front matter, extensions, configurable attributes, block languages."""

from pathlib import Path

from helpers import html5_outline, make_project, run_cli
from l10n.formats.html import parse_html
from l10n.formats.markdown import parse_markdown
from l10n.render.edition import translate_document
from l10n.render.html import serialize
from l10n.render.text import render_text
from l10n.segment import extract_units


def test_link_around_a_block_and_missing_head_end_are_built_like_a_browser():
    source = '<html><head><title>Page title</title>\n<body><p><a href="x"><div><img src="i" alt="A photo."></div></a></p><p>Text.</p>'
    doc = parse_html(source, path=Path("p.html"))
    html = serialize([doc.root])
    assert html5_outline(html) == html5_outline(source)
    assert '<div><a href="x"><img src="i" alt="A photo."></a></div>' in html
    # The link's URL as a numbered reference after its block; the empty link the
    # browser leaves in the <p> gets none.
    assert render_text(doc.root) == "Page title\n==========\n\n[A photo.] [1]\n\n[1] x\n\nText.\n"


def test_markdown_html_blocks_are_one_stream():
    source = "<details>\n<summary>More</summary>\n\n```sh\nls -l\n```\n\nSome *text*.\n\n</details>\n\nAfter.\n"
    doc = parse_markdown(source, path=Path("d.md"))
    assert serialize(doc.root.children).startswith("<details>\n<summary>More</summary>\n<pre><code")
    details = doc.root.children[0]
    assert details.tag == "details" and any(getattr(c, "tag", "") == "p" for c in details.children)


def test_front_matter_keys_and_translatable_attributes_come_from_the_config(tmp_path, capsys):
    source = '---\ntitle: Hello there\nsummary: "Short one."\nweight: 3\n---\n\n<my-figure caption="A caption.">x</my-figure>\n'
    project = make_project(
        tmp_path / "p",
        {"doc.md": source},
        extra='front_matter_keys = ["title", "summary"]\n[translatable_attributes]\n"my-figure" = ["caption"]\n',
    )
    assert run_cli(capsys, "-C", str(project), "extract")[0] == 0
    pot = (project / "locales" / "doc.pot").read_text(encoding="utf-8")
    for unit in ("Hello there", "Short one.", "A caption."):
        assert f'msgid "{unit}"' in pot
    assert "weight" not in pot
    (project / "l10n.toml").write_text(
        (project / "l10n.toml").read_text() + '[other]\n', encoding="utf-8"
    )
    code, _, err = run_cli(capsys, "-C", str(project), "extract")
    assert code == 1 and "l10n.toml" in err


def test_bad_translatable_attributes_is_an_error_with_the_line(tmp_path, capsys):
    project = make_project(tmp_path / "p", {"a.md": "Hi."}, extra='translatable_attributes = ["caption"]\n')
    code, _, err = run_cli(capsys, "-C", str(project), "extract")
    assert code == 1 and "l10n.toml:4: translatable_attributes must be a table" in err


def test_a_japanese_paragraph_is_joined_without_spaces_and_marked_japanese():
    doc = parse_markdown("An English one. Two.\n\n日本語の文です。二つ目の文です。\n", path=Path("j.md"))
    assert [u.msgid for u in extract_units(doc)][2:] == ["日本語の文です。", "二つ目の文です。"]
    translate_document(doc, None, locale="ko", source_locale="en")
    html = serialize(doc.root.children)
    # Whole blocks fall back: the language goes on the block.
    assert '<p lang="ja">日本語の文です。二つ目の文です。</p>' in html
    assert '<p lang="en">An English one. Two.</p>' in html


def test_task_list_box_stays_outside_the_unit_and_shortcodes_are_opaque():
    source = "- [ ] Design details are documented\n\n{{< code-toggle file=hugo >}}\n[params]\nfoo = 1\n{{< /code-toggle >}}\n\nSee {{< ref \"x.md\" >}} now.\n"
    doc = parse_markdown(source, path=Path("t.md"))
    assert [u.msgid for u in extract_units(doc)] == ["Design details are documented", "See <1/> now."]
    kept = "{{< code-toggle file=hugo >}}\n[params]\nfoo = 1\n{{< /code-toggle >}}\n"
    assert any(getattr(n, "markup", None) == kept for n in doc.root.children)  # byte for byte in the tree
    assert kept.replace("<", "&lt;").replace(">", "&gt;") in serialize(doc.root.children)  # shown as text


def test_a_japanese_sentence_that_falls_back_in_a_translated_block_is_a_japanese_span():
    from l10n.catalog.entry import Catalog, Entry
    from l10n.render.edition import CatalogLookup

    doc = parse_markdown("日本語の文です。二つ目の文です。\n", path=Path("j.md"))
    po = Catalog()
    po.append(Entry(msgid="日本語の文です。", msgstr="한국어 문장입니다."))
    translate_document(doc, CatalogLookup(po), locale="ko", source_locale="en")
    assert serialize(doc.root.children).strip() == '<p>한국어 문장입니다. <span lang="ja">二つ目の文です。</span></p>'


def test_character_references_are_written_back_as_the_source_wrote_them():
    from l10n.formats.html import parse_fragment

    for source in ("<p>\n  &copy;&nbsp;2020 <b>x</b>&amp; y</p>", "<p>1 &lt; 2 &amp; 3 &gt; 0</p>",
                   "<title>A &amp; B</title>"):
        assert serialize(parse_fragment(source)) == source
    # A tag cut off by the end of the input is text: written escaped, never as a tag.
    assert serialize(parse_fragment("<p>a &amp; b <a href")) == "<p>a &amp; b &lt;a href</p>"


def test_white_space_around_the_page_skeleton_stays_where_it_was_written():
    from l10n.render.html import render_html

    source = "<!DOCTYPE html>\n<html>\n<head>\n<title>T</title>\n</head>\n<body>\n<p>One.</p>\n</body>\n</html>\n"
    page = render_html(parse_html(source, path=Path("p.html")), lang="ko", direction="ltr")
    assert page.startswith('<!DOCTYPE html>\n<html lang="ko" dir="ltr">\n<head><meta charset="utf-8">\n<title>')
    assert page.endswith("<body>\n<p>One.</p>\n</body>\n</html>\n")


def test_front_matter_title_names_the_page_everywhere_and_no_keys_means_no_units(tmp_path, capsys):
    source = "---\ntitle: The real title\n---\n\n# A heading\n\nBody text here.\n"
    project = make_project(tmp_path / "p", {"doc.md": source}, locales=("ko",))
    assert run_cli(capsys, "-C", str(project), "update")[0] == 0
    assert run_cli(capsys, "-C", str(project), "build")[0] == 0
    assert "<title>The real title</title>" in (project / "build/ko/doc.html").read_text(encoding="utf-8")
    assert "The real title</a>" in (project / "build/index.html").read_text(encoding="utf-8")
    assert (project / "build/ko/doc.txt").read_text(encoding="utf-8").startswith("The real title\n==============\n")
    bare = make_project(tmp_path / "q", {"doc.md": source}, extra="front_matter_keys = []\n")
    assert run_cli(capsys, "-C", str(bare), "extract")[0] == 0
    assert "The real title" not in (bare / "locales/doc.pot").read_text(encoding="utf-8")
