"""How a command fails: an error of ours exits with its own code and one line; anything else
is a bug, reported as one line (the traceback only with --debug or PRISMA_LINT_DEBUG=1), exit 2."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from prisma_lint import __version__
from prisma_lint.cli.terminal import print_error
from prisma_lint.errors import EXIT_ERROR, PrismaLintError


class Guarded(click.Group):
    """Every failure is exit 2 with one line: an unexpected exception is a bug, and says so."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except PrismaLintError as err:
            print_error(err)
            sys.exit(err.exit_code)
        except Exception as err:
            internal_error(
                err, debug=bool(ctx.meta.get("debug")) or os.environ.get("PRISMA_LINT_DEBUG") == "1"
            )
            sys.exit(EXIT_ERROR)


def internal_error(err: Exception, *, debug: bool) -> None:
    if debug:
        import traceback

        click.echo("".join(traceback.format_exception(err)).rstrip(), err=True)
    click.echo(
        f"error: internal error in prisma-lint {__version__}: {type(err).__name__}: {one_line(err)}. "
        "This is a bug; "
        "please report it with the command you ran (add --debug, or set PRISMA_LINT_DEBUG=1, for the "
        "traceback).",
        err=True,
    )


def one_line(err: Exception) -> str:
    return " ".join(str(err).split()) or "(no message)"
