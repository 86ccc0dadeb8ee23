"""locales.script_language: the language a block's script says; its shortcut for
text below the first kana gives what the full count gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.locales import script_language


# U+FFFD is above every kana, Han and Hangul syllable and is no letter: appended,
# it changes no count and takes the text past the shortcut, to the full count.
FULL_COUNT = "\ufffd"


# Letters around every boundary that matters: Latin with curly quotes, Cyrillic,
# Arabic, CJK punctuation just below kana, kana, Han, Hangul jamo and syllables.
PIECES = st.sampled_from([
    "Report ", "“quoted” ", "Доклад ", "تقرير ", "、。「」", "\u303f", "\u3040", "ひらがな", "カタカナ",
    "北朝鮮", "\u3400", "\u9fff", "한국어 ", "\u1100\u3131", "\uac00", "\ud7af", "\ud7b0", "\uff21", "42 ", "—",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=12).map("".join))
def test_the_shortcut_gives_what_counting_gives(text):
    assert script_language(text) == script_language(text + FULL_COUNT)


def test_each_language_and_none():
    assert script_language("北朝鮮の人権状況について") == "ja"
    assert script_language("北朝鲜人权状况") == "zh"
    assert script_language("북한 인권 보고서") == "ko"
    assert script_language("“North Korea” — 2020 report, Доклад") is None
    assert script_language("Human Rights Watch 2020 report") is None
