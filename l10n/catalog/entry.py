"""The catalog data model: a typed ``Entry`` and a ``Catalog`` keyed by (context, msgid).

Field names are gettext's own keywords (``msgctxt``, ``msgid``, ``msgstr``,
``msgstr_plural``, ...), so code reads like the PO file it came from.  Fields
are set by l10n/catalog/ only: layers above read them and change a catalog
through its operations (``l10n.catalog.operations``), which is where the
guarantees live (a reviewed translation is never overwritten, provenance lines
stay consistent); tests/test_architecture.py enforces it.

The one meaning of "no context": an entry without a ``msgctxt`` line has
``msgctxt is None``; ``msgctxt ""`` is a context, the empty one.  gettext
keeps them apart (msgfmt stores ``"\\x04msgid"`` for the empty context), so
the key ``(None, msgid)`` and ``("", msgid)`` are different entries here too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from .state import entry_state, fuzzy_origin, comment_lines, CHECK_PREFIX, MT_PREFIX, TM_PREFIX, FUZZY

#: (msgctxt, msgid): how gettext names a message.  msgctxt None: no context.
Key = tuple[str | None, str]


@dataclass(slots=True, eq=False)
class Entry:
    """One message of a catalog, as written in the file."""

    msgid: str = ""
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    tcomment: str = ""  # translator comment ("# ..."): provenance and check lines live here
    comment: str = ""  # extracted comment ("#. ..."): from the template
    occurrences: list[tuple[str, str]] = field(default_factory=list)  # "#: file:line" references
    previous_msgctxt: str | None = None  # "#|" fields: the sentence a carried translation was made for
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    linenum: int = 0  # where the entry starts in the file it was read from (0: made in memory)

    @property
    def key(self) -> Key:
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def state(self) -> str:
        """``reviewed``, ``fuzzy`` or ``untranslated`` (l10n.catalog.state)."""
        return entry_state(self)

    @property
    def is_machine_draft(self) -> bool:
        return self.state == FUZZY and self.provenance is not None

    @property
    def fuzzy_origin(self) -> str:
        return fuzzy_origin(self)

    @property
    def comment_lines(self) -> list[str]:
        """Translator-comment lines, editor-wrapped lines joined back."""
        return comment_lines(self)

    @property
    def check_lines(self) -> list[str]:
        return [line for line in comment_lines(self) if line.startswith(CHECK_PREFIX)]

    @property
    def provenance(self) -> str | None:
        """The ``mt:`` line of a machine draft (or of a reviewed former draft), else None."""
        return next((line for line in comment_lines(self) if line.startswith(MT_PREFIX)), None)

    @property
    def memory_line(self) -> str | None:
        """The ``tm:`` line of a translation-memory match, else None."""
        return next((line for line in comment_lines(self) if line.startswith(TM_PREFIX)), None)

    def translated(self) -> bool:
        """What msgfmt compiles: an active, non-fuzzy entry with every form translated."""
        if self.obsolete or self.fuzzy:
            return False
        if self.msgstr:
            return True
        return bool(self.msgstr_plural) and all(self.msgstr_plural.values())


class Catalog:
    """A PO or POT file: header comment, metadata, entries in file order, one index by key."""

    __slots__ = ("header", "metadata", "metadata_is_fuzzy", "_entries", "_index")

    def __init__(self) -> None:
        self.header = ""  # the comment above the metadata entry, without "# "
        self.metadata: dict[str, str] = {}
        self.metadata_is_fuzzy = False
        self._entries: list[Entry] = []
        self._index: dict[Key, Entry] = {}

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __str__(self) -> str:
        """The catalog as l10n writes it (``pofile.po_text``)."""
        from .pofile import po_text

        return po_text(self)

    def __getitem__(self, index: int) -> Entry:
        return self._entries[index]

    def append(self, entry: Entry) -> None:
        """Add ``entry`` last; the first entry of a key is the one ``get`` finds."""
        self._entries.append(entry)
        self._index.setdefault(entry.key, entry)

    def get(self, msgid: str, msgctxt: str | None = None, *, obsolete: bool = False) -> Entry | None:
        """The entry for (msgctxt, msgid): the one lookup every layer uses.

        Obsolete entries are found only with ``obsolete=True`` (an active
        entry and an obsolete one never share a key in a file l10n accepts).
        """
        entry = self._index.get((msgctxt, msgid))
        if entry is None or (entry.obsolete and not obsolete):
            return None
        return entry

    def active(self) -> list[Entry]:
        return [e for e in self._entries if not e.obsolete]

    def ordered_metadata(self) -> list[tuple[str, str]]:
        """Metadata in gettext's usual order, other fields after it in natural order."""
        rest = dict(self.metadata)
        ordered = [(key, rest.pop(key)) for key in _METADATA_ORDER if key in rest]
        ordered += [(key, rest[key]) for key in sorted(rest, key=_natural_key)]
        return ordered


_METADATA_ORDER = (
    "Project-Id-Version",
    "Report-Msgid-Bugs-To",
    "POT-Creation-Date",
    "PO-Revision-Date",
    "Last-Translator",
    "Language-Team",
    "Language",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "Plural-Forms",
)


def _natural_key(text: str) -> list:
    """"X-Field-10" after "X-Field-9": digits compare as numbers, the rest case-blind
    (the order catalogs written by earlier l10n versions have, so they are not rewritten)."""
    import re

    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"([0-9]+)", text)]
