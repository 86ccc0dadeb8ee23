"""``l10n export`` and ``l10n import``: work for CAT tools (XLIFF) and client memories (TMX)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from .common import chosen_locales, locale_option, project_config


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(["xliff", "tmx"]), default="xliff", show_default=True,
              help="XLIFF per locale and document for CAT tools, or one TMX of all reviewed units.")
@click.option("--xliff-version", type=click.Choice(["1.2", "2.0"]), default="1.2", show_default=True,
              help="1.2 is what Trados, memoQ, Phrase and OmegaT all import.")
@locale_option
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the files (default: <output_dir>/exchange).")
@click.pass_context
def export_command(ctx: click.Context, fmt: str, xliff_version: str, locales: tuple[str, ...],
                   output: Path | None) -> int:
    """Write XLIFF (placeholders as inline codes, states and notes) or TMX files."""
    from ..pipeline.exchange import export_tmx, export_xliff

    config = project_config(ctx)
    chosen = chosen_locales(config, locales)
    if output is not None and not output.is_absolute():
        output = Path(ctx.obj["directory"]) / output
    if fmt == "xliff":
        results = export_xliff(config, locales=chosen, version=xliff_version, output=output)
    else:
        results = export_tmx(config, locales=chosen, output=output)
    for r in results:
        state = "written" if r.changed else "unchanged"
        click.echo(f"{config.relative(r.path)}: {r.units} units, {state}")
    return 0


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--overwrite", is_flag=True,
              help="Let a reviewed segment replace a different reviewed translation (the old one is kept in a comment).")
@click.pass_context
def import_command(ctx: click.Context, files: tuple[Path, ...], overwrite: bool) -> int:
    """Read XLIFF back into the catalogs, or add a TMX file to the translation memory.

    Reviewed segments become reviewed entries, drafts stay fuzzy; a segment
    whose inline codes do not match its source is rejected; a reviewed entry
    is never replaced by a draft, nor by a different reviewed translation
    without --overwrite.  Exit code 1 when a segment was rejected or in conflict.
    """
    from ..pipeline.exchange import import_file
    from ..pipeline.lock import project_lock

    config = project_config(ctx)
    status = 0
    with project_lock(config.root):
        for file in files:
            path = Path(os.path.abspath(Path(ctx.obj["directory"]) / file))
            report = import_file(config, path, overwrite=overwrite)
            shown = config.relative(report.path)
            for m in report.messages:
                where = f"{shown}:{m.line}" if m.line else shown
                click.echo(f"{m.level}: {where}: {m.text}", err=True)
            if report.kind == "tmx":
                click.echo(f"{shown}: {report.memory_units} units added to the translation memory "
                           f"({', '.join(config.relative(p) for p in report.written) or 'unchanged'}); "
                           "run 'l10n update' to use them")
            else:
                click.echo(
                    f"{shown}: {report.reviewed} reviewed, {report.drafts} drafts, {report.unchanged} unchanged, "
                    f"{report.conflicts} conflicts, {report.rejected} rejected; "
                    + (", ".join(config.relative(p) for p in report.written) or "no catalog changed")
                )
            if report.rejected or report.conflicts:
                status = 1
    return status
