"""End punctuation by the target's writing system.

The source's last mark (after closing quotes and brackets) decides what the
translation should end with: Chinese and Japanese write ``。？！：`` (full
width), Korean writes ``. ? !`` as English does.  Only the class of the mark
is compared (full stop, question, exclamation, colon, ellipsis), so a
Korean sentence that ends ``말했다.`` after a quote, or a Chinese one that
ends ``。”``, raises nothing.  Languages whose sentences end otherwise
(Thai, Lao, Khmer, Burmese...) are not checked.
"""

from __future__ import annotations

from functools import lru_cache

from ..locales import language_of, script_of
from ..placeholders import strip_placeholders
from ..errors import quoted
from .findings import WARNING, Finding, Pair

NAME = "punctuation"

# class -> marks, per writing tradition; the first mark is the one to suggest.
_WESTERN = {"stop": ".", "question": "?", "exclamation": "!", "colon": ":", "ellipsis": "…"}
_FULL_WIDTH = {"stop": "。．", "question": "？?", "exclamation": "！!", "colon": "：", "ellipsis": "…⋯"}
_BY_LANGUAGE = {
    "zh": _FULL_WIDTH, "ja": _FULL_WIDTH, "yue": _FULL_WIDTH,
    "ar": {**_WESTERN, "question": "؟?"}, "fa": {**_WESTERN, "question": "؟?"}, "ur": {**_WESTERN, "question": "؟?", "stop": "۔."},
    "el": {**_WESTERN, "question": ";?"}, "hi": {**_WESTERN, "stop": "।."}, "mr": {**_WESTERN, "stop": "।."},
    "ne": {**_WESTERN, "stop": "।."}, "bn": {**_WESTERN, "stop": "।."},
}
_CHECKED_SCRIPTS = {"Latn", "Cyrl", "Grek", "Kore", "Hang", "Arab", "Deva", "Beng", "Hebr", "Armn", "Geor"}
_CLOSERS = "\"'”’»›)]}」』）》〉】〕"
_SOURCE_CLASS = {".": "stop", "?": "question", "!": "exclamation", ":": "colon", "…": "ellipsis"}


@lru_cache(maxsize=None)
def _marks(locale: str) -> dict[str, str] | None:
    language = language_of(locale)
    if language in _BY_LANGUAGE:
        return _BY_LANGUAGE[language]
    return _WESTERN if script_of(locale) in _CHECKED_SCRIPTS else None


def _last_mark(text: str) -> str:
    plain = strip_placeholders(text).rstrip()
    while plain and plain[-1] in _CLOSERS:
        plain = plain[:-1].rstrip()
    if plain.endswith("...") or plain.endswith("……"):
        return "…"
    return plain[-1:] if plain else ""


def _class_of(mark: str, marks: dict[str, str]) -> str | None:
    for cls, chars in marks.items():
        if mark in chars:
            return cls
    return None


def check_punctuation(pair: Pair) -> list[Finding]:
    marks = _marks(pair.locale)
    if marks is None or not pair.translation.strip():
        return []
    want = _SOURCE_CLASS.get(_last_mark(pair.source))
    mark = _last_mark(pair.translation)
    have = _class_of(mark, marks)
    any_mark = have or _class_of(mark, _WESTERN) or _class_of(mark, _FULL_WIDTH)
    if want is None:
        last_word = strip_placeholders(pair.translation).split()[-1:] or [""]
        if mark == "." and "." in last_word[0][:-1]:
            return []  # an abbreviation's dot (EE.UU., U.S.), not a sentence's end
        if any_mark in ("stop", "question", "exclamation"):
            return [Finding(NAME, WARNING, f"translation ends with {quoted(mark)}; the source has no end punctuation")]
        return []
    expected = marks[want][0]
    if have == want:
        return []
    if any_mark == want:  # the right mark in another script's form
        return [Finding(NAME, WARNING, f"translation ends with {quoted(mark)}; {pair.locale} writes {quoted(expected)}")]
    if any_mark is None:
        return [Finding(NAME, WARNING,
                        f"end punctuation missing (source ends with {quoted(_last_mark(pair.source))}; "
                        f"{pair.locale} writes {quoted(expected)})")]
    return [Finding(NAME, WARNING,
                    f"translation ends with {quoted(mark)} where the source ends with {quoted(_last_mark(pair.source))} "
                    f"({pair.locale} writes {quoted(expected)})")]
