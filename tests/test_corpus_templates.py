"""The template (POT) of every corpus document, byte for byte.

tests/corpus/pot/ holds the POT that ``extract`` made for each document of
tests/corpus/ (and for the report in source/) when the file was written.  A
change to the readers or the segmenter that is meant to be a speed-up must
leave every one of them as it is: the same msgids, contexts, extracted
comments, references and order.  A change that is meant to change the units
regenerates them (``python tests/test_corpus_templates.py``), and the diff
shows which units moved.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from l10n.catalog import build_template, catalog_text
from l10n.formats import read_document
from l10n.segment import extract_units

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
GOLDEN = CORPUS / "pot"
DOCS = sorted([*CORPUS.glob("markdown/*.md"), *CORPUS.glob("html/*.html"),
               ROOT / "source" / "hrw-north-korea-world-report-2020.md"])


def template_text(source: Path) -> str:
    """What ``l10n extract`` writes for ``source`` (its reference: the path from the repository root)."""
    ref = source.relative_to(ROOT).as_posix()
    units = extract_units(read_document(source, display_path=ref))
    return catalog_text(build_template(units, source_ref=ref, project="corpus"))


def golden_path(source: Path) -> Path:
    return GOLDEN / f"{source.name}.pot"


@pytest.mark.parametrize("source", DOCS, ids=[d.name for d in DOCS])
def test_template_is_the_recorded_one(source: Path):
    expected = golden_path(source).read_text(encoding="utf-8")
    assert template_text(source) == expected, f"units of {source.name} changed (see {golden_path(source)})"


def test_every_corpus_document_has_a_recorded_template():
    recorded = {p.name for p in GOLDEN.glob("*.pot")}
    assert recorded == {golden_path(d).name for d in DOCS}
    assert all("msgid" in (GOLDEN / name).read_text(encoding="utf-8") for name in recorded)


if __name__ == "__main__":  # regenerate after an intended change of the units
    for doc in DOCS:
        golden_path(doc).write_text(template_text(doc), encoding="utf-8")
    sys.exit(0)
