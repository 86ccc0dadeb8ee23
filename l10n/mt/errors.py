"""Exceptions raised by the MT layer.

Every error carries a one-line message meant for the end user; ``hint`` names
the command that fixes it when there is one, so the CLI can print both
without knowing the error type.
"""
from __future__ import annotations

from ..errors import L10nError


class MTError(L10nError):
    """Base class of all MT-layer errors (user-facing, printed as one line)."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)

    def __str__(self) -> str:
        return f"{self.message} (hint: {self.hint})" if self.hint else self.message


class ModelMissing(MTError):
    """No installed package/mode serves the requested language pair."""


class EngineFailed(MTError):
    """The engine ran but failed (subprocess error, unreadable model, ...)."""


class PackageError(MTError):
    """An .argosmodel archive or an installed package is invalid or unsafe."""


class IndexUnreachable(MTError):
    """The package index (or a download link) could not be fetched."""


class PackageNotFound(MTError):
    """The index has no package for the requested pair, or it is not installed."""
