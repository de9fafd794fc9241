"""Writing to the terminal: colour, and text from the repository made safe for a CI log."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable
from typing import Any

import click

from prisma_lint.errors import PrismaLintError, SchemaSyntaxError
from prisma_lint.sources.redact import redact

COLORS: dict[str, str | None] = {
    "error": "red",
    "warning": "yellow",
    "notice": "cyan",
    "location": None,  # bold in the terminal's own colour: bright white vanishes on a light theme
    "gutter": "blue",
    "added": "green",
    "removed": "red",
    "ok": "green",
}


COLOR = {"mode": "auto"}  # set by --color


def color_enabled(stream: Any = None) -> bool:
    """--color always/never; by default colour only on a terminal, never with NO_COLOR (no-color.org)."""
    if COLOR["mode"] != "auto":
        return COLOR["mode"] == "always"
    if os.environ.get("NO_COLOR"):
        return False
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def make_style(enabled: bool) -> Callable[[str, str], str]:
    def style(text: str, role: str) -> str:
        if not enabled or role not in COLORS:
            return text
        return click.style(text, fg=COLORS[role], bold=role in ("error", "location"))

    return style


def for_the_log(text: str, stream: Any) -> str:
    """Under GitHub Actions, text that the runner will not run as workflow commands.

    File names and messages come from the repository, which a pull request
    controls: a name holding a newline and `::add-mask::...` would otherwise be
    run. Text with `::` in it is wrapped in `::stop-commands::`. Stderr always
    is (a step may save it and print it later); stdout not when it goes to a
    regular file (`>> $GITHUB_STEP_SUMMARY`), which the runner never reads.
    """
    if os.environ.get("GITHUB_ACTIONS") != "true" or "::" not in text:
        return text
    if stream is not sys.stderr and _is_file(stream):
        return text
    import secrets

    token = secrets.token_hex(16)
    end = "" if text.endswith("\n") else "\n"
    return f"::stop-commands::{token}\n{text}{end}::{token}::\n"


def _is_file(stream: Any) -> bool:
    try:
        return stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
    except (AttributeError, OSError, ValueError):
        return False


def say(text: str, *, err: bool = False, nl: bool = True, color: bool | None = None) -> None:
    """click.echo for text that holds names or messages from the repository."""
    stream = sys.stderr if err else sys.stdout
    click.echo(for_the_log(text + ("\n" if nl else ""), stream), err=err, nl=False, color=color)


def print_error(err: PrismaLintError) -> None:
    """Print an error the way its kind deserves, on stderr."""
    from prisma_lint.report.diagnostics import render_diagnostics  # only on errors: keeps --version light

    enabled = color_enabled(sys.stderr)
    style = make_style(enabled)
    if isinstance(err, SchemaSyntaxError):
        say(render_diagnostics(err.diagnostics, style), err=True, color=enabled)
    else:
        say(f"{style('error', 'error')}: {redact(str(err))}", err=True, color=enabled)
