"""Read a source file from disk with clear errors, then dispatch on its suffix."""

from __future__ import annotations

from pathlib import Path

from ..errors import SourceError
from ..model import SOURCE_FORMATS, Document
from ..text_files import decode_utf8


def read_source_text(path: Path, *, display_path: str | None = None) -> str:
    """The file's text: UTF-8 (a BOM is allowed), CRLF and CR normalized to LF.

    Errors name ``display_path`` (project-relative, as catalog errors do) when given.
    """
    shown = display_path or path
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise SourceError("is a directory, expected a text file", path=shown) from None
    except RuntimeError as exc:  # symlink loop on some Python versions
        raise SourceError(f"cannot read: {exc}", path=shown) from None
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}", path=shown) from None
    return decode_utf8(data, shown=str(shown), error=SourceError)


def format_of(path: Path, *, display_path: str | None = None) -> str:
    suffix = path.suffix.lower()
    if suffix in SOURCE_FORMATS:
        return SOURCE_FORMATS[suffix]
    raise SourceError(
        f"unknown source type {suffix or '(no suffix)'!r}",
        path=display_path or path,
        hint="expected " + ", ".join(SOURCE_FORMATS),
    )


def read_document(
    path: str | Path,
    *,
    display_path: str | None = None,
    front_matter_keys: tuple[str, ...] | None = None,
    attributes: dict[str, tuple[str, ...]] | None = None,
    code_shortcodes: tuple[str, ...] | None = None,
) -> Document:
    """Read and parse one source document.  ``front_matter_keys``,
    ``attributes`` and ``code_shortcodes`` are the project's
    ``front_matter_keys``, ``translatable_attributes`` and
    ``code_shortcodes`` (None: the defaults)."""
    path = Path(path)
    shown = display_path or str(path)
    kind = format_of(path, display_path=shown)
    text = read_source_text(path, display_path=shown)
    from .front_matter import DEFAULT_KEYS

    keys = DEFAULT_KEYS if front_matter_keys is None else tuple(front_matter_keys)
    if kind == "markdown":
        from .markdown import parse_markdown
        from .template_tags import DEFAULT_CODE_SHORTCODES

        doc = parse_markdown(
            text,
            path=path,
            display_path=shown,
            front_matter_keys=keys,
            code_shortcodes=DEFAULT_CODE_SHORTCODES if code_shortcodes is None else tuple(code_shortcodes),
        )
    elif kind == "html":
        from .html import parse_html

        doc = parse_html(text, path=path, display_path=shown, front_matter_keys=keys)
    else:
        from .text import parse_text

        doc = parse_text(text, path=path)
    doc.attributes = dict(attributes or {})
    return doc
