"""``l10n extract`` and ``l10n update``."""

from __future__ import annotations

import click

from .common import chosen_locales, locale_option, project_config


@click.command("extract")
@click.pass_context
def extract_command(ctx: click.Context) -> int:
    """Write one template per source document: locales/<doc>.pot."""
    from ..pipeline.extract import extract
    from ..pipeline.lock import project_lock

    config = project_config(ctx)
    with project_lock(config.root):
        results = extract(config)
    for r in results:
        state = "written" if r.changed else "unchanged"
        click.echo(f"{config.relative(r.path)}: {r.units} units, {r.entries} entries, {state}")
    return 0


@click.command("update")
@locale_option
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if any catalog is out of date.")
@click.option("--force", is_flag=True, help="Merge every catalog, even those unchanged since their last merge.")
@click.pass_context
def update_command(ctx: click.Context, locales: tuple[str, ...], check: bool, force: bool) -> int:
    """Create or merge locales/<locale>/LC_MESSAGES/<doc>.po from the sources.

    A new document whose units are mostly those of an orphaned catalog (its
    document renamed) takes that catalog over; ambiguous cases are only
    reported (see 'l10n mv')."""
    from ..pipeline.lock import project_lock
    from ..pipeline.update import update_project

    config = project_config(ctx)
    chosen = chosen_locales(config, locales)
    if check:
        run = update_project(config, locales=chosen, check=True, force=force)
    else:
        with project_lock(config.root):
            run = update_project(config, locales=chosen, force=force)
    report_renames(config, run, check=check)
    templates, results = run.templates, run.results
    stale = [config.relative(t.path) for t in templates if t.changed]
    for r in results:
        rep = r.report
        verb = ("would be created" if check else "created") if r.created else (
            ("out of date" if check else "updated") if r.changed else "up to date"
        )
        detail = (
            f"{rep.kept} kept, {rep.revived} revived, {len(rep.fuzzy)} fuzzy, {rep.memory} from memory, "
            f"{rep.new} new, {rep.obsoleted} obsolete"
        )
        if r.changed or not check:
            click.echo(f"{config.relative(r.path)}: {verb} ({detail})")
        if r.changed:
            stale.append(config.relative(r.path))
    stale.extend(config.relative(src) for renamed in run.renamed for src, _ in renamed.moves)
    if check:
        if stale:
            click.echo(f"{len(stale)} file(s) out of date with the sources; run 'l10n update'", err=True)
            return 1
        click.echo("all catalogs are up to date")
    return 0


def report_renames(config, run, *, check: bool = False) -> None:
    """One line per catalog taken over from a renamed document, then the warnings."""
    verb = "would rename" if check else "renamed"
    for renamed in run.renamed:
        m = renamed.match
        for src, dst in renamed.moves:
            click.echo(f"{verb}: {config.relative(src)} -> {dst.name} (matched {m.matched} of {m.units} units; "
                       f"from {m.orphan.old_ref})")
    for warning in run.warnings:
        click.echo(f"warning: {warning}", err=True)
