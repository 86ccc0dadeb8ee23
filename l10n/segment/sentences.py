"""Sentence segmentation of unit text (plain text with placeholders).

Rules, in order:

1. A sentence may end after ``.``, ``!``, ``?``, ``…`` (and ``。！？`` for CJK
   text), followed by any closing quotes or brackets and closing placeholders
   (``</1>``).  Only a position outside every placeholder pair is a boundary: a
   sentence never cuts through inline markup, so every unit carries balanced
   placeholders.
2. After ``.!?…`` there must be white space, and the next sentence must start
   (after opening quotes, brackets and opening placeholders) with an upper-case
   letter, a digit or a letter of a script without case.  A lower-case word
   continues the sentence ("e.g. this", "Wait… what").  ``。！？`` end a
   sentence with or without white space.
3. A period does not end a sentence after a known abbreviation (``Mr.``,
   ``Dr.``, ``U.S.``, ``U.N.``, ``e.g.``, ``Jan.``: ``rules.ABBREVIATIONS``), after
   a single capital letter (an initial: "John F. Kennedy"), or after an
   abbreviation that introduces a number when a digit follows (``No. 3``,
   ``Art. 12``: ``rules.NUMERIC_ABBREVIATIONS``) -- except that an
   abbreviation that may close a sentence (``U.S.``, ``p.m.``:
   ``rules.SENTENCE_FINAL_ABBREVIATIONS``, and any initialism such as ``D.C.``)
   does end one before a word that usually starts a sentence
   (``rules.SENTENCE_STARTERS``): "in the U.S. The next day", "at 5 p.m. She
   left", but "the U.S. Congress".
3a. A line break (``<br>``: a void placeholder listed in ``breaks``) right
   after ``.!?…`` counts as the white space of rule 2, so "He left.<br>She
   came." is two sentences; the break is left between them.
4. A period inside a number (``1.2 million``, ``2.0``) is never a boundary,
   since no white space follows it.

Under-segmenting is preferred to over-segmenting: a unit that holds two
sentences is still translated correctly, a sentence cut in two is not.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from ..placeholders import PLACEHOLDER_RE
from .rules import (
    ABBREVIATIONS,
    CJK_SENTENCE_END,
    CLOSING,
    NUMERIC_ABBREVIATIONS,
    OPENING,
    SENTENCE_END,
    SENTENCE_FINAL_ABBREVIATIONS,
    SENTENCE_STARTERS,
)

_INITIALISM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
# A placeholder token, or a character that may end a sentence.
_EVENTS = re.compile(PLACEHOLDER_RE.pattern + "|[" + re.escape("".join(sorted(SENTENCE_END | CJK_SENTENCE_END))) + "]")
# Text without placeholders: a terminator with the terminators and closing
# characters after it, in one match (what the general loop below steps over).
_TERMINATOR = re.compile(
    "[" + re.escape("".join(sorted(SENTENCE_END | CJK_SENTENCE_END))) + "]"
    "[" + re.escape("".join(sorted(SENTENCE_END))) + "]*"
    "[" + re.escape("".join(sorted(CLOSING))) + "]*"
)


def _is_word_char(ch: str) -> bool:
    """What the regex class ``[\\w.]`` matches."""
    return ch.isalnum() or ch == "_" or ch == "."


def split_sentences(text: str, *, breaks: Collection[int] = ()) -> list[tuple[int, int]]:
    """``(start, end)`` spans of the sentences of ``text``, white space trimmed.

    ``breaks``: the numbers of the void placeholders that are line breaks."""
    if "<" not in text:
        # No placeholder (most text): no depth to track, and each candidate is
        # found, with what follows it, by one regex match.
        boundaries = [m.end() for m in _TERMINATOR.finditer(text)
                      if _is_boundary(text, m.start(), m.end(), text[m.start()], _NO_TOKENS)]
        return _trimmed_spans(text, boundaries)
    # Placeholder tokens are opaque: map each text position to "inside a token"
    # and track the nesting depth at every position.
    tokens = {m.start(): m for m in PLACEHOLDER_RE.finditer(text)}
    boundaries = []
    depth = 0
    n = len(text)
    skip_until = 0
    # Only placeholders and terminators matter: jump between them with one
    # regex scan instead of looking at every character in Python.
    for event in _EVENTS.finditer(text):
        i = event.start()
        if i < skip_until:
            continue
        if event.group(2) is not None:
            if not event.group(3):
                depth += -1 if event.group(1) else 1
            continue
        ch = text[i]
        j = i + 1
        while j < n and text[j] in SENTENCE_END:
            j += 1  # "?!", "..."
        d = depth
        while j < n:
            m = tokens.get(j)
            if m is not None and m.group(1) and not m.group(3):
                d -= 1
                j = m.end()
            elif text[j] in CLOSING:
                j += 1
            else:
                break
        if d == 0 and _is_boundary(text, i, j, ch, tokens, breaks):
            boundaries.append(j)
        skip_until = j
        depth = max(d, 0)
    return _trimmed_spans(text, boundaries)


_NO_TOKENS: dict = {}


def _trimmed_spans(text: str, boundaries: list[int]) -> list[tuple[int, int]]:
    """The non-empty spans between boundaries, white space trimmed
    (``str.strip`` and ``str.isspace`` agree on what white space is)."""
    spans = []
    start = 0
    for end in boundaries + [len(text)]:
        piece = text[start:end]
        stripped = piece.lstrip()
        if stripped:
            s = start + len(piece) - len(stripped)
            spans.append((s, s + len(stripped.rstrip())))
        start = end
    return spans


def _is_line_break(tokens: dict, j: int, breaks: Collection[int]) -> bool:
    m = tokens.get(j)
    return m is not None and bool(m.group(3)) and int(m.group(2)) in breaks


def _is_boundary(text: str, i: int, j: int, ch: str, tokens: dict, breaks: Collection[int] = ()) -> bool:
    n = len(text)
    if ch in CJK_SENTENCE_END:
        return j < n
    if j >= n or not (text[j].isspace() or _is_line_break(tokens, j, breaks)):
        return False
    k = j
    while k < n:
        m = tokens.get(k)
        if text[k].isspace() or text[k] in OPENING:
            k += 1
        elif m is not None and not m.group(1):
            k = m.end()
        else:
            break
    if k >= n:
        return False
    nxt = text[k]
    starts_sentence = nxt.isupper() or nxt.isdigit() or (nxt.isalpha() and not nxt.islower())
    if not starts_sentence:
        return False
    if ch != ".":
        return True
    if i >= 1 and text[i - 1] == ".":
        return True  # "..." handled as ellipsis: an upper-case word follows
    # The word before the period: scanned backwards, so the cost is its length
    # (a regex search from the start of the text would rescan the whole prefix
    # for every candidate period: quadratic on "Dr. Dr. Dr. ...").
    start = i
    while start > 0 and _is_word_char(text[start - 1]):
        start -= 1
    if start == i:
        return True
    w = text[start:i]
    if w in ABBREVIATIONS or w.rstrip(".") in ABBREVIATIONS:
        return w.rstrip(".") in SENTENCE_FINAL_ABBREVIATIONS and _starts_sentence(text, k)
    if w in NUMERIC_ABBREVIATIONS and nxt.isdigit():
        return False
    if len(w) == 1 and w.isupper():
        return False  # an initial
    if _INITIALISM.fullmatch(w):
        # An initialism such as "D.C" or "e.g": the end of a sentence only
        # before a typical first word ("in D.C. The", not "D.C. Circuit").
        return w[0].isupper() and _starts_sentence(text, k)
    return True


def _starts_sentence(text: str, k: int) -> bool:
    """Whether the word at ``k`` is one that usually starts a sentence."""
    end = k
    while end < len(text) and text[end].isalpha():
        end += 1
    return text[k:end] in SENTENCE_STARTERS
