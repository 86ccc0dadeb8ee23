"""``l10n init``: a commented l10n.toml for the documents in a directory."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("init")
@click.option("-l", "--locale", "locales", multiple=True, metavar="LOCALE",
              help="A target locale (repeat or comma-separate), e.g. -l ko -l zh_Hans.")
@click.option("--source", "sources", multiple=True, metavar="GLOB",
              help="Source documents (repeatable); default: the .md, .html and .txt files found.")
@click.option("--source-language", default="en", show_default=True, help="The language of the sources.")
@click.pass_context
def init_command(ctx: click.Context, locales: tuple[str, ...], sources: tuple[str, ...], source_language: str) -> int:
    """Start a project here: write l10n.toml, add build/, the cache and the lock to .gitignore."""
    from ..pipeline.init import init_project

    root = Path(ctx.obj["directory"])
    result = init_project(root, locales=locales, sources=sources, source_language=source_language)
    files = sum(result.sources.values())
    click.echo(f"{result.config_file.name}: written ({files} document(s) in {len(result.sources)} glob(s); "
               f"locales {', '.join(result.engines)})")
    for locale, engine in result.engines.items():
        click.echo(f"  {locale}: {engine}")
    if result.gitignore_added:
        click.echo(f".gitignore: added {' '.join(result.gitignore_added)}")
    click.echo("next: l10n run      (extract, update the catalogs, machine drafts, build the editions)")
    for locale in result.missing_models:
        from ..mt.engine import argos_code
        from ..mt.hints import argos_model_hint

        click.echo(f"      {locale} drafts: {argos_model_hint(argos_code(source_language), argos_code(locale))}")
    return 0
