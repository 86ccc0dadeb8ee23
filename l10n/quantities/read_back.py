"""Reading a quantity back from a translation: every form a locale accepts."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import lru_cache

from .find import ISO_DATE, MONTH_WORD, SCALE_WORD, SCALES, DateParts, Quantity, canonical, masked


@lru_cache(maxsize=None)  # asked once per quantity checked; Locale.parse is not free
def babel_locale(locale: str) -> str:
    from babel import Locale

    return str(Locale.parse(locale.replace("-", "_")))



def numbers_written_as_is(text: str, translation: str) -> bool:
    """A quick sufficient test that every quantity of ``text`` is accepted: it
    names no month and no scale word, and each of its numbers is in the
    translation exactly as written (``23`` in ``23명``).  False says nothing."""
    numbers = _DIGITS.findall(text)
    if not numbers:  # no digit: find_quantities finds nothing (the most common case in prose)
        return True
    if MONTH_WORD.search(text) or ("-" in text and ISO_DATE.search(text)):
        return False
    if ("illion" in text or "thousand" in text) and SCALE_WORD.search(text):  # substring test first: cheaper
        return False
    return all(_written_as_is(n, translation) for n in numbers)


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
    if q.kind != "date" and q.unit not in SCALES:
        # Fast path: the digits as the source writes them ("23" in "23명",
        # "1,500" in "1,500명") are read back as the same value anyway.
        digits = _DIGITS.search(q.text)
        if digits and _written_as_is(digits.group(0), translation):
            return True
    loc = babel_locale(locale)
    if q.kind == "date":
        assert isinstance(q.value, DateParts)
        return _date_accepted(q.value, translation, loc)
    return q.value in number_values(translation, loc)


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


# A decimal digit other than 0-9: the only characters the loop below can change
# (str.isdigit also holds for superscripts, but they have no decimal value).
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")


def _normalize_digits(text: str) -> str:
    """NFKC (full-width digits and signs) and every Unicode decimal digit as ASCII."""
    text = unicodedata.normalize("NFKC", text)
    if text.isascii() or not _OTHER_DIGIT.search(text):  # nothing to change (most non-ASCII text)
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
def number_values(translation: str, loc: str) -> frozenset[Decimal]:
    """Every value a translation may be read as writing (see ``quantity_accepted``)."""
    text = _normalize_digits(masked(translation))
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
    return frozenset(canonical(v) for v in values)


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
    numbers = number_values(translation, loc)
    if parts.year is not None and Decimal(parts.year) not in numbers:
        return False
    if parts.day is not None and Decimal(parts.day) not in numbers:
        return False
    if parts.month is None:
        return True
    return any(re.search(r"(?<!\d)" + re.escape(form), text) for form in _month_forms(loc, parts.month))
