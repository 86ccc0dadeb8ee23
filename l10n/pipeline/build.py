"""``l10n build``: re-read each source, translate it with the catalog, write editions.

Nothing here imports the MT stack.  A locale below ``min_reviewed`` percent
keeps its previous editions untouched, and the result says so.  Draft
editions (``include_fuzzy``) go to ``<doc>.draft.html``/``.draft.txt``, so a
draft can never replace a published edition by accident.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..catalog import write_if_changed
from ..config import Config
from ..formats import read_document
from ..locales import bcp47_tag, text_direction
from ..render.edition import CatalogLookup, translate_document
from ..render.html import render_html, text_content
from ..render.index import render_index
from ..render.text import render_text
from .paths import edition_dir, source_documents
from .status import catalog_status, locale_catalogs, locale_percent

DRAFT_BANNER = "DRAFT: this edition contains unreviewed translations, marked as drafts. Do not publish."


@dataclass
class LocaleBuild:
    locale: str
    percent_reviewed: float
    skipped: bool = False
    written: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    fallback: int = 0
    draft: int = 0
    translated: int = 0
    withheld: int = 0  # of ``fallback``: unreviewed translations left out of a published edition


class BuildResults(list):
    """One ``LocaleBuild`` per locale, plus the index, which belongs to none of them."""

    index_written: Path | None = None


def build(
    config: Config,
    *,
    locales: Sequence[str] | None = None,
    include_fuzzy: bool = False,
    min_reviewed: float | None = None,
) -> BuildResults:
    docs = source_documents(config)
    if min_reviewed is None:
        min_reviewed = config.min_reviewed
    results = BuildResults()
    index: dict[str, list[tuple[str, str]]] = {}
    chosen = list(locales or config.locales)
    # Parse every catalog of every locale before writing anything: a
    # malformed catalog stops the build with no edition changed.
    all_catalogs: dict[str, dict[str, object]] = {locale: {} for locale in chosen}
    for locale, doc_name, po in locale_catalogs(config, chosen):
        all_catalogs[locale][doc_name] = po
    for locale in chosen:
        catalogs = all_catalogs[locale]
        rows = [catalog_status(po, locale, name) for name, po in catalogs.items() if po is not None]
        percent = locale_percent(rows) if rows else 0.0
        result = LocaleBuild(locale, percent)
        results.append(result)
        if min_reviewed is not None and percent < min_reviewed:
            result.skipped = True
        # Titles by (document, draft?): a published edition is listed under its
        # own title, never under a draft's unreviewed one.
        titles: dict[tuple[str, bool], str] = {}
        if not result.skipped:
            for doc in docs:
                title = _build_document(config, doc, locale, catalogs[doc.name], include_fuzzy, result)
                titles[(doc.name, include_fuzzy)] = title
        out = edition_dir(config, locale)
        listed = []
        for doc in docs:
            for suffix, draft in ((".html", False), (".draft.html", True)):
                if not (out / f"{doc.name}{suffix}").exists():
                    continue
                if (doc.name, draft) not in titles:
                    document = _translated(config, doc, locale, catalogs[doc.name], draft)[0]
                    titles[(doc.name, draft)] = _title_of(document, doc)
                label = " (draft)" if draft else ""
                listed.append((titles[(doc.name, draft)] + label, f"{locale}/{doc.name}{suffix}"))
        if listed:
            index[locale] = listed
    index_path = config.output_dir / "index.html"
    if write_if_changed(index_path, render_index(index, project=config.project).encode("utf-8"), durable=False):
        results.index_written = index_path
    return results


def _translated(config: Config, doc, locale: str, po, include_fuzzy: bool):
    lookup = CatalogLookup(po) if po is not None else None
    document = read_document(doc.path, display_path=doc.ref)
    stats = translate_document(
        document, lookup, locale=locale, source_locale=config.source_language, include_fuzzy=include_fuzzy
    )
    return document, stats


def _build_document(config: Config, doc, locale: str, po, include_fuzzy: bool, result: LocaleBuild) -> str:
    """Write one document's editions; returns its translated title."""
    document, stats = _translated(config, doc, locale, po, include_fuzzy)
    title = _title_of(document, doc)
    result.translated += stats.translated
    result.fallback += stats.fallback
    result.draft += stats.draft
    result.withheld += stats.withheld
    result.problems.extend(f"{doc.ref}:{p}" for p in stats.problems)
    banner = DRAFT_BANNER if include_fuzzy else None
    suffix = ".draft" if include_fuzzy else ""
    out = edition_dir(config, locale)
    html = render_html(document, lang=bcp47_tag(locale), direction=text_direction(locale), draft_banner=banner)
    text = render_text(document.root, width=config.wrap_width, draft_banner=banner)
    for path, data in (
        (out / f"{doc.name}{suffix}.html", html.encode("utf-8")),
        (out / f"{doc.name}{suffix}.txt", text.encode("utf-8")),
    ):
        if write_if_changed(path, data, durable=False):
            result.written.append(path)
    if po is not None and not include_fuzzy:
        mo_path = out / f"{doc.name}.mo"
        if write_if_changed(mo_path, _mo_bytes(po), durable=False):
            result.written.append(mo_path)
    return title


def _mo_bytes(po) -> bytes:
    """Compiled catalog with reviewed entries only (polib leaves fuzzy ones out)."""
    return po.to_binary()


def _title_of(document, doc) -> str:
    """The first non-empty <h1> or <title>, in document order."""
    stack = [document.root]
    while stack:
        node = stack.pop()
        if getattr(node, "tag", None) in ("h1", "title"):
            title = " ".join(text_content(node).split())
            if title:
                return title
        stack.extend(reversed([c for c in getattr(node, "children", []) if hasattr(c, "tag")]))
    return doc.name
