"""Numbered inline-markup placeholders inside unit text.

A unit's text is plain text plus placeholders standing for inline markup:
``<1>World Report 2020</1>`` for an element with content, ``<2/>`` for an
element without translatable content (an image, a line break, inline code).
Numbers start at 1 in each unit, in order of appearance.  The element, its
URL and attributes stay with the source document; a translator can move a
placeholder but has nothing to edit inside it.

A literal ``<`` in source text that would read as a placeholder (``<3>``) is
written ``\\<`` in the unit; only that exact case is escaped, so ordinary text
keeps its ``<`` untouched.

The same module serves segmentation, rendering, MT masking and QA checks, so
they all agree on one grammar.
"""

from __future__ import annotations

import re
from typing import NamedTuple

PLACEHOLDER_RE = re.compile(r"(?<!\\)<(/?)(\d+)(/?)>")
_ESCAPE_RE = re.compile(r"<(?=/?\d+/?>)")
_UNESCAPE_RE = re.compile(r"\\<(?=/?\d+/?>)")


class Token(NamedTuple):  # a tuple, not a frozen dataclass: a third of the cost to make, 20 000 per build
    kind: str  # "text" | "open" | "close" | "void"
    value: str  # text for "text" (unescaped), else ""
    id: int = 0


def escape_text(text: str) -> str:
    """Escape literal text so that nothing in it reads as a placeholder."""
    if "<" not in text:
        return text
    return _ESCAPE_RE.sub(r"\\<", text)


def unescape_text(text: str) -> str:
    if "\\<" not in text:
        return text
    return _UNESCAPE_RE.sub("<", text)


def tokenize(unit_text: str) -> list[Token]:
    """Split unit text into text runs and placeholder tokens (no validation)."""
    if "<" not in unit_text:  # no placeholder and nothing escaped: one text run
        return [Token("text", unit_text)] if unit_text else []
    tokens: list[Token] = []
    pos = 0
    for match in PLACEHOLDER_RE.finditer(unit_text):
        if match.start() > pos:
            tokens.append(Token("text", unescape_text(unit_text[pos : match.start()])))
        closing, number, void = match.groups()
        if closing and void:  # "</3/>" is no placeholder: keep it as text
            tokens.append(Token("text", match.group(0)))
        else:
            kind = "close" if closing else "void" if void else "open"
            tokens.append(Token(kind, "", int(number)))
        pos = match.end()
    if pos < len(unit_text):
        tokens.append(Token("text", unescape_text(unit_text[pos:])))
    return tokens


def signature(unit_text: str) -> list[str]:
    """The placeholders of a unit in order, as written (``['<1>', '</1>', '<2/>']``)."""
    if "<" not in unit_text:
        return []
    return [m.group(0) for m in PLACEHOLDER_RE.finditer(unit_text) if not (m.group(1) and m.group(3))]


def strip_placeholders(unit_text: str) -> str:
    """The unit's text without placeholders (for word counts and similarity)."""
    return "".join(t.value for t in tokenize(unit_text) if t.kind == "text")


def check_placeholders(source: str, translation: str) -> list[str]:
    """Problems with the translation's placeholders; empty when it may be rendered.

    The translation must use every placeholder of the source exactly once, invent
    none, and nest pairs properly (an opening tag before its closing tag).
    """
    if "<" not in source and "<" not in translation:  # no placeholder on either side (most units)
        return []
    problems: list[str] = []
    want = signature(source)
    have = signature(translation)
    if sorted(want) != sorted(have):
        missing = [p for p in want if have.count(p) < want.count(p)]
        extra = [p for p in have if want.count(p) < have.count(p)]
        shown_src = " ".join(signature(source)) or "none"
        shown_tr = " ".join(signature(translation)) or "none"
        for p in dict.fromkeys(missing):
            problems.append(
                f"placeholder {p} missing in translation (source has {shown_src}; translation has {shown_tr})"
            )
        for p in dict.fromkeys(extra):
            problems.append(
                f"placeholder {p} in translation is not in the source (source has {shown_src}; translation has {shown_tr})"
            )
        return problems
    stack: list[int] = []
    for tok in tokenize(translation):
        if tok.kind == "open":
            stack.append(tok.id)
        elif tok.kind == "close":
            if not stack or stack[-1] != tok.id:
                problems.append(f"placeholder </{tok.id}> closes out of order in translation")
                return problems
            stack.pop()
    if stack:
        problems.append(f"placeholder <{stack[-1]}> is never closed in translation")
    return problems


def pair_pattern(number: int) -> re.Pattern[str]:
    """The pair ``<n>...</n>`` of one placeholder number, its content as group 1
    (shortest match, across lines), unescaped ``<`` only as in ``PLACEHOLDER_RE``."""
    return re.compile(rf"(?<!\\)<{number}>(.*?)(?<!\\)</{number}>", re.DOTALL)


def remove_placeholder(unit_text: str, number: int) -> str:
    """``unit_text`` without any tag of placeholder ``number`` (``<n>``, ``</n>``, ``<n/>``)."""
    return re.sub(rf"(?<!\\)</?{number}/?>", "", unit_text)
