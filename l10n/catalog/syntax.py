"""A strict, linear-time line check of PO syntax, run before polib parses.

polib is lenient where gettext is not: it silently accepts an unterminated
string (dropping its last character) and unknown escapes.  This pass checks
every line is a comment, a keyword with one well-formed C string, or a
continuation string, and reports the first offending line as ``msgfmt``
would.  Each line is scanned once, without backtracking.
"""

from __future__ import annotations

import re

from ..errors import CatalogError

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)[ \t]+")
_VALID_ESCAPES = frozenset('\\"ntrabfv\'?')


def check_po_syntax(text: str, shown: str) -> None:
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#~"):
            line = line[2:].lstrip()
            if line.startswith("|"):  # "#~|" previous-msgid of an obsolete entry
                line = line[1:].lstrip()
            if not line:
                continue
        elif line.startswith("#|"):
            line = line[2:].lstrip()
        elif line.startswith("#"):
            continue
        if line.startswith('"'):
            rest = line
        else:
            match = _KEYWORD.match(line)
            if match is None:
                raise CatalogError(
                    f"unexpected text {line[:40]!r}",
                    path=shown,
                    line=number,
                    hint="expected a comment, msgctxt, msgid, msgid_plural, msgstr or a quoted string",
                )
            rest = line[match.end() :]
        problem = _string_problem(rest)
        if problem:
            raise CatalogError(f"malformed PO file: {problem}", path=shown, line=number)


def _string_problem(s: str) -> str | None:
    if not s.startswith('"'):
        return "expected a double-quoted string"
    i = 1
    n = len(s)
    while i < n:
        ch = s[i]
        if ch == "\\":
            if i + 1 >= n:
                return "unterminated string"
            esc = s[i + 1]
            if esc in _VALID_ESCAPES or esc in "01234567":
                i += 2
                continue
            if esc == "x" and i + 2 < n and s[i + 2] in "0123456789abcdefABCDEF":
                i += 3
                continue
            return f"invalid escape sequence '\\{esc}'"
        if ch == '"':
            if s[i + 1 :].strip():
                return "text after the closing quote"
            return None
        i += 1
    return "unterminated string"
