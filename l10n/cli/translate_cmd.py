"""``l10n translate``: offline MT drafts for empty entries."""

from __future__ import annotations


import click

from .common import chosen_locales, locale_option, project_config
from .progress import ProgressDisplay


def translate_options(func):
    from ..config import ENGINE_NAMES

    func = click.option("--engine", "engine_name", type=click.Choice(ENGINE_NAMES), default=None,
                        help="Engine for all chosen locales (default: config 'engine', else argos).")(func)
    func = click.option("--device", type=click.Choice(["cpu", "cuda", "auto"]), default=None,
                        help="Where Argos models run.")(func)
    func = click.option("--workers", type=click.IntRange(min=1), default=None,
                        help="Locales translated side by side in N processes (default: what cores and memory allow).")(func)
    func = click.option("--cluster", default=None, metavar="auto|ADDRESS",
                        help="Run Argos batches on a Ray cluster ('auto' or ray://host:10001).")(func)
    return func


@click.command("translate")
@locale_option
@translate_options
@click.option("--refresh-mt", is_flag=True, help="Also redo fuzzy entries whose only origin is MT.")
@click.option("--dry-run", is_flag=True, help="Say what would be translated; write nothing.")
@click.pass_context
def translate_command(ctx, locales, engine_name, device, workers, cluster, refresh_mt, dry_run) -> int:
    """Fill empty entries with offline machine translation, marked fuzzy with provenance."""
    from ..pipeline.lock import project_lock

    config = project_config(ctx)
    with project_lock(config.root):
        results = run_translate(config, chosen_locales(config, locales), engine_name=engine_name,
                                device=device, workers=workers, cluster=cluster, refresh_mt=refresh_mt,
                                dry_run=dry_run)
    return skipped_exit_code(results)


#: Exit code of translate (and of ``run --strict``) when a locale got no drafts
#: because no model or engine serves it; the other locales were still done.
MISSING_ENGINE_EXIT = 3


def skipped_exit_code(results) -> int:
    """``MISSING_ENGINE_EXIT`` when a locale that wants MT has no model, else 0.

    A locale without a model is skipped with a message and the others are
    still translated; the exit code tells scripts that some were skipped.
    A locale with engine "none" (people translate it) is never skipped.
    """
    return MISSING_ENGINE_EXIT if any(r.missing_engine for r in results) else 0


def run_translate(config, locales, *, engine_name=None, device=None, workers=None, cluster=None, refresh_mt=False,
                  dry_run=False, report_missing=True):
    """Translate and say what happened per locale; ``report_missing=False``
    leaves the locales without a model to the caller (``run``'s summary)."""
    from ..pipeline.translate import translate

    results = translate(
        config,
        locales=locales,
        engine_name=engine_name,
        refresh_mt=refresh_mt,
        dry_run=dry_run,
        device=device,
        workers=workers,
        cluster=cluster,
        progress_factory=lambda locale, total: ProgressDisplay(f"translate {locale}", total, unit="units"),
    )
    for r in results:
        if r.by_people:
            click.echo(f"translate {r.locale}: translated by people (engine \"none\"): no machine drafts")
        elif r.missing_engine and not report_missing:
            continue
        elif r.skipped:
            hint = f"; {r.hint}" if r.hint else ""
            click.echo(f"translate {r.locale}: skipped ({r.engine}): {r.skipped}{hint}", err=True)
        elif r.units == 0:
            click.echo(f"translate {r.locale}: nothing to translate")
        elif dry_run:
            click.echo(f"translate {r.locale}: would translate {r.units} sentences ({r.entries} entries) with {r.engine}")
        else:
            click.echo(
                f"translate {r.locale}: {r.units} sentences with {r.engine} ({r.cached} from cache, "
                f"{r.flagged} flagged for review), {len(r.files)} catalog(s) written"
            )
    return results
