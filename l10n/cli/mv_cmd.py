"""``l10n mv OLD NEW``."""

from __future__ import annotations

from pathlib import Path

import click

from .common import project_config


@click.command("mv")
@click.argument("old")
@click.argument("new")
@click.pass_context
def mv_command(ctx: click.Context, old: str, new: str) -> int:
    """Rename a source document and its catalogs, keeping every translation.

    Moves OLD to NEW (if you already moved the file, only the catalogs move),
    renames locales/OLD.pot and every locales/<L>/LC_MESSAGES/OLD.po, and
    removes OLD's editions from the build folder (each one named)."""
    from ..pipeline.lock import project_lock
    from ..pipeline.rename import move_document

    config = project_config(ctx)
    # Paths as a shell gives them, from the directory l10n was started in (or -C),
    # as git mv takes them; a bare catalog name (no folder) names orphaned catalogs.
    start = Path(ctx.obj["directory"]).absolute()
    old_arg = old if "/" not in old and not (start / old).exists() else str(start / old)
    with project_lock(config.root):
        result = move_document(config, old_arg, str(start / new))
    if result.source_moved:
        click.echo(f"moved: {result.source_moved[0]} -> {result.source_moved[1]}")
    for path, drafts in result.replaced:
        held = f"{drafts} fuzzy entries and " if drafts else ""
        click.echo(f"replaced: {config.relative(path)} ({held}no reviewed translation)")
    for src, dst in result.renamed:
        carried = ""
        if src.suffix == ".po":
            carried = f" ({result.reviewed.get(src.parent.parent.name, 0)} reviewed)"
        click.echo(f"renamed: {config.relative(src)} -> {dst.name}{carried}")
    for path in result.removed:
        click.echo(f"removed: {config.relative(path)} (edition of the old name; 'l10n build' writes the new ones)")
    for problem in result.problems:
        click.echo(f"warning: {problem}", err=True)
    if not result.renamed and result.old_name == result.new_name:
        click.echo(f"{result.new_name}: same catalog name, no catalog to rename")
    click.echo("next: l10n update (rewrites the #: references), then l10n build")
    return 0
