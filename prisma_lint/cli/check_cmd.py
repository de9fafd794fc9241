"""`prisma-lint check`: what CI and the GitHub Action run in the portal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from prisma_lint.check.run import CheckOptions
    from prisma_lint.config import Config

from prisma_lint.cli.app import ReportOptions, _config, cache_dir_option, cli, report_options
from prisma_lint.cli.extras import progress, progress_wanted
from prisma_lint.cli.output import emit_report, failure_reported
from prisma_lint.config import MAX_HISTORY_DEPTH


@cli.command("check")
@click.option("--canonical", default=None, help="The canonical schema (overrides `canonical` in the config).")
@click.option(
    "--portal",
    "portals",
    multiple=True,
    metavar="[NAME=]SCHEMA",
    help="The portal copy (overrides the config's; default: found as Prisma 7 finds it). Repeat it to "
    "check several copies in one report; NAME= names a copy in the report.",
)
@click.option(
    "--canonical-ref",
    default=None,
    metavar="REF",
    help="Start the canonical history at this commit-ish (a PR's base branch, say); for a path in "
    "another checkout, read it there.",
)
@click.option(
    "--merge-base", is_flag=True, help="With --canonical-ref: use the merge base of HEAD and REF (monorepos)."
)
@click.option(
    "--history-depth",
    type=click.IntRange(min=1, max=MAX_HISTORY_DEPTH),
    default=None,
    help="Commits of canonical history searched for a version the copy matches (default 200).",
)
@cache_dir_option
@report_options
def check_command(
    *,
    canonical: str | None,
    portals: tuple[str, ...],
    canonical_ref: str | None,
    merge_base: bool,
    report: ReportOptions,
    history_depth: int | None,
    cache_dir: str | None,
) -> None:
    """Check the portal copy against the canonical schema and the ownership rules.

    Reads `canonical` and `portal` from the config (.prisma-lint.toml,
    [tool.prisma-lint] or package.json "prisma-lint") unless given; without
    either, the portal schema is found as Prisma 7 finds it (prisma.config.ts,
    then prisma/schema.prisma, schema.prisma, prisma/schema/). The
    canonical schema may be a path, REF:PATH in this repository, or
    URL#REF:PATH in another (https, ssh, or a local path); a token in
    PRISMA_LINT_TOKEN or GITHUB_TOKEN is used for https. When the copy differs
    and the canonical schema has git history (a git source, or a path in a git
    checkout), that history says why: STALE (the copy equals an older version:
    run `prisma-lint sync`) or EDITED (someone changed the copy; its edits are
    measured against the nearest version, which is named). In a monorepo the
    copy is compared with the canonical schema of the same commit;
    --canonical-ref (and --merge-base) only say where the history starts.
    Paths in a config file are relative to that file. Also fails on a
    migrations folder, or a command line (package.json, scripts, workflows,
    Dockerfile, Makefile, ...) that runs prisma migrate dev, deploy, reset or
    resolve, or prisma db push, pull or execute (Prisma 8: db init, update,
    migrate, sign).

    Several copies (`--portal` repeated, or [[tool.prisma-lint.portals]] in
    the config) make one report with a section per portal and the worst
    exit status; the canonical schema is parsed once for all of them.

    \b
    Examples:
      prisma-lint check
      prisma-lint check --canonical https://github.com/acme/admin.git#main:prisma/schema.prisma
      prisma-lint check --canonical apps/admin/prisma/schema.prisma \\
          --portal apps/portal/prisma/schema.prisma --canonical-ref origin/main --merge-base
      prisma-lint check --portal web=../web/prisma/schema.prisma --portal api=../api/prisma/schema.prisma

    Exit status: 0 clean, 1 drift, stale copy or policy violation, 2 error.
    """
    from prisma_lint.check.run import CheckOptions

    with failure_reported(report, (canonical or "", ",".join(portals))):
        config = _config(report.config_path, history_depth=history_depth, cache_dir=cache_dir)
        options = CheckOptions(canonical, None, canonical_ref, merge_base, report.strict, Path("."))
        message = "prisma-lint: reading the canonical schema and its history…"
        with progress(message, progress_wanted(report.fmt)):
            result, several = _run(options, portals, config)
    emit_report(result, report, _renderers(several))


def _run(options: CheckOptions, portals: tuple[str, ...], config: Config) -> tuple[Any, bool]:
    """One portal's check, or several portals' (from --portal or the config); and whether several."""
    from prisma_lint.check.portal_args import portals_from
    from prisma_lint.check.portals import run_portals
    from prisma_lint.check.run import run_check

    several = len(portals) > 1 or (not portals and bool(config.portals))
    if several:
        return run_portals(options, portals_from(portals, config), config), True
    if portals:
        options = replace(options, portal=portals_from(portals, config)[0].schema)
    return run_check(options, config), False


def _renderers(several: bool) -> dict[str, Callable[..., str]] | None:
    """Several portals have their own reporters; one portal uses the registry's."""
    if not several:
        return None
    from prisma_lint.report.portals import RENDERERS

    return dict(RENDERERS)
