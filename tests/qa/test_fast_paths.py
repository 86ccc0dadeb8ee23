"""The QA checks' shortcuts give the same findings as the checks without them.

``check_numbers`` answers most pairs from ``numbers_written_as_is`` (no digit
in the source, or every number kept as written) without finding the
quantities; ``number_findings`` is the same check with no shortcut.  They must
agree on every pair: the real catalogs of this repository (seven locales,
human and machine translations) and generated pairs full of digits, dates,
scale words, placeholders and non-ASCII digits.  A shortcut that said "no
finding" where the full check finds one would publish a lost number.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings, strategies as st

from l10n.catalog import read_catalog
from l10n.locales import normalize_locale
from l10n.qa.findings import Pair
from l10n.qa.numbers import check_numbers, number_errors, number_findings
from l10n.qa.findings import ERROR
from l10n.placeholders import check_placeholders
from l10n.qa.markup import check_markup
from l10n.qa.registry import blocking_by_key, blocking_findings
from l10n.quantities import find_quantities
from l10n.quantities.find import MONTH_WORD

REPO = Path(__file__).resolve().parents[2]
CATALOGS = sorted((REPO / "locales").glob("*/LC_MESSAGES/*.po"))
LOCALES = ("ko", "ja", "zh_Hans", "es", "fr", "ru", "ar")


def corpus_pairs() -> list[Pair]:
    pairs = []
    for path in CATALOGS:
        locale = normalize_locale(path.parent.parent.name)
        for entry in read_catalog(path):
            if entry.msgid and entry.msgstr:
                pairs.append(Pair(entry.msgid, entry.msgstr, locale))
    return pairs


def seed_sentences() -> list[str]:
    """The English report's paragraphs (``../shared/seeds``, where the checkout has it)."""
    seeds = REPO.parent / "shared" / "seeds"
    return [line.strip() for path in sorted(seeds.glob("*.txt"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def errors_of(pair: Pair) -> list:
    return [f for f in number_findings(pair) if f.severity == ERROR]


def test_the_corpus_is_there():
    pairs = corpus_pairs()
    assert len(CATALOGS) >= 7 and len(pairs) > 60
    # Reviewed translations keep their numbers: the shortcut answers these; the
    # variants below are the ones with findings.
    assert any(find_quantities(p.source) and not number_findings(p) for p in pairs)


def test_shortcut_agrees_on_the_real_catalogs():
    pairs = corpus_pairs()
    assert [check_numbers(p) for p in pairs] == [number_findings(p) for p in pairs]


def test_shortcut_agrees_when_the_translation_loses_or_changes_numbers():
    """The corpus translations with each number dropped, changed or kept as the
    English source writes it: many more findings than the reviewed corpus has."""
    variants = []
    pairs = corpus_pairs() + [Pair(text, text, normalize_locale(locale)) for text in seed_sentences()
                              for locale in LOCALES]
    for p in pairs:
        if not re.search(r"\d", p.source):
            continue
        variants += [
            Pair(p.source, re.sub(r"\d", "", p.translation), p.locale),
            Pair(p.source, re.sub(r"\d", lambda m: str((int(m.group(0)) + 1) % 10), p.translation), p.locale),
            Pair(p.source, p.translation + " " + p.source, p.locale),
            Pair(p.source, p.source, p.locale),
        ]
    assert sum(1 for v in variants if number_findings(v)) > 30
    assert [check_numbers(v) for v in variants] == [number_findings(v) for v in variants]
    # The errors-only path (status and build) keeps exactly the errors.
    assert sum(1 for v in variants if errors_of(v)) > 10
    assert [number_errors(v) for v in variants] == [errors_of(v) for v in variants]


_PIECES = st.sampled_from([
    " ", "  ", ",", ".", "-", "%", "$", "US$", "€", " percent", " per cent", "th", "st", "\u00a0",
    "1", "2", "3", "10", "23", "1,500", "1.2", "3,5", "2019", "2020-02-26", "07", "١٢", "３", "٫",
    " million", " thousand", " billion", "만", "억", "万", "三十", " mil",
    "January", "Feb.", "Sept", "May", "march", "Dec", "2월", "26일", "년",
    "<1>", "</1>", "<2/>", "\\<3>", "https://hrw.org/2019", "a@b.org",
    "people", "report", "Human Rights Watch", "명", "の", "copy",
])
_TEXT = st.lists(_PIECES, max_size=14).map("".join)


@settings(max_examples=400, deadline=None)
@given(source=_TEXT, translation=_TEXT, locale=st.sampled_from(LOCALES))
@example("Filed on 2020-02-26.", "26 02 2020", "ko")  # every digit run kept, the date lost
@example("Some 1.2 million fled.", "1.2 명", "ko")  # the scale word lost
@example("On February 26, 2019.", "26 2019", "ja")  # the month lost
def test_shortcut_agrees_on_generated_pairs(source, translation, locale):
    pair = Pair(source, translation, normalize_locale(locale))
    assert check_numbers(pair) == number_findings(pair)
    assert number_errors(pair) == errors_of(pair)


@settings(max_examples=200, deadline=None)
@given(source=_TEXT, locale=st.sampled_from(LOCALES))
def test_a_number_kept_as_written_and_one_lost(source, locale):
    """The translation that is the source itself and the one with no digits at all."""
    for translation in (source, re.sub(r"\d", "", source) or "x"):
        pair = Pair(source, translation, normalize_locale(locale))
        assert check_numbers(pair) == number_findings(pair)


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(["January", "Jan", "Janu", "May", "Mayday", "aMay", "Sept.", "Sep",
                                       "September", "Oct", "Octopus", "Dec", "December", "jan", " ", "1",
                                       "_", "é", "Nov.", "Mar", "Marc", "Apr", "April"]), max_size=8).map("".join))
def test_month_word_finds_what_the_plain_pattern_finds(text):
    """MONTH_WORD has a lookahead that lets the scan skip positions; without it
    the pattern must find the same words at the same places."""
    plain = re.compile(MONTH_WORD.pattern.replace("(?=[ADFJMNOS][aceopu])", "", 1))
    assert plain.pattern != MONTH_WORD.pattern
    assert [m.span() for m in MONTH_WORD.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize("translation,blocked", [
    ("<1>보고서</1>를 보라, 2019년.", False),
    ("<1></1>보고서를 보라, 2019년.", True),  # an emptied link is never published
    ("<1> </1>보고서를 보라, 2019년.", True),
    ("<1>보고서</1>를 보라, 2018년.", True),  # a changed year
])
def test_blocking_findings_still_block(translation, blocked):
    assert bool(blocking_findings("See <1>the report</1> of 2019.", translation, locale="ko")) is blocked


def _key_triples(pairs: list[Pair]) -> list[tuple[tuple[str | None, str], str, str]]:
    # One locale per call, as a catalog has; the key's context keeps equal msgids apart.
    return [((str(i), p.source), p.source, p.translation) for i, p in enumerate(pairs)]


def test_blocking_by_key_is_blocking_findings_pair_by_pair():
    """The batch call decides every entry as the single call does, keyed and in order."""
    pairs = corpus_pairs()
    pairs += [Pair(p.source, re.sub(r"\d", "", p.translation), p.locale) for p in pairs]
    pairs += [Pair(p.source, p.translation.replace("</1>", ""), p.locale) for p in pairs if "<1>" in p.source]
    by_locale: dict[str, list[Pair]] = {}
    for p in pairs:
        by_locale.setdefault(p.locale, []).append(p)
    blocked = 0
    for locale, chosen in by_locale.items():
        triples = _key_triples(chosen)
        expected = {key: found for (key, source, translation) in triples
                    if (found := blocking_findings(source, translation, locale=locale))}
        assert blocking_by_key(triples, locale=locale) == expected
        assert list(blocking_by_key(triples, locale=locale)) == list(expected)  # the order given
        blocked += len(expected)
    assert blocked > 20  # the variants do fail


_MARKUP = st.lists(st.sampled_from(["<1>", "</1>", "<2>", "</2>", "<3/>", "\\<1>", "</3/>", "a", " ", "b c",
                                    "<", ">", "<4>", "</4>"]), max_size=10).map("".join)


@settings(max_examples=500, deadline=None)
@given(source=_MARKUP, translation=_MARKUP)
@example("<1>a</1>", "a")
@example("<1>a</1>", "</1>a<1>")
@example("<1><2>a</2></1>", "<1><2>a</1></2>")
def test_the_placeholder_check_fails_only_where_qa_blocks(source, translation):
    """An edition skips its placeholder check for a reviewed translation that
    passed the blocking checks: sound only because QA's check reports something
    wherever the edition's would."""
    pair = Pair(source, translation, "ko")
    if check_placeholders(source, translation):
        assert check_markup(pair)
        assert translation == "" or blocking_findings(source, translation, locale="ko")
