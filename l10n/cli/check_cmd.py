"""``l10n check``."""

from __future__ import annotations

import json

import click

from .common import chosen_locales, locale_option, project_config


@click.command("check")
@locale_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="One line per finding, or JSON.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "never"]), default="error", show_default=True,
              help="Exit 1 when a finding of this severity (or worse) is found.")
@click.option("--annotate", is_flag=True,
              help="Write the findings into the catalogs as 'check:' comments (replacing earlier ones).")
@click.pass_context
def check_command(ctx: click.Context, locales: tuple[str, ...], fmt: str, fail_on: str, annotate: bool) -> int:
    """Check translations: placeholders, numbers, URLs, punctuation, spacing, glossary terms..."""
    from ..pipeline.check import check
    from ..pipeline.lock import project_lock

    config = project_config(ctx)
    chosen = chosen_locales(config, locales)
    if annotate:
        with project_lock(config.root):
            results = check(config, locales=chosen, annotate=True)
    else:
        results = check(config, locales=chosen)
    if fmt == "json":
        click.echo(json.dumps([e.as_dict() for r in results for e in r.entries], ensure_ascii=False, indent=2))
    else:
        for r in results:
            for e in r.entries:
                for f in e.findings:
                    click.echo(f"{e.path}:{e.line}: {f.severity}[{f.check}]: {f.message}")
        for r in results:
            wrote = f"; annotated {len(r.written)} catalog(s)" if annotate else ""
            click.echo(f"{r.locale}: {r.checked} translated entries checked, {r.errors} error(s), "
                       f"{r.warnings} warning(s){wrote}", err=True)
    errors = sum(r.errors for r in results)
    warnings = sum(r.warnings for r in results)
    if fail_on == "error" and errors or fail_on == "warning" and (errors or warnings):
        return 1
    return 0
