"""Findings as ``check:`` translator comments, so a reviewer sees them in any PO editor.

A finding is written ``check: error[placeholders]: placeholder <2> missing ...``,
by ``l10n check`` and, with the same checks, by MT verification when a draft
is made (``l10n.mt.verify``).  Annotating replaces every line a check can
recompute: those, and the lines older versions' MT verification wrote
(``check: placeholder ...``, ``check: URL ...``, ``check: number ...``,
``check: glossary term 'X' was lost in machine translation ...``), which the
placeholders, urls, numbers and glossary checks redo on the current
translation.  So a rerun never piles lines up, and a fixed entry loses them.  Other ``check:``
lines (a number changed by a source edit, words Apertium did not know) record
facts no check can recompute and are kept.  Only the translator comment
changes: never msgstr, flags or anything else.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..catalog.operations import replace_comment_lines
from ..catalog.state import CHECK_PREFIX
from .findings import SEVERITIES, Finding

_OWN = re.compile(rf"^{CHECK_PREFIX} (?:{'|'.join(SEVERITIES)})\[[\w-]+\]: ")
_MT_VERIFICATION = tuple(f"{CHECK_PREFIX} {word}" for word in ("placeholder", "URL ", "number "))
_MT_LOST = " was lost in machine translation"  # a protected term, date or number (l10n.mt.protect)


def finding_label(finding: Finding) -> str:
    """``error[placeholders]: placeholder <2> missing ...``: a finding as a comment says it."""
    return f"{finding.severity}[{finding.check}]: {finding.message}"


def annotation(finding: Finding) -> str:
    return f"{CHECK_PREFIX} {finding_label(finding)}"


def is_recomputed(line: str) -> bool:
    """Whether ``check`` owns this comment line (and replaces it on every run)."""
    return bool(_OWN.match(line)) or line.startswith(_MT_VERIFICATION) or (
        line.startswith(CHECK_PREFIX) and _MT_LOST in line)


def annotate_entry(entry, findings: Sequence[Finding]) -> bool:
    """Replace the entry's recomputed ``check:`` lines by ``findings``; True if it changed."""
    return replace_comment_lines(entry, is_recomputed, [annotation(f) for f in findings])
