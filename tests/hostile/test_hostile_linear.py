"""Linear time: reading + segmenting (and PO parsing) input 4x larger takes < ~8x longer.

Each shape is measured at N and 4N (best of 3, garbage collector paused so that
its pauses, which depend on everything else alive in the test process, do not
blur the measure).  A quadratic step gives a ratio near 16.
"""

from __future__ import annotations

import gc
import time
from pathlib import Path

import pytest

from l10n.catalog.io import read_catalog
from l10n.errors import L10nError
from l10n.formats import read_document
from l10n.segment import extract_units

RATIO = 8.0
SLACK = 0.01  # seconds: fixed costs that do not grow with the input

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


def _best_of_3(fn) -> float:
    best = float("inf")
    for _ in range(3):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            fn()
            best = min(best, time.perf_counter() - start)
        finally:
            gc.enable()
    return best


def _extract(path: Path) -> None:
    try:
        extract_units(read_document(path))
    except L10nError:
        pass  # a rejection must be fast too


def _assert_linear(tmp_path: Path, name: str, make, n: int, run) -> tuple[float, float]:
    small, large = tmp_path / f"small-{name}", tmp_path / f"large-{name}"
    small.write_bytes(make(n))
    large.write_bytes(make(4 * n))
    t1, t4 = _best_of_3(lambda: run(small)), _best_of_3(lambda: run(large))
    assert t4 < RATIO * t1 + SLACK, f"{name}: {t1:.4f}s for N, {t4:.4f}s for 4N (ratio {t4 / max(t1, 1e-9):.1f})"
    return t1, t4


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
