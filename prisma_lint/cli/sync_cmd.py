"""`prisma-lint sync`: make the portal copy equal the canonical schema."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from prisma_lint.cli.app import _config, cache_dir_option, cli, config_option, exit_on_error
from prisma_lint.cli.terminal import say
from prisma_lint.errors import EXIT_CLEAN, EXIT_DRIFT
from prisma_lint.sources.redact import redact

if TYPE_CHECKING:  # imported when the command runs: `--help` stays quick
    from prisma_lint.sources.sync import Step


@cli.command("sync")
@click.argument("canonical", required=False)
@click.argument("portal", required=False)
@click.option("--check", "dry_run", is_flag=True, help="Write nothing; exit 1 if a sync is needed.")
@config_option
@cache_dir_option
def sync_command(
    *,
    canonical: str | None,
    portal: str | None,
    dry_run: bool,
    config_path: str | None,
    cache_dir: str | None,
) -> None:
    """Make the portal copy equal to the canonical schema.

    CANONICAL and PORTAL default to the config's; without either, PORTAL is the
    schema Prisma 7 would use here (prisma.config.ts, then prisma/schema.prisma,
    schema.prisma, prisma/schema/). Sync agrees with `check`: a
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
    from prisma_lint.check.syncing import plan_sync
    from prisma_lint.sources import sync

    with exit_on_error():
        config = _config(config_path, cache_dir=cache_dir or None)
        planned = plan_sync(canonical, portal, config, Path("."))
        steps, source, target = planned.steps, planned.source, planned.target
        if not dry_run:
            sync.apply(steps)
    _say(steps, dry_run, f"{target} is in sync with {redact(source)}.")
    sys.exit(EXIT_DRIFT if dry_run and steps else EXIT_CLEAN)


def _say(steps: list[Step], dry_run: bool, in_sync: str) -> None:
    """One line per step done (or, with --check, to do); in_sync when there is none."""
    verb = (
        {"create": "would create", "update": "would update", "delete": "would delete"}
        if dry_run
        else {"create": "created", "update": "updated", "delete": "deleted"}
    )
    for step in steps:
        say(f"{verb[step.action]} {step.target}")
    if not steps:
        say(in_sync)
