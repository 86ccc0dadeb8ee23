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
from ..render.pdf import render_pdf, require_weasyprint
from ..render.text import render_text
from .paths import catalog_path, edition_dir, source_documents
from .status import failing_entries, locale_catalogs, locale_percent, source_status

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
    unmerged: int = 0  # sentences of the source not in a catalog yet: run 'l10n update'
    pdf_pages: int = 0


class BuildResults(list):
    """One ``LocaleBuild`` per locale, plus the index, which belongs to none of them."""

    index_written: Path | None = None


def build(
    config: Config,
    *,
    locales: Sequence[str] | None = None,
    include_fuzzy: bool = False,
    min_reviewed: float | None = None,
    formats: Sequence[str] | None = None,
) -> BuildResults:
    """``formats``: the editions to write (html, text, pdf); default: the config's."""
    docs = source_documents(config)
    formats = tuple(formats or config.formats)
    if "pdf" in formats:
        require_weasyprint()  # before anything is written
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
        # Translations that fail an error-level check (l10n check) are not
        # reviewed: the edition uses the English sentence, and says where.
        withheld: dict[str, set[str]] = {}
        problems: list[str] = []
        for name, po in catalogs.items():
            failing = failing_entries(po, locale) if po is not None else {}
            withheld[name] = set(failing)
            shown = config.relative(catalog_path(config, locale, name))
            problems.extend(
                f"{locale}: {shown}:{line}: {f.severity}[{f.check}]: {f.message}; not counted as reviewed, "
                "the edition uses the English sentence"
                for line, findings in failing.values() for f in findings)
        # Translate in memory first: the units the renderer met are the current
        # source's, so the percentage counts an edited sentence that 'l10n
        # update' has not merged yet as untranslated, at no extra parse.
        translated = {
            doc.name: _translated(config, doc, locale, catalogs[doc.name], include_fuzzy, withheld[doc.name])
            for doc in docs
        }
        rows = [
            source_status(catalogs[name], stats.units, locale, name, failing=withheld[name])
            for name, (_, stats) in translated.items()
        ]
        result = LocaleBuild(locale, locale_percent(rows) if rows else 0.0, problems=problems)
        result.unmerged = sum(r.unmerged for r in rows)
        results.append(result)
        if min_reviewed is not None and result.percent_reviewed < min_reviewed:
            result.skipped = True
        # Titles by (document, draft?): a published edition is listed under its
        # own title, never under a draft's unreviewed one.
        titles: dict[tuple[str, bool], str] = {}
        if not result.skipped:
            for doc in docs:
                title = _build_document(config, doc, locale, catalogs[doc.name], translated[doc.name], include_fuzzy,
                                        result, withheld[doc.name], formats)
                titles[(doc.name, include_fuzzy)] = title
        out = edition_dir(config, locale)
        listed = []
        for doc in docs:
            for suffix, draft in ((".html", False), (".draft.html", True)):
                if not (out / f"{doc.name}{suffix}").exists():
                    continue
                if (doc.name, draft) not in titles:
                    document = _translated(config, doc, locale, catalogs[doc.name], draft, withheld[doc.name])[0]
                    titles[(doc.name, draft)] = _title_of(document, doc)
                label = " (draft)" if draft else ""
                listed.append((titles[(doc.name, draft)] + label, f"{locale}/{doc.name}{suffix}"))
        if listed:
            index[locale] = listed
    index_path = config.output_dir / "index.html"
    if write_if_changed(index_path, render_index(index, project=config.project).encode("utf-8"), durable=False):
        results.index_written = index_path
    return results


def _translated(config: Config, doc, locale: str, po, include_fuzzy: bool, withheld: set[str]):
    lookup = CatalogLookup(po, withheld) if po is not None else None
    document = read_document(doc.path, display_path=doc.ref)
    stats = translate_document(
        document, lookup, locale=locale, source_locale=config.source_language, include_fuzzy=include_fuzzy
    )
    return document, stats


def _build_document(
    config: Config, doc, locale: str, po, translated, include_fuzzy: bool, result: LocaleBuild,
    withheld: set[str], formats: Sequence[str],
) -> str:
    """Write one document's editions (``translated``: its document and stats); returns its title."""
    document, stats = translated
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
    editions = {
        "html": lambda: html.encode("utf-8"),
        "text": lambda: render_text(document.root, width=config.wrap_width, draft_banner=banner).encode("utf-8"),
        "pdf": lambda: _pdf_bytes(config, doc, html, out, result),
    }
    extension = {"html": ".html", "text": ".txt", "pdf": ".pdf"}
    for fmt in formats:
        path, data = out / f"{doc.name}{suffix}{extension[fmt]}", editions[fmt]()
        if write_if_changed(path, data, durable=False):
            result.written.append(path)
    if po is not None and not include_fuzzy:
        mo_path = out / f"{doc.name}.mo"
        if write_if_changed(mo_path, _mo_bytes(po, withheld), durable=False):
            result.written.append(mo_path)
    return title


def _pdf_bytes(config: Config, doc, html: str, out: Path, result: LocaleBuild) -> bytes:
    """The PDF edition, laid out from the HTML edition; resources only from the project."""
    pdf = render_pdf(html, base_dir=out, allowed=(config.root, config.output_dir))
    result.problems.extend(f"{doc.ref}: {problem}" for problem in pdf.problems)
    result.pdf_pages += pdf.pages
    return pdf.data


def _mo_bytes(po, withheld: set[str]) -> bytes:
    """Compiled catalog with reviewed entries only (polib leaves fuzzy ones out);
    a withheld entry is flagged fuzzy just while compiling."""
    marked = [e for e in po if e.msgid in withheld and not e.obsolete and not e.msgctxt and "fuzzy" not in e.flags]
    for entry in marked:
        entry.flags.append("fuzzy")
    try:
        return po.to_binary()
    finally:
        for entry in marked:
            entry.flags.remove("fuzzy")


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
