"""Golden case folders: each tests/cases/<name>/ has an input and the units expected."""

from pathlib import Path

import pytest

from helpers import CASES
from l10n.formats import read_document
from l10n.segment import extract_units

CASE_DIRS = sorted(p for p in CASES.iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_units_match_golden(case: Path):
    source = next(case.glob("input.*"))
    expected = (case / "units.txt").read_text(encoding="utf-8").splitlines()
    units = [u.msgid for u in extract_units(read_document(source))]
    assert units == expected


def test_markdown_code_and_link_targets_are_not_units():
    units = [u.msgid for u in extract_units(read_document(CASES / "markdown-basic" / "input.md"))]
    joined = "\n".join(units)
    assert "print(" not in joined and "inline code" not in joined
    assert "example.org" not in joined and "photo.jpg" not in joined


def test_html_skips_script_style_comments_and_translate_no():
    units = [u.msgid for u in extract_units(read_document(CASES / "html-page" / "input.html"))]
    joined = "\n".join(units)
    for untouched in ("Do not translate", "color: red", "editor's comment", "Brand Name", "preformatted"):
        assert untouched not in joined


def test_lines_are_source_lines():
    units = extract_units(read_document(CASES / "text-plain" / "input.txt"))
    lines = {u.msgid: u.line for u in units}
    assert lines["A plain report."] == 1
    assert lines["Prof. Lee agrees."] == 4  # second line of the paragraph starting at 3
    assert lines["Third paragraph, after two blank lines: 3.5 percent."] == 7
