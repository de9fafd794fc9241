"""`prisma-lint pr-comment`: the Action's pull request comment, kept up to date."""

from __future__ import annotations

import sys

import click

from prisma_lint.cli.app import cli
from prisma_lint.errors import EXIT_ERROR
from prisma_lint.report.github import escape_data


@cli.command("pr-comment")
@click.argument("report", type=click.Path(exists=True, dir_okay=False))
@click.argument("markdown", type=click.Path(exists=True, dir_okay=False))
def pr_comment_command(*, report: str, markdown: str) -> None:
    """Post REPORT's drift on the pull request as one comment, kept up to date.

    For the GitHub Action: REPORT is the JSON report and MARKDOWN the Markdown
    one from the same `check` run. Uses GITHUB_TOKEN (or PRISMA_LINT_TOKEN),
    GITHUB_API_URL, GITHUB_REPOSITORY and GITHUB_EVENT_PATH. Outside a pull
    request it does nothing. A token that may not comment (a fork's pull
    request) is reported as a notice, never as a failure; an HTTP error, as a
    warning. A server that does not answer within PRISMA_LINT_API_TIMEOUT
    seconds (default 30), or answers more than 16 MB, is an error (exit 2).
    """
    import json
    import os

    from prisma_lint.github.comment import ApiError, from_environment, sync_comment

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
        if err.status == 0:  # the server misbehaved: no reply in time, too big, not JSON
            click.echo(f"error: could not update the pull request comment: {escape_data(str(err))}", err=True)
            sys.exit(EXIT_ERROR)
        click.echo(
            f"::warning title=prisma-lint::Could not update the pull request comment: {escape_data(str(err))}"
        )
        return
    if outcome.action == "refused":
        click.echo(
            "::notice title=prisma-lint::This token may not comment on the pull request (a fork's pull "
            "request gets a read-only token); the report is in the job summary."
        )
        return
    click.echo(f"Pull request comment: {outcome.action}.")
