"""``l10n models``: list, install, add, convert and remove offline MT models.

Only ``install`` without ``--from-file`` touches the network.  Argos packages
live in ``--packages-dir``, else the project's ``models_dir``, else Argos's
own folder; other CTranslate2 families (``add``, ``convert``) in
``--models-dir``, else ``models_dir``, else $XDG_DATA_HOME/l10n/models.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from l10n.mt import packages
from l10n.mt.engine import argos_code

from .progress import ProgressDisplay


def _dir(ctx: click.Context) -> Path:
    return ctx.obj["packages_dir"]


def _models_dir(ctx: click.Context) -> Path:
    return ctx.obj["models_dir"]


@click.group("models")
@click.option("--packages-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where models live (default: $ARGOS_PACKAGES_DIR or ~/.local/share/argos-translate/packages).")
@click.option("--models-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where other CTranslate2 models live (default: models_dir, else ~/.local/share/l10n/models).")
@click.pass_context
def models(ctx: click.Context, packages_dir: Path | None, models_dir: Path | None) -> None:
    """Manage offline machine-translation models."""
    from l10n.mt.registry import default_models_dir

    ctx.ensure_object(dict)
    config = _project_config(ctx)
    ctx.obj["config"] = config
    ctx.obj["packages_dir"] = packages_dir or (config.models_dir if config else None) or packages.default_packages_dir()
    ctx.obj["models_dir"] = models_dir or (config.models_dir if config else None) or default_models_dir()


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


def _size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n} B"


@models.command("list")
@click.pass_context
def list_cmd(ctx: click.Context) -> None:
    """List installed models: languages, version, family, size, licence, the locales each serves."""
    from l10n.mt.registry import installed_models, models_for_pair

    dirs = [_dir(ctx), _models_dir(ctx)]
    installed = sorted(installed_models(dirs), key=lambda m: (m.family != "argos", m.sources, m.targets, m.name))
    config = ctx.obj.get("config")
    served: dict[str, list[str]] = {}
    wanted: dict[tuple[str, str], list[str]] = {}
    if config is not None:
        source = argos_code(config.source_language)
        for locale in config.locales:
            pair = (source, argos_code(locale))
            wanted.setdefault(pair, []).append(locale)
            serving = models_for_pair(*pair, dirs)
            if serving:  # the default choice: the first (see l10n.mt.registry.models_for_pair)
                served.setdefault(str(serving[0].path), []).append(locale)
    if not installed:
        click.echo(f"no models installed in {' or '.join(str(d) for d in dict.fromkeys(dirs))}")
    for m in installed:
        locales = ", ".join(served.get(str(m.path), [])) or "-"
        licence = m.licence or "-"
        if m.non_commercial:
            licence += " (non-commercial)"
        # "serves:" stays third, where it was before families came (scripts read it there).
        click.echo(f"{m.languages}\t{m.version or '-'}\tserves: {locales}\t{m.family}\t{m.name}\t"
                   f"{_size(m.size)}\tlicence: {licence}\t{m.path}")
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


@models.command("add")
@click.argument("path")
@click.option("--family", type=click.Choice(["quickmt", "marian", "nllb", "m2m100", "madlad"]), default=None,
              help="The model family (default: inferred from its vocabulary and tokenizer files).")
@click.option("--name", default=None, help="Name in models list and in provenance (default: the folder's).")
@click.option("--source", "sources", multiple=True, help="Source language (locale id); repeatable.")
@click.option("--target", "targets", multiple=True, help="Target language (locale id); repeatable.")
@click.option("--licence", "--license", "licence", default=None,
              help="Licence (default: the README's, else the family's usual one).")
@click.option("--code", "codes", multiple=True, metavar="LOCALE=TOKEN",
              help="Language code for a locale, e.g. zh_Hant=zho_Hant; repeatable.")
@click.pass_context
def add_cmd(ctx: click.Context, path: str, family: str | None, name: str | None, sources: tuple[str, ...],
            targets: tuple[str, ...], licence: str | None, codes: tuple[str, ...]) -> None:
    """Add a converted CTranslate2 model (folder, .zip/.tar of one, or .argosmodel) without a network."""
    from l10n.mt.add import add_model

    overrides = {}
    for item in codes:
        locale, sep, token = item.partition("=")
        if not sep or not locale or not token:
            raise click.BadParameter(f"{item!r}: expected LOCALE=TOKEN, e.g. ko=kor_Hang", param_hint="--code")
        overrides[locale] = token
    model = add_model(path, _models_dir(ctx), family=family, name=name, sources=sources, targets=targets,
                      licence=licence, codes=overrides, packages_dir=_dir(ctx))
    licence_shown = model.licence or "unknown licence"
    click.echo(f"added {model.family} model {model.name} ({model.languages}; {licence_shown}) in {model.path}")
    if model.non_commercial:
        click.echo(f"note: {model.licence} is a non-commercial licence; drafts made with it say so in their "
                   "mt: line", err=True)


@models.command("convert")
@click.argument("hf_dir")
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option("--quantization", default="int8", show_default=True,
              help="CTranslate2 weight type (int8, int8_float16, float16, float32).")
@click.option("--add/--no-add", "add", default=True, show_default=True, help="Add the converted model afterwards.")
@click.pass_context
def convert_cmd(ctx: click.Context, hf_dir: str, out: Path, quantization: str, add: bool) -> None:
    """Convert a local Hugging Face snapshot HF_DIR to CTranslate2 in OUT (needs the convert extra; no network)."""
    from l10n.mt.convert import convert

    report = convert(hf_dir, out, quantization=quantization)
    click.echo(f"converted {report.model_type} to {out}: {report.sentences} sentences checked, "
               f"largest log-prob difference {report.max_difference:.2e}")
    if add:
        from l10n.mt.add import add_model

        model = add_model(out, _models_dir(ctx), converter=report.versions, packages_dir=_dir(ctx))
        click.echo(f"added {model.family} model {model.name} ({model.languages}; {model.licence or 'unknown licence'}) "
                   f"in {model.path}")


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
    if from_file is not None:
        pkg = packages.install_from_file(from_file, _dir(ctx))
    else:
        if not (source and target):
            raise click.UsageError("give SOURCE and TARGET, or --from-file PATH")
        progress = ProgressDisplay("downloading")
        try:
            pkg = packages.install_from_index(argos_code(source), argos_code(target), _dir(ctx),
                                              index_url=index_url, timeout=timeout, progress=progress)
        finally:
            progress.close()
    click.echo(f"installed {pkg.from_code} -> {pkg.to_code} {pkg.version} in {pkg.path}")


@models.command("remove")
@click.argument("source")
@click.argument("target", required=False)
@click.pass_context
def remove_cmd(ctx: click.Context, source: str, target: str | None) -> None:
    """Remove the installed Argos model SOURCE TARGET, or the model named SOURCE (as models list shows it)."""
    if target is None:
        from l10n.mt.registry import remove_model

        click.echo(f"removed {remove_model(_models_dir(ctx), source)}")
        return
    removed = packages.remove(_dir(ctx), argos_code(source), argos_code(target))
    for path in removed:
        click.echo(f"removed {path}")
