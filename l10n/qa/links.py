"""URLs and e-mail addresses: every one of the source is in the translation, unchanged."""

from __future__ import annotations

from ..placeholders import PLACEHOLDER_RE
from ..quantities import EMAIL_RE, URL_RE, URL_TRAIL
from .findings import ERROR, WARNING, Finding, Pair

NAME = "urls"


def _links(text: str) -> list[str]:
    if "@" not in text and "://" not in text and "www." not in text.lower():
        return []
    text = PLACEHOLDER_RE.sub(" ", text)
    urls = [m.group(0).rstrip(URL_TRAIL) for m in URL_RE.finditer(text)]
    return urls + [m.group(0) for m in EMAIL_RE.finditer(text) if not any(m.group(0) in u for u in urls)]


def check_links(pair: Pair) -> list[Finding]:
    want, have = _links(pair.source), _links(pair.translation)
    if not want and not have:
        return []
    shown = ", ".join(have) or "none"
    findings = [
        Finding(NAME, ERROR, f"{'address' if '@' in link and '://' not in link else 'URL'} {link} "
                             f"missing in translation (translation has {shown})")
        for link in dict.fromkeys(want) if link not in have
    ]
    findings += [
        Finding(NAME, WARNING, f"{link} in translation is not in the source (source has {', '.join(want) or 'none'})")
        for link in dict.fromkeys(have) if link not in want
    ]
    return findings
