"""`prisma-lint diff CANONICAL PORTAL`."""

from __future__ import annotations

import sys
from typing import Any

import click

from prisma_lint.cli.app import _config, cli, emit, print_error, report_options, verdict_exit_code
from prisma_lint.errors import PrismaLintError


@cli.command("diff")
@click.argument("canonical", metavar="CANONICAL")
@click.argument("portals", metavar="PORTAL...", nargs=-1)
@report_options
def diff_command(
    *,
    canonical: str,
    portals: tuple[str, ...],
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

    Several PORTALs (each [NAME=]SCHEMA), or none with [[tool.prisma-lint.portals]]
    in the config, make one report with a section per portal and the worst
    exit status; CANONICAL is parsed once for all of them.

    \b
    Examples:
      prisma-lint diff ../admin/prisma/schema.prisma prisma/schema.prisma
      prisma-lint diff admin.prisma portal.prisma --format json -o drift.json
      prisma-lint diff admin.prisma portal.prisma --format github   # in a workflow
      prisma-lint diff admin.prisma web=../web/schema.prisma api=../api/schema.prisma

    Exit status: 0 no drift, 1 drift, 2 error (unreadable or invalid schema,
    bad config). Every change code is explained in docs/changes.md.
    """
    from prisma_lint.cli.check_cmd import _renderers
    from prisma_lint.engine import diff_paths

    several = len(portals) != 1
    try:
        config = _config(config_path)
        if several:
            from prisma_lint.check.portals import portals_from, run_portals
            from prisma_lint.check.run import CheckOptions

            options = CheckOptions(canonical=canonical, strict=strict)
            result: Any = run_portals(options, portals_from(portals, config), config, check=False)
        else:
            from prisma_lint.check.portals import portals_from

            result = diff_paths(
                canonical, portals_from(portals, config)[0].schema, config=config, strict=strict
            )
    except PrismaLintError as err:
        print_error(err)
        sys.exit(err.exit_code)
    emit(result, fmt, output, writes, _renderers(several))
    sys.exit(verdict_exit_code(result, fail_on))
