"""``l10n build``: re-read each source, translate it with the catalog, write the site.

The site is ``build/<source language>/<doc>.html`` (the original, rendered
from the source), ``build/<locale>/<doc>.html`` and ``.txt`` (and ``.pdf``
with the pdf format) and ``.mo`` per locale, and ``build/index.html``.  Every HTML page links the others through a
language switcher and ``<link rel="alternate" hreflang>``.

An edition is *published* (listed, linked, switched to) when its locale
passes ``min_reviewed`` and its catalog has at least one reviewed unit;
otherwise the index shows it as not yet available.  Shares are counted
against the source as it is now (a sentence ``update`` has not merged yet is
untranslated), and a reviewed translation that fails an error-level check
(``l10n check``) is not counted as reviewed: its edition uses the English
sentence and the build warns with the catalog's file and line.  A locale below
``min_reviewed`` keeps its previous files untouched, and the result says so.
Draft editions (``include_fuzzy``) go to ``<doc>.draft.html``/``.draft.txt``/``.draft.pdf``
beside freshly built published ones, so a draft never replaces a published
edition and a published one is never left stale; a plain build removes the
drafts, which would otherwise go stale.  Nothing here imports the MT stack.
An edition whose inputs and files did not change since the last build is not
rendered again (``build_stamps``); ``force`` renders everything.

Long because: one function orders the build's phases (read and count every
catalog, decide, check fonts and assets, write, index) so that nothing is
written before every check has passed; the stamps' bookkeeping is in build_stamps.py.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from typing import Any

from ..catalog import read_catalog, write_if_changed
from ..catalog.io import atomic_write_bytes
from ..catalog.mo import compile_mo
from ..config import Config
from ..errors import BuildError
from ..locales import bcp47_tag, text_direction
from ..model import Document, Element, Node
from ..render.assets import ASSETS_DIR, AssetPlan, AssetProblem, copy_assets, localize_assets
from ..render.csp import content_security_policy
from ..render.edition import CatalogLookup, EditionStats, translate_document
from ..model import text_content
from ..render.html import front_matter_values, render_html
from ..render.site import EditionEntry, head_links, language_switcher, render_index, untranslated_notice
from ..render.text import render_text
from .paths import SourceDoc, catalog_path, edition_dir, review_page_path, source_documents
from .build_stamps import BuildInputs, Counted
from .sources import Sources
from .stamps import file_digest
from .status import StatusRow, failing_entries, locale_percent, locale_totals, reviewed_entries, source_status

DRAFT_BANNER = "DRAFT: this edition contains unreviewed translations, marked as drafts. Do not publish."


@dataclass
class LocaleBuild:
    locale: str
    percent_reviewed: float
    skipped: bool = False
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)  # stale draft editions
    problems: list[str] = field(default_factory=list)
    fallback: int = 0
    draft: int = 0
    translated: int = 0
    withheld: int = 0  # of ``fallback``: unreviewed translations left out of a published edition
    original: bool = False  # the source-language pages and the index
    unmerged: int = 0  # sentences of the source not in a catalog yet: run 'l10n update'
    pdf_pages: int = 0
    # The locale's units by state, counted as ``l10n status`` counts them (``status.unit_states``).
    counts: StatusRow | None = None
    # Documents with no units whose last editions were kept (``allow_empty`` publishes them).
    held_empty: list[str] = field(default_factory=list)


def build(
    config: Config,
    *,
    locales: Sequence[str] | None = None,
    include_fuzzy: bool = False,
    min_reviewed: float | None = None,
    formats: Sequence[str] | None = None,
    strict: bool = False,
    allow_empty: bool = False,
    sources: Sources | None = None,
    force: bool = False,
    parsed: Mapping[Path, tuple[str, Any]] | None = None,
) -> list[LocaleBuild]:
    """``formats``: the editions to write (html, text, pdf); default: the config's.
    ``strict``: a missing or refused asset stops the build before anything is written.
    A document with no units (its text was removed) keeps its last editions,
    and the index keeps listing it, unless ``allow_empty``.
    ``sources``: the command's parsed sources; each source is parsed once, and
    the original and every locale's edition start from copies of that one tree.
    ``force``: render every edition, even those whose stamp says nothing changed
    (``build_stamps``: an edition whose inputs and files did not change is not rendered again).
    ``parsed``: catalogs the command already holds, by path: (digest of their bytes, catalog);
    one is used when the file still has those bytes (``run`` hands over what ``update`` merged)."""
    docs = source_documents(config)
    formats = tuple(formats or config.formats)
    if min_reviewed is None:
        min_reviewed = config.min_reviewed
    chosen = list(locales or config.locales)
    source = config.source_language
    everyone = list(dict.fromkeys([*config.locales, *chosen]))
    reader = sources or Sources(config)
    inputs = BuildInputs(config, docs, everyone, formats, include_fuzzy, force=force)
    stamps = inputs.stamps
    # Parse every catalog whose counts are not in a stamp before writing anything:
    # a malformed catalog stops the build with no file changed.  All locales, not
    # only the chosen ones: every page's switcher and the index list them all.
    # (A stamped catalog has the bytes that parsed when the stamp was made.)
    catalogs: dict[str, dict[str, Any]] = {locale: {} for locale in everyone}

    def catalog(locale: str, doc_name: str) -> Any:
        if doc_name not in catalogs[locale]:
            path = catalog_path(config, locale, doc_name)
            held = parsed.get(path) if parsed else None
            if held is not None and file_digest(path) == held[0]:
                catalogs[locale][doc_name] = held[1]
            else:
                catalogs[locale][doc_name] = read_catalog(path, display_path=config.relative(path)) \
                    if path.exists() else None
        return catalogs[locale][doc_name]

    # The sentences of each source as it is now: shares count an edited
    # sentence that 'l10n update' has not merged yet as untranslated.
    msgids: dict[str, list[str]] = {}

    def units_of(doc: SourceDoc) -> list[str]:
        if doc.name not in msgids:
            msgids[doc.name] = list(dict.fromkeys(u.msgid for u in reader.units(doc)))
        return msgids[doc.name]

    # (locale, doc) -> the msgids whose reviewed translation passed the blocking
    # checks here: their editions skip the placeholder check (a stamped count has none).
    passed: dict[tuple[str, str], set[str]] = {}

    def _counted(locale: str, doc: SourceDoc) -> Counted:
        counted, passed[(locale, doc.name)] = _status(config, catalog(locale, doc.name), units_of(doc), locale, doc)
        return counted

    held_empty = [] if allow_empty else [doc for doc in docs if inputs.empty(doc, units_of)]
    if held_empty:  # an emptied source would otherwise overwrite every edition with nothing
        docs = [doc for doc in docs if doc not in held_empty]
    reviewed: dict[tuple[str, str], tuple[int, float]] = {}  # (locale, doc) -> (units reviewed, percent)
    gated: dict[str, bool] = {}
    percents: dict[str, float] = {}
    unmerged: dict[str, int] = {}
    totals: dict[str, StatusRow] = {}
    # Reviewed translations that fail an error-level check (l10n check) are
    # not reviewed: editions use the English sentence, and the build says where.
    withheld: dict[tuple[str, str], set[str]] = {}
    problems: dict[str, list[str]] = {locale: [] for locale in everyone}
    for locale in everyone:
        for doc in held_empty:  # not counted, but a malformed catalog still stops the build
            if inputs.catalog_key(locale, doc) is not None:
                catalog(locale, doc.name)
        rows = []
        for doc in docs:
            counted = inputs.status(locale, doc, partial(_counted, locale, doc))
            withheld[(locale, doc.name)] = counted.withheld
            problems[locale].extend(counted.problems)
            reviewed[(locale, doc.name)] = (counted.row.reviewed, counted.row.percent_reviewed)
            rows.append(counted.row)
        percents[locale] = locale_percent(rows) if rows else 0.0
        unmerged[locale] = sum(r.unmerged for r in rows)
        totals[locale] = locale_totals(locale, rows)
        gated[locale] = min_reviewed is not None and percents[locale] < min_reviewed

    def published(locale: str, doc: SourceDoc) -> bool:
        """Listed and linked: passes the gate and has a reviewed unit, and its page
        exists or is written now."""
        if gated[locale] or reviewed.get((locale, doc.name), (0, 0.0))[0] == 0:
            return False
        return locale in chosen or (edition_dir(config, locale) / f"{doc.name}.html").exists()

    original = LocaleBuild(source, 100.0, original=True, held_empty=[doc.ref for doc in held_empty])
    results = [original]
    site: dict[str, list[EditionEntry]] = {}
    for doc in docs:
        entries = [EditionEntry(source, f"{source}/{doc.name}.html", "", 100.0, True, original=True)]
        for locale in everyone:
            if locale != source:
                entries.append(EditionEntry(locale, f"{locale}/{doc.name}.html", "",
                                            reviewed.get((locale, doc.name), (0, 0.0))[1], published(locale, doc)))
        site[doc.name] = entries
    editions = [source, *(locale for locale in chosen if locale != source and not gated[locale])]
    # Which editions are rendered again: the originals first (their asset
    # references decide whether the project's other files are an input).
    for doc in docs:
        inputs.decide(source, doc, site[doc.name], withheld=set())
    # The originals' trees, each with its references rewritten to the site's copies.
    trees: dict[str, Document] = {}
    plans: dict[str, AssetPlan] = {}
    assets = AssetPlan()
    asset_problems: list[AssetProblem] = []
    for doc in docs:
        if inputs.skipped(source, doc) is None:
            trees[doc.name] = reader.document(doc)
            plans[doc.name] = AssetPlan()
            localize_assets(trees[doc.name], inputs.asset_context(doc, source), plans[doc.name])
            inputs.references(doc, plans[doc.name])
            assets.files.update(plans[doc.name].files)
            assets.unresolved |= plans[doc.name].unresolved
            asset_problems.extend(plans[doc.name].problems)
        else:
            asset_problems.extend(inputs.stamped_assets(doc, assets))
    for locale in editions[1:]:
        for doc in docs:
            inputs.decide(locale, doc, site[doc.name], withheld=withheld[(locale, doc.name)])
    # Fonts before anything is written: a PDF no installed font can draw stops the build.
    for locale, warning in inputs.font_warnings(editions, lambda doc: trees.get(doc.name) or reader.document(doc),
                                                catalog):
        (original.problems if locale == source else problems[locale]).append(warning)
    if "pdf" in formats and inputs.rendering():
        from ..render.pdf import require_weasyprint  # only a PDF build pays for this module

        require_weasyprint()  # before anything is written, after the fonts (its import asks fontconfig)
    # Local assets (images, stylesheets, linked files): every problem is known
    # before anything is written, and told once per document, not per locale.
    asset_problems = list(dict.fromkeys(asset_problems))
    if strict and asset_problems:
        first, *others = asset_problems
        also = f"; also {'; '.join(str(p) for p in others)}" if others else ""
        raise BuildError(f"{first.message}{also}", path=first.where, line=first.line,
                         hint="--strict: add the missing files or fix the references")
    original.problems.extend(str(problem) for problem in asset_problems)
    original.written.extend(copy_assets(assets, config.output_dir / ASSETS_DIR, _write_asset))
    titles: dict[tuple[str, str], str] = {}

    for doc in docs:  # the original: the source itself, in the site
        if inputs.replay(source, doc, original, titles):
            continue
        document = trees[doc.name]
        mark = inputs.mark(original)
        titles[(source, doc.name)] = _title_of(document, doc)
        pages = _write_pages(config, doc, document, source, site[doc.name], content_security_policy(document.root),
                             original, notice=False, draft=False, mo=None, formats=formats,
                             reported=assets.unresolved)
        inputs.rendered(source, doc, original, mark, titles[(source, doc.name)],
                        [*pages, *(config.output_dir / ASSETS_DIR / f for f in plans[doc.name].files)])

    for locale in chosen:
        if locale == source:
            continue
        result = LocaleBuild(locale, percents[locale], problems=problems[locale], unmerged=unmerged[locale],
                             counts=totals[locale])
        results.append(result)
        if gated[locale]:
            result.skipped = True
            continue
        for doc in docs:
            if not inputs.replay(locale, doc, result, titles):
                po = catalog(locale, doc.name)
                mark = inputs.mark(result)
                outputs: list[Path] = []
                for draft in (False, True) if include_fuzzy else (False,):
                    document, stats = _translated(config, reader, doc, locale, po, draft, withheld[(locale, doc.name)],
                                                  passed.get((locale, doc.name), set()))
                    own = AssetPlan()
                    localize_assets(document, inputs.asset_context(doc, locale), own)
                    assets.unresolved |= own.unresolved
                    result.written.extend(copy_assets(own, config.output_dir / ASSETS_DIR, _write_asset))
                    outputs.extend(config.output_dir / ASSETS_DIR / f for f in own.files)
                    _count(result, stats, doc, draft, include_fuzzy)
                    if not draft:
                        titles[(locale, doc.name)] = _title_of(document, doc)
                    mo = _mo_bytes(po, withheld[(locale, doc.name)]) if po is not None and not draft else None
                    if trees.get(doc.name) is None:
                        trees[doc.name] = reader.document(doc)
                        localize_assets(trees[doc.name], inputs.asset_context(doc, source), AssetPlan())
                    outputs.extend(_write_pages(config, doc, document, locale, site[doc.name],
                                                content_security_policy(trees[doc.name].root), result,
                                                notice=stats.fallback > 0, draft=draft, mo=mo, formats=formats,
                                                reported=assets.unresolved))
                inputs.rendered(locale, doc, result, mark, titles[(locale, doc.name)], outputs)
            if not include_fuzzy:
                for suffix in (".draft.html", ".draft.txt", ".draft.pdf"):
                    stale = edition_dir(config, locale) / f"{doc.name}{suffix}"
                    if stale.exists():
                        stale.unlink()
                        result.removed.append(stale)

    reader.save()  # after the editions: a build stopped by an error leaves the cache as it was
    stamps.save()
    index: list[list[EditionEntry]] = []
    for doc in docs:
        listed = []
        for entry in site[doc.name]:
            title = titles.get((entry.locale, doc.name))
            if title is None and entry.available:  # published earlier, not rebuilt now
                document, _ = _translated(config, reader, doc, entry.locale, catalog(entry.locale, doc.name), False,
                                          withheld[(entry.locale, doc.name)], passed.get((entry.locale, doc.name), set()))
                title = _title_of(document, doc)
            draft_page = f"{entry.locale}/{doc.name}.draft.html"
            has_draft = not entry.original and (config.output_dir / draft_page).exists()
            # The PDF and the review page where they exist (l10n review writes the pages).
            pdf = f"{entry.locale}/{doc.name}.pdf"
            review_page = review_page_path(config, entry.locale, doc.name)
            review = review_page.relative_to(config.output_dir).as_posix()
            has_review = not entry.original and review_page.is_file()
            listed.append(EditionEntry(entry.locale, entry.path, title or "", entry.percent, entry.available,
                                       entry.original, draft_page if has_draft else None,
                                       pdf if (config.output_dir / pdf).is_file() else None,
                                       review if has_review else None))
        index.append(listed)
    index_path = config.output_dir / "index.html"
    if held_empty and (index_path.exists() or not docs):
        return results  # the index keeps listing the held document's last editions
    title = titles[(source, docs[0].name)] if len(docs) == 1 else config.project
    page = render_index(index, title=title, source_locale=source)
    if write_if_changed(index_path, page.encode("utf-8"), durable=False):
        original.written.append(index_path)
    return results


def _status(config: Config, po: Any, msgids: list[str], locale: str, doc: SourceDoc) -> tuple[Counted, set[str]]:
    """One catalog's counts against the source, and its reviewed entries that fail a check;
    and the msgids of those that pass."""
    failing = failing_entries(po, locale) if po is not None else {}
    passed = {msgid for _, msgid in reviewed_entries(po)} - failing.keys() if po is not None else set()
    shown = config.relative(catalog_path(config, locale, doc.name))
    problems = [f"{locale}: {shown}:{line}: {f.severity}[{f.check}]: {f.message}; not counted as reviewed, "
                "the edition uses the English sentence"
                for line, findings in failing.values() for f in findings]
    row = source_status(po, msgids, locale, doc.name, failing=set(failing), with_words=False)  # shown by status only
    return Counted(row, set(failing), problems), passed


def _count(result: LocaleBuild, stats: EditionStats, doc: SourceDoc, draft: bool, include_fuzzy: bool) -> None:
    """Counts of the edition the user asked for: the draft one with ``--include-fuzzy``."""
    if draft != include_fuzzy:
        return
    result.translated += stats.translated
    result.fallback += stats.fallback
    result.draft += stats.draft
    result.withheld += stats.withheld
    result.problems.extend(f"{doc.ref}:{p}" for p in stats.problems)


def _translated(
    config: Config, reader: Sources, doc: SourceDoc, locale: str, po, include_fuzzy: bool, withheld: set[str],
    passed: set[str],
) -> tuple[Document, EditionStats]:
    lookup = CatalogLookup(po, withheld) if po is not None else None
    document = reader.document(doc)  # a copy: translated in place
    stats = translate_document(
        document, lookup, locale=locale, source_locale=config.source_language, include_fuzzy=include_fuzzy,
        passed=passed if lookup is not None else (),
    )
    return document, stats


def _write_pages(
    config: Config,
    doc: SourceDoc,
    document: Document,
    locale: str,
    entries: list[EditionEntry],
    policy: str,
    result: LocaleBuild,
    *,
    notice: bool,
    draft: bool,
    mo: bytes | None,
    formats: Sequence[str],
    reported: Collection[str] = frozenset(),
) -> list[Path]:
    """Write one document's pages in ``formats`` (html, text, pdf) and its .mo for ``locale``;
    returns their paths (written now or already holding those bytes)."""
    out = edition_dir(config, locale)
    published_path = f"{locale}/{doc.name}.html"
    head: list[Node] = head_links(entries, canonical=published_path, site_url=config.site_url)
    if draft:  # a draft is for reviewers: search engines keep to the published page
        head.append(Element("meta", [("name", "robots"), ("content", "noindex")]))
    top: list[Node] = [language_switcher(entries, current=locale)]
    if notice:
        top.append(untranslated_notice(locale, source_locale=config.source_language))
    banner = DRAFT_BANNER if draft else None
    suffix = ".draft" if draft else ""
    # Text first: render_html adds the switcher and notice to an HTML source's own tree.
    text = render_text(document.root, width=config.wrap_width, draft_banner=banner)
    html = render_html(document, lang=bcp47_tag(locale), direction=text_direction(locale), draft_banner=banner,
                       head=head, top=top, csp=policy)
    files = []
    if "html" in formats:
        files.append((out / f"{doc.name}{suffix}.html", html.encode("utf-8")))
    if "text" in formats:
        files.append((out / f"{doc.name}{suffix}.txt", text.encode("utf-8")))
    if "pdf" in formats:
        files.append((out / f"{doc.name}{suffix}.pdf", _pdf_bytes(config, doc, html, out, result, reported)))
    if mo is not None:
        files.append((out / f"{doc.name}.mo", mo))
    for path, data in files:
        if write_if_changed(path, data, durable=False):
            result.written.append(path)
    return [path for path, _ in files]


def _write_asset(path: Path, data: bytes) -> None:
    atomic_write_bytes(path, data, durable=False)  # derived, like the editions


def _pdf_bytes(config: Config, doc: SourceDoc, html: str, out: Path, result: LocaleBuild,
               reported: Collection[str] = frozenset()) -> bytes:
    """The PDF edition, laid out from the HTML edition; resources only from the site's assets."""
    from ..render.pdf import render_pdf

    pdf = render_pdf(html, base_dir=out, allowed=(config.output_dir / ASSETS_DIR,), shown_from=config.output_dir,
                     reported=reported)
    result.problems.extend(f"{doc.ref}: {problem}" for problem in pdf.problems)
    result.pdf_pages += pdf.pages
    return pdf.data


def _mo_bytes(po, withheld: set[str]) -> bytes:
    """Compiled catalog with reviewed entries only, less the withheld msgids."""
    return compile_mo(po, withheld)


def _title_of(document: Document, doc: SourceDoc) -> str:
    """The front matter's title (what the page's <title> says), else the first
    non-empty <h1> or <title>, in document order."""
    front = front_matter_values(document.root).get("title")
    if front:
        return front
    stack: list[Node] = [document.root]
    while stack:
        node = stack.pop()
        if isinstance(node, Element):
            if node.tag in ("h1", "title"):
                title = " ".join(text_content(node).split())
                if title:
                    return title
            stack.extend(reversed(node.children))
    return doc.name
