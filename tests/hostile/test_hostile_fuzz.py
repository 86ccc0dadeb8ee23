"""Fuzzing: readers + segmentation + an identity translation rendered as HTML and
text, and the PO reader on random bytes and mutated catalogs.  The only
exception allowed out is ``L10nError`` (SourceError / CatalogError)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile_helpers import CORPUS, full_pipeline
from l10n.catalog.io import catalog_text, read_catalog
from l10n.errors import L10nError

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

MARKUP = [
    "<p>", "</p>", "<b>", "</b>", "<i>", "</i>", "<div>", "</div>", "<br>", "<br/>", "<img alt='A. B' src=x>",
    "<a href=\"u\" title=\"T. x\">", "</a>", "<code>", "</code>", "<pre>", "</pre>", "<!--", "-->", "<!DOCTYPE html>",
    "<![CDATA[", "]]>", "<?", "<script>", "</script>", "<style>", "</style>", "<span translate=no>", "</span>",
    "<ul>", "<li>", "</ul>", "<table>", "<tr>", "<td>", "<html>", "<head>", "<title>", "<body>", "<h1>",
    "<1>", "</1>", "<2/>", "\\<1>", "\\", "&amp;", "&lt;1&gt;", "&#0;", "&#x110000;", "&", "<", ">", '"', "'", "=",
    "*", "**", "_", "`", "```", "[", "](x)", "![", "]", "> ", "- ", "1. ", "# ", "|", "|-|", "\n", "\n\n", "  ",
    "\t", "    ", "\r\n", "\ufeff", "Dr.", "U.S.", "A.", "e.g.", "...", "…", "。", "你好", "한국어", "?!", " ",
    "Word", "end.", "X", "1.5", "\u200b", "\u0301", "\U0001f600",
]
SOURCE = st.lists(
    st.one_of(st.sampled_from(MARKUP), st.text(max_size=4)), max_size=60
).map("".join)


@SETTINGS
@given(source=SOURCE, suffix=st.sampled_from(["md", "html", "txt"]))
def test_readers_segmenter_and_renderers_never_crash(source, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"doc.{suffix}"
        path.write_text(source, encoding="utf-8", errors="surrogatepass")
        try:
            full_pipeline(path)  # also: the identity translation keeps the text
        except L10nError:
            pass


@SETTINGS
@given(data=st.binary(max_size=400), suffix=st.sampled_from(["md", "html", "txt"]))
def test_readers_on_random_bytes(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"doc.{suffix}"
        path.write_bytes(data)
        try:
            full_pipeline(path)
        except L10nError:
            pass


VALID_PO = (CORPUS / "comment_order.po").read_bytes()
PO_BITS = [
    b'"', b"\\", b"\\q", b"\\x", b"\\0", b"\n", b"\r", b"#", b"#~", b"#|", b"#~|", b"#,", b"msgid ", b"msgstr ",
    b"msgctxt ", b"msgid_plural ", b"msgstr[0] ", b"msgstr[1] ", b"msgstr[9] ", b"\x00", b"\xff", b"\xef\xbb\xbf",
    b"fuzzy", b"a", b" ", b"\t", b'""', b'"x"',
]


def _mutate(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    for position, kind, bits in edits:
        i = position % (len(data) + 1)
        if kind == 0:
            data = data[:i] + bits + data[i:]
        elif kind == 1:
            data = data[:i] + data[i + len(bits) :]
        else:
            data = data[:i] + bits + data[i + len(bits) :]
    return data


def _read_and_round_trip(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.po"
        path.write_bytes(data)
        try:
            po = read_catalog(path)
        except L10nError:
            return
        # What we accept we can write, and what we write we read back the same.
        path.write_text(catalog_text(po), encoding="utf-8")
        again = read_catalog(path)
        assert [(e.msgctxt, e.msgid, e.msgstr, e.obsolete) for e in again] == [
            (e.msgctxt, e.msgid, e.msgstr, e.obsolete) for e in po
        ]


@SETTINGS
@given(data=st.binary(max_size=500))
def test_po_reader_on_random_bytes(data):
    _read_and_round_trip(data)


@SETTINGS
@given(
    edits=st.lists(
        st.tuples(st.integers(0, len(VALID_PO)), st.integers(0, 2), st.sampled_from(PO_BITS)), min_size=1, max_size=4
    )
)
def test_po_reader_on_mutated_catalogs(edits):
    _read_and_round_trip(_mutate(VALID_PO, edits))
