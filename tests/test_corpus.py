"""Real public documents (tests/corpus/, sources and licences in SOURCES.md)
through extract, update, an identity build and a pseudo-translated build.

Each edition must keep every unit, every link and image, every code block
byte for byte, and the structure a browser builds for the source: html5lib's
tree of the HTML page, or of what markdown-it-py with the same plugins renders
for a Markdown file.
"""

from __future__ import annotations

import re
from collections import Counter
from html import unescape
from pathlib import Path

import pytest

from helpers import fill_catalog, html5_outline, make_project, pseudo
from l10n.cli.main import main
from l10n.placeholders import PLACEHOLDER_RE

CORPUS = Path(__file__).parent / "corpus"
DOCS = sorted([*CORPUS.glob("markdown/*.md"), *CORPUS.glob("html/*.html")])
TRANSLATABLE = {"alt", "title", "placeholder", "aria-label", "aria-description", "content", "label", "summary"}


def reference_html(source: Path) -> str:
    """What a site generator shows: markdown-it-py's own renderer with the plugins."""
    text = source.read_text(encoding="utf-8")
    if source.suffix == ".html":
        from l10n.formats.front_matter import split_front_matter

        found = split_front_matter(text)  # front matter is never part of a page
        return text if found is None else text[found[2] :]
    # The reader's own parser (its plugins, template text escaped), through
    # markdown-it's renderer: the reader's tree must be the one this gives.
    from l10n.formats.markdown import markdown_parser

    md = markdown_parser()
    return "<!DOCTYPE html><html><body>" + md.render(text) + "</body></html>"


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """doc name -> {"identity": html, "pseudo": html, "pseudo-text": text, "units": [...]},
    built on first use, one project per document (a failure stays with its document)."""
    built: dict[str, dict] = {}

    def build(source: Path) -> dict:
        if source.stem not in built:
            built[source.stem] = _build(tmp_path_factory.mktemp(source.stem), source)
        return built[source.stem]

    return build


def _build(root: Path, source: Path) -> dict:
    import polib

    project = make_project(root / "p", {source.name: source.read_bytes()}, locales=("ko",))
    assert main(["-C", str(project), "update"]) == 0
    po = project / "locales" / "ko" / "LC_MESSAGES" / f"{source.stem}.po"
    result: dict = {"units": [e.msgid for e in polib.pofile(str(po)) if not e.obsolete]}
    for mode, translate in (("identity", lambda m: m), ("pseudo", pseudo)):
        fill_catalog(po, translate)
        assert main(["-C", str(project), "build"]) == 0
        result[mode] = (project / "build" / "ko" / f"{source.stem}.html").read_text(encoding="utf-8")
        result[mode + "-text"] = (project / "build" / "ko" / f"{source.stem}.txt").read_text(encoding="utf-8")
    return result


def _edition_container(source: Path) -> str:
    """Where the source's content is in its edition: a page's own body, or the
    ``main`` an edition of a Markdown file or an HTML fragment puts it in."""
    if source.suffix != ".html":
        return "main"
    return "body" if re.search(r"<(?:!doctype|html|body)[\s>]", source.read_text(encoding="utf-8"), re.I) else "main"


def _without_translated_values(outline: list[tuple]) -> list[tuple]:
    return [
        (e[0], e[1], tuple((k, v) for k, v in e[2] if k not in TRANSLATABLE)) if e[0] == "start" else e
        for e in outline
        if e[0] != "text"
    ]


def test_corpus_has_the_documents_the_issue_asks_for():
    markdown = [p for p in DOCS if p.suffix == ".md"]
    assert len(markdown) >= 30 and len(DOCS) - len(markdown) >= 10
    texts = [p.read_text(encoding="utf-8") for p in markdown]
    for feature in (r"\A---\n", r"\A\+\+\+\n", r"^\[\^[^\]]+\]:", r"^\s*- \[[ x]\] ", r"\{\{<", r"\{%", r"^<(div|details|figure|table)", r"^:::"):
        assert any(re.search(feature, t, re.M) for t in texts), feature
    listed = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    assert all(f"| {p.name} |" in listed for p in DOCS)


@pytest.mark.parametrize("source", DOCS, ids=[p.stem for p in DOCS])
def test_identity_build_is_the_structure_and_text_a_browser_shows(editions, source):
    edition = editions(source)["identity"]
    expected = html5_outline(reference_html(source))
    got = html5_outline(edition, container=_edition_container(source), without_l10n=True)
    assert got == expected
    assert ("start", "span", (("lang", "en"),)) not in got  # every unit was found in the catalog


@pytest.mark.parametrize("source", DOCS, ids=[p.stem for p in DOCS])
def test_pseudo_build_keeps_units_links_images_code_and_structure(editions, source):
    built = editions(source)
    edition = built["pseudo"]
    reference = html5_outline(reference_html(source))
    got = html5_outline(edition, container=_edition_container(source), without_l10n=True)
    assert _without_translated_values(got) == _without_translated_values(reference)
    # Every link and image target, as many times as in the source.
    def targets(outline):
        return Counter(v for e in outline if e[0] == "start" for k, v in e[2] if k in ("href", "src"))

    assert targets(got) == targets(reference)
    # Every code block byte for byte.
    import html5lib

    def code_blocks(html: str) -> list[str]:
        tree = html5lib.parse(html, namespaceHTMLElements=False)
        return ["".join(pre.itertext()) for pre in tree.iter("pre")]

    assert code_blocks(edition) == code_blocks(reference_html(source))
    # Every unit, translated, somewhere in the page (text, attribute, title).
    page = "".join(unescape(edition).split())
    for unit in built["units"]:
        for chunk in PLACEHOLDER_RE.sub("\0", pseudo(unit)).split("\0"):  # text between inline markup
            squeezed = "".join(unescape(chunk.replace("\\<", "<")).split())
            assert squeezed in page, unit
    assert built["pseudo-text"].strip()
