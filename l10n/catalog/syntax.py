"""A strict, linear-time check of PO syntax, run before polib parses.

polib is lenient where gettext is not: it silently accepts an unterminated
string (dropping its last character), unknown escapes, a ``msgctxt`` with no
``msgid``, a ``msgid`` with no ``msgstr``, ``msgstr[N]`` without
``msgid_plural`` and a second header.  This pass checks every line is a
comment, a keyword with one well-formed C string, or a continuation string;
that keywords come in gettext's order (``msgctxt``? ``msgid`` then ``msgstr``,
or ``msgid_plural`` then ``msgstr[0]``, ``msgstr[1]`` ...); and that no
message is defined twice.  It reports the first offending line as ``msgfmt``
would.  Each line is scanned once, without backtracking.
"""

from __future__ import annotations

import re

from ..errors import CatalogError, quoted

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)[ \t]+")
_VALID_ESCAPES = frozenset('\\"ntrabfv\'?')
# A well-formed C string and nothing after it (possessive: no backtracking).
_GOOD_STRING = re.compile(r'"(?:[^"\\]++|\\(?:[\\"ntrabfv\'?0-7]|x[0-9a-fA-F]))*+"[ \t]*+')

# Parser states: what the entry being read has seen last.
_START, _CTXT, _ID, _PLURAL, _STR, _STR_N = range(6)


class _Entries:
    """gettext's entry grammar, one keyword at a time (active and obsolete
    entries are checked apart: ``#~`` lines form entries of their own)."""

    def __init__(self, shown: str, seen: dict) -> None:
        self.shown = shown
        self.state = _START
        self.start_line = 0
        self.next_index = 0
        # msgctxt and msgid strings as written, each a list of pieces (joined
        # once: "+=" per continuation line would be quadratic)
        self.key: list[list[str]] = []
        self.part = ""  # which of them continuation strings extend
        self.seen = seen
        # "#~|" lines (previous msgctxt/msgid of an obsolete entry), which polib
        # does not read: collected here so that read_catalog can restore them.
        self.previous: dict[str, str] = {}
        self.previous_part = ""
        self.found_previous: dict[tuple[str | None, str], dict[str, str]] = {}

    def previous_line(self, word: str | None, value: str) -> None:
        if word is not None:
            self.previous_part = word if word in ("msgctxt", "msgid", "msgid_plural") else ""
            if self.previous_part:
                self.previous[self.previous_part] = value
        elif self.previous_part:
            self.previous[self.previous_part] += value  # rare: "#~|" continuation lines

    def error(self, message: str, line: int) -> CatalogError:
        return CatalogError(f"malformed PO file: {message}", path=self.shown, line=line)

    def finish(self, line: int) -> None:
        """The entry in progress ends before ``line`` (or at the end of the file)."""
        if self.state == _START:
            return
        if self.state == _CTXT:
            raise self.error("msgctxt without msgid", self.start_line)
        if self.state == _ID:
            raise self.error("msgid without msgstr", self.start_line)
        if self.state == _PLURAL:
            raise self.error("msgid_plural without msgstr[0]", self.start_line)
        self.state = _START

    def keyword(self, word: str, index: str | None, value: str, line: int) -> None:
        if word == "msgctxt" or (word == "msgid" and self.state != _CTXT):
            self.finish(line)  # a new message: the one before must be complete
        state = self.state
        if word == "msgctxt":
            if state != _START:
                raise self.error("msgctxt in the middle of a message", line)
            self.state, self.start_line, self.key, self.part = _CTXT, line, [["\x04"], [value]], "ctxt"
        elif word == "msgid":
            if state == _START:
                self.start_line, self.key = line, [["\x00"]]
            elif state != _CTXT:
                raise self.error("msgid in the middle of a message", line)
            self.state = _ID
            self.key.append(["\x00", value])
            self.part = "id"
        elif word == "msgid_plural":
            if state != _ID:
                raise self.error("msgid_plural without msgid", line)
            self._check_duplicate()
            self.state, self.next_index, self.part = _PLURAL, 0, ""
        elif word == "msgstr":
            if state == _PLURAL:
                raise self.error("msgstr after msgid_plural, expected msgstr[0]", line)
            if state != _ID:
                raise self.error("msgstr without msgid", line)
            self._check_duplicate()
            self.state, self.part = _STR, ""
        else:  # msgstr[N]
            if state == _ID:
                raise self.error(f"msgstr[{index}] without msgid_plural", line)
            if state not in (_PLURAL, _STR_N):
                raise self.error(f"msgstr[{index}] without msgid", line)
            wanted = str(self.next_index)
            if ((index or "").lstrip("0") or "0") != wanted:  # compared as text: no int() of 5000 digits
                raise self.error(f"msgstr[{index}] out of order, expected msgstr[{wanted}]", line)
            self.state, self.part = _STR_N, ""
            self.next_index += 1

    def continuation(self, value: str, line: int) -> None:
        if self.state == _START:
            raise self.error("string without a keyword before it", line)
        if self.part:
            self.key[-1].append(value)

    def _check_duplicate(self) -> None:
        parts = ["".join(p) for p in self.key]
        key = "".join(parts)
        first = self.seen.get(key)
        if first is not None:
            msgid = parts[-1][1:]
            raise CatalogError(
                f"duplicate message definition {quoted(msgid[:60])} (first defined at line {first})",
                path=self.shown,
                line=self.start_line,
            )
        self.seen[key] = self.start_line
        if self.previous:
            ctxt = parts[1] if parts[0] == "\x04" else None
            self.found_previous[(ctxt, parts[-1][1:])] = self.previous
            self.previous = {}
        # A "#~|" continuation line after this entry has no keyword to extend.
        self.previous_part = ""


def check_po_syntax(text: str, shown: str) -> dict[tuple[str | None, str], dict[str, str]]:
    """Raise ``CatalogError`` at the first defect.  Returns the previous fields
    (``#~|`` lines) of obsolete entries: (msgctxt, msgid) -> {field: value},
    all as written (escaped)."""
    seen: dict[str, int] = {}
    active = _Entries(shown, seen)
    obsolete = _Entries(shown, seen)
    number = 0
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line:
            continue
        entries: _Entries | None = active
        if line.startswith("#~"):
            line = line[2:].lstrip()
            entries = obsolete
            if line.startswith("|"):  # "#~|" previous-msgid of an obsolete entry
                line = line[1:].lstrip()
                entries = None
            if not line:
                continue
        elif line.startswith("#|"):  # previous msgid of a fuzzy entry
            line = line[2:].lstrip()
            entries = None
            if not line:
                continue
        elif line.startswith("#"):
            continue
        if line.startswith('"'):
            rest = line
            match = None
        else:
            match = _KEYWORD.match(line)
            if match is None:
                raise CatalogError(
                    f"unexpected text {quoted(line[:40])}",
                    path=shown,
                    line=number,
                    hint="expected a comment, msgctxt, msgid, msgid_plural, msgstr or a quoted string",
                )
            rest = line[match.end() :]
        problem = _string_problem(rest)
        if problem:
            raise CatalogError(f"malformed PO file: {problem}", path=shown, line=number)
        if entries is None:
            if raw.lstrip().startswith("#~"):
                obsolete.previous_line(
                    match.group(1) if match else None, rest.rstrip()[1:-1]
                )
            continue
        if match is None:
            entries.continuation(rest.rstrip()[1:-1], number)
        else:
            word = match.group(1)
            word = "msgstr[]" if word.startswith("msgstr[") else word
            entries.keyword(word, match.group(2), rest.rstrip()[1:-1], number)
    active.finish(number + 1)
    obsolete.finish(number + 1)
    return obsolete.found_previous


def _string_problem(s: str) -> str | None:
    if _GOOD_STRING.fullmatch(s):
        return None
    # Slow path, only for a bad line: say what is wrong with it.
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


def join_continuations(text: str) -> str:
    """``text`` with each keyword's continuation strings joined onto the keyword's
    line, and the continuation lines left blank (so line numbers do not move).

    Run after ``check_po_syntax`` has accepted ``text``.  polib appends each
    continuation to the entry with ``+=`` on an attribute, which copies the
    whole string every time: quadratic in the length of a wrapped message.
    Joining the raw (escaped) contents is what concatenating the strings means.
    """
    lines = text.split("\n")
    anchor = -1
    anchor_obsolete = False
    prefix = ""
    pieces: list[str] = []

    def flush() -> None:
        if anchor >= 0 and len(pieces) > 1:
            lines[anchor] = prefix + '"' + "".join(pieces) + '"'

    for index, raw in enumerate(lines):
        line = raw.strip()
        obsolete = line.startswith("#~") and not line.startswith("#~|")
        body = line[2:].lstrip() if obsolete else line
        if body.startswith('"') and (obsolete or not line.startswith("#")):
            if anchor >= 0 and obsolete == anchor_obsolete:
                pieces.append(body.rstrip()[1:-1])
                lines[index] = ""
                continue
        else:
            match = _KEYWORD.match(body) if (obsolete or not line.startswith("#")) else None
            if match is not None:
                flush()
                anchor, anchor_obsolete = index, obsolete
                prefix = ("#~ " if obsolete else "") + body[: match.end()]
                pieces = [body[match.end() :].rstrip()[1:-1]]
                continue
        flush()
        anchor, pieces = -1, []
    flush()
    return "\n".join(lines)
