"""Merge a template into a locale's catalog, by msgmerge's rules and stricter.

For every template entry, in template order:

1. an active entry with the same msgid keeps its translation, state and
   translator comments (references and extracted comments come from the template);
2. else an obsolete entry with the same msgid is revived, with its state;
3. else the most similar vanished or obsolete entry (rapidfuzz ``ratio`` on
   the text without placeholders, at least ``FUZZY_THRESHOLD``) lends its
   translation, marked fuzzy, with the previous msgid as ``#|``; when the
   numbers in the source changed, a ``check:`` comment names them;
4. else an exact match in the translation memory (reviewed entries, active or
   obsolete, of the locale's other catalogs) pre-fills it, marked fuzzy with a
   ``tm:`` comment naming its origin: a 100% match is a strong suggestion, but
   the same sentence can need another rendering in another document, so a
   person confirms it (one keystroke in a PO editor) before it is published;
5. else the entry starts empty, and the closest memory entry (at least
   ``CLOSE_MATCH_THRESHOLD``) is offered in a ``tm:`` comment, never as a
   translation.

Entries whose msgid left the template become obsolete (``#~``) if they carry
any translation; an entry that lent its translation to an edited sentence is
kept as obsolete too, so reverting the edit revives the reviewed original.
No command drops a translation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..placeholders import strip_placeholders
from .entry import Catalog, Entry
from .headers import catalog_metadata
from .operations import one_line, set_comment_lines
from .state import CHECK_PREFIX, TM_PREFIX

# Similarity (0-100, rapidfuzz ratio) above which an edited sentence inherits
# the old translation as a fuzzy suggestion.  See docs/catalogs-and-review.md, "Merging".
FUZZY_THRESHOLD = 80.0
# Memory matches at or above this score are shown to the reviewer as a comment.
CLOSE_MATCH_THRESHOLD = 70.0
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass
class MergeReport:
    kept: int = 0
    revived: int = 0
    fuzzy: list[tuple[str, str]] = field(default_factory=list)  # (new msgid, old msgid)
    new: int = 0
    obsoleted: int = 0
    memory: int = 0  # exact translation-memory matches pre-filled
    close: int = 0  # close matches offered as comments


@dataclass(frozen=True)
class MemoryEntry:
    msgstr: str
    origin: str  # e.g. "locales/ko/LC_MESSAGES/other.po"


def numbers_in(text: str) -> list[str]:
    return [n.replace(",", "") for n in _NUMBER.findall(strip_placeholders(text))]


def update_catalog(
    template,
    old,
    *,
    locale: str,
    project: str,
    threshold: float = FUZZY_THRESHOLD,
    memory: dict[str, MemoryEntry] | None = None,
):
    """A new catalog for ``locale`` from ``template`` and the ``old`` catalog (or None).

    ``memory`` maps source sentences to reviewed translations from the
    locale's other catalogs (see ``translation_memory``).

    Returns ``(po, report)``.  Neither input is modified.
    """
    po = Catalog()
    po.metadata = catalog_metadata(locale, project, old.metadata if old is not None else None)
    po.header = old.header if old is not None and old.header else (template.header or "").replace(
        "Template for", f"{locale} translation of"
    ).replace(": translate the PO files, not this file.", ".")
    report = MergeReport()
    # Entries are keyed by (msgctxt, msgid), as gettext does; l10n's own
    # templates have no contexts, but catalogs from other tools may.
    entries = list(old) if old is not None else []
    active = {(e.msgctxt, e.msgid): e for e in entries if not e.obsolete}
    obsolete = {(e.msgctxt, e.msgid): e for e in entries if e.obsolete}
    wanted = {(e.msgctxt, e.msgid) for e in template}
    vanished = {k: e for k, e in active.items() if k not in wanted}
    # Candidates for carry-over: the sentences that just vanished first, so a
    # tie goes to the sentence that was edited rather than an older obsolete one.
    candidates = {k: e for k, e in vanished.items() if e.msgstr}
    for k, e in obsolete.items():
        if k not in wanted and e.msgstr:
            candidates.setdefault(k, e)
    lent: set[tuple] = set()
    choices = {k: strip_placeholders(k[1]) for k in candidates}
    # The memory's sentences without placeholders, made once for all new entries
    # (not once per entry: a big project's memory holds every other document),
    # and only when a new entry asks: most merges have none, and stripping the
    # memory for each of a big project's catalogs cost its cold update a third.
    memory_choices: dict[str, str] | None = None

    for tentry in template:
        key = (tentry.msgctxt, tentry.msgid)
        entry = Entry(
            msgctxt=tentry.msgctxt,
            msgid=tentry.msgid,
            msgstr="",
            occurrences=list(tentry.occurrences),
            comment=tentry.comment,
        )
        previous = active.get(key) or obsolete.get(key)
        if previous is not None:
            entry.msgstr = previous.msgstr
            entry.tcomment = previous.tcomment
            entry.flags = [f for f in previous.flags]
            entry.previous_msgid = previous.previous_msgid
            if key in active:
                report.kept += 1
            else:
                report.revived += 1
        else:
            match = _best_match(strip_placeholders(tentry.msgid), choices, threshold) if choices else None
            if match is not None:
                source = candidates[match]
                entry.msgstr = source.msgstr
                entry.tcomment = source.tcomment
                entry.flags = sorted(set(source.flags) | {"fuzzy"})
                # Show the reviewer the sentence the translation was made for:
                # a reviewed lender's own msgid, a fuzzy lender's previous one.
                made_for = source.msgid if "fuzzy" not in source.flags else (source.previous_msgid or source.msgid)
                entry.previous_msgid = made_for
                old_numbers, new_numbers = numbers_in(made_for), numbers_in(tentry.msgid)
                lines = []
                if sorted(old_numbers) != sorted(new_numbers):
                    gone = [n for n in old_numbers if n not in new_numbers]
                    came = [n for n in new_numbers if n not in old_numbers]
                    lines.append(
                        f"{CHECK_PREFIX} numbers changed in the source: {', '.join(gone) or '-'} -> "
                        f"{', '.join(came) or '-'}; the translation still has the old ones"
                    )
                set_comment_lines(entry, CHECK_PREFIX, lines)
                lent.add(match)
                report.fuzzy.append((tentry.msgid, match[1]))
            elif memory and tentry.msgid in memory and tentry.msgctxt is None:
                hit = memory[tentry.msgid]
                entry.msgstr = hit.msgstr
                entry.flags = ["fuzzy"]
                set_comment_lines(entry, TM_PREFIX, [f"{TM_PREFIX} exact match from {hit.origin}"])
                report.memory += 1
            else:
                report.new += 1
                if memory and memory_choices is None:
                    memory_choices = {m: strip_placeholders(m) for m in memory}
                close = _close_memory_match(tentry.msgid, memory, memory_choices or {})
                if close is not None:
                    set_comment_lines(entry, TM_PREFIX, [close])
                    report.close += 1
        po.append(entry)

    # Obsolete entries: the old ones first (stable order), then newly vanished.
    for key, e in {**obsolete, **vanished}.items():
        if key in wanted or not (e.msgstr or key in lent):
            continue
        retired = Entry(
            msgctxt=e.msgctxt,
            msgid=e.msgid,
            msgstr=e.msgstr,
            tcomment=e.tcomment,
            flags=list(e.flags),
            obsolete=True,
            previous_msgid=e.previous_msgid,
        )
        po.append(retired)
        if key in vanished:
            report.obsoleted += 1
    return po, report


def translation_memory(catalogs: list[tuple[str, Catalog]]) -> dict[str, MemoryEntry]:
    """Reviewed translations (active or obsolete) of ``(origin, po)`` catalogs, by msgid."""
    from .state import REVIEWED, entry_state

    memory: dict[str, MemoryEntry] = {}
    for origin, po in catalogs:
        for e in po:
            if e.msgid and e.msgctxt is None and entry_state(e) == REVIEWED:
                memory.setdefault(e.msgid, MemoryEntry(e.msgstr, origin))
    return memory


def _close_memory_match(msgid: str, memory: dict[str, MemoryEntry] | None, choices: dict[str, str]) -> str | None:
    """The closest memory entry as a ``tm:`` comment; ``choices``: the memory's
    msgids without placeholders."""
    if not memory:
        return None
    from rapidfuzz import fuzz, process

    result = process.extractOne(
        strip_placeholders(msgid), choices, scorer=fuzz.ratio, score_cutoff=CLOSE_MATCH_THRESHOLD
    )
    if result is None:
        return None
    source = result[2]
    hit = memory[source]
    return (
        f'{TM_PREFIX} close match {result[1]:.0f}% from {hit.origin}: "{one_line(source)}" = "{one_line(hit.msgstr)}"'
    )


def _best_match(text: str, choices: dict, threshold: float):
    if not choices or not text:
        return None
    from rapidfuzz import fuzz, process

    result = process.extractOne(text, choices, scorer=fuzz.ratio, score_cutoff=threshold)
    return result[2] if result else None
