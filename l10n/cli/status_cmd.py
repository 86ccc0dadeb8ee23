"""``l10n status``."""

from __future__ import annotations

import json

import click

from .common import chosen_locales, locale_option, project_config


@click.command("status")
@locale_option
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--drafts", is_flag=True,
              help="The review queue (same as 'l10n review --list'): every entry waiting for a person.")
@click.pass_context
def status_command(ctx: click.Context, locales: tuple[str, ...], as_json: bool, drafts: bool) -> int:
    """Units, words, reviewed, fuzzy (machine drafts), untranslated per locale and document."""
    from ..pipeline.status import status

    config = project_config(ctx)
    if drafts:
        from .review_cmd import print_queue

        return print_queue(config, chosen_locales(config, locales), "json" if as_json else "text")
    rows = status(config, locales=chosen_locales(config, locales))
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=2))
        return 0
    header = f"{'locale':<8} {'document':<36} {'units':>5} {'words':>6} {'reviewed':>8} {'fuzzy':>5} {'(mt)':>5} {'untransl':>8} {'errors':>6} {'%':>6}"
    click.echo(header)
    for r in rows:
        if not r.exists:
            click.echo(f"{r.locale:<8} {r.doc:<36} no catalog (run 'l10n update')")
            continue
        click.echo(
            f"{r.locale:<8} {r.doc:<36} {r.units:>5} {r.words:>6} {r.reviewed:>8} {r.fuzzy:>5} "
            f"{r.machine:>5} {r.untranslated:>8} {r.failing:>6} {r.percent_reviewed:>5.1f}%"
        )
    from ..pipeline.engines import describe, engine_choices

    click.echo("engine per locale (locale -> engine, model, why):")
    for choice in engine_choices(config, chosen_locales(config, locales)):
        click.echo("  " + describe(choice))
    unmerged = sum(r.unmerged for r in rows)
    if unmerged:
        click.echo(f"{unmerged} sentence(s) of the sources are not in the catalogs yet (counted as untranslated): "
                   "run 'l10n update'", err=True)
    if any(r.failing for r in rows):
        click.echo("errors: translations without the fuzzy flag that fail an error-level check; not counted "
                   "as reviewed (see 'l10n check')", err=True)
    return 0
