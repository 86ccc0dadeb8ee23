"""Quantities in English text and their target-locale forms (Babel locale data)."""

from decimal import Decimal

import pytest

from l10n.quantities import DateParts, find_quantities, quantity_accepted, render_quantity

LOCALES = ["ko", "zh_Hans", "ja", "es", "fr", "ru", "ar", "de", "hi", "th"]


def kinds(text):
    return [(q.kind, q.text, q.value) for q in find_quantities(text)]


def test_finds_numbers_dates_and_amounts_with_positions():
    text = ("On February 26, 2019, about 1.2 million people (45%) paid $300, 3.5 times more "
            "than in March 2023; 12 percent of 1,500 in the 30th year, 23 in 2020.")
    found = find_quantities(text)
    for q in found:
        assert text[q.start:q.end] == q.text
    assert [(q.kind, q.text, q.value) for q in found] == [
        ("date", "February 26, 2019", DateParts(2019, 2, 26)),
        ("number", "1.2 million", Decimal(1200000)),
        ("percent", "45%", Decimal(45)),
        ("currency", "$300", Decimal(300)),
        ("number", "3.5", Decimal("3.5")),
        ("date", "March 2023", DateParts(2023, 3, None)),
        ("percent", "12 percent", Decimal(12)),
        ("number", "1,500", Decimal(1500)),
        ("ordinal", "30th", Decimal(30)),
        ("number", "23", Decimal(23)),
        ("year", "2020", Decimal(2020)),
    ]


@pytest.mark.parametrize("text", [
    "See <1>the report</1> and <2/> now.",
    "At https://example.org/2019/05/report.html or www.hrw.org/12 today.",
    "Write to press2019@hrw.org for details.",
    "The G20 met about COVID-19 and the A4 paper.",
    "May we begin? It may 5 times.",
])
def test_digits_inside_markup_urls_mail_and_words_are_not_quantities(text):
    assert [q for q in find_quantities(text) if q.kind != "number" or q.text != "5"] == []


def test_day_month_year_iso_and_month_day():
    assert kinds("on 26 February 2019 and 2019-02-26 and Sept. 3") == [
        ("date", "26 February 2019", DateParts(2019, 2, 26)),
        ("date", "2019-02-26", DateParts(2019, 2, 26)),
        ("date", "Sept. 3", DateParts(None, 9, 3)),
    ]


@pytest.mark.parametrize("source,locale,expected", [
    ("1.2 million", "ko", "120만"),
    ("1.2 million", "zh_Hans", "120万"),
    ("1.2 million", "es", "1,2 millones"),
    ("1.25 million", "ko", "125만"),
    ("3.5", "es", "3,5"),
    ("3.5", "ru", "3,5"),
    ("February 26, 2019", "ko", "2019년 2월 26일"),
    ("February 26, 2019", "zh_Hans", "2019年2月26日"),
    ("February 26, 2019", "es", "26 de febrero de 2019"),
    ("March 2023", "ko", "2023년 3월"),
    ("March 2023", "fr", "mars 2023"),
    ("2019", "de", "2019"),
    ("1,500", "de", "1.500"),
    ("$300", "ko", "US$300"),
])
def test_render_quantity_in_the_locales_form(source, locale, expected):
    (q,) = find_quantities(source)
    assert render_quantity(q, locale).replace("\xa0", " ") == expected


def test_every_rendered_form_is_accepted_in_every_locale():
    text = "About 1.2 million, 3.5 times, 45%, $300, February 26, 2019, March 2023, March 5, 1,234,567.5, 30th, 2020."
    for q in find_quantities(text):
        for locale in LOCALES:
            form = render_quantity(q, locale)
            assert quantity_accepted(q, f"앞 {form} 뒤", locale), (q.text, locale, form)


@pytest.mark.parametrize("source,locale,translation,ok", [
    ("1.2 million", "ko", "약 120만 명", True),
    ("1.2 million", "ja", "約120万人", True),
    ("1.2 million", "zh_Hans", "一百二十万人", True),
    ("1.2 million", "ko", "약 12만 명", False),
    ("120,000,000", "ko", "1억 2000만 명", True),
    ("3.5", "es", "3,5 veces", True),
    ("3.5", "es", "3.5 veces", True),
    ("3.5", "es", "35 veces", False),
    ("1,234,567.5", "fr", "1\u202f234\u202f567,5", True),
    ("1,500", "hi", "1,500", True),
    ("23", "ko", "22명", False),
    ("23", "zh_Hans", "２３人", True),
    ("30th", "zh_Hans", "第三十版", True),
    ("2019", "ja", "二〇一九年", True),
    ("45%", "fr", "45 %", True),
    ("February 26, 2019", "ko", "2019년 2월 26일", True),
    ("February 26, 2019", "ko", "2019년 2월 27일", False),
    ("February 26, 2019", "ko", "2019년 12월 26일", False),
    ("February 26, 2019", "zh_Hans", "2019年2月26日", True),
    ("February 26, 2019", "ru", "26 февраля 2019 года", True),
    ("February 26, 2019", "es", "el 26 de febrero de 2019", True),
    ("February 26, 2019", "es", "el 26 de marzo de 2019", False),
    ("February 26, 2019", "de", "am 26.02.2019", True),
    ("March 2023", "fr", "en mars 2023", True),
    ("March 2023", "fr", "en mars 2022", False),
])
def test_quantity_accepted(source, locale, translation, ok):
    (q,) = find_quantities(source)
    assert quantity_accepted(q, translation, locale) is ok


@pytest.mark.parametrize("source,translation,ok", [
    ("Some 23 people, 1,500 in all.", "23명, 모두 1,500명.", True),
    ("Some 23 people.", "123명.", False),
    ("Some 2.5 times.", "2.55배.", False),
    ("On February 26, 2019.", "2019 26", False),  # a date needs its month: the full check decides
    ("About 1.2 million.", "1.2", False),
    ("No number at all.", "숫자 없음.", True),
])
def test_numbers_written_as_is_is_a_sufficient_test(source, translation, ok):
    from l10n.quantities import numbers_written_as_is

    assert numbers_written_as_is(source, translation) is ok
    if ok:
        assert all(quantity_accepted(q, translation, "ko") for q in find_quantities(source))
