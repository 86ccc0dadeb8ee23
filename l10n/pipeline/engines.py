"""Which engine and model each locale will use (``models list``, ``status``).

The answers come from ``l10n.mt.selection.choose``, the function ``translate``
uses, so what these commands show is what a run does.  Nothing here contacts
a server: an LLM locale shows the configured model id, or says that the
server's first model will be used.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..config import Config


def engine_choices(config: Config, locales: Sequence[str] | None = None, *, engine: str | None = None) -> list:
    """One ``l10n.mt.selection.Choice`` per locale (all configured locales by default)."""
    from ..mt.selection import choose

    return [choose(config, locale, engine=engine) for locale in (locales or config.locales)]


def describe(choice) -> str:
    """``ko -> argos, translate-en_ko, only installed model`` (one line per locale)."""
    model = choice.shown_model + (" (not installed)" if choice.missing else "")
    return f"{choice.locale} -> {choice.engine}, {model}, {choice.reason}"
