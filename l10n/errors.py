"""Errors that carry a location, so the CLI can print them compiler-style.

Every error a user can cause (bad config, unreadable source, malformed PO file)
is an ``L10nError``: one line, ``path:line: message``, plus an optional hint.
"""

from __future__ import annotations

from pathlib import Path


class L10nError(Exception):
    """A user-facing error with an optional file, line and hint."""

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path + (f":{self.line}" if self.line else "") + ": "
        text = where + self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class ConfigError(L10nError):
    """The project configuration is missing, malformed or names something unknown."""


class SourceError(L10nError):
    """A source document cannot be read or parsed."""


class CatalogError(L10nError):
    """A PO/POT catalog is malformed or cannot be written."""


class BuildError(L10nError):
    """An edition cannot be rendered."""


class LockError(L10nError):
    """Another l10n process holds the project lock."""


class ExchangeError(L10nError):
    """An XLIFF or TMX file is malformed or does not match the project."""


class GlossaryError(L10nError):
    """A locale's glossary (termbase) is malformed."""


class FileSystemError(L10nError):
    """The operating system refused a read or write: a full disk, a read-only
    folder, a file where a folder should be."""


def file_system_error(exc: OSError, path: str | Path) -> FileSystemError:
    """``path: cannot write: No space left on device``, naming the folder that is
    really at fault when it is another one (``build`` is a file, not a folder)."""
    reason = exc.strerror or str(exc)
    culprit = exc.filename
    if culprit and Path(str(culprit)) in Path(path).parents:
        if isinstance(exc, (FileExistsError, NotADirectoryError)) and not Path(str(culprit)).is_dir():
            reason = f"{culprit} is a file, expected a folder"  # mkdir says "File exists"
        else:
            reason += f" ({culprit})"
    return FileSystemError(f"cannot write: {reason}", path=path)


def install_hint(extra: str) -> str:
    """The command that installs the optional dependencies ``extra`` (pdf, tbx,
    cluster): l10n-reports is not on the package index, so pip installs it
    from the clone this l10n runs from, into the interpreter running it."""
    import shlex
    import sys

    clone = Path(__file__).resolve().parent.parent
    if (clone / "pyproject.toml").is_file() and (clone / "l10n").is_dir():
        return f"{shlex.quote(sys.executable)} -m pip install -e {shlex.quote(f'{clone}[{extra}]')}"
    # Installed from a copy of the sources: pip needs that clone again.
    return f"pip install 'CLONE[{extra}]', CLONE being your clone of the l10n repository (it is not on PyPI)"


def quoted(text: str) -> str:
    """``text`` in single quotes, as a reader sees it: a no-break space, a thin
    space and every letter are themselves (``'42 %'``, never ``'42\\xa0%'``, as
    ``repr`` writes it); only control characters are escaped, so that a message
    stays on one line."""
    import unicodedata

    return "'" + "".join(repr(c)[1:-1] if unicodedata.category(c) == "Cc" else c for c in text) + "'"
