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
@click.pass_context
def run_command(ctx: click.Context, locales: tuple[str, ...], min_reviewed: float | None, allow_empty: bool,
                engine_name, device, workers, cluster) -> int:
    """Extract, update, machine-translate empty entries, build the editions."""
    from ..pipeline.build import build
    from ..pipeline.lock import project_lock
    from ..pipeline.update import update_project
    from .build_cmd import report_build
    from .catalog_cmds import report_renames
    from .translate_cmd import run_translate, skipped_exit_code

    config = project_config(ctx)
    chosen = chosen_locales(config, locales)
    with project_lock(config.root):
        updated = update_project(config, locales=chosen)
        report_renames(config, updated)
        templates, results = updated.templates, updated.results
        click.echo(f"extract: {len(templates)} document(s), {sum(len(t.template) for t in templates)} entries")
        changed = sum(r.changed for r in results)
        click.echo(f"update: {len(results)} catalog(s), {changed} changed")
        translated = run_translate(config, chosen, engine_name=engine_name, device=device, workers=workers,
                                   cluster=cluster)
        built = build(config, locales=chosen, min_reviewed=min_reviewed, allow_empty=allow_empty)
    report_build(config, built, min_reviewed if min_reviewed is not None else config.min_reviewed)
    return skipped_exit_code(translated)  # 3 when a locale was skipped, like translate
