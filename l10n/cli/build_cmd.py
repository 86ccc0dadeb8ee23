"""``l10n build``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ..config import EDITION_FORMATS
from .common import chosen_locales, locale_option, project_config

if TYPE_CHECKING:
    from ..pipeline.status import StatusRow

strict_option = click.option(
    "--strict", is_flag=True,
    help="Fail (exit 1, nothing written) when a document references a local asset that is missing or outside the project.")


@click.command("build")
@locale_option
@click.option("--include-fuzzy", is_flag=True, help="Also build draft editions (<doc>.draft.html) with unreviewed translations marked.")
@click.option("--min-reviewed", type=click.FloatRange(0, 100), default=None, metavar="PERCENT",
              help="Keep a locale's previous editions when less than PERCENT of its units are reviewed.")
@click.option("--format", "formats", multiple=True, type=click.Choice(EDITION_FORMATS),
              help="Edition format to write (repeatable); default: the formats config key, else html and text.")
@strict_option
@click.option("--allow-empty", is_flag=True,
              help="Publish a document that has no units; by default its last editions are kept.")
@click.option("--force", is_flag=True,
              help="Render every edition, even those whose inputs and files did not change since the last build.")
@click.pass_context
def build_command(ctx: click.Context, locales: tuple[str, ...], include_fuzzy: bool, min_reviewed: float | None,
                  formats: tuple[str, ...], strict: bool, allow_empty: bool, force: bool) -> int:
    """Write build/<locale>/<doc>.html, .txt (and .pdf), .mo, the original and build/index.html."""
    from ..pipeline.build import build
    from ..pipeline.lock import project_lock

    config = project_config(ctx)
    with project_lock(config.root):
        results = build(config, locales=chosen_locales(config, locales), include_fuzzy=include_fuzzy,
                        min_reviewed=min_reviewed, formats=formats, strict=strict, allow_empty=allow_empty,
                        force=force)
    report_build(config, results, min_reviewed if min_reviewed is not None else config.min_reviewed, include_fuzzy)
    return 0


def unit_counts(c: "StatusRow") -> str:
    """A locale's units by state, in the words and order of ``l10n status``'s columns."""
    return (f"{c.units} units: {c.reviewed} reviewed, {c.fuzzy} fuzzy, {c.untranslated} untranslated, "
            f"{c.failing} errors")


def report_build(config, results, min_reviewed, include_fuzzy: bool = False) -> None:
    for r in results:
        if r.unmerged:
            click.echo(
                f"{r.locale}: {r.unmerged} sentence(s) of the source are not in the catalogs yet "
                f"(counted as untranslated): run 'l10n update'",
                err=True,
            )
        for ref in r.held_empty:
            click.echo(f"warning: {ref}: the document has no units; keeping the last editions "
                       "(build --allow-empty to publish it empty)", err=True)
        if r.original:
            pages = f"; {r.pdf_pages} PDF page(s)" if r.pdf_pages else ""
            click.echo(f"{r.locale}: the original and the index; {len(r.written)} file(s) written{pages}")
            for problem in r.problems:  # e.g. an image the original's PDF could not load
                click.echo(f"warning: {problem}", err=True)
            continue
        if r.skipped:
            click.echo(
                f"{r.locale}: {r.percent_reviewed:.1f}% reviewed, below --min-reviewed {min_reviewed:g}%: "
                f"previous edition kept, nothing written; {unit_counts(r.counts)}",
                err=True,
            )
            for problem in r.problems:
                click.echo(f"warning: {problem}", err=True)
            continue
        edition = "the draft edition" if include_fuzzy else "the edition"
        drafts = f" ({r.draft} of them drafts)" if include_fuzzy else ""
        if not (r.translated or r.fallback or r.draft):  # not "100% reviewed": there was nothing to review
            click.echo(f"{r.locale}: no units; {len(r.written)} file(s) written"
                       + (f", {len(r.removed)} stale draft(s) removed" if r.removed else ""))
            for problem in r.problems:
                click.echo(f"warning: {problem}", err=True)
            continue
        click.echo(
            f"{r.locale}: {r.percent_reviewed:.1f}% reviewed; {unit_counts(r.counts)}; {edition} shows {r.translated + r.draft} translated{drafts}, "
            f"{r.fallback} in English; {len(r.written)} file(s) written"
            + (f"; {r.pdf_pages} PDF page(s)" if r.pdf_pages else "")
            + (f", {len(r.removed)} stale draft(s) removed" if r.removed else "")
        )
        for problem in r.problems:
            click.echo(f"warning: {problem}", err=True)
