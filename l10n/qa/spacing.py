"""White space and repeated words: leading/trailing space, doubled spaces, doubled words."""

from __future__ import annotations

import re

from ..placeholders import PLACEHOLDER_RE
from ..errors import quoted
from .findings import WARNING, Finding, Pair

NAME_SPACE = "whitespace"
NAME_WORDS = "doubled-words"
_DOUBLE_SPACE = re.compile(r"[ \u3000\u00a0]{2,}")
_DOUBLED = re.compile(r"(?<!\w)([^\W\d_]+)\s+\1(?!\w)", re.IGNORECASE)


def check_whitespace(pair: Pair) -> list[Finding]:
    src, tr = pair.source, pair.translation
    findings = []
    for side, s_has, t_has in (("starts", src[:1].isspace(), tr[:1].isspace()),
                               ("ends", src[-1:].isspace(), tr[-1:].isspace())):
        if s_has != t_has:
            findings.append(Finding(NAME_SPACE, WARNING,
                                    f"translation {side} with {'a space' if t_has else 'no space'}; "
                                    f"the source {side} with {'a space' if s_has else 'no space'}"))
    at = _DOUBLE_SPACE.search(tr.strip())
    if at and not _DOUBLE_SPACE.search(src.strip()):
        findings.append(Finding(NAME_SPACE, WARNING, f"doubled space in translation at {quoted(tr.strip()[max(0, at.start() - 12):at.end() + 12])}"))
    return findings


def check_doubled_words(pair: Pair) -> list[Finding]:
    text = PLACEHOLDER_RE.sub(" ", pair.translation)
    if _DOUBLED.search(PLACEHOLDER_RE.sub(" ", pair.source)):
        return []  # "had had": the source doubles a word on purpose, its translation may too
    return [Finding(NAME_WORDS, WARNING, f"word {quoted(m.group(0))} doubled in translation") for m in _DOUBLED.finditer(text)]
