"""The ``l10n`` command: a thin layer over ``l10n.pipeline``.

Every command works on the project in the current directory (or ``-C DIR``),
prints a short report, and turns ``L10nError`` into one line
``error: file:line: message`` and exit code 1 (2 for usage errors).
"""

from __future__ import annotations

import logging
import os
import sys

import click

from .. import __version__
from ..errors import L10nError


class LazyGroup(click.Group):
    """Subcommands whose modules are imported only when they are invoked."""

    lazy = {
        "extract": "l10n.cli.catalog_cmds:extract_command",
        "update": "l10n.cli.catalog_cmds:update_command",
        "mv": "l10n.cli.mv_cmd:mv_command",
        "build": "l10n.cli.build_cmd:build_command",
        "status": "l10n.cli.status_cmd:status_command",
        "run": "l10n.cli.run_cmd:run_command",
        "translate": "l10n.cli.translate_cmd:translate_command",
        "models": "l10n.cli.models_cmd:models",
        "export": "l10n.cli.exchange_cmd:export_command",
        "import": "l10n.cli.exchange_cmd:import_command",
        "review": "l10n.cli.review_cmd:review_command",
        "check": "l10n.cli.check_cmd:check_command",
        "glossary": "l10n.cli.glossary_cmd:glossary",
        "init": "l10n.cli.init_cmd:init_command",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.lazy)

    def resolve_command(self, ctx: click.Context, args: list[str]):
        name = args[0] if args else ""
        if name and not name.startswith("-") and name not in self.lazy and not ctx.resilient_parsing:
            import difflib

            commands = self.list_commands(ctx)
            close = [c for c in commands if c.startswith(name)] or difflib.get_close_matches(name, commands, n=3, cutoff=0.6)
            hint = " Did you mean " + " or ".join(repr(c) for c in close) + "?" if close else ""
            ctx.fail(f"No such command {name!r}.{hint}")
        return super().resolve_command(ctx, args)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = self.lazy.get(name)
        if target is None:
            return None
        import importlib

        module_name, attr = target.split(":")
        return getattr(importlib.import_module(module_name), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "-C",
    "directory",
    type=click.Path(exists=True, file_okay=False),
    default=".",
    help="Run as if started in DIR (the project, or a directory inside it).",
)
@click.option("-v", "--verbose", is_flag=True, help="Log what happens.")
# The version from l10n/__init__.py, not from the installed package's metadata:
# importlib.metadata costs --version a third of its start-up (tests/test_startup.py
# checks that the two agree).
@click.version_option(version=__version__, prog_name="l10n")
@click.pass_context
def cli(ctx: click.Context, directory: str, verbose: bool) -> None:
    """Localize reports: sentence units in PO catalogs, offline MT drafts, HTML and text editions."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s: %(message)s")
    ctx.obj = {"directory": directory}


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code instead of raising for known errors."""
    try:
        result = cli.main(args=argv, prog_name="l10n", standalone_mode=False)
        return int(result or 0)
    except L10nError as exc:
        click.echo(f"error: {exc}", err=True)
        return 1
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # one the pipeline did not name itself: still file and reason
        where = f"{exc.filename}: " if exc.filename else ""
        click.echo(f"error: {where}{exc.strerror or exc}", err=True)
        return 1
    except Exception as exc:  # last resort: one line, never a traceback
        if os.environ.get("L10N_DEBUG"):
            raise
        click.echo(f"internal error: {type(exc).__name__}: {exc} (set L10N_DEBUG=1 for a traceback)", err=True)
        return 70


def entry() -> None:
    sys.exit(main())
