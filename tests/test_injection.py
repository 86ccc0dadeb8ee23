"""Translations, MT drafts, project names, file names and attribute units are
text, never markup: injection payloads yield no element or attribute the source
did not have, in any edition or the index, and a browser runs no script but
the source's own (kept working under the Content-Security-Policy)."""

import re
from pathlib import Path

import html5lib
import polib
import pytest

from helpers import make_project, run_cli

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    '"><svg onload=alert(3)>',
    "</title><script>alert(4)</script>",
    "</option></select><script>alert(5)</script>",
    "<!-- <script>alert(6)</script> -->",
    "<![CDATA[<script>alert(7)</script>]]>",
    "&lt;script&gt;alert(8)&lt;/script&gt;",
    "<iframe srcdoc=\"<script>alert(9)</script>\"></iframe>",
    "javascript:alert(10)",
    "<a href=\"javascript:alert(11)\">x</a>",
    "<style>body{display:none}</style>",
    "<base href=\"https://evil.example/\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
    "\" onmouseover=\"alert(12)",
    "' onfocus='alert(13)' autofocus='",
]

HTML_SOURCE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>The annual report</title>
<meta name="description" content="Findings of the annual report.">
<script>document.documentElement.dataset.ran = "yes";</script>
</head>
<body>
<h1 title="Main heading">Findings of the year</h1>
<p>The report is <a href="https://example.org/r">available online</a>. It has <strong>two</strong> parts.</p>
<p><img src="map.png" alt="A map of the border."> <input type="text" placeholder="Search the report" aria-label="Search"></p>
<form><select><option>First choice here.</option></select></form>
<button onclick="document.documentElement.dataset.clicked = 'yes'">Press this button.</button>
</body>
</html>
"""
MARKDOWN_SOURCE = "# Second report\n\nA sentence with a [link](https://example.org/x). Another sentence.\n\n![An image of a map.](m.png)\n"
FILE_NAMES = {"page.html": HTML_SOURCE, '"><img src=x onerror=alert(20)>.md': MARKDOWN_SOURCE}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcdoc", "xlink:href", "poster"}
PROJECT = '<script>alert(21)</script>"><b>'


def payload_for(msgid: str, payload: str) -> str:
    """The payload with the msgid's placeholders kept (else the unit falls back),
    once inside a placeholder pair and once outside."""
    opening = re.findall(r"<\d+/?>", msgid)
    parts = []
    for tag in opening:
        if tag.endswith("/>"):
            parts.append(tag)
        else:
            number = tag[1:-1]
            parts.append(f"<{number}>{payload}</{number}>")
    return payload + " " + " ".join(parts) + " " + payload


def project(tmp_path, capsys, translate) -> Path:
    root = make_project(tmp_path, FILE_NAMES, locales=("ko", "ar"))
    config = (root / "l10n.toml").read_text().replace('project = "test"', f"project = {PROJECT!r}")
    (root / "l10n.toml").write_text(config, encoding="utf-8")
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    for index, po_file in enumerate(sorted(root.glob("locales/*/LC_MESSAGES/*.po"))):
        po = polib.pofile(str(po_file))
        for number, entry in enumerate(po):
            entry.msgstr = translate(entry.msgid, number + index)
            if number % 2:  # every other entry a draft, as MT output is
                entry.flags.append("fuzzy")
        po.save(str(po_file))
    code, out, err = run_cli(capsys, "-C", str(root), "build", "--include-fuzzy")
    assert code == 0, err
    return root


def markup_of(path: Path) -> tuple[set, set, int, list[str]]:
    """Elements, (element, attribute) pairs, script count and script-like URLs of a page."""
    tree = html5lib.parse(path.read_bytes(), treebuilder="lxml", namespaceHTMLElements=False)
    elements, attributes, scripts, urls = set(), set(), 0, []
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        elements.add(el.tag)
        scripts += el.tag == "script"
        for name, value in el.attrib.items():
            attributes.add((el.tag, name))
            if name in URL_ATTRIBUTES and value.strip().lower().startswith("javascript:"):
                urls.append(value)
    return elements, attributes, scripts, urls


def test_payloads_yield_no_live_markup(tmp_path, capsys):
    benign = project(tmp_path / "benign", capsys, lambda msgid, n: "번역 " + " ".join(re.findall(r"</?\d+/?>", msgid)))
    pages = sorted(p.relative_to(benign / "build") for p in (benign / "build").rglob("*.html"))
    assert len(pages) == 1 + 2 * 5  # index + 2 docs x (en, ko, ar editions; ko, ar drafts)
    for n, payload in enumerate(PAYLOADS):
        hostile = project(tmp_path / f"hostile{n}", capsys, lambda msgid, _: payload_for(msgid, payload))
        assert sorted(p.relative_to(hostile / "build") for p in (hostile / "build").rglob("*.html")) == pages
        for page in pages:
            want, got = markup_of(benign / "build" / page), markup_of(hostile / "build" / page)
            assert got[0] <= want[0], (payload, page, got[0] - want[0])
            assert got[1] <= want[1], (payload, page, got[1] - want[1])
            assert got[2] == want[2] and got[3] == want[3] == [], (payload, page)


def test_a_browser_runs_only_the_sources_scripts(tmp_path, capsys):
    from browser import browser_page, open_file

    root = project(tmp_path, capsys, lambda msgid, n: payload_for(msgid, PAYLOADS[n % len(PAYLOADS)]))
    dialogs = []
    with browser_page() as page:
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in sorted((root / "build").rglob("*.html")):
            errors = open_file(page, path)
            # An injected script blocked by the policy would show up as a console error too.
            assert errors == [] or all("map.png" in e or "m.png" in e for e in errors), (path, errors)
            if path.name.startswith("page"):
                assert page.evaluate("document.documentElement.dataset.ran") == "yes", path  # own script runs
                page.click("button")
                assert page.evaluate("document.documentElement.dataset.clicked") == "yes", path  # own handler
            page.mouse.move(10, 10)
            page.mouse.move(300, 300)
    assert dialogs == []


@pytest.mark.parametrize("name", ["index.html", "en/page.html", "ko/page.html"])
def test_every_page_carries_a_script_policy(tmp_path, capsys, name):
    root = project(tmp_path, capsys, lambda msgid, n: "번역 " + " ".join(re.findall(r"</?\d+/?>", msgid)))
    text = (root / "build" / name).read_text()
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', text).group(1)
    if name == "index.html":
        assert policy.startswith("script-src 'none'")
    else:  # the source's one inline script by its hash, its handler by hash with 'unsafe-hashes'
        assert re.match(r"script-src 'sha256-[A-Za-z0-9+/=]+' 'unsafe-hashes' 'sha256-[A-Za-z0-9+/=]+';", policy)
    assert "object-src 'none'" in policy and "base-uri 'none'" in policy


def test_glossary_targets_through_mt_stay_text(tmp_path, capsys):
    """A glossary target is put into the MT draft as written: in the edition it is text."""
    source = "# The annual report\n\nThe government published the annual report today.\n"
    root = make_project(tmp_path / "p", {"doc.md": source}, locales=("es",), extra='engine = "apertium"\n')
    (root / "locales/es").mkdir(parents=True)
    (root / "locales/es/glossary.csv").write_text(
        'source,target,note\nannual report,"<img src=x onerror=alert(1)><script>alert(2)</script>",\n', encoding="utf-8")
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    code, out, err = run_cli(capsys, "-C", str(root), "translate")
    assert code == 0, err
    po = polib.pofile(str(root / "locales/es/LC_MESSAGES/doc.po"))
    drafts = [e.msgstr for e in po if e.msgstr]
    assert drafts and all("<script>alert(2)</script>" in d for d in drafts), drafts  # the engine put it in
    assert run_cli(capsys, "-C", str(root), "build", "--include-fuzzy")[0] == 0
    draft = root / "build/es/doc.draft.html"
    elements, attributes, scripts, _ = markup_of(draft)
    assert scripts == 0 and "img" not in elements and ("img", "onerror") not in attributes
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in draft.read_text()


def test_an_external_script_of_the_source_keeps_working(tmp_path, capsys):
    from browser import browser_page, open_file

    source = ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>A page title here</title>\n'
              '<script src="../../app.js"></script></head>\n<body><p>A sentence here.</p></body></html>\n')
    root = make_project(tmp_path / "p", {"page.html": source}, locales=("ko",))
    (root / "app.js").write_text('document.documentElement.dataset.ext = "ran";\n', encoding="utf-8")
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    assert run_cli(capsys, "-C", str(root), "build")[0] == 0
    html = (root / "build/ko/page.html").read_text()
    assert "script-src 'self';" in html  # a relative script: the site's own origin
    with browser_page() as page:
        assert open_file(page, root / "build/ko/page.html") == []
        assert page.evaluate("document.documentElement.dataset.ext") == "ran"


# Opaque template text (issue 19): whatever it holds, an edition and the
# original show it as text, escaped exactly once; the elements are the
# source's own (its Markdown and raw HTML), never one the template text spells.
TEMPLATE_CASES = {
    "tab-heredoc.md": (
        '{{< tabs >}}\n{{% tab name="Linux" %}}\n```shell\ncat <<EOF | tee x\n<script>alert(30)</script>\nEOF\n```\n'
        "{{% /tab %}}\n{{< /tabs >}}\n\nAfter the tabs.\n",
        {"pre", "code", "p"},
        ['{{< tabs >}}', '{{% tab name="Linux" %}}', "cat <<EOF | tee x\n<script>alert(30)</script>\nEOF"],
    ),
    "inline-shortcode.md": (
        "Check {{<deprecated-in 0.158.0 />}} and {{<script>alert(31)</script>}} and {{< img src=x onerror=alert(32) >}} now.\n",
        {"p"},
        ["{{<deprecated-in 0.158.0 />}}", "{{<script>alert(31)</script>}}", "{{< img src=x onerror=alert(32) >}}"],
    ),
    "code-shortcode.md": (
        "{{< highlight html >}}\n<div><figure><img src=x onerror=alert(33)></figure></div>\n<script>alert(34)</script>\n"
        "{{< /highlight >}}\n\nProse after the code.\n",
        {"p"},
        ["<div><figure><img src=x onerror=alert(33)></figure></div>\n<script>alert(34)</script>"],
    ),
    "liquid.md": (
        "{% raw %}\n{% highlight html %}\n<div class=\"x\"><img src=\"{{ a }}\" onerror=alert(35)></div>\n{% endhighlight %}\n"
        "{% endraw %}\n\n{% comment %}<script>alert(36)</script>{% endcomment %}\n\nA [link](https://example.org/) here.\n",
        {"p", "a"},
        ['<div class="x"><img src="{{ a }}" onerror=alert(35)></div>', "{% comment %}<script>alert(36)</script>{% endcomment %}"],
    ),
    "titles.md": (
        "::: warning Avoid <style scoped> and <script>alert(37)</script>\nBody text.\n:::\n\n"
        "![A {{<script>alert(38)</script>}} logo](a.png)\n\n## Title {#x onclick=alert(39)}\n",
        {"div", "p", "img", "h2"},
        ["Avoid <style scoped> and <script>alert(37)</script>", "{#x onclick=alert(39)}"],
    ),
    "macros.html": (
        "---\ntitle: '<script>alert(40)</script>'\n---\n<p>The {{jsxref(\"&lt;img src=x onerror=alert(41)&gt;\")}} macro.</p>\n",
        {"p"},
        ['{{jsxref("<img src=x onerror=alert(41)>")}}'],
    ),
}


def _template_project(tmp_path, capsys) -> Path:
    root = make_project(tmp_path, {name: case[0] for name, case in TEMPLATE_CASES.items()}, locales=("ko",))
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    po_files = sorted(root.glob("locales/ko/LC_MESSAGES/*.po"))
    for po_file in po_files:
        po = polib.pofile(str(po_file))
        for entry in po:
            entry.msgstr = "번역 " + " ".join(re.findall(r"</?\d+/?>", entry.msgid))
        po.save(str(po_file))
    code, _, err = run_cli(capsys, "-C", str(root), "build")
    assert code == 0, err
    return root


def test_template_text_is_text_in_every_edition(tmp_path, capsys):
    root = _template_project(tmp_path, capsys)
    for name, (_, structure, texts) in TEMPLATE_CASES.items():
        stem = Path(name).stem
        for locale in ("en", "ko"):
            page = root / "build" / locale / f"{stem}.html"
            tree = html5lib.parse(page.read_bytes(), treebuilder="lxml", namespaceHTMLElements=False)
            main = tree.find(".//main")
            got = {el.tag for el in main.iter() if isinstance(el.tag, str)} - {"main"}
            assert got == structure, (name, locale, got ^ structure)
            assert markup_of(page)[2] == 0 and tree.find(".//head/script") is None, (name, locale)
            shown = "".join(main.itertext())
            if locale == "en":
                for text in texts:  # escaped exactly once: the browser's text is the source's
                    assert text in shown, (name, text)
                assert "&lt;" not in shown and "&amp;" not in shown, name
    # The HTML page's front matter title: the page's title, as text.
    head = html5lib.parse((root / "build/en/macros.html").read_bytes(), treebuilder="lxml", namespaceHTMLElements=False)
    assert head.find(".//title").text == "<script>alert(40)</script>"


def test_a_browser_shows_template_text_as_text(tmp_path, capsys):
    from browser import browser_page, open_file

    root = _template_project(tmp_path, capsys)
    dialogs = []
    with browser_page() as page:
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for name, (_, structure, texts) in TEMPLATE_CASES.items():
            path = root / "build" / "en" / f"{Path(name).stem}.html"
            open_file(page, path)
            tags = set(page.evaluate("[...document.querySelectorAll('main *')].map(e => e.localName)"))
            assert tags == structure, (name, tags ^ structure)
            shown = page.evaluate("document.querySelector('main').textContent")
            for text in texts:
                assert text in shown, (name, text)
            page.mouse.move(10, 10)
            page.mouse.move(300, 300)
    assert dialogs == []
