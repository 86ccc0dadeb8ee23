"""``l10n review``: bilingual review pages, or the review queue (``--list``)."""

from __future__ import annotations

import json

import click

from .common import chosen_locales, locale_option, project_config

QUEUE_COLUMNS = ("locale", "kind", "score", "where", "findings", "source", "translation")


@click.command("review")
@locale_option
@click.option("--list", "as_list", is_flag=True,
              help="List the entries waiting for review (flagged first, then lowest score) instead of writing pages.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default=None,
              help="Output of --list: tab-separated with a header row (text, the default), or JSON.")
@click.pass_context
def review_command(ctx: click.Context, locales: tuple[str, ...], as_list: bool, fmt: str) -> int:
    """Write build/review/<locale>/<doc>.html: source and translation side by side, with states and findings."""
    if fmt and not as_list:
        raise click.UsageError("--format applies to --list")
    config = project_config(ctx)
    chosen = chosen_locales(config, locales)
    if as_list:
        return print_queue(config, chosen, fmt or "text")
    from ..pipeline.review import review_page_path, write_review_pages
    from ..pipeline.status import source_documents

    write_review_pages(config, locales=chosen)
    for locale in chosen:
        for doc in source_documents(config):
            click.echo(f"{locale}: {config.relative(review_page_path(config, locale, doc.name))}")
    return 0


def print_queue(config, locales: list[str], fmt: str) -> int:
    """The review queue on stdout (shared with ``status --drafts``)."""
    from ..pipeline.review import review_queue

    rows = review_queue(config, locales=locales)
    if fmt == "json":
        click.echo(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=2))
        return 0
    click.echo("\t".join(QUEUE_COLUMNS))
    for r in rows:
        fields = (
            r.locale,
            r.state,
            f"{r.score:.3f}" if r.score is not None else "n/a",
            f"{r.catalog}:{r.line}",
            "; ".join(f"{f.severity}[{f.check}]: {f.message}" for f in r.findings) or "-",
            r.msgid,
            r.msgstr,
        )
        # One entry per line: tabs and newlines inside a field become spaces.
        click.echo("\t".join(" ".join(f.split()) for f in fields))
    return 0
