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
    """Units, words, reviewed, fuzzy (machine drafts), untranslated per locale and document;
    then the orphaned catalogs (no source document any more)."""
    from ..pipeline.rename import find_orphans
    from ..pipeline.status import status

    config = project_config(ctx)
    if drafts:
        from .review_cmd import print_queue

        return print_queue(config, chosen_locales(config, locales), "json" if as_json else "text")
    rows = status(config, locales=chosen_locales(config, locales))
    orphans = find_orphans(config)
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=2))
        for line in orphan_lines(config, orphans):  # stdout stays one JSON document
            click.echo(line, err=True)
        return 0
    header = f"{'locale':<8} {'document':<36} {'units':>5} {'words':>6} {'reviewed':>8} {'fuzzy':>5} {'(mt)':>5} {'untransl':>8} {'errors':>6} {'%':>6}"
    click.echo(header)
    for r in rows:
        if not r.exists:
            click.echo(f"{r.locale:<8} {r.doc:<36} no catalog (run 'l10n update')")
            continue
        if not r.units:
            click.echo(f"{r.locale:<8} {r.doc:<36} no units: the document has no text to translate")
            continue
        click.echo(
            f"{r.locale:<8} {r.doc:<36} {r.units:>5} {r.words:>6} {r.reviewed:>8} {r.fuzzy:>5} "
            f"{r.machine:>5} {r.untranslated:>8} {r.failing:>6} {r.percent_reviewed:>5.1f}%"
        )
    for line in orphan_lines(config, orphans):
        click.echo(line)
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


def orphan_lines(config, orphans) -> list[str]:
    """One line per catalog whose source document is gone (renamed or removed)."""
    lines = []
    for orphan in orphans:
        for locale, path in orphan.catalogs.items():
            why = orphan.unreadable.get(locale)
            held = f"unreadable: {why}" if why else f"{orphan.reviewed.get(locale, 0)} reviewed"
            lines.append(f"orphaned: {config.relative(path)} ({held}) — no source document; "
                         f"l10n mv {orphan.old_ref} NEW to adopt it, or delete it")
    return lines
