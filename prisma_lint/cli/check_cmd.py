"""`prisma-lint check`: what CI and the GitHub Action run in the portal."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from prisma_lint.cli.app import _config, cli, emit, fail, report_options, verdict_exit_code
from prisma_lint.cli.extras import progress, progress_wanted
from prisma_lint.errors import PrismaLintError


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
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Where remote repositories are fetched (default: ~/.cache/prisma-lint).",
)
@report_options
def check_command(
    *,
    canonical: str | None,
    portal: str | None,
    canonical_ref: str | None,
    merge_base: bool,
    fmt: str,
    output: str | None,
    writes: list[tuple[str, str]],
    strict: bool,
    fail_on: str,
    config_path: str | None,
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
    from dataclasses import replace

    from prisma_lint.check.run import CheckOptions, run_check

    try:
        config = _config(config_path)
        overrides = {"history_depth": history_depth, "cache_dir": cache_dir}
        config = replace(config, **{k: v for k, v in overrides.items() if v is not None})
        options = CheckOptions(canonical, portal, canonical_ref, merge_base, strict, Path("."))
        message = "prisma-lint: reading the canonical schema and its history…"
        with progress(message, progress_wanted(fmt)):
            result = run_check(options, config)
    except PrismaLintError as err:
        fail(err, fmt, output, writes, (canonical or "", portal or ""))
    result = emit(result, fmt, output, writes)
    sys.exit(verdict_exit_code(result, fail_on))
