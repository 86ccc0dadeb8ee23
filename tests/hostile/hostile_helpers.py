"""Shared pieces of the hostile-input tests."""

from __future__ import annotations

from pathlib import Path

from l10n.formats import read_document
from l10n.render.edition import translate_document
from l10n.render.html import render_html, text_content
from l10n.render.text import render_text
from l10n.segment import extract_units

CORPUS = Path(__file__).parent / "corpus"


class Identity:
    """A catalog in which every sentence is reviewed and translated as itself."""

    def find(self, msgid: str) -> tuple[str, str]:
        return msgid, "reviewed"


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and p.name != ".l10n.lock"}


def assert_one_line_error(code: int, err: str, *needles: str) -> str:
    assert code != 0
    assert "Traceback" not in err and "internal error" not in err, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("error: "), lines[0]
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def squash(text: str) -> str:
    return "".join(text.split())


def full_pipeline(path: Path):
    """Read + segment, then an identity translation rendered as HTML and text.
    Returns the units; checks the translated text is the source text."""
    doc = read_document(path)
    units = extract_units(doc)
    doc = read_document(path)
    before = squash(text_content(doc.root))
    translate_document(doc, Identity(), locale="ko", source_locale="en")
    assert squash(text_content(doc.root)) == before
    render_html(doc, lang="ko", direction="ltr")
    render_text(doc.root, width=40)
    return units
