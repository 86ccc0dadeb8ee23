"""Broken, deep, huge and odd sources: read as a browser/CommonMark would, or
rejected with one clear line; never a RecursionError, a traceback or a hang."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from helpers import make_project, run_cli
from hostile_helpers import CORPUS, Identity, assert_one_line_error, full_pipeline, snapshot
from l10n.errors import SourceError
from l10n.formats import read_document
from l10n.formats.html import MAX_DEPTH
from l10n.model import Element, Text
from l10n.render.edition import translate_document
from l10n.render.html import render_html, text_content
from l10n.render.text import render_text
from l10n.segment import extract_units

DEEP = 10_000


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _msgids(path: Path) -> list[str]:
    return [u.msgid for u in extract_units(read_document(path))]


# -- legitimate variations --------------------------------------------------

@pytest.mark.parametrize(
    "name, unit", [("crlf_bom.md", ("Second line here.", 4)), ("crlf_bom.html", ("Another one.", 5))]
)
def test_bom_and_crlf_sources_read_like_lf(tmp_path, name, unit):
    data = (CORPUS / name).read_bytes()
    plain = tmp_path / name
    plain.write_bytes(data.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n"))
    got = [(u.msgid, u.line) for u in extract_units(read_document(CORPUS / name))]
    assert got == [(u.msgid, u.line) for u in extract_units(read_document(plain))]
    assert unit in got and ("Title", got[0][1]) == got[0] and all("\ufeff" not in m and "\r" not in m for m, _ in got)


# -- broken markup: read the browser's / CommonMark's way ------------------

@pytest.mark.parametrize(
    "name, source, expected",
    [
        ("unclosed.html", "<p>One <b>bold. Two <i>x</i>\n<p>Next para.", ["One <1>bold. Two <2>x</2> </1>", "Next para."]),
        ("stray.html", "</b></div><p>Stray end tags.</i></p></p>", ["Stray end tags."]),
        ("unclosed_comment.html", "<p>Before.</p><!-- never closed <p>Hidden.</p>", ["Before."]),
        ("cut_tag.html", "<p>Text a<b", ["Text a<b"]),
        ("cut_attr.html", '<p>Text <a href="x>y', ["Text <1>y</1>"]),
        ("lt_runs.html", "<p>a << b <3 c </ d <!</p>", ["a << b <3 c <1/>"]),
        ("cdata.html", "<p>A <![CDATA[x]]> b <?pi?> c.</p>", ["A <1/> b <2/> c."]),
        ("unclosed.md", "Some *emphasis and `code\n\n<div>raw *html*\n\nAfter.", ["Some *emphasis and `code", "raw *html*", "After."]),
        ("stray.md", "A </b> stray</i> end tag.\n", ["A stray end tag."]),
        ("backslash.html", "<p>Path C:\\<b>dir</b> here.</p>", ["Path C:<1/><2>dir</2> here."]),
    ],
)
def test_broken_markup_is_read_like_a_browser(tmp_path, name, source, expected):
    path = _write(tmp_path, name, source)
    assert _msgids(path) == expected
    full_pipeline(path)


def test_backslash_before_markup_renders_back(tmp_path):
    path = _write(tmp_path, "b.html", "<p>Path C:\\\\<b>dir\\</b> here.</p>")
    doc = read_document(path)
    translate_document(doc, Identity(), locale="ko", source_locale="en")
    assert "C:\\\\<b>dir\\</b> here." in render_html(doc, lang="ko", direction="ltr")


# -- deep nesting -----------------------------------------------------------

@pytest.mark.parametrize(
    "name, source",
    [
        ("div.html", "<div>" * DEEP + "deep"),
        ("b.html", "<p>" + "<b>" * DEEP + "deep text</p>"),
        ("quote.md", ">" * DEEP + " deep\n"),
        ("list.md", "- " * DEEP + "deep\n"),
        ("stars.md", "*" * DEEP + "deep" + "*" * DEEP + "\n"),
        ("under.md", "_" * DEEP + "deep" + "_" * DEEP + "\n"),
        ("html_inline.md", "<b>" * DEEP + "deep\n"),
        ("html_block.md", "<div>\n" + "<div>" * DEEP + "deep\n"),
        ("nested_list.md", "".join("  " * i + "- item\n" for i in range(300))),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 30 else "",
)
def test_deep_nesting_is_rejected_with_one_line_or_read(tmp_path, name, source):
    path = _write(tmp_path, name, source)
    try:
        units = full_pipeline(path)
    except SourceError as exc:
        assert "nested more than" in str(exc) and str(path) in str(exc) and exc.line
    else:
        assert units


@pytest.mark.parametrize(
    "name, source",
    [
        ("brackets.md", "[" * DEEP + "deep" + "]" * DEEP + "\n"),
        ("images.md", "![" * 3000 + "deep" + "](x)" * 3000 + "\n"),
        ("links.md", "[a](" * DEEP + "\n"),
        ("ok_depth.html", "<p>" + "<b>" * (MAX_DEPTH - 3) + "deep text</p>"),
        ("ok_depth_div.html", "<div>" * (MAX_DEPTH - 3) + "<p>deep <i>text</i>. More.</p>"),
        ("quote_40.md", "> " * 40 + "deep quote\n"),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 30 else "",
)
def test_deep_but_allowed_input_goes_through_everything(tmp_path, name, source):
    assert full_pipeline(_write(tmp_path, name, source))


def test_deep_nesting_in_a_20_level_list_is_not_dropped(tmp_path):
    source = "".join("  " * i + f"- item {i}\n" for i in range(20))
    assert _msgids(_write(tmp_path, "l.md", source)) == [f"item {i}" for i in range(20)]


@pytest.mark.parametrize("inline", [True, False], ids=["inline-b", "block-div"])
def test_downstream_of_readers_never_recurses(inline):
    """A tree far deeper than any reader allows: segmentation and both renderers
    must walk it with explicit stacks."""
    leaf = Element("p", [], [Text("Deep sentence. Another one.", 1)], 1)
    node = Element("p", [], [Text("Deep sentence. Another one.", 1)], 1)
    if inline:
        for _ in range(DEEP):
            node = Element("b", [], [node if node is not leaf else Text("x")], 1)
        inner = node
        for _ in range(DEEP):
            inner = Element("i", [], [Text("a "), inner, Text(" b.")], 1)
        root = Element("body", [], [Element("p", [], [Text("Start. "), inner], 1)], 1)
    else:
        for _ in range(DEEP):
            node = Element("div", [], [node, Text("Tail sentence here.")], 1)
        root = Element("body", [], [node], 1)
    from l10n.model import Document

    doc = Document(Path("deep.html"), "html", root)
    limit = sys.getrecursionlimit()
    assert extract_units(doc)
    before = "".join(text_content(root).split())
    translate_document(doc, Identity(), locale="ko", source_locale="en")
    assert "".join(text_content(doc.root).split()) == before
    assert render_html(doc, lang="ko", direction="ltr")
    assert render_text(doc.root)
    assert sys.getrecursionlimit() == limit


# -- huge input ---------------------------------------------------------------

def test_ten_megabyte_paragraph(tmp_path):
    path = _write(tmp_path, "big.md", "Word " * 2_000_000 + "end.\n")  # 10 MB, one paragraph
    units = extract_units(read_document(path))
    assert len(units) == 1 and len(units[0].msgid) > 9_999_000


def test_long_paragraph_with_many_placeholders_renders(tmp_path):
    for suffix in ("md", "html", "txt"):
        path = _write(tmp_path, f"big.{suffix}", "Word <b>x</b> " * 5_000 + "end.\n")
        assert full_pipeline(path)


# -- not a file ----------------------------------------------------------------

def test_directory_and_symlink_loop_are_one_line_errors_in_every_command(tmp_path, capsys):
    root = make_project(tmp_path, {"doc.md": "# Title\n\nText.\n"})
    assert run_cli(capsys, "-C", str(root), "update")[0] == 0
    (root / "source" / "dir.md").mkdir()
    before = snapshot(root)
    for command in ("extract", "update", "build"):
        code, _, err = run_cli(capsys, "-C", str(root), command)
        assert_one_line_error(code, err, "dir.md", "is a directory")
        assert snapshot(root) == before
    (root / "source" / "dir.md").rmdir()
    os.symlink("loop.md", root / "source" / "loop.md")
    os.symlink("b.md", root / "source" / "a.md")
    os.symlink("a.md", root / "source" / "b.md")
    for command in ("extract", "update", "build"):
        code, _, err = run_cli(capsys, "-C", str(root), command)
        assert_one_line_error(code, err, "cannot read")
        assert snapshot(root) == before
