"""``l10n glossary import FILE.tbx``."""

from __future__ import annotations

from pathlib import Path

import click

from .common import chosen_locales, locale_option, project_config


@click.group("glossary")
def glossary() -> None:
    """Glossaries: locales/<locale>/glossary.csv (source,target,note)."""


@glossary.command("import")
@click.argument("tbx_file", type=click.Path(dir_okay=False, path_type=Path))
@locale_option
@click.pass_context
def import_command(ctx: click.Context, tbx_file: Path, locales: tuple[str, ...]) -> int:
    """Append a TBX file's terms to each locale's glossary; existing terms are kept."""
    from ..pipeline.glossary import import_tbx
    from ..pipeline.lock import project_lock

    config = project_config(ctx)
    # -C DIR means "as if started in DIR": a relative path is DIR's.
    tbx_file = tbx_file if tbx_file.is_absolute() else Path(ctx.obj["directory"]) / tbx_file
    with project_lock(config.root):
        results = import_tbx(config, tbx_file, locales=chosen_locales(config, locales))
    for r in results:
        kept = f", {r.kept} already there (kept as they are)" if r.kept else ""
        click.echo(f"glossary {r.locale}: {r.added} term(s) added to {config.relative(r.path)}{kept}")
    return 0
