"""`prisma-lint sync`: make the portal copy equal the canonical schema."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from prisma_lint.cli.app import _config, cli, print_error
from prisma_lint.errors import EXIT_CLEAN, EXIT_DRIFT, PrismaLintError


@cli.command("sync")
@click.argument("canonical", required=False)
@click.argument("portal", required=False)
@click.option("--check", "dry_run", is_flag=True, help="Write nothing; exit 1 if a sync is needed.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, help="Config file.")
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Where remote repositories are fetched.",
)
def sync_command(
    *,
    canonical: str | None,
    portal: str | None,
    dry_run: bool,
    config_path: str | None,
    cache_dir: str | None,
) -> None:
    """Make the portal copy equal to the canonical schema.

    CANONICAL and PORTAL default to the config's. Sync agrees with `check`: a
    copy that `check` finds no drift in (differences the config ignores, line
    endings, layout) is left as it is, and `--check` exits 1 exactly when
    `check` reports drift a sync fixes. Otherwise the canonical text is
    written, keeping the portal's own lines for generator and datasource
    settings the config ignores. PORTAL must be a local path of the same shape
    (file or folder) as CANONICAL. Each file is written atomically and keeps
    its permissions; nothing is written outside PORTAL. For a schema folder,
    .prisma files the canonical schema lacks are deleted.

    \b
    Examples:
      prisma-lint sync                    # from [tool.prisma-lint]
      prisma-lint sync --check            # in CI: is the copy up to date?
      prisma-lint sync origin/main:prisma/schema.prisma prisma/schema.prisma
    """
    from dataclasses import replace

    from prisma_lint.check.syncing import plan_sync
    from prisma_lint.sources import sync

    try:
        config = _config(config_path)
        config = replace(config, cache_dir=cache_dir or config.cache_dir)
        planned = plan_sync(canonical, portal, config, Path("."))
        steps, source, target = planned.steps, planned.source, planned.target
        if not dry_run:
            sync.apply(steps)
    except PrismaLintError as err:
        print_error(err)
        sys.exit(err.exit_code)
    verb = (
        {"create": "would create", "update": "would update", "delete": "would delete"}
        if dry_run
        else {"create": "created", "update": "updated", "delete": "deleted"}
    )
    for step in steps:
        click.echo(f"{verb[step.action]} {step.target}")
    if not steps:
        click.echo(f"{target} is in sync with {source}.")
    sys.exit(EXIT_DRIFT if dry_run and steps else EXIT_CLEAN)
