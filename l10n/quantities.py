"""Numbers, percentages, amounts and dates in English text, and how a locale writes them.

``find_quantities`` finds them in an English unit with their positions (the
MT engine masks them like placeholders; QA checks that each survives).
``render_quantity`` gives the form a target locale prefers, from Babel's
locale data: ``1.2 million`` is ``120만`` in Korean, ``120万`` in Chinese,
``1,2 millones`` in Spanish; ``February 26, 2019`` is ``2019년 2월 26일``.
``quantity_accepted`` says whether a translation writes the quantity in any
form the locale accepts: see ``_number_values`` and ``_date_accepted`` for
exactly what counts (docs/catalogs-and-review.md, "Checks", repeats it).

What is found (kinds):

- ``number``: ``23``, ``1,000``, ``3.5``, and with a scale word ``1.2 million``
  (value 1200000, ``unit`` the scale word); ``3.5 times`` finds ``3.5`` only,
  the word is left to the translator.
- ``percent``: ``45%``, ``45 percent``, ``3.5 per cent`` (value 45, 3.5).
- ``currency``: ``$300``, ``US$1.2 million``, ``€5``, ``£2`` (``unit`` the ISO code).
- ``year``: a four-digit number 1000-2199 without a thousands comma (never grouped).
- ``ordinal``: ``30th`` (value 30; rendered as digits, the suffix is the translator's).
- ``date``: ``February 26, 2019``, ``26 February 2019``, ``March 2023``,
  ``March 5``, ``2019-02-26`` (value a ``DateParts``).

Digits inside a placeholder (``<1>``), a URL, an e-mail address or a word
(``G20``, ``COVID-19``) are not quantities.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .placeholders import PLACEHOLDER_RE

# ASCII only, so a particle written straight after a link (https://hrw.org를) is not part of it.
URL_RE = re.compile(r"(?:(?:https?|ftp)://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]+", re.IGNORECASE)
URL_TRAIL = ".,;:!?)]}'\"»。、，"
EMAIL_RE = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9-])")


@dataclass(frozen=True)
class DateParts:
    year: int | None
    month: int | None
    day: int | None


@dataclass(frozen=True)
class Quantity:
    kind: str  # "number" | "percent" | "currency" | "year" | "ordinal" | "date"
    text: str  # as written in the source
    start: int
    end: int
    value: Decimal | DateParts
    unit: str | None = None  # scale word ("million") or currency code ("USD")


_MONTHS = ("january", "february", "march", "april", "may", "june", "july",
           "august", "september", "october", "november", "december")
_MONTH_NAMES = {name: i + 1 for i, name in enumerate(_MONTHS)}
_MONTH_NAMES.update({name[:3]: i + 1 for i, name in enumerate(_MONTHS)})
_MONTH_NAMES["sept"] = 9
# Capitalized month names only ("may" is a verb); abbreviations take a dot or not.
_MONTH = (r"(?P<{g}>(?:January|February|March|April|May|June|July|August|September|October|November|December)"
          r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)")
_DAY = r"(?P<{g}>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>1\d{{3}}|2[01]\d{{2}})"
# Tried in this order at each month name; day-first dates start up to 7 characters earlier.
_MONTH_DATES = (
    re.compile(rf"{_MONTH.format(g='m')}\s{_DAY.format(g='d')},?\s{_YEAR.format(g='y')}(?!\d)"),
    re.compile(rf"{_MONTH.format(g='m')},?\s{_YEAR.format(g='y')}(?![\d,.]\d)(?!\d)"),
    re.compile(rf"{_MONTH.format(g='m')}\s{_DAY.format(g='d')}\b(?![.,:]?\d|\s?%|\s(?:percent|per cent)\b)"),
)
_DAY_FIRST = re.compile(rf"\b{_DAY.format(g='d')}\s{_MONTH.format(g='m')},?\s{_YEAR.format(g='y')}(?!\d)")
_MONTH_WORD = re.compile(_MONTH.format(g="m").replace("(?P<m>", "\\b(?:", 1))
_ISO_DATE = re.compile(r"(?<![\w-])(?P<y>1\d{3}|2[01]\d{2})-(?P<mm>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\w-])")
_HAS_DIGIT = re.compile(r"\d")
_SCALE_WORD = re.compile(r"\s(?:thousand|million|billion|trillion)\b")
_YEAR_RE = re.compile(r"1\d{3}|2[01]\d{2}")
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_CURRENCIES = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW"}
_NUMBER_RE = re.compile(
    r"(?<![\w.,/-])(?<![A-Za-z]-)"
    r"(?P<cur>US\$|[$€£¥₩])?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:(?P<ord>st|nd|rd|th)\b"
    r"|(?P<pct>\s?%|\s(?:percent|per cent)\b)"
    r"|\s(?P<scale>thousand|million|billion|trillion)\b)?"
    r"(?![\w%]|[.,]\d)"
)


def _masked(text: str) -> str:
    """``text`` with placeholders, URLs and e-mail addresses blanked (same length)."""
    def blank(match: re.Match) -> str:
        return " " * len(match.group(0))

    if "<" in text:
        text = PLACEHOLDER_RE.sub(blank, text)
    if "@" in text:
        text = EMAIL_RE.sub(blank, text)
    if "://" in text or "www." in text.lower():
        text = URL_RE.sub(blank, text)
    return text


def find_quantities(text: str) -> list[Quantity]:
    """The quantities of an English unit, in order, not overlapping."""
    if not _HAS_DIGIT.search(text):
        return []
    scan = _masked(text)
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add_date(m: re.Match) -> None:
        groups = m.groupdict()
        month = int(groups["mm"]) if groups.get("mm") else _MONTH_NAMES[groups["m"].rstrip(".").lower()]
        parts = DateParts(int(groups["y"]) if groups.get("y") else None, month,
                          int(groups["d"]) if groups.get("d") else None)
        found.append(Quantity("date", text[m.start():m.end()], m.start(), m.end(), parts))
        taken.append((m.start(), m.end()))

    # Dates are looked for only where a month name is (one scan), not at every position.
    for word in _MONTH_WORD.finditer(scan):
        if not free(word.start(), word.end()):
            continue
        lead = max(0, word.start() - 7)
        day_first = _DAY_FIRST.search(scan, lead, word.end() + 12)
        if day_first and day_first.start() < word.start() and free(day_first.start(), day_first.end()):
            add_date(day_first)
            continue
        for pattern in _MONTH_DATES:
            m = pattern.match(scan, word.start())
            if m:
                add_date(m)
                break
    if "-" in scan:
        for m in _ISO_DATE.finditer(scan):
            if free(m.start(), m.end()):
                add_date(m)
    for m in _NUMBER_RE.finditer(scan):
        if taken and not free(m.start(), m.end()):
            continue
        raw = m.group("num")
        value = Decimal(raw.replace(",", "")) if "." in raw else Decimal(int(raw.replace(",", "")))
        unit = None
        if m.group("scale"):
            unit = m.group("scale")
            value *= _SCALES[unit]
        if m.group("cur"):
            kind, unit = "currency", _CURRENCIES[m.group("cur")]
        elif m.group("pct"):
            kind = "percent"
        elif m.group("ord"):
            kind = "ordinal"
        elif unit is None and _YEAR_RE.fullmatch(raw):
            kind = "year"
        else:
            kind = "number"
        found.append(Quantity(kind, text[m.start():m.end()], m.start(), m.end(),
                              value if "." not in raw and unit is None else _canonical(value), unit))
    if taken:  # dates came first: put everything in text order
        found.sort(key=lambda q: q.start)
    return found


def _canonical(value: Decimal) -> Decimal:
    """One spelling per value (``1.20`` -> ``1.2``, ``1.2E+6`` -> ``1200000``)."""
    value = value.normalize()
    return Decimal(int(value)) if value == value.to_integral_value() else value


def _babel_locale(locale: str) -> str:
    from babel import Locale

    return str(Locale.parse(locale.replace("-", "_")))


def _plain(value: Decimal) -> str:
    """A Decimal without exponent (``1.2E+6`` -> ``1200000``)."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def render_quantity(q: Quantity, locale: str) -> str:
    """The form ``locale`` prefers for ``q`` (Babel's locale data)."""
    import datetime

    from babel.dates import format_date, format_skeleton
    from babel.numbers import format_compact_currency, format_compact_decimal, format_currency, format_decimal

    loc = _babel_locale(locale)
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
    scaled = q.unit in _SCALES or (q.kind == "currency" and value >= 10**6 and value % 10**5 == 0)
    if scaled:
        # Compact form with as many fraction digits as the value needs, so
        # nothing is rounded: 1.25 million -> 125만, 1,25 millones.
        for digits in range(0, 4):
            if q.kind == "currency":
                assert q.unit is not None  # a currency amount always has its ISO code
                text = format_compact_currency(value, q.unit, locale=loc, fraction_digits=digits)
            else:
                text = format_compact_decimal(value, format_type="long", locale=loc, fraction_digits=digits)
            if value in _number_values(text, loc):
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


def numbers_written_as_is(text: str, translation: str) -> bool:
    """A quick sufficient test that every quantity of ``text`` is accepted: it
    names no month and no scale word, and each of its numbers is in the
    translation exactly as written (``23`` in ``23명``).  False says nothing."""
    if _MONTH_WORD.search(text) or _SCALE_WORD.search(text) or ("-" in text and _ISO_DATE.search(text)):
        return False
    return all(_written_as_is(n, translation) for n in _DIGITS.findall(text))


def written_as_in_source(q: Quantity, translation: str) -> bool:
    """Whether ``translation`` still has ``q`` exactly as the source writes it
    (``1.2 million`` in a Korean sentence), not inside a longer number."""
    return _written_as_is(q.text, translation)


def quantity_accepted(q: Quantity, translation: str, locale: str) -> bool:
    """Whether ``translation`` writes ``q`` in a form ``locale`` accepts.

    Numbers (all kinds but dates) are accepted when the translation holds the
    same value: written with the locale's or the source's decimal mark and
    grouping (``3,5`` or ``3.5`` in Spanish, ``1 200`` in French), with one of
    the locale's compact scale words (``120만``, ``1,2 millones``, also
    combined: ``1억 2000만``), or in Chinese numerals for Chinese and Japanese.
    The sign or word of a percentage or currency is not checked.  Dates are
    accepted in any of the locale's date formats, or when the year and day are
    there as numbers and the month as one of the locale's month names or
    numbered months (``2월``, ``2月``).
    """
    if q.kind != "date" and q.unit not in _SCALES:
        # Fast path: the digits as the source writes them ("23" in "23명",
        # "1,500" in "1,500명") are read back as the same value anyway.
        digits = _DIGITS.search(q.text)
        if digits and _written_as_is(digits.group(0), translation):
            return True
    loc = _babel_locale(locale)
    if q.kind == "date":
        assert isinstance(q.value, DateParts)
        return _date_accepted(q.value, translation, loc)
    return q.value in _number_values(translation, loc)


_DIGITS = re.compile(r"\d[\d,.]*\d|\d")


def _written_as_is(digits: str, text: str) -> bool:
    """Whether ``digits`` (a number as written) occurs in ``text`` not inside a longer number."""
    at = text.find(digits)
    while at != -1:
        before = text[at - 1] if at else " "
        after = text[at + len(digits): at + len(digits) + 2] + "  "
        if not (before.isdigit() or before in ".,") and not (after[0].isdigit() or
                                                             (after[0] in ".," and after[1].isdigit())):
            return True
        at = text.find(digits, at + 1)
    return False


# --- reading numbers back from a translation -------------------------------------------------

_TOKEN_RE = re.compile(r"\d+(?:[.,\u00a0\u202f\u2009 '’٫٬]\d+)*")
_HAN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
               "六": 6, "七": 7, "八": 8, "九": 9}
_HAN_UNITS = {"十": 10, "百": 100, "千": 1000}
_HAN_BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_HAN_RE = re.compile("[〇零一二两兩三四五六七八九十百千万萬亿億]+")


def _normalize_digits(text: str) -> str:
    """NFKC (full-width digits and signs) and every Unicode decimal digit as ASCII."""
    text = unicodedata.normalize("NFKC", text)
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(c)) if c.isdigit() and not c.isascii() and unicodedata.decimal(c, None)
                   is not None else c for c in text)


@lru_cache(maxsize=None)
def _decimal_marks(loc: str) -> frozenset[str]:
    """The marks read as a decimal point: the locale's and the source's '.'."""
    from babel.numbers import get_decimal_symbol

    return frozenset({get_decimal_symbol(loc), "."})


@lru_cache(maxsize=None)
def _scale_words(loc: str) -> tuple[tuple[str, int], ...]:
    """(word, multiplier) from the locale's compact number patterns, longest first."""
    from babel import Locale

    words: dict[str, int] = {}
    data = Locale.parse(loc).compact_decimal_formats
    for style in ("short", "long"):
        for forms in (data.get(style) or {}).values():
            for magnitude, pattern in forms.items():
                text = unicodedata.normalize("NFKC", pattern.pattern).replace("'", "")
                zeros = text.count("0")
                word = text.replace("0", "").strip().lower()
                if zeros and word:
                    words.setdefault(word, int(magnitude) // 10 ** (zeros - 1))
    return tuple(sorted(words.items(), key=lambda item: -len(item[0])))


def _readings(token: str, decimals: frozenset[str]) -> set[Decimal]:
    """Every value a numeric token can mean: each digit run, the whole token
    grouped, and grouped with a decimal part."""
    runs = re.findall(r"\d+", token)
    values = {Decimal(r) for r in runs}
    seps = re.findall(r"\D", token)
    if not seps:
        return values

    def grouped(parts: list[str]) -> bool:
        return 1 <= len(parts[0]) <= 3 and all(len(p) in (2, 3) for p in parts[1:]) and len(parts[-1]) == 3

    if grouped(runs):
        values.add(Decimal("".join(runs)))
    if seps[-1] in decimals and len(runs) >= 2:
        whole = runs[:-1]
        if len(whole) == 1 or (grouped(whole) and seps[-1] not in seps[:-1]):
            values.add(Decimal("".join(whole) + "." + runs[-1]))
    # Pairs of neighbours joined by a decimal mark ("2019 3,5": 3.5).
    for i, sep in enumerate(seps):
        if sep in decimals:
            values.add(Decimal(runs[i] + "." + runs[i + 1]))
    return values


def _han_value(run: str) -> int:
    """The value of a run of Chinese numerals (三十 30, 一百二十万 1200000, 二〇一九 2019)."""
    if all(c in _HAN_DIGITS for c in run):  # digit by digit, as in years
        return int("".join(str(_HAN_DIGITS[c]) for c in run))
    total, section, digit = 0, 0, None
    for c in run:
        if c in _HAN_DIGITS:
            digit = _HAN_DIGITS[c]
        elif c in _HAN_UNITS:
            section += (digit if digit is not None else 1) * _HAN_UNITS[c]
            digit = None
        else:
            section += digit or 0
            total = (total + section) * _HAN_BIG[c] if c in ("亿", "億") else total + section * _HAN_BIG[c]
            section, digit = 0, None
    return total + section + (digit or 0)


@lru_cache(maxsize=4096)
def _number_values(translation: str, loc: str) -> frozenset[Decimal]:
    """Every value a translation may be read as writing (see ``quantity_accepted``)."""
    text = _normalize_digits(_masked(translation))
    decimals = _decimal_marks(loc)
    scales = _scale_words(loc)
    values: set[Decimal] = set()
    chain: list[tuple[Decimal, int]] = []  # consecutive (number, scale) pairs: 1억 2000만
    chain_end = -1
    for m in _TOKEN_RE.finditer(text):
        readings = _readings(m.group(0), decimals)
        values |= readings
        rest = text[m.end():m.end() + 24].lower()
        stripped = rest.lstrip(" \u00a0\u202f")
        for word, mult in scales:
            if stripped.startswith(word):
                values |= {v * mult for v in readings}
                last = max(readings, key=lambda v: len(str(v)))
                if chain and m.start() - chain_end <= 1 and mult < chain[-1][1]:
                    chain.append((last, mult))
                else:
                    chain = [(last, mult)]
                chain_end = m.end() + (len(rest) - len(stripped)) + len(word)
                values.add(sum((v * k for v, k in chain), Decimal(0)))
                break
    if loc.split("_")[0] in ("zh", "ja", "yue"):
        for m in _HAN_RE.finditer(text):
            values.add(Decimal(_han_value(m.group(0))))
    return frozenset(_canonical(v) for v in values)


# --- dates ----------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _month_forms(loc: str, month: int) -> tuple[str, ...]:
    """How the locale writes a month: names (format and stand-alone, wide and
    abbreviated) and the numbered form when it has a marker (``2월``, ``2月``)."""
    import datetime

    from babel import Locale
    from babel.dates import format_skeleton

    data = Locale.parse(loc).months
    forms = {data[ctx][width][month].lower().rstrip(".") for ctx in ("format", "stand-alone")
             for width in ("wide", "abbreviated")}
    numbered = format_skeleton("M", datetime.date(2000, month, 1), locale=loc)
    if not numbered.isdigit():
        forms.add(unicodedata.normalize("NFKC", numbered).lower())
    return tuple(sorted(f for f in forms if f))


@lru_cache(maxsize=None)
def _date_forms(loc: str, parts: DateParts) -> tuple[str, ...]:
    import datetime

    from babel.dates import format_date, format_skeleton

    day = datetime.date(parts.year or 2000, parts.month or 1, parts.day or 1)
    if parts.year and parts.month and parts.day:
        forms = [format_date(day, f, locale=loc) for f in ("full", "long", "medium", "short")]
        forms += [format_skeleton(s, day, locale=loc) for s in ("yMMMMd", "yMMMd", "yMd")]
        forms.append(day.isoformat())
    elif parts.year and parts.month:
        forms = [format_skeleton(s, day, locale=loc) for s in ("yMMMM", "yMMM", "yM")]
    else:
        forms = [format_skeleton(s, day, locale=loc) for s in ("MMMMd", "MMMd", "Md")]
    return tuple(" ".join(unicodedata.normalize("NFKC", f).lower().split()) for f in forms)


def _date_accepted(parts: DateParts, translation: str, loc: str) -> bool:
    text = " ".join(_normalize_digits(translation).lower().split())
    if any(form in text for form in _date_forms(loc, parts)):
        return True
    numbers = _number_values(translation, loc)
    if parts.year is not None and Decimal(parts.year) not in numbers:
        return False
    if parts.day is not None and Decimal(parts.day) not in numbers:
        return False
    if parts.month is None:
        return True
    return any(re.search(r"(?<!\d)" + re.escape(form), text) for form in _month_forms(loc, parts.month))
