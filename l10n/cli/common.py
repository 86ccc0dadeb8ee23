"""Helpers shared by the command modules: loading the project, locale options."""

from __future__ import annotations

from pathlib import Path

import click

from ..config import Config, load_config
from ..errors import ConfigError


def project_config(ctx: click.Context) -> Config:
    return load_config(Path(ctx.obj["directory"]))


def chosen_locales(config: Config, locales: tuple[str, ...]) -> list[str]:
    """The ``--locale`` options, normalized and checked against the config."""
    from ..locales import normalize_locale

    if not locales:
        return list(config.locales)
    chosen = []
    for value in locales:
        for item in value.split(","):
            try:
                locale = normalize_locale(item.strip())
            except ValueError as exc:
                raise ConfigError(str(exc)) from None
            if locale not in config.locales:
                raise ConfigError(
                    f"locale {locale!r} is not configured",
                    path=config.config_file,
                    hint="configured: " + ", ".join(config.locales),
                )
            chosen.append(locale)
    return chosen


locale_option = click.option(
    "-l", "--locale", "locales", multiple=True, help="Only these locales (repeat or comma-separate)."
)
