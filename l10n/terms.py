"""Termbases: the glossary of one locale, and finding its terms in English text.

File and format (``locales/<locale>/glossary.csv``, next to the catalogs it
steers)::

    source,target,note
    Human Rights Watch,,organisation name: never translated
    Chin State,estado de Chin,a state of Myanmar
    songbun,성분,"hereditary class system; write 성분(songbun) the first time"

- UTF-8 CSV (RFC 4180 quoting, a BOM is ignored).  The first row names the
  columns: ``source`` and ``target`` are required, ``note`` is optional, in
  any order.  Rows that are empty or whose first cell starts with ``#`` are
  comments.
- An empty ``target`` makes a **do-not-translate** entry: the term stays as
  the source writes it (``Term.target is None``).
- A source term may appear once (compared case-insensitively, with runs of
  white space as one space); a second entry is an error naming both lines.

Matching rules (``Termbase.find``):

- Whole words only: a term never matches inside a longer word (``UN`` is not
  found in ``UNICEF``, ``North Korea`` not in ``North Korean``); a possessive
  ``’s`` after a term is not part of it.  At an edge that is a Han or kana
  character (no spaces in those scripts) the word-boundary test is skipped.
- Simple English inflection of the last word: ``state`` also matches
  ``states``, ``policy`` ``policies``, ``box`` ``boxes``.  The glossary
  target is inserted as written, so give a target language's plural its own
  entry (``Chin States,estados de Chin``) where it differs.
- Case: a term written all in lower case matches in any case (``songbun``,
  ``Songbun``, ``SONGBUN``).  In a term with capitals the capitals of its
  first word must be capitals in the text, so names and acronyms keep their
  identity (``Chin`` is not ``chin``, ``UN`` is not ``un``); its later words
  match in any case (``Chin State`` finds ``Chin states``).
- Any run of white space in a term matches any run of white space (line
  breaks, no-break spaces), and ``'`` matches ``’``.
- Longest match first, never overlapping: with ``UN`` and ``UN Human Rights
  Council`` in the glossary, the longer one wins where both match.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import GlossaryError, install_hint, quoted
from .scripts import written_without_spaces
from .text_files import decode_utf8

if TYPE_CHECKING:  # config is rank 1 like this module; only its type is needed
    from .config import Config

GLOSSARY_FILENAME = "glossary.csv"
COLUMNS = ("source", "target", "note")


@dataclass(frozen=True)
class Term:
    """One glossary entry: ``target`` None means do not translate."""

    source: str
    target: str | None
    note: str = ""

    @property
    def do_not_translate(self) -> bool:
        return self.target is None


@dataclass(frozen=True)
class TermMatch:
    """Where a term occurs in a text: ``text[start:end] == self.text``."""

    term: Term
    start: int
    end: int
    text: str


def _normalize_term(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()




def _char_pattern(ch: str, *, exact_capitals: bool) -> str:
    if ch in "'’":
        return "['’]"
    if ch.isspace():
        return r"\s+"
    if exact_capitals and ch.isupper():
        return re.escape(ch)
    if ch.lower() != ch.upper():
        lower, upper = ch.lower(), ch.upper()
        if len(lower) == 1 and len(upper) == 1:
            return f"[{re.escape(lower)}{re.escape(upper)}]"
    return re.escape(ch)


_VOWELS = set("aeiouAEIOU")


def _inflected_end(word: str) -> tuple[str, str]:
    """(stem, pattern of the ending) for the plural forms of ``word``'s end."""
    if len(word) >= 2 and word[-1] in "yY" and word[-2].isalpha() and word[-2] not in _VOWELS:
        return word[:-1], "(?:[yY]|[iI][eE][sS])"  # policy, policies
    if re.search(r"(?:s|x|z|ch|sh)$", word, re.IGNORECASE):
        return word, "(?:[eE][sS])?"  # box, boxes
    if word[-1:].isalpha():
        return word, "[sS]?"  # state, states; NGO, NGOs
    return word, ""


def _term_pattern(source: str) -> str:
    words = source.split(" ")
    has_capitals = any(ch.isupper() for ch in source)
    stem, ending = _inflected_end(words[-1])
    parts: list[str] = []
    for i, word in enumerate(words):
        if i == len(words) - 1:
            word = stem
        exact = has_capitals and i == 0
        parts.append("".join(_char_pattern(ch, exact_capitals=exact) for ch in word))
    body = r"\s+".join(parts) + ending
    first, last = source[0], source[-1]
    before = r"(?<!\w)" if (first.isalnum() or first == "_") and not written_without_spaces(first) else ""
    after = r"(?!\w)" if (last.isalnum() or last == "_") and not written_without_spaces(last) else ""
    # A term ending in "." (``Dr.``, ``U.S.``) needs no boundary after it.
    return before + body + after


_WORD_RE = re.compile(r"\w+")


def _index_key(source: str) -> str | None:
    """The first word of ``source``, casefolded, as a text word must be to match there."""
    first = _WORD_RE.match(source)
    if first is None or written_without_spaces(source[0]):
        return None  # starts with punctuation or Han/kana: scanned by the fallback
    word = first.group(0).casefold()
    if first.end() == len(source) and len(word) > 1 and word.endswith("y"):
        word = word[:-1]  # a one-word term is inflected: policy, policies
    return word


def _lookup_keys(word: str) -> set[str]:
    """Index keys a text word can match: itself, and itself less a plural ending."""
    word = word.casefold()
    keys = {word}
    for ending in ("s", "es", "ies", "y"):
        if word.endswith(ending) and len(word) > len(ending):
            keys.add(word[: -len(ending)])
    return keys


class Termbase:
    """The terms of one locale's glossary, matched as the module docstring says."""

    def __init__(self, terms: tuple[Term, ...] = (), path: str = "") -> None:
        self.terms = tuple(terms)
        self.path = path
        self._index: dict[str, list[int]] | None = None
        self._patterns: dict[int, re.Pattern[str]] = {}
        self._fallback: re.Pattern[str] | None = None
        self._fallback_order: list[int] = []

    def __repr__(self) -> str:
        return f"Termbase({len(self.terms)} terms, path={self.path!r})"

    def __len__(self) -> int:
        return len(self.terms)

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def _build_index(self) -> dict[str, list[int]]:
        # Why an index and not one big alternation: a regex of thousands of
        # alternatives tried at every character is slow (seconds per page);
        # looking up the terms whose first word is the text's word is not.
        index: dict[str, list[int]] = {}
        rest: list[int] = []
        for i, term in enumerate(self.terms):
            key = _index_key(term.source)
            if key is None:
                rest.append(i)
            else:
                index.setdefault(key, []).append(i)
        for ids in index.values():
            ids.sort(key=lambda i: -len(self.terms[i].source))  # longest first
        if rest:
            rest.sort(key=lambda i: -len(self.terms[i].source))
            self._fallback_order = rest
            alternatives = "|".join(f"({_term_pattern(self.terms[i].source)})" for i in rest)
            self._fallback = re.compile(f"(?=(?:{alternatives}))")
        self._index = index
        return index

    def _pattern(self, i: int) -> re.Pattern[str]:
        pattern = self._patterns.get(i)
        if pattern is None:
            pattern = self._patterns[i] = re.compile(_term_pattern(self.terms[i].source))
        return pattern

    def _candidates(self, text: str) -> list[tuple[int, int, int]]:
        """(start, end, term index): the longest term matching at each start."""
        index = self._index if self._index is not None else self._build_index()
        found: list[tuple[int, int, int]] = []
        for word in _WORD_RE.finditer(text):
            ids = [i for key in _lookup_keys(word.group(0)) for i in index.get(key, ())]
            if len(ids) > 1:
                ids.sort(key=lambda i: -len(self.terms[i].source))
            for i in ids:
                m = self._pattern(i).match(text, word.start())
                if m is not None and m.end() > m.start():
                    found.append((m.start(), m.end(), i))
                    break
        if self._fallback is not None:
            for m in self._fallback.finditer(text):
                group = m.lastindex
                if group is not None and m.end(group) > m.start(group):
                    found.append((m.start(group), m.end(group), self._fallback_order[group - 1]))
        return found

    def find(self, text: str) -> list[TermMatch]:
        """Non-overlapping matches in ``text``, longest first, returned in text order."""
        if not self.terms or not text:
            return []
        chosen: list[tuple[int, int, int]] = []
        taken: list[tuple[int, int]] = []
        for start, end, i in sorted(self._candidates(text), key=lambda c: (c[0] - c[1], c[0])):
            if all(end <= s or start >= e for s, e in taken):
                chosen.append((start, end, i))
                taken.append((start, end))
        chosen.sort()
        return [TermMatch(self.terms[i], s, e, text[s:e]) for s, e, i in chosen]


def read_termbase(text: str, *, path: str) -> Termbase:
    """Parse glossary CSV ``text``; ``path`` is used in error messages."""
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    columns: dict[str, int] | None = None
    terms: list[Term] = []
    seen: dict[str, int] = {}
    line = 1  # line where the next record starts
    try:
        for row in reader:
            row_line, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
                continue
            if columns is None:
                columns = _read_header(row, path=path, line=row_line)
                continue
            while len(row) > len(columns) and not row[-1].strip():
                row = row[:-1]  # trailing empty cells (a spreadsheet's export)
            if len(row) > len(columns):
                raise GlossaryError(f"{len(row)} cells, expected at most {len(columns)} "
                                    f"({', '.join(columns)}); quote a cell that contains a comma",
                                    path=path, line=row_line)
            cells = {name: (row[i] if i < len(row) else "") for name, i in columns.items()}
            source = _normalize_term(cells["source"])
            if not source:
                raise GlossaryError("empty source term", path=path, line=row_line)
            if not any(ch.isalnum() for ch in source):
                raise GlossaryError(f"source term {quoted(source)} has no letter or digit", path=path, line=row_line)
            key = source.casefold()
            if key in seen:
                raise GlossaryError(f"source term {quoted(source)} is already defined on line {seen[key]}",
                                    path=path, line=row_line)
            seen[key] = row_line
            target = _normalize_term(cells["target"]) or None
            terms.append(Term(source, target, cells.get("note", "").strip()))
    except csv.Error as exc:
        raise GlossaryError(f"malformed CSV: {exc}", path=path, line=line) from None
    if columns is None and text.strip():
        raise GlossaryError("no header row", path=path, line=1, hint="start with: source,target,note")
    return Termbase(tuple(terms), path)


def _read_header(row: list[str], *, path: str, line: int) -> dict[str, int]:
    names = [cell.strip().lower() for cell in row]
    for name in names:
        if name not in COLUMNS:
            raise GlossaryError(f"unknown column {name!r} in the header", path=path, line=line,
                                hint="columns: source,target,note")
    if len(set(names)) != len(names):
        raise GlossaryError("a column is named twice in the header", path=path, line=line)
    for required in ("source", "target"):
        if required not in names:
            raise GlossaryError(f"the header has no {required!r} column", path=path, line=line,
                                hint="start with: source,target,note")
    return {name: i for i, name in enumerate(names)}


def read_tbx(data: bytes, *, path: str, locale: str, source_language: str = "en") -> Termbase:
    """The terms of a TBX file (``termEntry``/``langSet``/``tig``) for one target locale.

    Read with Translate Toolkit's TBX store.  Every source-language term of an
    entry (synonyms too) gets the entry's first target term that is not
    marked deprecated; an entry without one for ``locale`` is skipped.  A
    target written exactly as the source term becomes do-not-translate (the
    source's own form, plural included, is kept).  Languages match by BCP 47
    tag (``zh-Hans``), then by language (``zh``) when only one ``langSet``
    has it.
    """
    try:
        from lxml import etree
        from translate.storage import tbx
    except ImportError:
        raise GlossaryError("reading TBX needs Translate Toolkit", path=path,
                            hint=install_hint("tbx")) from None
    try:
        store = tbx.tbxfile.parsestring(data)
    except etree.XMLSyntaxError as exc:
        raise GlossaryError(f"malformed TBX: {exc.msg}", path=path, line=exc.lineno) from None
    terms: list[Term] = []
    seen: dict[str, int] = {}
    for unit in store.units:
        line = unit.xmlelement.sourceline
        tags = [node.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
                for node in unit.getlanguageNodes()]
        source_tag, target_tag = _pick_language(tags, source_language), _pick_language(tags, locale)
        if source_tag is None or target_tag is None:
            continue
        targets = [t for t in unit.get_target_terms(target_tag) if t.text.strip() and not t.deprecated]
        if not targets:
            continue
        target = _normalize_term(targets[0].text)
        note = "; ".join(dict.fromkeys(n.text.strip() for n in targets[0].notes if n.text and n.text.strip()))
        for source_term in unit.get_target_terms(source_tag):
            source = _normalize_term(source_term.text)
            if not source or source_term.deprecated:
                continue
            key = source.casefold()
            if key in seen:
                raise GlossaryError(f"source term {quoted(source)} is already defined on line {seen[key]}",
                                    path=path, line=line)
            seen[key] = line
            terms.append(Term(source, None if target == source else target, note))
    return Termbase(tuple(terms), path)


def _pick_language(tags: list[str], locale: str) -> str | None:
    """The ``xml:lang`` among ``tags`` that serves ``locale`` (``zh_Hans`` -> ``zh-Hans``)."""
    def norm(tag: str) -> str:
        return tag.replace("_", "-").lower()

    want = norm(locale)
    for tag in tags:
        if norm(tag) == want:
            return tag
    language = want.split("-")[0]
    same = [tag for tag in tags if norm(tag).split("-")[0] == language]
    return same[0] if len(same) == 1 else None


def termbase_path(config: Config, locale: str) -> Path:
    """Where the glossary of ``locale`` lives: ``<locales_dir>/<locale>/glossary.csv``."""
    return config.locales_dir / locale / GLOSSARY_FILENAME


def load_termbase(config: Config, locale: str) -> Termbase:
    """The glossary of ``locale``; an empty Termbase when the project has none."""
    path = termbase_path(config, locale)
    shown = config.relative(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Termbase((), shown)
    except OSError as exc:
        raise GlossaryError(f"cannot read: {exc.strerror}", path=shown) from None
    return read_termbase(decode_utf8(data, shown=shown, error=GlossaryError, expected="a UTF-8 glossary"), path=shown)
