"""Line wrapping by display width, for Latin, Hangul, Chinese and Japanese.

- Width is measured in terminal columns: East Asian wide characters count two
  (``wcwidth``).
- Latin and Korean text breaks only at spaces: Korean separates words with
  spaces, and a Hangul word is never split.
- Chinese and Japanese text may break between any two characters, except
  before closing punctuation (``。，、」）`` ...) and after opening punctuation
  (``「（`` ...), the common kinsoku rules.
- A word wider than the line is put on a line of its own, unbroken.
"""

from __future__ import annotations

import re

from ..scripts import breaks_anywhere

NO_BREAK_BEFORE = frozenset("。．，、：；！？）」』】〕〉》”’・ー〜…‥%％,.:;!?)]}")
NO_BREAK_AFTER = frozenset("（「『【〔〈《“‘([{")


def display_width(text: str) -> int:
    if text.isascii() and text.isprintable():
        return len(text)
    # Imported here: wcwidth's tables cost ~9 ms to load, and a build whose
    # text is all ASCII never needs them.
    from wcwidth import wcswidth, wcwidth

    width = wcswidth(text)
    if width >= 0:
        return width
    return sum(max(wcwidth(ch), 0) for ch in text)


def _atoms(word: str) -> list[str]:
    """Split a space-free word at the places a CJK line may break."""
    if word.isascii():  # no wide characters: one atom (fast path for long text)
        return [word]
    atoms: list[str] = []
    current = ""
    for ch in word:
        if current:
            prev = current[-1]
            breakable = (breaks_anywhere(prev) or breaks_anywhere(ch)) and not (
                ch in NO_BREAK_BEFORE or prev in NO_BREAK_AFTER
            )
            if breakable:
                atoms.append(current)
                current = ""
        current += ch
    if current:
        atoms.append(current)
    return atoms


def wrap(text: str, width: int) -> list[str]:
    """Wrap one paragraph (hard line breaks as ``\\n``) to ``width`` columns."""
    lines: list[str] = []
    for hard_line in text.split("\n"):
        lines.extend(_wrap_line(hard_line, width))
    return lines


# Characters one column wide with no break opportunities of their own (Latin,
# Greek, Cyrillic, general punctuation): lines made only of these are wrapped
# by len(), the common case for source-language and fallback text.
_NARROW_ONLY = re.compile(r"[\x20-\x7e\u00a0-\u02ff\u0370-\u0482\u048a-\u04ff\u2010-\u2027\u2030-\u205e]*")


def _wrap_narrow(text: str, width: int) -> list[str]:
    if text and "  " not in text and text[0] != " " and text[-1] != " ":
        return _wrap_single_spaced(text, width)
    lines: list[str] = []
    current: list[str] = []
    length = -1
    for word in text.split(" "):
        if not word:
            continue
        if current and length + 1 + len(word) > width:
            lines.append(" ".join(current))
            current, length = [word], len(word)
        else:
            current.append(word)
            length += 1 + len(word)
    if current or not lines:
        lines.append(" ".join(current))
    return lines


def _wrap_single_spaced(text: str, width: int) -> list[str]:
    """``_wrap_narrow`` for text whose words are separated by single spaces
    (what the text renderer produces): each line is cut at the last space
    that fits, found by ``str.rfind`` instead of a loop over the words."""
    lines: list[str] = []
    pos, size = 0, len(text)
    while size - pos > width:
        cut = text.rfind(" ", pos, pos + width + 1)
        if cut <= pos:  # the first word is wider than the line: it goes alone
            cut = text.find(" ", pos + 1)
            if cut == -1:
                break
        lines.append(text[pos:cut])
        pos = cut + 1
    lines.append(text[pos:])
    return lines


def _wrap_line(text: str, width: int) -> list[str]:
    if _NARROW_ONLY.fullmatch(text):
        return _wrap_narrow(text, width)
    words = text.split(" ")
    lines: list[str] = []
    line = ""
    line_width = 0
    for word in words:
        if not word:
            continue
        for index, atom in enumerate(_atoms(word)):
            atom_width = display_width(atom)
            gap = 1 if (index == 0 and line) else 0
            if line and line_width + gap + atom_width > width:
                lines.append(line)
                line, line_width = atom, atom_width
            else:
                line += (" " if gap else "") + atom
                line_width += gap + atom_width
    if line or not lines:
        lines.append(line)
    return lines
