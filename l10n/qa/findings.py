"""What a check looks at and what it reports: data, never printed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotation only: qa needs no glossary code to run
    from ..terms import Termbase

ERROR = "error"  # the translation is wrong or cannot be rendered: not counted as reviewed
WARNING = "warning"  # worth a reviewer's look; may be right
SEVERITIES = (ERROR, WARNING)


@dataclass(frozen=True)
class Finding:
    check: str  # the registry name of the check ("placeholders", "numbers", ...)
    severity: str  # ERROR or WARNING
    message: str  # quotes what was expected and what was found


@dataclass(frozen=True)
class Pair:
    """One source unit and its translation, as the entry checks see it."""

    source: str
    translation: str
    locale: str  # canonical Babel id of the target ("ko", "zh_Hans")
    termbase: Termbase | None = None  # when the locale has one
