"""What state an entry is in, and the provenance comments l10n writes.

States: ``reviewed`` (a translation without the fuzzy flag: a person approved
it), ``fuzzy`` (a translation waiting for review), ``untranslated``.  Machine
drafts are fuzzy entries whose translator comment has an ``mt:`` line;
translation-memory matches have a ``tm:`` line.  The lines live in the
translator comment (``# ...``) because PO editors and both polib's and
msgmerge's merges keep translator comments, so provenance survives review
tools and updates.
"""

from __future__ import annotations

import re

REVIEWED = "reviewed"
FUZZY = "fuzzy"
UNTRANSLATED = "untranslated"

MT_PREFIX = "mt:"
TM_PREFIX = "tm:"
CHECK_PREFIX = "check:"
#: Last field of an ``mt:`` line: the glossary terms put in, a JSON list.
TERMS_FIELD = "terms="


def provenance_terms(comment: str) -> list[str]:
    """The glossary terms an ``mt:`` line names (``terms=[...]``); [] if none.

    ``comment`` may be the entry's whole translator comment: a PO editor that
    wrapped the line at 78 columns split it at spaces, which JSON reads back.
    """
    import json
    import re

    start = comment.find(MT_PREFIX)
    found = re.compile(r"\s" + re.escape(TERMS_FIELD)).search(comment, start) if start >= 0 else None
    if found is None:
        return []
    rest = " ".join(comment[found.end():].split("\n"))
    try:
        terms, _ = json.JSONDecoder().raw_decode(rest.lstrip())
    except ValueError:
        return []
    return [t for t in terms if isinstance(t, str)] if isinstance(terms, list) else []


def entry_state(entry) -> str:
    if not entry.msgstr and not any((entry.msgstr_plural or {}).values()):
        return UNTRANSLATED
    return FUZZY if "fuzzy" in entry.flags else REVIEWED


# A comment line that starts a new item: "mt: ...", "check: ...", "note: ...".
_ITEM_START = re.compile(r"[A-Za-z][\w-]*:(\s|$)")
# A physical line at least this long may have been wrapped by an editor (polib
# and most PO editors wrap comments at 76-80 columns); a shorter one was not.
_WRAPPED_MIN = 50


def comment_lines(entry) -> list[str]:
    """The translator comment's lines, with lines that a PO editor or polib
    wrapped joined back: a line that does not start an item (``word:``) and
    follows a long item line (``mt:``, ``check:``, ``tm:``) continues it.  Without this
    a re-wrapped ``mt:`` line loses its ``score=`` to the next line."""
    lines: list[str] = []
    previous_physical = ""
    for raw in (entry.tcomment or "").split("\n"):
        line = raw.strip()
        if not line:
            previous_physical = ""
            continue
        if (
            lines
            and not _ITEM_START.match(line)
            and _ITEM_START.match(lines[-1])
            and len(previous_physical) >= _WRAPPED_MIN
        ):
            lines[-1] += " " + line
        else:
            lines.append(raw.rstrip())
        previous_physical = line
    return lines


# Why a fuzzy entry waits for a person (``fuzzy_origin``).
CARRIED = "carried"  # lent from an edited sentence by the merge (``#|`` previous msgid)
MACHINE = "machine"  # a machine draft (``mt:`` line)
MEMORY = "memory"  # an exact translation-memory match (``tm:`` line)
OTHER_FUZZY = "fuzzy"  # marked fuzzy by a person or another tool


def fuzzy_origin(entry) -> str:
    """``carried``, ``machine``, ``memory`` or ``fuzzy``.  A carried-over entry
    is ``carried`` even when its translation was a machine draft: the reviewer
    first has to see what changed in the source."""
    if entry.previous_msgid:
        return CARRIED
    lines = comment_lines(entry)
    if any(line.startswith(MT_PREFIX) for line in lines):
        return MACHINE
    if any(line.startswith(TM_PREFIX + " exact match") for line in lines):
        return MEMORY
    return OTHER_FUZZY
