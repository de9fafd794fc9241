"""`prisma-lint check` and `prisma-lint sync`: what CI and the GitHub Action run."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import EXIT_CLEAN, EXIT_DRIFT, ConfigError, PrismaLintError
from .app import _config, cli, emit, print_error, report_options, verdict_exit_code


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

    from ..check import CheckOptions, run_check

    try:
        config = _config(config_path)
        overrides = {"history_depth": history_depth, "cache_dir": cache_dir}
        config = replace(config, **{k: v for k, v in overrides.items() if v is not None})
        options = CheckOptions(canonical, portal, canonical_ref, merge_base, strict, Path("."))
        result = run_check(options, config)
    except PrismaLintError as err:
        print_error(err)
        sys.exit(err.exit_code)
    emit(result, fmt, output, writes)
    sys.exit(verdict_exit_code(result, fail_on))


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
    """Make the portal copy equal to the canonical schema, byte for byte.

    CANONICAL and PORTAL default to the config's. Each file is written
    atomically and keeps its permissions; nothing is written outside PORTAL.
    For a schema folder, .prisma files the canonical schema lacks are deleted.

    \b
    Examples:
      prisma-lint sync                    # from [tool.prisma-lint]
      prisma-lint sync --check            # in CI: is the copy up to date?
      prisma-lint sync origin/main:prisma/schema.prisma prisma/schema.prisma
    """
    from dataclasses import replace

    from .. import sync
    from ..engine import load

    try:
        config = _config(config_path)
        config = replace(config, cache_dir=cache_dir or config.cache_dir)
        source, target = canonical or config.canonical, portal or config.portal
        if not source or not target:
            raise ConfigError("sync needs CANONICAL and PORTAL, as arguments or in [tool.prisma-lint]")
        files, spec = load(source, cwd=Path("."), config=config)
        steps = sync.plan(files, spec.display() if spec else source, Path(target))
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


@cli.command("pr-comment")
@click.argument("report", type=click.Path(exists=True, dir_okay=False))
@click.argument("markdown", type=click.Path(exists=True, dir_okay=False))
def pr_comment_command(*, report: str, markdown: str) -> None:
    """Post REPORT's drift on the pull request as one comment, kept up to date.

    For the GitHub Action: REPORT is the JSON report and MARKDOWN the Markdown
    one from the same `check` run. Uses GITHUB_TOKEN (or PRISMA_LINT_TOKEN),
    GITHUB_API_URL, GITHUB_REPOSITORY and GITHUB_EVENT_PATH. Outside a pull
    request it does nothing. A token that may not comment (a fork's pull
    request) is reported as a notice, never as a failure.
    """
    import json
    import os

    from ..ghcomment import ApiError, from_environment, sync_comment

    token = os.environ.get("PRISMA_LINT_TOKEN") or os.environ.get("GITHUB_TOKEN") or ""
    where = from_environment(token)
    if where is None:
        click.echo("Not a pull request: no comment to write.")
        return
    with open(report, encoding="utf-8") as f:
        drift = bool(json.load(f).get("drift"))
    with open(markdown, encoding="utf-8") as f:
        body = f.read()
    try:
        outcome = sync_comment(where[0], where[1], body, drift)
    except ApiError as err:
        click.echo(f"::warning title=prisma-lint::Could not update the pull request comment: {err}")
        return
    if outcome.action == "refused":
        click.echo(
            "::notice title=prisma-lint::This token may not comment on the pull request (a fork's pull "
            "request gets a read-only token); the report is in the job summary."
        )
        return
    click.echo(f"Pull request comment: {outcome.action}.")
