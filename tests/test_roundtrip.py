"""Round trips through the real pipeline: identity and pseudo-translation."""

import re
from pathlib import Path

import pytest

from helpers import CASES, fill_catalog, make_project, pseudo, run_cli
from l10n.formats.html import parse_fragment
from l10n.model import Element, Raw, Text

CASE_FILES = sorted(next(p.glob("input.*")) for p in CASES.iterdir() if p.is_dir())


def canonical(nodes) -> list[tuple]:
    """Tags, attributes and text with white space normalized: what a reader sees."""
    events: list[tuple] = []

    def walk(items):
        for node in items:
            if isinstance(node, Text):
                text = " ".join(node.text.split())
                if not text:
                    continue
                if events and events[-1][0] == "text":
                    events[-1] = ("text", events[-1][1] + " " + text)
                else:
                    events.append(("text", text))
            elif isinstance(node, Raw):
                events.append(("raw", node.markup.strip()))
            else:
                events.append(("start", node.tag, tuple(sorted((k, v or "") for k, v in node.attrs))))
                walk(node.children)
                events.append(("end", node.tag))

    walk(nodes)
    # Sentence joins may differ in spacing around tags only.
    return [(e[0], re.sub(r" ?([<>]) ?", r"\1", e[1])) if e[0] == "text" else e for e in events]


def body_of(html: str):
    """The page's content, without what l10n adds around it (language switcher, notices)."""
    nodes = parse_fragment(html)
    for wanted in ("main", "body"):
        stack = list(nodes)
        while stack:
            node = stack.pop(0)
            if isinstance(node, Element):
                if node.tag == wanted:
                    return [c for c in node.children
                            if not (isinstance(c, Element) and (c.get("class") or "").startswith("l10n-"))]
                stack[0:0] = node.children
    raise AssertionError("no body")


def build_case(tmp_path, capsys, source: Path, translate, *, fuzzy=False, build_args=()):
    project = make_project(tmp_path / "p", {source.name: source.read_bytes()}, locales=("ko",))
    assert run_cli(capsys, "-C", str(project), "update")[0] == 0
    po = project / "locales" / "ko" / "LC_MESSAGES" / f"{source.stem}.po"
    fill_catalog(po, translate, fuzzy=fuzzy)
    code, out, err = run_cli(capsys, "-C", str(project), "build", *build_args)
    assert code == 0, err
    return project


@pytest.mark.parametrize("source", CASE_FILES, ids=[p.parent.name for p in CASE_FILES])
def test_identity_round_trip_gives_the_source_back(tmp_path, capsys, source):
    project = build_case(tmp_path, capsys, source, lambda m: m)
    edition = (project / "build" / "ko" / f"{source.stem}.html").read_text(encoding="utf-8")
    if source.suffix == ".md":
        from markdown_it import MarkdownIt

        expected = parse_fragment(MarkdownIt("commonmark", {"html": True}).enable("table").render(source.read_text()))
        # markdown-it leaves the image alt as rendered text; both keep the same attributes.
        assert canonical(body_of(edition)) == canonical(expected)
    elif source.suffix == ".html":
        assert canonical(body_of(edition)) == canonical(body_of(source.read_text()))
    else:
        paragraphs = [" ".join(p.split()) for p in source.read_text().split("\n\n") if p.strip()]
        assert canonical(body_of(edition)) == canonical(parse_fragment("".join(f"<p>{p}</p>" for p in paragraphs)))
    assert "lang=\"en\"" not in edition.split("</nav>")[1]  # nothing fell back (after the language switcher)


@pytest.mark.parametrize("source", CASE_FILES, ids=[p.parent.name for p in CASE_FILES])
def test_pseudo_translation_transforms_every_unit_and_keeps_markup(tmp_path, capsys, source):
    project = build_case(tmp_path, capsys, source, pseudo)
    html = (project / "build" / "ko" / f"{source.stem}.html").read_text(encoding="utf-8")
    text = (project / "build" / "ko" / f"{source.stem}.txt").read_text(encoding="utf-8")
    units = (source.parent / "units.txt").read_text(encoding="utf-8").splitlines()
    from l10n.placeholders import strip_placeholders

    from l10n.render.html import text_content

    visible = " ".join(text_content(Element("body", children=body_of(html))).split())
    for unit in units:
        if "<1/>" in unit:
            continue
        transformed = " ".join(strip_placeholders(pseudo(unit)).split())
        assert transformed in visible or transformed in html.replace("&amp;", "&"), unit
    # No English word of a unit survives in the visible body text.
    assert not re.search(r"(?<![⟦A-Z])\b[a-z]{4,}\b", strip_untranslatable(visible)), visible
    # Markup and attributes the translator never sees are all still there.
    original = source.read_text(encoding="utf-8")
    for href in re.findall(r"(?:href|src)=\"([^\"]+)\"|\]\(([^ )]+)", original):
        target = next(h for h in href if h).replace("&amp;", "&")
        assert target.replace("&", "&amp;") in html
    assert "⟦" in text


def strip_untranslatable(text: str) -> str:
    # Code, preformatted text and translate="no" content stay English by design.
    for keep in ("print(\"Do not translate me.\")", "inline code", "preformatted. Not translated.",
                 "Brand Name Ltd. stays as it is.", "© 2019"):
        text = text.replace(keep, "")
    return text


def test_untranslatable_content_is_byte_identical(tmp_path, capsys):
    source = CASES / "html-page" / "input.html"
    project = build_case(tmp_path, capsys, source, pseudo)
    html = (project / "build" / "ko" / "input.html").read_text(encoding="utf-8")
    assert '<script>var s = "Do not translate. Really.";</script>' in html
    assert "<style>p { color: red; }</style>" in html
    assert "<!-- An editor's comment. -->" in html
    assert '<p translate="no">Brand Name Ltd. stays as it is.</p>' in html
    assert "<pre>preformatted. Not translated.</pre>" in html
    # Escaped text in the source stays escaped text, never live markup.
    assert "&lt;⟦SCRIPT⟧&gt;" in html and "<⟦SCRIPT⟧>" not in html
    assert '<meta charset="utf-8">' in html and "iso-8859-1" not in html
    assert '<html lang="ko" dir="ltr">' in html
