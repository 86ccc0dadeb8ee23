"""``l10n status``."""

from __future__ import annotations

import json

import click

from .common import chosen_locales, locale_option, project_config


@click.command("status")
@locale_option
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--drafts", is_flag=True,
              help="List machine drafts for review: flagged ones first, then lowest confidence first.")
@click.pass_context
def status_command(ctx: click.Context, locales: tuple[str, ...], as_json: bool, drafts: bool) -> int:
    """Units, words, reviewed, fuzzy (machine drafts), untranslated per locale and document."""
    from ..pipeline.status import machine_drafts, status

    config = project_config(ctx)
    if drafts:
        found = machine_drafts(config, locales=chosen_locales(config, locales))
        if as_json:
            click.echo(json.dumps([d.as_dict() for d in found], ensure_ascii=False, indent=2))
            return 0
        for d in found:
            score = f"{d.score:.3f}" if d.score is not None else "  n/a"
            flag = "  CHECK: " + "; ".join(d.problems) if d.problems else ""
            click.echo(f"{d.locale:<8} {score} {d.reference}  {d.msgid[:60]}{flag}")
        if not found:
            click.echo("no machine drafts waiting for review")
        return 0
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
    if any(r.failing for r in rows):
        click.echo("errors: translations without the fuzzy flag that fail an error-level check; not counted "
                   "as reviewed (see 'l10n check')", err=True)
    return 0
