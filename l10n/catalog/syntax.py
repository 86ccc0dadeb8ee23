"""The PO reader: one linear pass that checks gettext's grammar and builds the catalog.

Lenient readers (polib, which l10n used before) silently accept an
unterminated string (dropping its last character), unknown escapes, a
``msgctxt`` with no ``msgid``, a ``msgid`` with no ``msgstr``, ``msgstr[N]``
without ``msgid_plural`` and a second header.  This pass checks every line is
a comment, a keyword with one well-formed C string, or a continuation string;
that keywords come in gettext's order (``msgctxt``? ``msgid`` then ``msgstr``,
or ``msgid_plural`` then ``msgstr[0]``, ``msgstr[1]`` ...); and that no
message is defined twice.  It reports the first offending line as ``msgfmt``
would.  In the same pass it builds the ``Entry`` objects (``_Builder``), so a
catalog is parsed once.  Each line is scanned once, without backtracking.
"""

from __future__ import annotations

import re

from ..errors import CatalogError, quoted
from .entry import Catalog, Entry

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)[ \t]+")
_VALID_ESCAPES = frozenset('\\"ntrabfv\'?')
# A well-formed C string and nothing after it (possessive: no backtracking).
_GOOD_STRING = re.compile(r'"(?:[^"\\]++|\\(?:[\\"ntrabfv\'?0-7]|x[0-9a-fA-F]))*+"[ \t]*+')
# A keyword line that needs no further look: the keyword, its string, nothing else
# (one regex call per line; any line it refuses takes the slow path, which names the defect).
_GOOD_KEYWORD_LINE = re.compile(_KEYWORD.pattern + "(" + _GOOD_STRING.pattern + ")")

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


class _Builder:
    """Entries from the lines the grammar accepted, by the rules PO readers share:
    comments before a keyword belong to the entry it starts; a comment or keyword
    after a ``msgstr`` starts the next entry; the translator comments above the
    first entry are the file's header comment."""

    def __init__(self) -> None:
        self.catalog = Catalog()
        self.header: list[str] = []
        self.in_header = True
        self.entry = Entry()
        self.started = False  # the entry has a msgctxt or msgid
        self.after_msgstr = False
        self.target = ""  # the field continuation strings extend
        self.pieces: list[str] = []  # its escaped value, piece by piece (joined once)
        self.entries: list[Entry] = []

    def _next_entry(self, line: int) -> None:
        if self.after_msgstr:
            self._flush()
            self.entries.append(self.entry)
            self.entry = Entry(linenum=line)
            self.started = self.after_msgstr = False
        elif not self.started and not self.entry.linenum:
            self.entry.linenum = line

    def _flush(self) -> None:
        if self.target:
            value = _unescape("".join(self.pieces))
            entry = self.entry
            if self.target.startswith("msgstr["):
                entry.msgstr_plural[int(self.target[7:-1])] = value
            else:
                setattr(entry, self.target, value)
            self.target = ""

    def _start(self, target: str, value: str) -> None:
        self._flush()
        self.target, self.pieces = target, [value]

    def comment(self, line: str, number: int) -> None:
        """A ``#`` line other than ``#~`` (``line`` stripped, without the ``#~ `` of an obsolete entry)."""
        kind = line[1:2]
        if kind == "," or kind == ":" or kind == ".":
            body = line[2:]
            if not body.strip():
                return  # an empty "#," "#:" or "#." line says nothing
        elif kind == "|":
            return
        self.in_header = self.in_header and kind not in (",", ":", ".")
        if kind not in (",", ":", "."):
            text = line.lstrip("#")
            text = text[1:] if text.startswith(" ") else text
            if self.in_header:
                self.header.append(text)
                return
        self._next_entry(number)
        entry = self.entry
        if kind == ",":
            entry.flags += [flag.strip() for flag in body.split(",")]
        elif kind == ":":
            for reference in body.split():
                path, _, where = reference.rpartition(":")
                entry.occurrences.append((path, where) if path and where.isdigit() else (reference, ""))
        elif kind == ".":
            text = body[1:] if body.startswith(" ") else body
            entry.comment = f"{entry.comment}\n{text}" if entry.comment else text
        else:
            entry.tcomment = f"{entry.tcomment}\n{text}" if entry.tcomment else text

    def previous(self, word: str | None, value: str, number: int) -> None:
        """A ``#|`` or ``#~|`` line: a previous msgctxt/msgid/msgid_plural or its continuation."""
        if word is None:
            if self.target.startswith("previous_"):
                self.pieces.append(value)
            return
        self.in_header = False
        self._next_entry(number)
        if word in ("msgctxt", "msgid", "msgid_plural"):
            self._start("previous_" + word, value)

    def keyword(self, word: str, index: str | None, value: str, number: int, obsolete: bool) -> None:
        self.in_header = False
        if word == "msgctxt" or word == "msgid":
            self._next_entry(number)
            if word == "msgid":
                self.entry.obsolete = obsolete
            self.started = True
            self._start(word, value)
        elif word == "msgstr[]":
            self._start(f"msgstr[{int(index or 0)}]", value)
            self.after_msgstr = True
        else:
            self._start(word, value)
            self.after_msgstr = word == "msgstr"

    def continuation(self, value: str) -> None:
        if self.target:
            self.pieces.append(value)

    def finish(self) -> Catalog:
        self._flush()
        if self.started:
            self.entries.append(self.entry)
        catalog = self.catalog
        catalog.header = "\n".join(self.header)
        header_entry = next((e for e in self.entries if e.msgid == "" and e.msgctxt is None and not e.obsolete), None)
        for entry in self.entries:
            if entry is not header_entry:
                catalog.append(entry)
        if header_entry is not None:
            catalog.metadata_is_fuzzy = "fuzzy" in header_entry.flags
            catalog.metadata.update(parse_metadata(header_entry.msgstr))
        return catalog


def parse_metadata(msgstr: str) -> dict[str, str]:
    """``Key: value`` lines of the header entry; a line without a colon continues the value before."""
    metadata: dict[str, str] = {}
    key = None
    for line in msgstr.splitlines():
        name, colon, value = line.partition(":")
        if colon:
            key = name
            metadata[key] = value.strip()
        elif key is not None:
            metadata[key] += "\n" + line.strip()
    return metadata


_UNESCAPE = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "\\": "\\", '"': '"'}
_ESCAPE = re.compile(r'\\([\\ntrvbf"])')


def _unescape(value: str) -> str:
    """The string a quoted PO value stands for.  Other C escapes (``\\a``, octal,
    hex) are kept as written, as l10n always has, so a rewrite keeps them."""
    if "\\" not in value:
        return value
    return _ESCAPE.sub(lambda m: _UNESCAPE[m.group(1)], value)


def parse_po(text: str, shown: str) -> Catalog:
    """The catalog ``text`` holds; ``CatalogError`` naming ``shown`` and the line at the first defect."""
    seen: dict[str, int] = {}
    active = _Entries(shown, seen)
    obsolete = _Entries(shown, seen)
    build = _Builder()
    number = 0
    good_string = _GOOD_STRING.fullmatch
    good_keyword = _GOOD_KEYWORD_LINE.fullmatch
    # Hot loop (one iteration per line, 24 000 lines for a 2 400-entry catalog):
    # dispatch on the first character, one regex call for a well-formed line.
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line:
            continue
        entries = active
        is_obsolete = previous = False
        if line[0] == "#":
            if line.startswith("#~"):
                line = line[2:].lstrip()
                entries = obsolete
                is_obsolete = True
                if line.startswith("|"):  # "#~|" previous-msgid of an obsolete entry
                    line = line[1:].lstrip()
                    previous = True
                if not line:
                    continue
                if line[0] == "#":
                    build.comment(line, number)
                    continue
            elif line.startswith("#|"):  # previous msgid of a fuzzy entry
                line = line[2:].lstrip()
                previous = True
                if not line:
                    continue
            else:
                build.comment(line, number)
                continue
        if line[0] == '"':
            if good_string(line) is None:
                raise _line_error(line, shown, number)
            value = line[1:-1]
            if previous:
                build.previous(None, value, number)
            else:  # a continuation string (Entries.continuation and Builder.continuation, inlined)
                if entries.state == _START:
                    raise entries.error("string without a keyword before it", number)
                if entries.part:
                    entries.key[-1].append(value)
                if build.target:
                    build.pieces.append(value)
            continue
        match = good_keyword(line)
        if match is None:
            raise _line_error(line, shown, number)
        word, index, quoted_value = match.groups()
        value = quoted_value[1:-1]
        if previous:
            build.previous(word, value, number)
            continue
        if index is not None:  # msgstr[N]
            word = "msgstr[]"
        entries.keyword(word, index, value, number)
        build.keyword(word, index, value, number, is_obsolete)
    active.finish(number + 1)
    obsolete.finish(number + 1)
    return build.finish()


def _line_error(line: str, shown: str, number: int) -> CatalogError:
    """What is wrong with a line that is neither a comment nor well formed."""
    if line.startswith('"'):
        rest = line
    else:
        match = _KEYWORD.match(line)
        if match is None:
            return CatalogError(
                f"unexpected text {quoted(line[:40])}",
                path=shown,
                line=number,
                hint="expected a comment, msgctxt, msgid, msgid_plural, msgstr or a quoted string",
            )
        rest = line[match.end() :]
    return CatalogError(f"malformed PO file: {_string_problem(rest)}", path=shown, line=number)


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
