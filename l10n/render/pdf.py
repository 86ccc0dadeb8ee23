"""PDF editions: the HTML edition laid out for print by WeasyPrint.

There is one renderer: the HTML edition carries its own print stylesheet
(``print_style.PRINT_CSS``: page size, margins, running title, page numbers), so a PDF
from here and a page printed from a browser look alike.  WeasyPrint finds
fonts through fontconfig, so Hangul, Han, Kana and Arabic are drawn with the
system's Noto faces and embedded (subset) in the file.

WeasyPrint is imported inside ``render_pdf``: ``l10n build`` without PDF
never loads it.  It fetches nothing from the network (only ``file:`` URLs
inside the allowed folders and ``data:`` URLs); a refused or missing resource
is reported, not fatal.  Links are kept: absolute URLs as they are, relative
ones (other editions, the index) stay relative, as in the HTML edition, so
the PDF works wherever the edition folder is published.

Korean breaks lines only between words (spaces), as the edition's
``word-break: keep-all`` asks; WeasyPrint ignores that property, so the PDF's
input gets a WORD JOINER (U+2060, invisible, not extracted as text) inside
every word that holds Hangul.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from ..errors import BuildError, install_hint
from ..scripts import HANGUL

log = logging.getLogger(__name__)


@dataclass
class PdfEdition:
    """A rendered PDF: its bytes, its page count, and what could not be loaded."""

    data: bytes
    pages: int
    problems: list[str] = field(default_factory=list)


def require_weasyprint():
    """The weasyprint module, or a BuildError that says how to install it."""
    try:
        import weasyprint  # heavy: only when a PDF is asked for
    except (ImportError, OSError) as exc:  # OSError: the Pango library is missing
        raise BuildError(
            f"PDF editions need WeasyPrint: {exc}",
            hint=install_hint("pdf") + "; on Debian also apt-get install libpango-1.0-0 libpangoft2-1.0-0",
        ) from None
    return weasyprint


def render_pdf(html: str, *, base_dir: Path, allowed: Sequence[Path], shown_from: Path | None = None,
               reported: Collection[str] = ()) -> PdfEdition:
    """Lay out the HTML edition ``html`` (as if it were a file in ``base_dir``).

    Resources (images, stylesheets) load only from ``data:`` URLs and files
    under one of the ``allowed`` folders; anything else is left out and named
    in ``problems``, by its path relative to ``shown_from`` (the build root:
    no absolute path in a message).  ``reported``: URLs of the edition whose
    problem the caller has already told (a missing asset); a failed load of
    one of them is not told again.
    """
    HTML = require_weasyprint().HTML
    html = keep_hangul_words(html)
    base_dir = Path(os.path.abspath(base_dir))
    problems: list[str] = []
    fetcher = _local_fetcher([Path(os.path.abspath(p)) for p in allowed])
    base_url = base_dir.as_uri() + "/"
    quiet = {_joined(base_url, url) for url in reported}
    shown = Path(os.path.abspath(shown_from)) if shown_from is not None else base_dir
    with _weasyprint_messages(problems, quiet=quiet, shown_from=shown):
        document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render()
        for page in document.pages:
            page.links = [_relative_link(link, base_dir) for link in page.links]
        # Tagged PDF: structure and reading order for screen readers and text extraction.
        data = document.write_pdf(pdf_tags=True)
    return PdfEdition(data, len(document.pages), problems)


# Between two non-space characters of which one is Hangul: where a Korean line must not break.
_INSIDE_HANGUL_WORD = re.compile(f"(?<=[{HANGUL}])(?=\\S)|(?<=\\S)(?=[{HANGUL}])")
# Markup the joiners must not enter: comments, tags, and the raw text of script and style.
_MARKUP = re.compile(r"(<!--.*?-->|<(script|style)\b.*?</\2\s*>|<[^>]*>)", re.DOTALL | re.IGNORECASE)
WORD_JOINER = "\u2060"


def keep_hangul_words(html: str) -> str:
    """Join the characters of every Hangul word in the ``<body>`` text with U+2060,
    so the line breaker breaks Korean only at spaces (``word-break: keep-all``)."""
    body = re.search(r"<body\b", html, re.IGNORECASE)
    start = body.start() if body else 0
    if not re.search(f"[{HANGUL}]", html[start:]):
        return html
    out = [html[:start]]
    pos = start
    for match in _MARKUP.finditer(html, start):
        out.append(_INSIDE_HANGUL_WORD.sub(WORD_JOINER, html[pos : match.start()]))
        out.append(match.group(0))
        pos = match.end()
    out.append(_INSIDE_HANGUL_WORD.sub(WORD_JOINER, html[pos:]))
    return "".join(out)


def _relative_link(link: tuple, base_dir: Path) -> tuple:
    """WeasyPrint resolves every href against the base; turn the local ones
    back into paths relative to the edition, so no build path leaks into the PDF."""
    kind, target, rectangle, box = link
    if kind != "external" or not isinstance(target, str) or not target.startswith("file:"):
        return link
    parts = urlsplit(target)
    relative = Path(os.path.relpath(unquote(parts.path), base_dir)).as_posix()
    if parts.fragment:
        relative += "#" + parts.fragment
    return (kind, relative, rectangle, box)


def _local_fetcher(allowed: list[Path]):
    """A WeasyPrint URL fetcher for data: URLs and files under ``allowed`` only;
    WeasyPrint logs a refusal like any failed load (see ``_weasyprint_messages``)."""
    from weasyprint.urls import URLFetcher

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            scheme = url.split(":", 1)[0].lower()
            if scheme == "file":
                path = Path(os.path.abspath(unquote(urlsplit(url).path)))
                if any(path.is_relative_to(root) for root in allowed):
                    return super().fetch(url, headers)
            elif scheme == "data":
                return super().fetch(url, headers)
            # A build must never reach the network or read files outside the site's own folders.
            raise ValueError(_REFUSED)

    return LocalFetcher()


def _joined(base: str, url: str) -> str:
    try:
        return urljoin(base, url)
    except ValueError:  # not a URL (an unclosed IPv6 host): nothing will load it
        return url


_REFUSED = "not fetched: only the site's own files are used"
# WeasyPrint's "Failed to load image at 'file:///...': URLError: ..." (stylesheets: URL unquoted).
_FAILED_LOAD = re.compile(r"Failed to load (?P<kind>[\w ]+?) at '?(?P<url>[^'\s]+)'?\s*:\s*(?P<why>.*)", re.DOTALL)


class _Collect(logging.Handler):
    def __init__(self, problems: list[str], quiet: set[str], shown_from: Path) -> None:
        super().__init__(logging.WARNING)
        self.problems = problems
        self.quiet = quiet
        self.shown_from = shown_from

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        # Resources that failed to load matter to the publisher; CSS that only
        # browsers understand (the edition's screen rules) is routine.
        if not message.startswith("Failed to load"):
            log.debug("weasyprint: %s", message)
            return
        log.debug("weasyprint: %s", message)
        failed = _FAILED_LOAD.match(message)
        if failed is None:
            self.problems.append(message.splitlines()[0])
            return
        url = failed.group("url")
        if url in self.quiet:
            return
        if url.startswith("file:"):  # named from the build root: no build path in a message
            path = unquote(urlsplit(url).path)
            relative = Path(os.path.relpath(path, self.shown_from)).as_posix()
            url = path if relative.startswith("../") else relative  # "/etc/x" as the source wrote it
        why = "refused (only files in the site are used)" if _REFUSED in failed.group("why") else "not found"
        self.problems.append(f"PDF: {failed.group('kind')} {url} not loaded: {why}")


@contextmanager
def _weasyprint_messages(problems: list[str], *, quiet: Collection[str] = (),
                         shown_from: Path = Path(".")) -> Iterator[None]:
    """Route WeasyPrint's log into ``problems`` (and debug) while rendering."""
    logger = logging.getLogger("weasyprint")
    handler, propagate = _Collect(problems, set(quiet), shown_from), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
