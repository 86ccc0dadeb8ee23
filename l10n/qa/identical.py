"""A translation identical to its source, where that is suspicious.

Identical is fine when nothing in the source is words (numbers, URLs,
placeholders), when every word is a do-not-translate glossary term, and,
for a target written in Latin letters, for one or two capitalized words (a
name or a brand).  For a target in another script, identical Latin text is
almost always an untranslated sentence.
"""

from __future__ import annotations

import re

from ..locales import script_of
from ..placeholders import strip_placeholders
from ..quantities import EMAIL_RE, URL_RE
from .findings import WARNING, Finding, Pair

NAME = "identical"
_WORD = re.compile(r"[^\W\d_]{2,}")


def _words_outside_terms(pair: Pair) -> list[str]:
    text = EMAIL_RE.sub(" ", URL_RE.sub(" ", strip_placeholders(pair.source)))
    if pair.termbase is not None:
        for match in reversed(pair.termbase.find(text)):
            if match.term.target is None:  # do not translate: may stay as it is
                text = text[:match.start] + " " + text[match.end:]
    return _WORD.findall(text)


def check_identical(pair: Pair) -> list[Finding]:
    if pair.translation.strip() != pair.source.strip():
        return []
    words = _words_outside_terms(pair)
    if not words:
        return []
    if script_of(pair.locale) == "Latn" and len(words) <= 2 and all(w[0].isupper() for w in words):
        return []
    return [Finding(NAME, WARNING, f"translation is identical to the source ({' '.join(words[:6])}...)"
                    if len(words) > 6 else f"translation is identical to the source ({' '.join(words)})")]
