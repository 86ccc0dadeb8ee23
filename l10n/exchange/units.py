"""Catalog entries as exchange units, the format-neutral middle of export and import.

States across formats (docs/exchange.md states the same table):

==========  ===========================  ===========================
l10n (PO)   XLIFF 1.2 ``<target>``       XLIFF 2.0 ``<segment>``
==========  ===========================  ===========================
reviewed    ``state="final"``,           ``state="final"``
            ``approved="yes"``
draft       ``state="needs-review-       ``state="initial"`` with a
(fuzzy)     translation"`` + qualifier   target, ``subState``
untrans.    no target                    ``state="initial"``, no target
==========  ===========================  ===========================

On import a target counts as reviewed when the CAT tool says a person
confirmed it (1.2: ``approved="yes"``, or ``translated``/``signed-off``/
``final``, or no state at all; 2.0: ``translated``/``reviewed``/``final``);
every other state is a draft and stays fuzzy.  An untouched draft exported by
l10n therefore comes back as a draft, never as reviewed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from ..catalog import Catalog, Entry
from ..catalog.state import REVIEWED, UNTRANSLATED

REVIEWED_STATE = "reviewed"
DRAFT_STATE = "draft"
EMPTY_STATE = "untranslated"

# How a draft came about, for XLIFF 1.2 state-qualifier and 2.0 subState.
ORIGIN_MT = "mt"
ORIGIN_TM = "tm"
ORIGIN_CARRIED = "carried"
ORIGIN_OTHER = "other"


@dataclass(frozen=True)
class ExchangeUnit:
    """One sentence unit with its translation, as every exchange format sees it."""

    id: str
    source: str  # unit text with placeholders
    target: str
    state: str  # REVIEWED_STATE | DRAFT_STATE | EMPTY_STATE
    context: str | None = None  # msgctxt
    origin: str | None = None  # ORIGIN_* for drafts
    notes: tuple[tuple[str, str], ...] = ()  # (category, text): provenance, check, comment, previous-source
    locations: tuple[str, ...] = ()  # "source/report.md:12"


@dataclass
class ImportedSegment:
    """A segment read back from an exchange file, with the line it starts on."""

    id: str | None
    source: str
    target: str
    state: str
    line: int | None
    context: str | None = None
    target_line: int | None = None
    errors: list[str] = field(default_factory=list)


def unit_id(context: str | None, msgid: str) -> str:
    """A stable id for ``(msgctxt, msgid)``: CAT tools keep ids, so import finds the entry."""
    key = (context or "") + "\x04" + msgid
    return "u" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


class SegmentLookup:
    """A catalog's active entries, found the way an imported segment names them.

    Not ``Catalog.get`` alone: a CAT tool keeps a unit's id but may re-space
    or re-wrap its source text, so the id finds the entry the text would
    miss; the text, with the segment's context, is the fallback for a file
    whose ids were lost.  ``unit_id`` hashes ``msgctxt or ""``, so
    ``(None, msgid)`` and ``("", msgid)`` share an id (changing it would
    orphan every file exported so far); the context the segment carries
    (``resname``/``name``, read back as written) tells those two apart, so
    "no context" is ``None`` here as in ``Catalog.get``.
    """

    def __init__(self, po: Catalog) -> None:
        self.po = po
        self.by_id: dict[str, list[Entry]] = {}
        for entry in po:
            if entry.msgid and not entry.obsolete:
                self.by_id.setdefault(unit_id(entry.msgctxt, entry.msgid), []).append(entry)

    def find(self, segment: ImportedSegment) -> Entry | None:
        """The entry ``segment`` translates, None if the catalog has none."""
        same_id = self.by_id.get(segment.id or "", [])
        same_key = [entry for entry in same_id if entry.msgctxt == segment.context]
        if same_key:
            return same_key[0]
        if len(same_id) == 1:  # a tool that dropped the context attribute kept the id
            return same_id[0]
        return self.po.get(segment.source, segment.context) if segment.source else None


def _origin(entry) -> str:
    if entry.provenance is not None:
        return ORIGIN_MT
    if entry.memory_line is not None:
        return ORIGIN_TM
    if entry.previous_msgid:
        return ORIGIN_CARRIED
    return ORIGIN_OTHER


def _note_category(line: str) -> str:
    head = line.split(":", 1)[0]
    return {"mt": "provenance", "tm": "provenance", "check": "check"}.get(head, "comment")


def unit_from_entry(entry) -> ExchangeUnit:
    """The exchange unit of an active, singular PO entry."""
    state = entry.state
    notes = [(_note_category(line), line) for line in entry.comment_lines]
    notes += [("extracted", line) for line in (entry.comment or "").split("\n") if line.strip()]
    if entry.previous_msgid and entry.previous_msgid != entry.msgid:
        notes.append(("previous-source", entry.previous_msgid))
    if state == REVIEWED:
        xstate, origin = REVIEWED_STATE, None
    elif state == UNTRANSLATED:
        xstate, origin = EMPTY_STATE, None
    else:
        xstate, origin = DRAFT_STATE, _origin(entry)
    return ExchangeUnit(
        id=unit_id(entry.msgctxt, entry.msgid),
        source=entry.msgid,
        target=entry.msgstr if xstate != EMPTY_STATE else "",
        state=xstate,
        context=entry.msgctxt,
        origin=origin,
        notes=tuple(notes),
        locations=tuple(f"{path}:{line}" if line else path for path, line in entry.occurrences),
    )


def exchange_units(po) -> list[ExchangeUnit]:
    """Every active, singular entry of a catalog in file order (the header is not a unit)."""
    return [unit_from_entry(e) for e in po if e.msgid and not e.obsolete and not e.msgid_plural]
