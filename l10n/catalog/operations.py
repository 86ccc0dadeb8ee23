"""The changes a command may make to a catalog's entries, each written once.

Every rule that carries a guarantee lives here, not in the command that uses
it: a machine draft never lands on a reviewed entry; an imported segment
replaces a reviewed translation only when asked, and then keeps the old one
in a comment; annotating changes the translator comment only.  Merging with a
template is ``merge.update_catalog``; compiling is ``mo.compile_mo``.
tests/test_architecture.py checks no module outside l10n/catalog/ sets an
entry's fields, so these are the only writers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .entry import Entry
from .state import CHECK_PREFIX, MT_PREFIX, REVIEWED, TM_PREFIX, comment_lines, entry_state

IMPORT_PREFIX = "import:"


def set_comment_lines(entry: Entry, prefix: str, lines: Sequence[str]) -> None:
    """Replace the translator-comment lines starting with ``prefix`` by ``lines``."""
    kept = [line for line in comment_lines(entry) if not line.startswith(prefix)]
    entry.tcomment = "\n".join(kept + list(lines))


def replace_comment_lines(entry: Entry, owned: Callable[[str], bool], lines: Sequence[str]) -> bool:
    """Replace the comment lines ``owned`` says a command recomputes by ``lines``
    (after the others); True if the comment changed.  Nothing else changes."""
    current = comment_lines(entry)
    new = [line for line in current if not owned(line)] + list(lines)
    if new == current:
        return False
    entry.tcomment = "\n".join(new)
    return True


def apply_machine_draft(entry: Entry, text: str, provenance: str, problems: Sequence[str] = ()) -> None:
    """Put a machine draft in ``entry``: fuzzy, with its ``mt:`` line and ``check:`` findings.

    Raises ``ValueError`` on a reviewed entry: a draft never replaces a person's work.
    """
    if entry_state(entry) == REVIEWED:
        raise ValueError(f"refusing to put a machine draft over the reviewed entry {entry.msgid[:60]!r}")
    entry.msgstr = text
    if "fuzzy" not in entry.flags:
        entry.flags.append("fuzzy")
    # A refreshed carry-over is now a draft of the current sentence: the
    # previous msgid no longer applies.
    entry.previous_msgid = None
    kept = [line for line in comment_lines(entry) if not line.startswith((MT_PREFIX, CHECK_PREFIX))]
    entry.tcomment = "\n".join(kept + [provenance] + [f"{CHECK_PREFIX} {p}" for p in problems])


# What ``import_translation`` did.
UNCHANGED = "unchanged"
KEPT_REVIEWED_OVER_DRAFT = "kept-reviewed"  # the file had an unconfirmed translation
CONFLICT = "conflict"  # reviewed here, another reviewed one in the file, no overwrite
IMPORTED_REVIEWED = "reviewed"
IMPORTED_DRAFT = "draft"


@dataclass(frozen=True)
class Segment:
    """A translation coming back from a file: its text and whether a person confirmed it."""

    target: str
    reviewed: bool


def import_translation(entry: Entry, segment: Segment, *, origin: str, overwrite: bool) -> str:
    """Take ``segment``'s translation into ``entry``, by the import rules; returns what happened.

    A reviewed entry is kept against a draft, and against another reviewed
    translation unless ``overwrite``; an overwritten reviewed translation stays
    readable in an ``import:`` comment line (appended, never replaced).
    """
    state = entry_state(entry)
    if entry.msgstr == segment.target and (not segment.reviewed or state == REVIEWED):
        return UNCHANGED
    if state == REVIEWED:
        if not segment.reviewed:
            return KEPT_REVIEWED_OVER_DRAFT
        if not overwrite:
            return CONFLICT
        entry.tcomment = "\n".join(filter(None, [
            entry.tcomment,
            f'{IMPORT_PREFIX} reviewed translation replaced from {origin}; it was: "{one_line(entry.msgstr)}"',
        ]))
    else:
        set_comment_lines(entry, IMPORT_PREFIX, [
            f"{IMPORT_PREFIX} {'reviewed' if segment.reviewed else 'draft'} from {origin}"
        ])
    if entry.msgstr != segment.target:
        # findings and machine provenance describe the text being replaced
        set_comment_lines(entry, CHECK_PREFIX, [])
        if state != REVIEWED:
            set_comment_lines(entry, MT_PREFIX, [])
            set_comment_lines(entry, TM_PREFIX, [])
    entry.msgstr = segment.target
    if segment.reviewed:
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = None
        entry.previous_msgctxt = None
        return IMPORTED_REVIEWED
    if "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")
    return IMPORTED_DRAFT


def one_line(text: str) -> str:
    """``text`` on one line, double quotes as single ones: fit for a comment line."""
    return " ".join(text.split()).replace('"', "'")

