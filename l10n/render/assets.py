"""Local assets of a document: find them, point the edition at the site's copy.

A source references files beside it: images (``src``, ``srcset``,
``poster``), media (``<source>``, ``<track>``, ``<video>``, ``<audio>``),
linked files (``<a href>``, ``<object data>``), stylesheets (``<link href>``,
``url()`` and ``@import`` in ``<style>`` and ``style=""``, and inside every
stylesheet copied) and scripts.  Each reference is resolved against the source
file's folder and, when it names a file inside the project, the edition's URL
is rewritten to the site's single copy, ``build/assets/<path in the project>``,
shared by every locale.  Mirroring the project tree keeps every relative URL
*inside* a copied stylesheet valid without rewriting its CSS.

A per-locale variant (``img/map.ko.png`` beside ``img/map.png``, by the
project's ``asset_variant`` pattern) replaces the default in that locale's
edition.  The locale is tried as written (``zh_Hans``), as a BCP 47 tag
(``zh-Hans``), then as its language alone (``zh``).

Left as written: absolute URLs (``https:``, ``//host``), ``data:``,
``mailto:`` and any other scheme, fragments and queries alone, and
site-absolute paths (``/logo.png``, whose meaning depends on the server).  A
link to another source document of the project becomes a link to that
document's edition in the same locale (``other.md#x`` -> ``other.html#x``).
A reference that leaves the project (``../../etc/passwd``, or a symlink whose
target is outside) is refused, and a file that does not exist is reported:
both as a located ``AssetProblem``, never copied.  Query and fragment of a
rewritten URL are kept (``img/a.png?v=2#x``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from ..config import DEFAULT_ASSET_VARIANT
from ..errors import BuildError
from ..locales import bcp47_tag
from ..model import Document, Element, Node, Raw, Text

#: The site folder (under the build root) that holds the one copy of every asset.
ASSETS_DIR = "assets"

# Attributes that hold one URL, and what the file is called in a warning.
_URL_ATTRIBUTES: dict[tuple[str, str], str] = {
    ("img", "src"): "image",
    ("input", "src"): "image",
    ("video", "poster"): "image",
    ("video", "src"): "video",
    ("audio", "src"): "audio",
    ("source", "src"): "media file",
    ("track", "src"): "text track",
    ("iframe", "src"): "embedded page",
    ("embed", "src"): "embedded file",
    ("object", "data"): "embedded file",
    ("script", "src"): "script",
    ("a", "href"): "linked file",
    ("area", "href"): "linked file",
    ("link", "href"): "linked file",
}
_SRCSET_ATTRIBUTES = frozenset({("img", "srcset"), ("source", "srcset"), ("link", "imagesrcset")})
# <link rel> values whose href names no file to serve (an origin), or that l10n replaces (canonical).
_SKIPPED_RELS = frozenset({"canonical", "dns-prefetch", "preconnect"})
# CSS references: url(...) (quoted or not) and @import "..." (a bare string).
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^()'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""",
                      re.IGNORECASE)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


@dataclass(frozen=True)
class AssetProblem:
    """A reference that could not be served: ``where:line: message``."""

    where: str  # the document or stylesheet, relative to the project root
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.where}:{self.line}: {self.message}" if self.line else f"{self.where}: {self.message}"


@dataclass
class AssetPlan:
    """What the site needs: files to copy and the problems met, for all editions."""

    # path in the project (posix, relative to the root) -> the file to copy
    files: dict[str, Path] = field(default_factory=dict)
    # ordered set: every edition of a document meets the same problems once
    problems: dict[AssetProblem, None] = field(default_factory=dict)
    # edition URLs left as written because their problem was reported (the PDF renderer stays quiet on them)
    unresolved: set[str] = field(default_factory=set)
    _scanned: set[Path] = field(default_factory=set)  # stylesheets whose own references are collected
    _copied: set[str] = field(default_factory=set)  # files copy_assets has seen to this build


@dataclass(frozen=True)
class AssetContext:
    """Where one document's references are resolved from, for one locale."""

    root: Path  # the project root: nothing outside it is served
    source: Path  # the document's file
    shown: str  # the document as messages name it (relative to the root)
    locale: str
    variant: str = DEFAULT_ASSET_VARIANT
    documents: Mapping[Path, str] = field(default_factory=dict)  # source file -> its <doc> name


def localize_assets(doc: Document, context: AssetContext, plan: AssetPlan) -> None:
    """Rewrite, in place, every local reference in ``doc`` to the site's copy
    (from an edition one folder below the build root), adding the files to
    ``plan`` and what went wrong to ``plan.problems``."""
    seen: set[int] = set()  # an element restored twice by placeholders is rewritten once
    stack: list[Node] = [doc.root]
    while stack:  # iterative: deep trees must not recurse
        node = stack.pop()
        if not isinstance(node, Element) or id(node) in seen:
            continue
        seen.add(id(node))
        _element(node, context, plan)
        stack.extend(reversed(node.children))


def _element(element: Element, context: AssetContext, plan: AssetPlan) -> None:
    tag = element.tag
    if tag == "link":
        rels = set((element.get("rel") or "").lower().split())
        if rels & _SKIPPED_RELS or ("alternate" in rels and element.get("hreflang")):
            return  # the site's own canonical and hreflang links replace these
        kind = "stylesheet" if "stylesheet" in rels else "linked file"
    else:
        kind = ""
    attrs = []
    for name, value in element.attrs:
        if value is not None:
            if (tag, name) in _URL_ATTRIBUTES:
                label = kind or _URL_ATTRIBUTES[(tag, name)]
                value = _rewrite_url(value, label, element.line, context, plan,
                                     document_link=tag in ("a", "area"), stylesheet=kind == "stylesheet")
            elif (tag, name) in _SRCSET_ATTRIBUTES:
                value = _rewrite_srcset(value, element.line, context, plan)
            elif name == "style":
                value = _rewrite_css(value, element.line, context, plan)
        attrs.append((name, value))
    element.attrs = attrs
    if tag == "style":
        for index, child in enumerate(element.children):
            if isinstance(child, (Raw, Text)):
                text = child.markup if isinstance(child, Raw) else child.text
                rewritten = _rewrite_css(text, element.line, context, plan)
                if rewritten != text:
                    element.children[index] = Raw(rewritten)


def _rewrite_srcset(value: str, line: int, context: AssetContext, plan: AssetPlan) -> str:
    """Each candidate URL of ``srcset`` ("a.png 1x, b.png 2x") rewritten in place,
    descriptors and spacing kept."""
    out: list[str] = []
    position = 0
    for start, end in _srcset_urls(value):
        url = value[start:end]
        new = _rewrite_url(url, "image", line, context, plan)
        if new != url:
            out += [value[position:start], new]
            position = end
    out.append(value[position:])
    return "".join(out)


def _srcset_urls(value: str) -> list[tuple[int, int]]:
    """Spans of the candidate URLs in a ``srcset``, as the HTML standard splits it:
    a URL runs to the next white space (so a ``data:`` URL keeps its commas), a
    trailing comma ends the candidate, else descriptors run to a comma outside
    parentheses."""
    spans = []
    at, size = 0, len(value)
    while at < size:
        while at < size and (value[at].isspace() or value[at] == ","):
            at += 1
        start = at
        while at < size and not value[at].isspace():
            at += 1
        end = at
        while end > start and value[end - 1] == ",":
            end -= 1
        if end > start:
            spans.append((start, end))
        if end < at:  # the URL's trailing commas ended the candidate
            continue
        depth = 0
        while at < size and (value[at] != "," or depth):
            depth += {"(": 1, ")": -1}.get(value[at], 0) if value[at] in "()" else 0
            depth = max(depth, 0)
            at += 1
    return spans


def _rewrite_css(css: str, line: int, context: AssetContext, plan: AssetPlan) -> str:
    """``url()`` and ``@import`` in CSS written in the document (``<style>``, ``style=""``)."""
    out: list[str] = []
    position = 0
    for start, end, url, is_import, offset in _css_references(css):
        at = line + offset
        new = _rewrite_url(url, "stylesheet resource", at, context, plan, stylesheet=is_import)
        if new != url:
            out.append(css[position:start])
            out.append(f'@import "{new}"' if is_import else f'url("{new}")')
            position = end
    out.append(css[position:])
    return "".join(out)


def _css_references(css: str) -> list[tuple[int, int, str, bool, int]]:
    """(start, end, URL, is an @import, lines before it) of each reference in ``css``, comments skipped."""
    if "url(" not in css.lower() and "@import" not in css.lower():
        return []
    # Comments blanked to the same length, so positions and line numbers stay those of ``css``.
    visible = _CSS_COMMENT.sub(lambda m: " " * len(m.group(0)), css)
    found = []
    lines, counted = 0, 0  # counted incrementally: a long stylesheet is read once
    for match in _CSS_URL.finditer(visible):
        url = next(g for g in match.groups() if g is not None)
        lines += css.count("\n", counted, match.start())
        counted = match.start()
        found.append((match.start(), match.end(), url, match.group(0).startswith("@"), lines))
    return found


def _local_path(url: str) -> tuple[str, str] | None:
    """(path, the ``?query#fragment`` tail) of a relative URL that names a file; None otherwise."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. "http://[::1": not a URL l10n can serve; the browser decides
        return None
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    tail = (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
    return unquote(parts.path), tail


def _rewrite_url(url: str, kind: str, line: int, context: AssetContext, plan: AssetPlan, *,
                 document_link: bool = False, stylesheet: bool = False) -> str:
    """The edition's URL for ``url``, written in ``context.source`` at ``line``."""
    local = _local_path(url)
    if local is None:
        return url
    path, tail = local
    if "\0" in path:  # no file system has such a name
        _report(plan, context.shown, line, f"{kind} {path!r} not found", url)
        return url
    target = Path(os.path.normpath(context.source.parent / path))
    if document_link and target in context.documents:
        return quote(context.documents[target] + ".html") + tail
    found = _inside(target, context.root)
    if found is None:
        _report(plan, context.shown, line, f"{kind} {path} is outside the project: not copied", url)
        return url
    if not target.is_file():
        if target.is_dir() and document_link:
            return url  # a link to a folder: nothing to copy, the web server decides
        _report(plan, context.shown, line, f"{kind} {path} not found", url)
        return url
    chosen = _variant(target, context) or target
    relative = chosen.relative_to(context.root).as_posix()
    plan.files[relative] = chosen
    if stylesheet or chosen.suffix.lower() == ".css":
        _scan_stylesheet(target, context, plan)
        if chosen != target:
            _scan_stylesheet(chosen, context, plan)
    return f"../{ASSETS_DIR}/" + quote(relative) + tail


def _report(plan: AssetPlan, where: str, line: int, message: str, url: str) -> None:
    plan.problems[AssetProblem(where, line, message)] = None
    plan.unresolved.add(url.strip())


def _inside(target: Path, root: Path) -> Path | None:
    """``target`` when it and (through any symlink) the file it names lie inside ``root``."""
    if not target.is_relative_to(root):
        return None
    real, real_root = Path(os.path.realpath(target)), Path(os.path.realpath(root))
    return target if real.is_relative_to(real_root) else None


def _variant(target: Path, context: AssetContext) -> Path | None:
    """The locale's own version of ``target``, when the project has one."""
    names: dict[str, None] = {}
    for locale in (context.locale, bcp47_tag(context.locale), context.locale.replace("-", "_").split("_")[0]):
        names[context.variant.format(stem=target.stem, suffix=target.suffix, locale=locale)] = None
    for name in names:
        candidate = Path(os.path.normpath(target.parent / name))
        if candidate != target and candidate.is_file() and _inside(candidate, context.root) is not None:
            return candidate
    return None


def _scan_stylesheet(sheet: Path, context: AssetContext, plan: AssetPlan) -> None:
    """Collect what a copied stylesheet references (its URLs stay valid in the mirrored tree)."""
    if sheet in plan._scanned:
        return
    plan._scanned.add(sheet)
    try:
        css = sheet.read_text("utf-8", errors="replace")
    except OSError:
        return  # copying it reports the failure
    shown = sheet.relative_to(context.root).as_posix()
    pending: list[Path] = []
    for _, _, url, is_import, offset in _css_references(css):
        local = _local_path(url)
        if local is None:
            continue
        line = offset + 1
        if "\0" in local[0]:
            continue
        target = Path(os.path.normpath(sheet.parent / local[0]))
        if _inside(target, context.root) is None:
            _report(plan, shown, line, f"stylesheet resource {local[0]} is outside the project: not copied", url)
        elif not target.is_file():
            _report(plan, shown, line, f"stylesheet resource {local[0]} not found", url)
        else:
            plan.files[target.relative_to(context.root).as_posix()] = target
            if is_import or target.suffix.lower() == ".css":
                pending.append(target)
    for target in pending:
        _scan_stylesheet(target, context, plan)


def copy_assets(plan: AssetPlan, assets_dir: Path, write) -> list[Path]:
    """Copy the plan's files not copied yet into ``assets_dir`` (mirroring the
    project) with ``write(path, data)`` (an atomic write), each only when its
    bytes differ from the copy's.  Returns the files written.

    Bytes, not size and modification time, decide: an image replaced within
    the file system's timestamp granularity by one of the same size would
    otherwise keep its stale copy."""
    written = []
    for relative, source in sorted(plan.files.items()):
        if relative in plan._copied:
            continue
        plan._copied.add(relative)
        destination = assets_dir / relative
        try:
            if _same_bytes(source, destination):
                continue
            data = source.read_bytes()
        except OSError as exc:
            raise BuildError(f"cannot read this asset: {exc.strerror}", path=relative) from None
        write(destination, data)
        written.append(destination)
    return written


def _same_bytes(source: Path, copy: Path, chunk: int = 1 << 20) -> bool:
    """Whether ``copy`` exists and holds ``source``'s bytes (read in chunks: a
    video need not sit in memory twice).  An unreadable ``source`` raises."""
    try:
        if copy.stat().st_size != source.stat().st_size:
            return False
        other = copy.open("rb")
    except FileNotFoundError:
        source.stat()  # a missing source is an error, not "different"
        return False
    except OSError:
        return False
    with other, source.open("rb") as mine:
        while True:
            a, b = mine.read(chunk), other.read(chunk)
            if a != b:
                return False
            if not a:
                return True
