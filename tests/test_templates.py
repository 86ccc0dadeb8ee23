"""Template-heavy documentation sources (issue 19): what each template syntax
gives, on the corpus pages written in the shape of each kind
(tests/corpus/SOURCES.md) and on small documents of our own."""

from pathlib import Path

import html5lib
import polib
import pytest

from helpers import make_project, pseudo, run_cli
from l10n.formats import read_document
from l10n.formats.markdown import parse_markdown
from l10n.render.html import serialize
from l10n.segment import extract_units

CORPUS = Path(__file__).parent / "corpus"


def units_of(path: Path, **options) -> list[str]:
    return [u.msgid for u in extract_units(read_document(path, **options))]


def md_units(source: str, **options) -> list[str]:
    return [u.msgid for u in extract_units(parse_markdown(source, path=Path("d.md"), **options))]


def tree_of(html: str):
    return html5lib.parse(html, namespaceHTMLElements=False)


def test_kubernetes_page_prose_inside_notes_and_tabs_is_units():
    units = units_of(CORPUS / "markdown/shape-kubernetes-task-install-tool.md")
    # Every prose sentence of the page, in notes, warnings and tabs included; none of its code.
    assert len(units) == 48
    for inside in (
        "To download a specific version, replace the <1/> portion of the command with the specific version.",  # note in a list item
        "Update the <1/> package index and install packages needed to use the <2/> repository:",  # {{% tab %}} in {{< tabs >}}
        "Install the tool using <1/>:",
        "Do not share your kubeconfig file.",  # {{< warning >}}
        "A <1/> runs on a <2/> of the cluster.",  # glossary_tooltip: a placeholder
    ):
        assert inside in units
    joined = "\n".join(units)
    assert "curl -LO" not in joined  # {{< tab codelang="bash" >}}: code
    assert "apiVersion" not in joined and "tee" not in joined  # highlight, code fences


def test_paired_shortcodes_keep_their_tags_and_parse_their_inner_markdown():
    source = (
        "{{< tabs >}}{{% tab name=\"One\" %}}\n- First *item*.\n- Second item.\n\n```sh\ncat <<EOF\nx\nEOF\n```\n"
        "{{% /tab %}}{{< /tabs >}}\n\n{{< note >}}\n{{< warning >}}\nNested **prose**.\n{{< /warning >}}\n{{< /note >}}\n"
    )
    doc = parse_markdown(source, path=Path("d.md"))
    assert [u.msgid for u in extract_units(doc)] == ["First <1>item</1>.", "Second item.", "Nested <1>prose</1>."]
    kept = [n.markup for n in doc.root.children if getattr(n, "markup", None)]
    assert kept == ['{{< tabs >}}{{% tab name="One" %}}\n', "{{% /tab %}}{{< /tabs >}}\n", "{{< note >}}\n",
                    "{{< warning >}}\n", "{{< /warning >}}\n", "{{< /note >}}\n"]
    page = tree_of(serialize(doc.root.children))
    assert [e.tag for e in page.iter() if e.tag in ("ul", "li", "pre", "code", "strong")] == [
        "ul", "li", "li", "pre", "code", "strong"]
    assert "".join(page.find(".//pre").itertext()) == "cat <<EOF\nx\nEOF\n"


def test_code_shortcodes_are_opaque_and_configurable(tmp_path, capsys):
    source = "{{< mycode >}}\nNot prose at all.\n{{< /mycode >}}\n\n{{< highlight go >}}\nfunc main() {}\n{{< /highlight >}}\n\nReal prose here.\n"
    assert md_units(source) == ["Not prose at all.", "Real prose here."]
    assert md_units(source, code_shortcodes=("mycode",)) == ["func main() {}", "Real prose here."]
    project = make_project(tmp_path / "p", {"a.md": source}, extra='code_shortcodes = ["mycode", "highlight"]\n')
    assert run_cli(capsys, "-C", str(project), "extract")[0] == 0
    pot = (project / "locales/a.pot").read_text(encoding="utf-8")
    assert 'msgid "Real prose here."' in pot and "Not prose" not in pot and "func main" not in pot
    bad = make_project(tmp_path / "q", {"a.md": source}, extra='code_shortcodes = ["high light"]\n')
    code, _, err = run_cli(capsys, "-C", str(bad), "extract")
    assert code == 1 and "l10n.toml:4: code_shortcodes: 'high light' is not a shortcode name" in err


def test_raw_around_a_code_fence_is_a_code_block():
    doc = read_document(CORPUS / "markdown/shape-jekyll-docs-includes-raw.md")
    page = tree_of(serialize(doc.root.children))
    blocks = ["".join(p.itertext()) for p in page.iter("pre")]
    assert blocks[:2] == ["{% include footer.html %}\n", "{% include_relative somedir/footer.html %}\n"]
    assert any(b.startswith("<figure>\n") for b in blocks)  # the HTML example: code, not a live figure
    assert page.find(".//figure") is None and page.find(".//script") is None and page.find(".//div") is None
    text = "".join(page.itertext())
    assert "```" not in text  # no fence markers printed as text
    units = units_of(CORPUS / "markdown/shape-jekyll-docs-includes-raw.md")
    assert "This comment is not shown" not in "\n".join(units)


def test_a_template_tag_in_alt_text_is_kept_as_a_placeholder(tmp_path, capsys):
    source = "![Screenshot of the page in {% data variables.product.github %} showing the avatar.](a.png)\n"
    project = make_project(tmp_path / "p", {"a.md": source}, locales=("ko",))
    assert run_cli(capsys, "-C", str(project), "update")[0] == 0
    po_path = project / "locales/ko/LC_MESSAGES/a.po"
    po = polib.pofile(str(po_path))
    entry = next(e for e in po if e.msgid)
    assert entry.msgid == "Screenshot of the page in <1/> showing the avatar."
    assert "<1/> = {% data variables.product.github %}" in entry.comment
    entry.msgstr = "<1/> 화면의 스크린샷."
    po.save(str(po_path))
    assert run_cli(capsys, "-C", str(project), "build")[0] == 0
    img = tree_of((project / "build/ko/a.html").read_text(encoding="utf-8")).find(".//img")
    assert img.get("alt") == "{% data variables.product.github %} 화면의 스크린샷."
    original = tree_of((project / "build/en/a.html").read_text(encoding="utf-8")).find(".//img")
    assert original.get("alt") == "Screenshot of the page in {% data variables.product.github %} showing the avatar."


def test_container_titles_are_units_and_the_class_is_the_name():
    vitepress = read_document(CORPUS / "markdown/shape-vitepress-guide-containers.md")
    docusaurus = read_document(CORPUS / "markdown/shape-docusaurus-admonitions.md")
    assert "Avoid <style scoped>" in [u.msgid for u in extract_units(vitepress)]
    units = [u.msgid for u in extract_units(docusaurus)]
    assert "Use the right type" in units and "Take care with <1/>" in units
    assert "Your Title <1>with</1> some <2>Markdown</2> <3/>!" in units
    for doc in (vitepress, docusaurus):
        page = tree_of(serialize(doc.root.children))
        classes = [d.get("class") for d in page.iter("div") if d.get("class")]
        assert classes and all(c.replace("-", "").isalnum() for c in classes), classes
        assert page.find(".//style") is None
    assert [d.get("class") for d in tree_of(serialize(docusaurus.root.children)).iter("div")] == [
        "note", "tip", "danger", "note", "info", "danger"]


def test_mdn_html_front_matter_and_macros(tmp_path, capsys):
    path = CORPUS / "html/shape-mdn-array-map.html"
    units = units_of(path)
    assert units[0] == "Array.prototype.map()"  # the front matter's title
    joined = "\n".join(units)
    assert "slug" not in joined and "browser-compat" not in joined and "Compat" not in joined
    assert "The <1/> method is an <2/>." in units
    assert "A diagram of <1/> elements mapped one to one." in units
    project = make_project(tmp_path / "p", {path.name: path.read_text(encoding="utf-8")}, locales=("ko",))
    assert run_cli(capsys, "-C", str(project), "update")[0] == 0
    assert run_cli(capsys, "-C", str(project), "build")[0] == 0
    page = (project / "build/ko/shape-mdn-array-map.html").read_text(encoding="utf-8")
    assert "<title>Array.prototype.map()</title>" in page and "page-type" not in page
    text = "".join(tree_of(page).find(".//main").itertext())
    assert '{{jsxref("Array")}}' in text and "{{Compat}}" in text


def test_heading_attributes_and_alert_markers_stay_out_of_units():
    units = [
        unit
        for path in sorted([*CORPUS.glob("markdown/*.md"), *CORPUS.glob("html/*.html")])
        for unit in units_of(path)
    ]
    assert not [u for u in units if "{#" in u and "onclick" not in u]
    assert not [u for u in units if "[!" in u]
    doc = read_document(CORPUS / "markdown/shape-docusaurus-admonitions.md")
    page = tree_of(serialize(doc.root.children))
    headings = {h.get("id"): (h.get("class"), "".join(h.itertext())) for h in page.iter("h2")}
    assert headings["nested-admonitions"] == ("anchor", "Nested admonitions")
    assert page.find(".//h2[@data-toc='no']") is not None
    # An attribute list that would add a handler is not ours to make markup: it stays text.
    assert all(h.get("onclick") is None for h in page.iter())
    github = tree_of(serialize(read_document(CORPUS / "markdown/shape-github-docs-profile.md").root.children))
    assert [q.get("class") for q in github.iter("blockquote")] == [
        "markdown-alert markdown-alert-note", "markdown-alert markdown-alert-warning",
        "markdown-alert markdown-alert-tip", "markdown-alert markdown-alert-important"]


def test_translators_see_what_void_placeholders_stand_for_without_churning_reviews(tmp_path, capsys):
    source = "The `map()` method of {{jsxref(\"Array\")}} instances.\n\nSee <kbd>Ctrl</kbd> and `" + "x" * 80 + "`.\n"
    project = make_project(tmp_path / "p", {"a.md": source}, locales=("ko",))
    assert run_cli(capsys, "-C", str(project), "update")[0] == 0
    po_path = project / "locales/ko/LC_MESSAGES/a.po"
    text = po_path.read_text(encoding="utf-8")
    assert '#. <1/> = map()\n#. <2/> = {{jsxref("Array")}}\n#: source/a.md:1\nmsgid "The <1/> method of <2/> instances."' in text
    assert "#. <1/> = Ctrl\n#. <2/> = " + "x" * 59 + "…\n" in text  # cut at 60 characters
    po = polib.pofile(str(po_path))
    for entry in po:
        entry.msgstr = pseudo(entry.msgid)
    po.save(str(po_path))
    reviewed = {e.msgid: (e.msgstr, e.flags) for e in polib.pofile(str(po_path))}
    # The code behind a placeholder changes: same msgid, a new note, the review untouched.
    (project / "source/a.md").write_text(source.replace("map()", "filter()"), encoding="utf-8")
    assert run_cli(capsys, "-C", str(project), "update")[0] == 0
    after = polib.pofile(str(po_path))
    assert {e.msgid: (e.msgstr, e.flags) for e in after} == reviewed
    assert "#. <1/> = filter()\n" in po_path.read_text(encoding="utf-8")
    import subprocess

    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po_path)], check=True)


def test_definition_list_whose_first_definition_is_a_template_tag_keeps_its_structure():
    doc = read_document(CORPUS / "markdown/shape-hugo-function-collections.md")
    page = tree_of(serialize(doc.root.children))
    lists = list(page.iter("dl"))
    assert len(lists) == 2
    first = lists[0]
    assert [c.tag for c in first] == ["dt", "dd", "dt", "dd", "dt", "dd", "dd", "dt", "dd", "dd"]
    assert "".join(first[5].itertext()).strip() == "{{< new-in 0.158.0 />}}"  # no ": " marker, no element
    assert "The logical comparison <1>operator</1>." not in units_of(CORPUS / "markdown/shape-hugo-function-collections.md")
    assert "(<1/>) The logical comparison <2>operator</2>." in units_of(CORPUS / "markdown/shape-hugo-function-collections.md")


@pytest.mark.parametrize(
    "source, units",
    [
        ("Use {% raw %}`{{ x }}`{% endraw %} here.\n", ["Use <1/><2/><3/> here."]),
        ("{%- set code %}{% raw %}\n---\ntitle: Not prose\n---\n{% endraw %}{%- endset %}\n\nProse.\n", ["Prose."]),
        ("{% set x = 1 %}\n\nProse after a set.\n", ["Prose after a set."]),
        ("{{< tabs >}}{{< highlight go >}}\nfmt.Println(1)\n{{< /highlight >}}{{< /tabs >}}\n\nAfter.\n", ["After."]),
    ],
)
def test_liquid_and_hugo_block_forms(source, units):
    assert md_units(source) == units


def test_block_attribute_lines_give_their_block_its_attributes():
    source = "A paragraph.\n{.note #p1}\n\n{: .warning}\nKramdown note.\n\n> A quote.\n\n{.fancy}\n\n{onclick=alert(1)}\n"
    doc = parse_markdown(source, path=Path("d.md"))
    assert [(u.line, u.msgid) for u in extract_units(doc)] == [
        (1, "A paragraph."), (5, "Kramdown note."), (7, "A quote."), (11, "{onclick=alert(1)}")]
    page = tree_of(serialize(doc.root.children))
    assert [(p.get("class"), p.get("id")) for p in page.iter("p")] == [
        ("note", "p1"), ("warning", None), (None, None), (None, None)]
    assert page.find(".//blockquote").get("class") == "fancy"
    assert all(e.get("onclick") is None for e in page.iter())
