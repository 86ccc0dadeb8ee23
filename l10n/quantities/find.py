"""Finding numbers, percentages, amounts and dates in English text (see the package docstring)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..placeholders import PLACEHOLDER_RE

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
# The lookahead (every month name and abbreviation starts with one of these
# letter pairs) lets the scan skip most positions before trying the alternation.
MONTH_WORD = re.compile(_MONTH.format(g="m").replace("(?P<m>", "(?=[ADFJMNOS][aceopu])\\b(?:", 1))
ISO_DATE = re.compile(r"(?<![\w-])(?P<y>1\d{3}|2[01]\d{2})-(?P<mm>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\w-])")
_HAS_DIGIT = re.compile(r"\d")
SCALE_WORD = re.compile(r"\s(?:thousand|million|billion|trillion)\b")
_YEAR_RE = re.compile(r"1\d{3}|2[01]\d{2}")
SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
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


def masked(text: str) -> str:
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
    scan = masked(text)
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
    for word in MONTH_WORD.finditer(scan):
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
        for m in ISO_DATE.finditer(scan):
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
            value *= SCALES[unit]
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
                              value if "." not in raw and unit is None else canonical(value), unit))
    if taken:  # dates came first: put everything in text order
        found.sort(key=lambda q: q.start)
    return found


def canonical(value: Decimal) -> Decimal:
    """One spelling per value (``1.20`` -> ``1.2``, ``1.2E+6`` -> ``1200000``)."""
    value = value.normalize()
    return Decimal(int(value)) if value == value.to_integral_value() else value

