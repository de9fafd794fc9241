"""`prisma-lint diff CANONICAL PORTAL`."""

from __future__ import annotations

import sys

import click

from prisma_lint.cli.app import _config, cli, emit, fail, report_options, verdict_exit_code
from prisma_lint.cli.extras import progress, progress_wanted
from prisma_lint.errors import PrismaLintError


@cli.command("diff")
@click.argument("canonical", metavar="CANONICAL")
@click.argument("portal", metavar="PORTAL")
@report_options
def diff_command(
    *,
    canonical: str,
    portal: str,
    fmt: str,
    output: str | None,
    writes: list[tuple[str, str]],
    strict: bool,
    fail_on: str,
    config_path: str | None,
) -> None:
    """Report every way PORTAL differs from CANONICAL.

    CANONICAL is the schema the admin app owns; PORTAL is the read-only copy.
    Each is a .prisma file or a multi-file schema folder. Formatting, comments
    and order never count as drift (order does with --strict).

    \b
    Examples:
      prisma-lint diff ../admin/prisma/schema.prisma prisma/schema.prisma
      prisma-lint diff admin.prisma portal.prisma --format json -o drift.json
      prisma-lint diff admin.prisma portal.prisma --format github   # in a workflow

    Exit status: 0 no drift, 1 drift, 2 error (unreadable or invalid schema,
    bad config). `prisma-lint codes` lists the change codes; `prisma-lint explain
    CODE` explains one.
    """
    from prisma_lint.engine import diff_paths

    try:
        config = _config(config_path)
        with progress("prisma-lint: reading and comparing the schemas…", progress_wanted(fmt)):
            result = diff_paths(canonical, portal, config=config, strict=strict)
    except PrismaLintError as err:
        fail(err, fmt, output, writes, (canonical, portal))
    result = emit(result, fmt, output, writes)
    sys.exit(verdict_exit_code(result, fail_on))
