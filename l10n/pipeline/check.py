"""``l10n check``: run the QA checks on every translated entry of each locale.

All catalogs of a locale are checked together (the length check compares
each entry with the locale's typical ratio), against the locale's glossary
when it has one; the findings are ``findings.locale_findings``'s, the ones
the review queue and pages show, recorded ``check:`` facts included.  ``annotate`` writes the findings into the catalogs as
``check:`` comments (``l10n.qa.annotate``); every catalog of the chosen
locales is parsed before any is written, each write is atomic, and a
catalog whose comments would not change is not rewritten.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..catalog import catalog_text, write_if_changed
from ..config import Config
from ..qa import ERROR, WARNING, Finding
from ..qa.annotate import annotate_entry
from ..terms import load_termbase
from .findings import locale_findings
from .paths import catalog_path
from .status import locale_catalogs


@dataclass
class EntryFindings:
    locale: str
    path: str  # the catalog, relative to the project
    line: int  # line of the entry in the catalog
    msgctxt: str | None
    msgid: str
    msgstr: str
    state: str  # reviewed | fuzzy
    findings: list[Finding]

    def as_dict(self) -> dict:
        return {
            "locale": self.locale, "file": self.path, "line": self.line, "msgctxt": self.msgctxt,
            "msgid": self.msgid, "msgstr": self.msgstr, "state": self.state,
            "findings": [{"check": f.check, "severity": f.severity, "message": f.message} for f in self.findings],
        }


@dataclass
class LocaleCheck:
    locale: str
    checked: int = 0  # translated entries checked
    entries: list[EntryFindings] = field(default_factory=list)  # those with findings, in catalog order
    written: list[Path] = field(default_factory=list)

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for e in self.entries for f in e.findings)

    @property
    def errors(self) -> int:
        return self.count(ERROR)

    @property
    def warnings(self) -> int:
        return self.count(WARNING)


def check(config: Config, *, locales: Sequence[str] | None = None, annotate: bool = False) -> list[LocaleCheck]:
    chosen = list(locales or config.locales)
    catalogs = [(locale, doc, po) for locale, doc, po in locale_catalogs(config, chosen) if po is not None]
    for locale in chosen:  # a malformed glossary stops the check before any catalog is annotated
        load_termbase(config, locale)
    results = []
    for locale in chosen:
        result = LocaleCheck(locale)
        results.append(result)
        checked = locale_findings(config, locale, [(doc, po) for loc, doc, po in catalogs if loc == locale])
        result.checked = len(checked)
        for c in checked:
            findings = c.findings
            if findings:
                entry = c.entry
                shown = config.relative(catalog_path(config, locale, c.doc))
                result.entries.append(EntryFindings(locale, shown, entry.linenum, entry.msgctxt, entry.msgid,
                                                    entry.msgstr, entry.state, findings))
        if annotate:
            changed: set[str] = set()
            for c in checked:  # only the live findings: the recorded ones are comment lines already
                if annotate_entry(c.entry, c.live):
                    changed.add(c.doc)
            for loc, doc, po in catalogs:
                # An entry that lost its translation keeps no stale check lines either.
                if loc == locale:
                    for entry in po:
                        if not entry.obsolete and entry.msgid and not entry.msgstr and annotate_entry(entry, []):
                            changed.add(doc)
            for loc, doc, po in catalogs:
                if loc == locale and doc in changed:
                    path = catalog_path(config, locale, doc)
                    if write_if_changed(path, catalog_text(po).encode("utf-8")):
                        result.written.append(path)
    return results
