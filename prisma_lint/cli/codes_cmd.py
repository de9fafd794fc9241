"""`prisma-lint codes` and `prisma-lint explain CODE`: the change codes, from the one table.

docs/changes.md is generated from the same table (scripts/gen_changes_doc.py),
so what these print and what the docs say cannot disagree.
"""

from __future__ import annotations

import difflib
import sys

import click

from prisma_lint.cli.app import cli
from prisma_lint.drift.changes import CODES, Code
from prisma_lint.errors import EXIT_ERROR


@cli.command("codes")
def codes_command() -> None:
    """List every change code with its default severity and what it means.

    \b
    Example:
      prisma-lint codes | grep FIELD_
    """
    width = max(len(code.value) for code in Code)
    for code, info in CODES.items():
        click.echo(f"{code.value:<{width}}  {info.severity.value:<7}  {info.summary}")


@cli.command("explain")
@click.argument("code", metavar="CODE")
def explain_command(code: str) -> None:
    """Explain a change code: what it means, its severity, what its records name, an example.

    \b
    Example:
      prisma-lint explain FIELD_ATTRIBUTE_REMOVED
    """
    found = Code.__members__.get(code.upper())
    if found is None:
        near = difflib.get_close_matches(code.upper(), [c.value for c in Code], n=1)
        hint = f" Did you mean {near[0]}?" if near else " `prisma-lint codes` lists them all."
        click.echo(f"error: no change code {code!r}.{hint}", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(explain(found), nl=False)


def explain(code: Code) -> str:
    info = code.info
    kinds = ", ".join(k.value for k in info.kinds)
    return (
        f"{code.value} ({info.severity.value} by default)\n\n"
        f"{info.summary}\n\n"
        f"Records: object {info.object}; kind {kinds}.\n\n"
        f"Example:\n  {info.example}\n"
    )
