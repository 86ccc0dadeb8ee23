"""``l10n models``: list, install and remove offline MT models (Argos packages).

Only ``install`` without ``--from-file`` touches the network.  The packages
directory is ``--packages-dir``, else the project's ``models_dir``, else
Argos's own.
"""
from __future__ import annotations

from pathlib import Path

import click

from l10n.mt import packages
from l10n.mt.engine import argos_code
from l10n.mt.errors import MTError


def _dir(ctx: click.Context) -> Path:
    return ctx.obj["packages_dir"]


@click.group("models")
@click.option("--packages-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where models live (default: $ARGOS_PACKAGES_DIR or ~/.local/share/argos-translate/packages).")
@click.pass_context
def models(ctx: click.Context, packages_dir: Path | None) -> None:
    """Manage offline machine-translation models."""
    ctx.ensure_object(dict)
    config = _project_config(ctx)
    ctx.obj["config"] = config
    ctx.obj["packages_dir"] = packages_dir or (config.models_dir if config else None) or packages.default_packages_dir()


def _project_config(ctx: click.Context):
    """The project's config when there is one; models also work outside a project."""
    from ..config import find_config_file
    from ..errors import ConfigError
    from .common import project_config

    try:
        find_config_file(Path(ctx.obj.get("directory", ".")))
    except ConfigError:
        return None
    return project_config(ctx)


@models.command("list")
@click.pass_context
def list_cmd(ctx: click.Context) -> None:
    """List installed models."""
    installed = packages.list_installed(_dir(ctx))
    config = ctx.obj.get("config")
    served: dict[tuple[str, str], list[str]] = {}
    if config is not None:
        source = argos_code(config.source_language)
        for locale in config.locales:
            if (config.engine_for(locale) or "argos") == "argos":  # Apertium and "none" locales need no model
                served.setdefault((source, argos_code(locale)), []).append(locale)
    if not installed:
        click.echo(f"no models installed in {_dir(ctx)}")
    for p in installed:
        locales = ", ".join(served.get((p.from_code, p.to_code), [])) or "-"
        click.echo(f"{p.from_code} -> {p.to_code}\t{p.version}\tserves: {locales}\t{p.path}")
    if config is not None:
        from ..pipeline.engines import describe, engine_choices

        choices = engine_choices(config)
        # Only locales left to Argos lack a model: Apertium, an LLM or a named model say so themselves.
        missing = [c.locale for c in choices if c.engine == "argos" and c.model is None]
        if missing:
            click.echo("configured locales without a model: " + ", ".join(missing))
        click.echo("engine per locale (locale -> engine, model, why):")
        for choice in choices:
            click.echo("  " + describe(choice))


@models.command("install")
@click.argument("source", required=False)
@click.argument("target", required=False)
@click.option("--from-file", "from_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Install a downloaded .argosmodel file (no network).")
@click.option("--index-url", default=packages.INDEX_URL, show_default=True, help="Argos package index.")
@click.option("--timeout", default=20.0, show_default=True, help="Network timeout in seconds.")
@click.pass_context
def install_cmd(ctx: click.Context, source: str | None, target: str | None, from_file: Path | None,
                index_url: str, timeout: float) -> None:
    """Install the model SOURCE TARGET (locale ids, e.g. `en ko`) from the index, or --from-file."""
    try:
        if from_file is not None:
            pkg = packages.install_from_file(from_file, _dir(ctx))
        else:
            if not (source and target):
                raise click.UsageError("give SOURCE and TARGET, or --from-file PATH")
            bar: list = []

            def progress(done: int, total: int | None) -> None:
                if not bar:
                    bar.append(click.progressbar(length=total or 0, label="downloading",
                                                 show_pos=True, file=click.get_text_stream("stderr")))
                    bar[0].__enter__()
                bar[0].update(done - bar[0].pos)

            try:
                pkg = packages.install_from_index(argos_code(source), argos_code(target), _dir(ctx),
                                                  index_url=index_url, timeout=timeout, progress=progress)
            finally:
                if bar:
                    bar[0].__exit__(None, None, None)
    except MTError as exc:
        raise
    click.echo(f"installed {pkg.from_code} -> {pkg.to_code} {pkg.version} in {pkg.path}")


@models.command("remove")
@click.argument("source")
@click.argument("target")
@click.pass_context
def remove_cmd(ctx: click.Context, source: str, target: str) -> None:
    """Remove the installed model SOURCE TARGET."""
    try:
        removed = packages.remove(_dir(ctx), argos_code(source), argos_code(target))
    except MTError as exc:
        raise
    for path in removed:
        click.echo(f"removed {path}")
