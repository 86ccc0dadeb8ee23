"""Helpers shared by the command modules: loading the project, locale options."""

from __future__ import annotations

from pathlib import Path

import click

from ..config import Config, ignored_config, load_config
from ..errors import ConfigError


def project_config(ctx: click.Context) -> Config:
    """The project containing -C DIR (or the current directory); says which file
    is used when an l10n.toml overrides a pyproject.toml's [tool.l10n]."""
    config = load_config(Path(ctx.obj["directory"]))
    ignored = ignored_config(config.config_file)
    if ignored is not None:
        click.echo(f"note: using {config.relative(config.config_file)}; the [tool.l10n] table of "
                   f"{config.relative(ignored)} is ignored", err=True)
    return config


def chosen_locales(config: Config, locales: tuple[str, ...]) -> list[str]:
    """The ``--locale`` options, normalized and checked against the config."""
    from ..locales import check_locale, same_locale

    if not locales:
        return list(config.locales)
    chosen = []
    for value in locales:
        for item in value.split(","):
            try:
                wanted = check_locale(item.strip())
            except ValueError as exc:
                raise ConfigError(str(exc)) from None
            # --locale zh-tw selects the configured zh_TW: ids are kept as written
            match = next((loc for loc in config.locales if same_locale(loc, wanted)), None)
            if match is None:
                raise ConfigError(
                    f"locale {wanted!r} is not configured",
                    path=config.relative(config.config_file),
                    hint="configured: " + ", ".join(config.locales),
                )
            chosen.append(match)
    return chosen


locale_option = click.option(
    "-l", "--locale", "locales", multiple=True, help="Only these locales (repeat or comma-separate)."
)
