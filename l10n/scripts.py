"""Which writing system a character belongs to, by code-point ranges: the one
place for CJK and Hangul detection.

The segmenter (a Japanese paragraph is joined without spaces), line wrapping
(a line may break beside a Chinese character, never inside a Hangul word), the
PDF renderer (keeps Hangul words whole), term matching (no word boundaries in
Han and kana) and MT markup restore (a tag may land inside a Chinese word) all
ask the same questions, so they share these ranges.  Fonts name scripts by
Unicode character name instead (render/fonts.py): they need every script, not
just these.
"""

from __future__ import annotations

import re
import unicodedata

# Ranges as regex character-class bodies, so callers can build patterns from them.
HANGUL = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"  # jamo, compatibility jamo, syllables
HANGUL_SYLLABLES = "\uac00-\ud7af"
KANA = "\u3040-\u30ff"  # hiragana and katakana
HAN = "\u3400-\u4dbf\u4e00-\u9fff"  # CJK unified ideographs and extension A
# Below this no character is kana, Han or a Hangul syllable (the three above).
BELOW_KANA_HAN_SYLLABLES = min(KANA[0], HAN[0], HANGUL_SYLLABLES[0])

# Written with no spaces between words: CJK radicals, symbols and punctuation,
# kana, ideographs (with compatibility and supplementary planes), half-width katakana.
_NO_SPACE = ((0x2E80, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
             (0xFF66, 0xFF9D), (0x20000, 0x3FFFF))


def is_hangul(ch: str) -> bool:
    """A Hangul jamo or syllable: Korean, written with spaces between words."""
    return "\u1100" <= ch <= "\u11ff" or "\u3130" <= ch <= "\u318f" or "\uac00" <= ch <= "\ud7af"


def written_without_spaces(ch: str) -> bool:
    """Han, kana and their punctuation: scripts with no spaces between words,
    where a word boundary cannot be seen."""
    o = ord(ch)
    return any(low <= o <= high for low, high in _NO_SPACE)


def is_wide(ch: str) -> bool:
    """Drawn two columns wide (East Asian Wide or Full-width)."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def breaks_anywhere(ch: str) -> bool:
    """A line may break beside this character: wide CJK, but not Hangul, whose
    lines break at spaces only."""
    return not is_hangul(ch) and is_wide(ch)


def count_in(text: str, ranges: str) -> int:
    """How many characters of ``text`` fall in ``ranges`` (one of the class bodies above)."""
    return len(re.findall(f"[{ranges}]", text))
