"""Glossary terms: a source term with a target must be rendered by that target;
a do-not-translate term must stay as it is in the source."""

from __future__ import annotations

from ..errors import quoted
from .findings import WARNING, Finding, Pair

NAME = "glossary"


def check_glossary(pair: Pair) -> list[Finding]:
    if pair.termbase is None:
        return []
    findings = []
    seen: set[str] = set()
    text = pair.translation.casefold()
    for match in pair.termbase.find(pair.source):
        term = match.term
        written = pair.source[match.start:match.end]
        if term.target is None:
            if written in seen:
                continue
            seen.add(written)
            if written not in pair.translation:
                findings.append(Finding(NAME, WARNING, f"do-not-translate term {quoted(written)} missing in translation"))
            continue
        if term.target in seen:
            continue
        seen.add(term.target)
        if term.target.casefold() not in text:
            findings.append(Finding(NAME, WARNING,
                                    f"term {quoted(written)} should be translated {quoted(term.target)} (glossary); not in translation"))
    return findings
