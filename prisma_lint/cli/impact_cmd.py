"""`prisma-lint impact`: run in the admin app, before a schema change merges."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from prisma_lint.cli.app import (
    FORMATS,
    _config,
    cache_dir_option,
    cli,
    config_option,
    exit_on_error,
    write_option,
)
from prisma_lint.cli.output import emit
from prisma_lint.errors import ConfigError


@cli.command("impact")
@click.option(
    "--canonical",
    default=None,
    help="The admin's schema as it will be migrated (default: `canonical` in the config, "
    "read from the working tree).",
)
@click.option(
    "--portal",
    "portals",
    multiple=True,
    metavar="[NAME=]SCHEMA",
    help="A portal's copy: a path, REF:PATH or URL#REF:PATH. Repeatable. "
    "Default: [[tool.prisma-lint.portals]] in the config.",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write the report here.")
@write_option
@click.option(
    "--fail-on",
    type=click.Choice(["breaking", "drift", "never"]),
    default="breaking",
    show_default=True,
    help="breaking: exit 1 when some portal will break. drift: when some portal is not in sync. never: 0.",
)
@config_option
@cache_dir_option
def impact_command(
    *,
    canonical: str | None,
    portals: tuple[str, ...],
    fmt: str,
    output: str | None,
    writes: list[tuple[str, str]],
    fail_on: str,
    config_path: str | None,
    cache_dir: str | None,
) -> None:
    """Say what the admin's schema change will break in each portal, before it merges.

    Compares the admin's schema with each portal's current copy and says, for
    each difference, what the portal's generated client will do at run time
    once the schema is migrated, if the portal does not sync: `safe` (it keeps
    working), `breaks-writes` (creates or updates fail) or `breaks-reads`
    (queries fail). Each portal gets a verdict: in sync, stale but safe, or
    will break. The table of effects, with its sources, is docs/impact.md.

    \b
    Examples:
      prisma-lint impact                                  # portals from the config
      prisma-lint impact --portal web=https://github.com/acme/web.git#main:prisma/schema.prisma
      prisma-lint impact --format markdown -o impact.md --fail-on never

    Exit status: 0, or 1 under --fail-on (some portal will break, by default), 2 error.
    """
    from prisma_lint.check.impact import exit_status, run_impact
    from prisma_lint.check.portal_args import portals_from
    from prisma_lint.report.impact import RENDERERS

    with exit_on_error():
        config = _config(config_path, cache_dir=cache_dir)
        source = canonical or config.canonical
        if not source:
            raise ConfigError("no canonical schema: give --canonical, or set canonical in [tool.prisma-lint]")
        report = run_impact(source, portals_from(portals, config), cwd=Path("."), config=config)
    emit(report, fmt, output, writes, dict(RENDERERS))
    sys.exit(exit_status(report, fail_on))
