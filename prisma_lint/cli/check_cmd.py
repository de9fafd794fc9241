"""`prisma-lint check`: what CI and the GitHub Action run in the portal."""

from __future__ import annotations

from pathlib import Path

import click

from prisma_lint.cli.app import (
    ReportOptions,
    _config,
    cache_dir_option,
    cli,
    emit,
    exit_on_error,
    report_options,
)


@cli.command("check")
@click.option("--canonical", default=None, help="The canonical schema (overrides `canonical` in the config).")
@click.option("--portal", default=None, help="The portal copy (overrides `portal` in the config).")
@click.option(
    "--canonical-ref",
    default=None,
    metavar="REF",
    help="Read the canonical schema at this commit-ish (a PR's base branch, say).",
)
@click.option(
    "--merge-base", is_flag=True, help="With --canonical-ref: use the merge base of HEAD and REF (monorepos)."
)
@click.option(
    "--history-depth",
    type=click.IntRange(min=1),
    default=None,
    help="Commits of canonical history searched for a version the copy matches (default 200).",
)
@cache_dir_option
@report_options
def check_command(
    *,
    canonical: str | None,
    portal: str | None,
    canonical_ref: str | None,
    merge_base: bool,
    report: ReportOptions,
    history_depth: int | None,
    cache_dir: str | None,
) -> None:
    """Check the portal copy against the canonical schema and the ownership rules.

    Reads `canonical` and `portal` from [tool.prisma-lint] unless given. The
    canonical schema may be a path, REF:PATH in this repository, or
    URL#REF:PATH in another (https, ssh, or a local path); a token in
    PRISMA_LINT_TOKEN or GITHUB_TOKEN is used for https. When the copy differs
    and the canonical schema comes from git, its history says why: STALE (the
    copy equals an older version: run `prisma-lint sync`) or EDITED (someone
    changed the copy; the nearest version is named). Also fails on a
    migrations folder, or a script that runs `prisma migrate` or `db push`.

    \b
    Examples:
      prisma-lint check
      prisma-lint check --canonical https://github.com/acme/admin.git#main:prisma/schema.prisma
      prisma-lint check --canonical apps/admin/prisma/schema.prisma \\
          --portal apps/portal/prisma/schema.prisma --canonical-ref origin/main --merge-base

    Exit status: 0 clean, 1 drift, stale copy or policy violation, 2 error.
    """
    from prisma_lint.check.run import CheckOptions, run_check

    with exit_on_error():
        config = _config(report.config_path, history_depth=history_depth, cache_dir=cache_dir)
        options = CheckOptions(canonical, portal, canonical_ref, merge_base, report.strict, Path("."))
        result = run_check(options, config)
    emit(result, report)
