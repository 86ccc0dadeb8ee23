"""Writing a quantity the way a target locale prefers (Babel's locale data)."""

from __future__ import annotations

import re
from decimal import Decimal

from .find import SCALES, DateParts, Quantity
from .read_back import babel_locale, number_values


def _plain(value: Decimal) -> str:
    """A Decimal without exponent (``1.2E+6`` -> ``1200000``)."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def render_quantity(q: Quantity, locale: str) -> str:
    """The form ``locale`` prefers for ``q`` (Babel's locale data)."""
    import datetime

    from babel.dates import format_date, format_skeleton
    from babel.numbers import format_compact_currency, format_compact_decimal, format_currency, format_decimal

    loc = babel_locale(locale)
    if q.kind == "date":
        parts = q.value
        assert isinstance(parts, DateParts)
        day = datetime.date(parts.year or 2000, parts.month or 1, parts.day or 1)
        if parts.year and parts.month and parts.day:
            return format_date(day, "long", locale=loc)
        if parts.year and parts.month:
            return format_skeleton("yMMMM", day, locale=loc)
        return format_skeleton("MMMMd", day, locale=loc)
    value = q.value
    assert isinstance(value, Decimal)
    if q.kind in ("year", "ordinal"):
        return _plain(value)
    if q.kind == "percent":
        return _percent_form(value, loc)
    scaled = q.unit in SCALES or (q.kind == "currency" and value >= 10**6 and value % 10**5 == 0)
    if scaled:
        # Compact form with as many fraction digits as the value needs, so
        # nothing is rounded: 1.25 million -> 125만, 1,25 millones.
        for digits in range(0, 4):
            if q.kind == "currency":
                assert q.unit is not None  # a currency amount always has its ISO code
                text = format_compact_currency(value, q.unit, locale=loc, fraction_digits=digits)
            else:
                text = format_compact_decimal(value, format_type="long", locale=loc, fraction_digits=digits)
            if value in number_values(text, loc):
                return text
    if q.kind == "currency":
        from babel import Locale

        assert q.unit is not None  # a currency amount always has its ISO code
        pattern = Locale.parse(loc).currency_formats["standard"].pattern
        if value == value.to_integral_value():  # $300 stays 300, not 300.00
            pattern = re.sub(r"\.0+", "", pattern)
        return format_currency(value, q.unit, format=pattern, locale=loc, currency_digits=False,
                               decimal_quantization=False)
    return format_decimal(value, locale=loc, decimal_quantization=False)


def _percent_form(value: Decimal, loc: str) -> str:
    from babel.numbers import format_percent

    return format_percent(value / 100, locale=loc, decimal_quantization=False)


