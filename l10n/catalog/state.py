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


def comment_lines(entry) -> list[str]:
    return [line for line in (entry.tcomment or "").split("\n") if line.strip()]


def has_origin(entry, prefix: str) -> bool:
    return any(line.startswith(prefix) for line in comment_lines(entry))


def is_machine_draft(entry) -> bool:
    return entry_state(entry) == FUZZY and has_origin(entry, MT_PREFIX)


def set_comment_lines(entry, prefix: str, lines: list[str]) -> None:
    """Replace the translator-comment lines starting with ``prefix`` by ``lines``."""
    kept = [line for line in comment_lines(entry) if not line.startswith(prefix)]
    entry.tcomment = "\n".join(kept + lines)
