"""Fast, deterministic PO text for a polib catalog.

polib's own ``str(po)`` re-wraps every string with ``textwrap`` and costs
most of an ``update`` on a long report.  Catalogs written by l10n use
gettext's ``--no-wrap`` layout instead: one line per string, split only after
embedded newlines.  With sentence-sized units that keeps lines readable, and a
diff then shows exactly which sentence changed.  Any PO layout is still read.
"""

from __future__ import annotations

_ESCAPES = (("\\", "\\\\"), ('"', '\\"'), ("\t", "\\t"), ("\r", "\\r"), ("\n", "\\n"))


def _quote(value: str) -> str:
    # Most strings need no escape: five substring tests (C loops) say so
    # faster than a loop over ``_ESCAPES`` or a regex search.  Chained
    # str.replace beats str.translate on the short strings that need one.
    if '"' in value or "\\" in value or "\n" in value or "\t" in value or "\r" in value:
        for char, escaped in _ESCAPES:
            if char in value:
                value = value.replace(char, escaped)
    return '"' + value + '"'


def _field(out: list[str], prefix: str, keyword: str, value: str) -> None:
    if value.find("\n", 0, len(value) - 1) != -1:  # a newline before the last character
        out.append(f'{prefix}{keyword} ""')
        start = 0
        while start < len(value):
            end = value.find("\n", start)
            end = len(value) if end == -1 else end + 1
            out.append(prefix + _quote(value[start:end]))
            start = end
    else:
        out.append(f"{prefix}{keyword} {_quote(value)}")


def _entry(out: list[str], e) -> None:
    prefix = "#~ " if e.obsolete else ""
    for line in (e.tcomment or "").split("\n") if e.tcomment else ():
        out.append(f"# {line}".rstrip() if line else "#")
    for line in (e.comment or "").split("\n") if e.comment else ():
        out.append(f"#. {line}")
    if e.occurrences and not e.obsolete:
        out.append("#: " + " ".join(f"{f}:{n}" if n else f for f, n in e.occurrences))
    if e.flags:
        out.append("#, " + ", ".join(e.flags))
    previous = "#~| " if e.obsolete else "#| "
    if e.previous_msgctxt:
        _field(out, previous, "msgctxt", e.previous_msgctxt)
    if e.previous_msgid:
        _field(out, previous, "msgid", e.previous_msgid)
    if e.msgctxt is not None:
        _field(out, prefix, "msgctxt", e.msgctxt)
    _field(out, prefix, "msgid", e.msgid)
    if e.msgid_plural:
        _field(out, prefix, "msgid_plural", e.msgid_plural)
        for index in sorted(e.msgstr_plural):
            _field(out, prefix, f"msgstr[{index}]", e.msgstr_plural[index])
    else:
        _field(out, prefix, "msgstr", e.msgstr)


def po_text(po, *, number: bool = False) -> str:
    """The catalog as PO text: header, metadata entry, entries (obsolete last).
    ``number``: set each entry's ``linenum`` to its first line in the text (one
    item of ``out`` is one line: values are escaped, comments split)."""
    out: list[str] = []
    if po.header:
        out.extend(f"# {line}".rstrip() for line in po.header.split("\n"))
    if po.metadata_is_fuzzy:
        out.append("#, fuzzy")
    out.append('msgid ""')
    out.append('msgstr ""')
    for key, value in po.ordered_metadata():
        out.append(_quote(f"{key}: {value}\n"))
    active = [e for e in po if not e.obsolete]
    obsolete = [e for e in po if e.obsolete]
    for e in active + obsolete:
        out.append("")
        if number:
            e.linenum = len(out) + 1
        _entry(out, e)
    return "\n".join(out) + "\n"
