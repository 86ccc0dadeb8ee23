"""The editions as a site: the language switcher and head links of every page,
and ``build/index.html``.

Every page lives one folder below the build root (``build/<locale>/<doc>.html``,
the original in ``build/<source language>/``), so a link from one page to
another is ``../<locale>/<doc>.html`` and from the index ``<locale>/<doc>.html``.
Everything here is built as tree nodes or escaped text: a title or a file
name can never become markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from ..locales import bcp47_tag, native_name, text_direction
from ..model import Element, Node, Text
from .csp import content_security_policy
from .html import FONT_CSS
from .messages import (
    DRAFT,
    EDITION,
    LANGUAGE,
    LANGUAGES,
    NOT_AVAILABLE,
    NOT_TRANSLATED,
    ORIGINAL,
    PDF,
    REVIEW_PAGE,
    REVIEWED,
    Message,
    format_percent,
    language_name,
    message,
    message_template,
)


@dataclass(frozen=True)
class EditionEntry:
    """One language version of one document, as the site lists it."""

    locale: str
    path: str  # relative to the build root, unquoted: "ko/report.html"
    title: str  # in the edition's language (plain text)
    percent: float  # reviewed share of the document's units
    available: bool  # published: listed, linked, switched to
    original: bool = False
    draft_path: str | None = None  # a current draft edition, when one was built
    pdf_path: str | None = None  # the edition's PDF, when one was built
    review_path: str | None = None  # the locale's review page of the document, when one was written


def href(path: str, *, from_page: bool) -> str:
    """A URL for a build-relative ``path``: from a page (one folder down) or the index."""
    return ("../" if from_page else "") + quote(path)


def _lang_attrs(locale: str) -> list[tuple[str, str | None]]:
    return [("lang", bcp47_tag(locale)), ("dir", text_direction(locale))]


def language_switcher(entries: list[EditionEntry], *, current: str) -> Element:
    """``<nav>`` naming each available language in its own script; the current one
    (the page's) is marked ``aria-current`` and not linked."""
    label = message(LANGUAGES, current)
    items: list[Node] = []
    for entry in entries:
        if not (entry.available or entry.locale == current):
            continue
        name: list[Node] = [Text(native_name(entry.locale))]
        if entry.locale == current:
            inner = Element("span", [("aria-current", "page"), *_lang_attrs(entry.locale)], name)
        else:
            inner = Element(
                "a",
                [("href", href(entry.path, from_page=True)), ("hreflang", bcp47_tag(entry.locale)),
                 *_lang_attrs(entry.locale)],
                name,
            )
        items.append(Element("li", [], [inner]))
    attrs: list[tuple[str, str | None]] = [("class", "l10n-languages"), ("aria-label", label.text)]
    return Element("nav", attrs, [Element("ul", [], items)])


def head_links(entries: list[EditionEntry], *, canonical: str, site_url: str | None = None) -> list[Node]:
    """``<link rel="alternate" hreflang>`` for every available edition and the original
    (also as ``x-default``), and ``<link rel="canonical">`` (``canonical``: a
    build-relative path).  Absolute under ``site_url`` when the project says
    where it publishes (search engines want absolute URLs), else relative."""

    def url(path: str) -> str:
        return site_url + quote(path) if site_url else href(path, from_page=True)

    nodes: list[Node] = [Element("link", [("rel", "canonical"), ("href", url(canonical))])]
    for entry in entries:
        if entry.available:
            nodes.append(Element("link", [("rel", "alternate"), ("hreflang", bcp47_tag(entry.locale)),
                                          ("href", url(entry.path))]))
    originals = [e for e in entries if e.original]
    if originals:
        nodes.append(Element("link", [("rel", "alternate"), ("hreflang", "x-default"), ("href", url(originals[0].path))]))
    return nodes


def untranslated_notice(page_locale: str, *, source_locale: str) -> Element:
    """The notice that some sentences are still in the source language, in the
    page's language where l10n has it."""
    template = message_template(NOT_TRANSLATED, page_locale)
    language = language_name(source_locale, in_locale=template.locale)  # named in the notice's language
    notice = Message(template.text.format(language=language), template.locale)
    attrs: list[tuple[str, str | None]] = [("class", "l10n-notice"), ("role", "note")]
    if notice.locale != page_locale:
        attrs += _lang_attrs(notice.locale)
    return Element("p", attrs, [Text(notice.text)])


#: The index table: every cell starts at its column's start, with room before the next column.
INDEX_CSS = """\
.l10n-editions { border-collapse: collapse; }
.l10n-editions th, .l10n-editions td { text-align: start; padding: 0.25em 1.5em 0.25em 0; vertical-align: baseline; }
"""


def render_index(documents: list[list[EditionEntry]], *, title: str, source_locale: str) -> str:
    """``build/index.html``, in the source language: per document, the original and
    every edition under its language's own name with its reviewed share; an
    edition not yet published says so and is not linked."""
    tag, direction = bcp47_tag(source_locale), text_direction(source_locale)

    def say(key: str, **values: str) -> str:
        found = message(key, source_locale, **values)
        text = escape(found.text, quote=False)
        if found.locale != source_locale:
            return f'<span lang="{bcp47_tag(found.locale)}">{text}</span>'
        return text

    sections = []
    for entries in documents:
        original = next((e for e in entries if e.original), entries[0])
        rows = []
        for entry in entries:
            etag, edir = bcp47_tag(entry.locale), text_direction(entry.locale)
            # The name in its own direction inside a cell of the index's: a
            # right-to-left name starts where the others do, clear of the next column.
            name = (f'<th scope="row"><span lang="{etag}" dir="{edir}">'
                    f'{escape(native_name(entry.locale), quote=False)}</span></th>')
            if entry.available:
                link = (f'<a href="{escape(href(entry.path, from_page=False))}" hreflang="{etag}" lang="{etag}" '
                        f'dir="{edir}">{escape(entry.title, quote=False)}</a>')
            else:
                link = say(NOT_AVAILABLE)
            if entry.draft_path:
                link += (f' <a class="l10n-draft-link" href="{escape(href(entry.draft_path, from_page=False))}" '
                         f'hreflang="{etag}">({say(DRAFT)})</a>')
            if entry.pdf_path and entry.available:
                link += (f' <a class="l10n-pdf-link" href="{escape(href(entry.pdf_path, from_page=False))}" '
                         f'hreflang="{etag}" type="application/pdf">({say(PDF)})</a>')
            if entry.review_path:
                link += (f' <a class="l10n-review-link" href="{escape(href(entry.review_path, from_page=False))}">'
                         f'({say(REVIEW_PAGE)})</a>')
            if entry.original:
                share = say(ORIGINAL)
            else:
                share = say(REVIEWED, percent=format_percent(entry.percent, source_locale))
            rows.append(f"<tr>{name}<td>{link}</td><td>{share}</td></tr>")
        heading = (f"<h2>{escape(original.title, quote=False)}</h2>\n" if len(documents) > 1 else "")
        sections.append(
            f"<section>\n{heading}<table class=\"l10n-editions\">\n"
            f"<thead><tr><th scope=\"col\">{say(LANGUAGE)}</th><th scope=\"col\">{say(EDITION)}</th>"
            f"<th scope=\"col\"></th></tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n</section>"
        )
    csp = escape(content_security_policy(None), quote=False)  # in double quotes: no " in a policy
    return (
        f'<!DOCTYPE html>\n<html lang="{tag}" dir="{direction}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title, quote=False)}</title>\n"
        f'<style id="l10n-fonts">\n{FONT_CSS}</style>\n<style id="l10n-index">\n{INDEX_CSS}</style>\n'
        '</head>\n<body>\n<main>\n'
        f"<h1>{escape(title, quote=False)}</h1>\n" + "\n".join(sections) + "\n</main>\n</body>\n</html>\n"
    )
