"""Compile a catalog to a GNU .mo file (what gettext.GNUTranslations and msgfmt read).

The layout is msgfmt's without the optional hash table: the header entry,
then every compiled message sorted by its key bytes (``msgctxt\\x04msgid``),
two tables of (length, offset) pairs, then the NUL-terminated strings.
Only reviewed messages are compiled (``Entry.translated``); ``withheld``
msgids are left out too, so a finding can keep a sentence in the source
language without touching the catalog.
"""

from __future__ import annotations

import struct
from collections.abc import Collection

from .entry import Catalog, Entry

_MAGIC = 0x950412DE


def _key(entry: Entry) -> bytes:
    # The empty context is a context (msgfmt writes "\x04msgid" for it).
    prefix = "" if entry.msgctxt is None else entry.msgctxt + "\x04"
    plural = "\x00" + entry.msgid_plural if entry.msgid_plural else ""
    return (prefix + entry.msgid + plural).encode("utf-8")


def _value(entry: Entry) -> bytes:
    if entry.msgid_plural:
        return "\x00".join(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)).encode("utf-8")
    return entry.msgstr.encode("utf-8")


def compile_mo(po: Catalog, withheld: Collection[str] = ()) -> bytes:
    """The .mo bytes of ``po``'s reviewed entries, header first."""
    header = "".join(f"{key}: {value}\n" for key, value in po.ordered_metadata())
    pairs = [(b"", header.encode("utf-8"))]
    compiled = [
        e for e in po
        if e.translated() and not (e.msgctxt is None and e.msgid in withheld)
    ]
    pairs += sorted((_key(e), _value(e)) for e in compiled)
    count = len(pairs)
    ids_start = 7 * 4 + 16 * count
    ids = b"".join(k + b"\x00" for k, _ in pairs)
    strs_start = ids_start + len(ids)
    key_table: list[int] = []
    value_table: list[int] = []
    id_offset = str_offset = 0
    for key, value in pairs:
        key_table += (len(key), ids_start + id_offset)
        value_table += (len(value), strs_start + str_offset)
        id_offset += len(key) + 1
        str_offset += len(value) + 1
    head = struct.pack("<7I", _MAGIC, 0, count, 7 * 4, 7 * 4 + 8 * count, 0, ids_start)
    return b"".join((
        head,
        struct.pack(f"<{4 * count}I", *key_table, *value_table),
        ids,
        b"".join(v + b"\x00" for _, v in pairs),
    ))
