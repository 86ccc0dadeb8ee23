"""``l10n run``: the main job, extract + update + translate + build."""

from __future__ import annotations

import click

from .common import chosen_locales, locale_option, project_config
from .translate_cmd import translate_options


@click.command("run")
@locale_option
@click.option("--min-reviewed", type=click.FloatRange(0, 100), default=None, metavar="PERCENT")
@click.option("--allow-empty", is_flag=True, help="Publish a document that has no units (by default its last "
              "editions are kept).")
@translate_options
@click.option("--strict", is_flag=True,
              help="Exit 1 (nothing built) when a document references a missing or outside local asset, "
                   "and 3 when a locale got no machine drafts because no model serves it (as translate does).")
@click.option("--force", is_flag=True, help="Merge every catalog and render every edition, even unchanged ones.")
@click.pass_context
def run_command(ctx: click.Context, locales: tuple[str, ...], min_reviewed: float | None, allow_empty: bool,
                engine_name, device, workers, cluster, strict: bool, force: bool) -> int:
    """Extract, update, machine-translate empty entries, build the editions.

    A locale with no model is not a failure: its edition keeps the English
    sentences, and the summary says how to get a model (exit 0; 3 with --strict).
    """
    from ..pipeline.build import build
    from ..pipeline.lock import project_lock
    from ..pipeline.sources import Sources
    from ..pipeline.update import update_project
    from .build_cmd import report_build
    from .catalog_cmds import report_renames
    from .translate_cmd import run_translate, skipped_exit_code

    config = project_config(ctx)
    chosen = chosen_locales(config, locales)
    with project_lock(config.root):
        sources = Sources(config)  # each source parsed once for update and build
        updated = update_project(config, locales=chosen, sources=sources, force=force)
        report_renames(config, updated)
        templates, results = updated.templates, updated.results
        click.echo(f"extract: {len(templates)} document(s), {sum(t.entries for t in templates)} entries")
        changed = sum(r.changed for r in results)
        click.echo(f"update: {len(results)} catalog(s), {changed} changed")
        translated = run_translate(config, chosen, engine_name=engine_name, device=device, workers=workers,
                                   cluster=cluster, report_missing=False)
        built = build(config, locales=chosen, min_reviewed=min_reviewed, strict=strict,
                      allow_empty=allow_empty, sources=sources, force=force, parsed=updated.catalogs)
    report_build(config, built, min_reviewed if min_reviewed is not None else config.min_reviewed)
    for r in translated:  # last, where a new user reads: one line per locale, with the way to a model
        if r.missing_engine:
            click.echo(f"{r.locale}: no machine drafts ({r.skipped}); to get them: {r.hint}")
    return skipped_exit_code(translated) if strict else 0
