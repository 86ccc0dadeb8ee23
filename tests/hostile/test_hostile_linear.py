"""Linear time: reading + segmenting (and PO parsing) input 4x larger does < ~8x the work.

Work is counted, not timed: every Python function call and every call into C
(a regex scan, a string method) made while the input is read, through
``sys.setprofile``.  The count is the same on an idle machine and on a loaded
one, so the bound can be tight: linear code does ~4x the calls at 4N, a
quadratic step ~16x.  What a count cannot see is work inside one C call (a
regex that backtracks over the whole input); the 10 MB inputs of
test_hostile_sources.py bound that, since a quadratic scan there would take
hours.  How fast the readers are on a real machine is measured in bench/spine/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import calls_made
from l10n.catalog.io import read_catalog
from l10n.errors import L10nError
from l10n.formats import read_document
from l10n.segment import extract_units

RATIO = 8.0
FIXED = 2000  # calls that do not grow with the input (imports already done, set-up per read)

SHAPES = {
    "dots": lambda n: "A" + "." * n + " B",
    "dot-space": lambda n: ". " * n,
    "lt": lambda n: "<" * n,
    "lt-a": lambda n: "<a " * n,
    "comment-open": lambda n: "<!--" * n,
    "cdata-open": lambda n: "<![CDATA[" * n,
    "pi-open": lambda n: "<?" * n,
    "autolink-open": lambda n: "<a:" * n,
    "end-tags": lambda n: "</b>" * n,
    "backslash": lambda n: "\\" * n,
    "star": lambda n: "*a" * n,
    "bracket": lambda n: "[" * n,
    "link-open": lambda n: "[a](" * n,
    "image-open": lambda n: "![" * n,
    "quote": lambda n: '"' * n,
    "spaces": lambda n: "a" + " " * n + "b",
    "abbreviations": lambda n: "Dr. " * n,
    "sentences": lambda n: "Hello there. " * n,
    "placeholders": lambda n: "<1><1/></1>" * n,
    "backtick": lambda n: "`a" * n,
    "entities": lambda n: "&#" * n,
    "tiny-paragraphs": lambda n: "a.\n\n" * n,
    "lines": lambda n: "a\n" * n,
    "table": lambda n: "|a|b|\n|-|-|\n" + "|a|\n" * n,
    "inline-tags": lambda n: "A <b>b</b> and <i>c</i>. " * n,
    "braces": lambda n: "{{" * n,
    "template-tags": lambda n: "a {{< b >}} {% c %} {{ d }}\n" * n,
    "shortcode-open": lambda n: "{{< a >}}\n" * n,
    "liquid-raw-open": lambda n: "{% raw %}\n" * n,
    "liquid-open": lambda n: "a {%" * n,
    "code-shortcode-open": lambda n: "{{< highlight go >}}\n" * n,
    "heading-attributes": lambda n: "# " + "a {#b " * n + " " * n + "{.c}\n",
    "alerts": lambda n: "> [!NOTE]\n" * n,
    "attribute-lines": lambda n: "a\n{.b}\n\n{: .c}\n" * n,
    "container-titles": lambda n: ":::tip[a <b>]\nc\n" * n,
    "front-matter-open": lambda n: "---\n" + "a: b\n" * n,
    "html-across-blocks": lambda n: "<div>\n\n*a*\n\n" * n,
}
SIZES = {"md": 1500, "html": 4000, "txt": 4000}
SCALE = {"inline-tags": 0.25, "image-open": 0.25, "placeholders": 0.5, "table": 0.5, "bracket": 0.5}


def _extract(path: Path) -> None:
    try:
        extract_units(read_document(path))
    except L10nError:
        pass  # a rejection must be fast too


def _assert_linear(tmp_path: Path, name: str, make, n: int, run) -> tuple[int, int]:
    small, large = tmp_path / f"small-{name}", tmp_path / f"large-{name}"
    small.write_bytes(make(n))
    large.write_bytes(make(4 * n))
    w1, w4 = calls_made(lambda: run(small)), calls_made(lambda: run(large))
    assert w4 < RATIO * w1 + FIXED, f"{name}: {w1} calls for N, {w4} for 4N (ratio {w4 / max(w1, 1):.1f})"
    return w1, w4


def test_the_count_sees_quadratic_work(tmp_path):
    """The measure can fail: a reader that rescans what it has read is caught."""
    def rescanning_reader(path: Path) -> None:
        text = path.read_text()
        for i in range(len(text)):
            text[:i].count("a")  # one C call per character: linear calls ...
            if text[i] == ".":
                [c.isalpha() for c in text[:i]]  # ... and here a call per character read so far

    with pytest.raises(AssertionError, match="ratio"):
        _assert_linear(tmp_path, "quadratic", lambda n: b"a." * n, 300, rescanning_reader)
    _assert_linear(tmp_path, "linear", lambda n: b"a." * n, 300, lambda p: [c.isalpha() for c in p.read_text()])


@pytest.mark.parametrize("suffix", sorted(SIZES))
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_extract_is_linear(tmp_path, shape, suffix):
    _assert_linear(
        tmp_path, f"{shape}.{suffix}", lambda n: SHAPES[shape](n).encode(), int(SIZES[suffix] * SCALE.get(shape, 1)), _extract
    )


HEAD = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
PO_SHAPES = {
    "long-msgid": lambda n: HEAD + 'msgid "' + "word " * n + '"\nmsgstr ""\n',
    "long-escapes": lambda n: HEAD + 'msgid "' + '\\\\\\"' * n + '"\nmsgstr ""\n',
    "unterminated": lambda n: HEAD + 'msgid "' + "x" * n + "\nmsgstr \"\"\n",
    "many-entries": lambda n: HEAD + "".join(f'#: a:{i}\nmsgid "m{i}"\nmsgstr "t{i}"\n\n' for i in range(n // 20)),
    "continuations": lambda n: HEAD + 'msgid ""\n' + '"ab"\n' * (n // 4) + 'msgstr ""\n',
}


def _read_po(path: Path) -> None:
    try:
        read_catalog(path)
    except L10nError:
        pass


@pytest.mark.parametrize("shape", sorted(PO_SHAPES))
def test_po_reader_is_linear(tmp_path, shape):
    # 4N is a 5 MB single line for "long-msgid" (10 MB lines: test_hostile_po.py).
    _assert_linear(tmp_path, f"{shape}.po", lambda n: PO_SHAPES[shape](n).encode(), 250_000 // (1 if shape == "long-msgid" else 2), _read_po)
