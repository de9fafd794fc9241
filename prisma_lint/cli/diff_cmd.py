"""`prisma-lint diff CANONICAL PORTAL`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from prisma_lint.config import Config

from prisma_lint.cli.app import ReportOptions, _config, cli, report_options
from prisma_lint.cli.extras import progress, progress_wanted
from prisma_lint.cli.output import emit_report, failure_reported


@cli.command("diff")
@click.argument("canonical", metavar="CANONICAL")
@click.argument("portals", metavar="PORTAL...", nargs=-1)
@report_options
def diff_command(*, canonical: str, portals: tuple[str, ...], report: ReportOptions) -> None:
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
    bad config). `prisma-lint codes` lists the change codes; `prisma-lint explain
    CODE` explains one.
    """
    from prisma_lint.cli.check_cmd import _renderers

    several = len(portals) != 1
    with failure_reported(report, (canonical, ",".join(portals))):
        config = _config(report.config_path)
        with progress("prisma-lint: reading and comparing the schemas…", progress_wanted(report.fmt)):
            result = _diff(canonical, portals, config, report.strict)
    emit_report(result, report, _renderers(several))


def _diff(canonical: str, portals: tuple[str, ...], config: Config, strict: bool) -> Any:
    """One diff, or a report of several portals' diffs."""
    from prisma_lint.check.portal_args import portals_from
    from prisma_lint.engine import diff_paths

    if len(portals) != 1:
        from prisma_lint.check.portals import run_portals
        from prisma_lint.check.run import CheckOptions

        options = CheckOptions(canonical=canonical, strict=strict)
        return run_portals(options, portals_from(portals, config), config, check=False)
    return diff_paths(canonical, portals_from(portals, config)[0].schema, config=config, strict=strict)
