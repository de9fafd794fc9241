"""`prisma-lint diff CANONICAL PORTAL`."""

from __future__ import annotations

import click

from prisma_lint.cli.app import ReportOptions, _config, cli, emit, exit_on_error, report_options


@cli.command("diff")
@click.argument("canonical", metavar="CANONICAL")
@click.argument("portal", metavar="PORTAL")
@report_options
def diff_command(*, canonical: str, portal: str, report: ReportOptions) -> None:
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
    bad config). Every change code is explained in docs/changes.md.
    """
    from prisma_lint.engine import diff_paths

    with exit_on_error():
        config = _config(report.config_path)
        result = diff_paths(canonical, portal, config=config, strict=report.strict)
    emit(result, report)
