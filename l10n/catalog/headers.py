"""Catalog headers: stable values only, so a run that changes nothing rewrites nothing."""

from __future__ import annotations

from ..locales import plural_forms

TEMPLATE_KEYS = ("Project-Id-Version", "Report-Msgid-Bugs-To", "MIME-Version", "Content-Type", "Content-Transfer-Encoding")


def template_metadata(project: str) -> dict[str, str]:
    return {
        "Project-Id-Version": project,
        "Report-Msgid-Bugs-To": "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }


def catalog_metadata(locale: str, project: str, old: dict[str, str] | None) -> dict[str, str]:
    """Headers for a locale's catalog; translator-owned fields are kept from ``old``."""
    old = old or {}
    meta = {
        "Project-Id-Version": project,
        "Report-Msgid-Bugs-To": old.get("Report-Msgid-Bugs-To", ""),
        "PO-Revision-Date": old.get("PO-Revision-Date", ""),
        "Last-Translator": old.get("Last-Translator", "") or "l10n",
        "Language-Team": old.get("Language-Team", "") or "none",
        "Language": locale,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural_forms(locale),
    }
    for key, value in old.items():  # keep fields other tools added
        meta.setdefault(key, value)
    return meta
