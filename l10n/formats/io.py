"""Read a source file from disk with clear errors, then dispatch on its suffix."""

from __future__ import annotations

from pathlib import Path

from ..errors import SourceError
from ..model import Document

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".text"}


def read_source_text(path: Path) -> str:
    """The file's text: UTF-8 (a BOM is allowed), CRLF and CR normalized to LF."""
    try:
        if path.is_dir():
            raise SourceError("is a directory, expected a text file", path=path)
        data = path.read_bytes()
    except SourceError:
        raise
    except RuntimeError as exc:  # symlink loop on some Python versions
        raise SourceError(f"cannot read: {exc}", path=path) from None
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}", path=path) from None
    nul = data.find(b"\x00")
    if nul != -1:
        raise SourceError(
            f"binary file: NUL byte at byte offset {nul}, expected UTF-8 text",
            path=path,
            line=data.count(b"\n", 0, nul) + 1,
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        offset = exc.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        raise SourceError(
            f"invalid UTF-8 at byte offset {offset} (byte 0x{data[offset]:02x}), expected UTF-8 text",
            path=path,
            line=data.count(b"\n", 0, offset) + 1,
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def format_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    raise SourceError(
        f"unknown source type {suffix or '(no suffix)'!r}",
        path=path,
        hint="expected .md, .html or .txt",
    )


def read_document(
    path: str | Path,
    *,
    display_path: str | None = None,
    front_matter_keys: tuple[str, ...] | None = None,
    attributes: dict[str, tuple[str, ...]] | None = None,
) -> Document:
    """Read and parse one source document.  ``front_matter_keys`` and
    ``attributes`` are the project's ``front_matter_keys`` and
    ``translatable_attributes`` (None: the defaults)."""
    path = Path(path)
    kind = format_of(path)
    text = read_source_text(path)
    shown = display_path or str(path)
    if kind == "markdown":
        from .front_matter import DEFAULT_KEYS
        from .markdown import parse_markdown

        doc = parse_markdown(
            text, path=path, display_path=shown, front_matter_keys=DEFAULT_KEYS if front_matter_keys is None else tuple(front_matter_keys)
        )
    elif kind == "html":
        from .html import parse_html

        doc = parse_html(text, path=path, display_path=shown)
    else:
        from .text import parse_text

        doc = parse_text(text, path=path)
    doc.attributes = dict(attributes or {})
    return doc
