"""The click group, the entry point, and what every command shares.

The cli package is the only place that talks to the terminal: it parses
options, calls the core, prints, exits. Every error the core raises carries
its own exit code (errors.py): 0 clean, 1 drift, 2 error.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from prisma_lint import __version__
from prisma_lint.errors import EXIT_CLEAN, EXIT_DRIFT, EXIT_ERROR, PrismaLintError, SchemaSyntaxError

COLORS = {
    "error": "red",
    "warning": "yellow",
    "notice": "cyan",
    "location": "bright_white",
    "gutter": "blue",
    "added": "green",
    "removed": "red",
    "ok": "green",
}


def color_enabled(stream: Any = None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
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


def print_error(err: PrismaLintError) -> None:
    """Print an error the way its kind deserves, on stderr."""
    from prisma_lint.report.diagnostics import render_diagnostics

    style = make_style(color_enabled(sys.stderr))
    if isinstance(err, SchemaSyntaxError):
        click.echo(render_diagnostics(err.diagnostics, style), err=True)
    else:
        click.echo(f"{style('error', 'error')}: {err}", err=True)


HELP = """Keep read-only copies of a Prisma schema honest.

One app owns schema.prisma and runs migrations; other apps keep a copy and must
never change it. prisma-lint parses both exactly as Prisma does, and reports
every model, field, enum, attribute and config entry that the copy adds,
removes or changes.

\b
Examples:
  prisma-lint diff ../admin/prisma/schema.prisma prisma/schema.prisma
  prisma-lint diff canonical.prisma portal.prisma --format json
  prisma-lint parse prisma/schema.prisma

Exit status: 0 no drift, 1 drift found, 2 error (unreadable or invalid schema,
bad option or config). Set NO_COLOR to turn colour off.
"""


COMMANDS = {
    "check": "check_cmd",
    "diff": "diff_cmd",
    "parse": "parse_cmd",
    "pr-comment": "pr_comment_cmd",
    "sync": "sync_cmd",
}


class LazyGroup(click.Group):
    """Imports a command's module only when that command is run or listed.

    `prisma-lint --version` then loads no parser, git or reporter, and
    `parse` no drift engine: imports were a third of a short run.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            importlib.import_module(f"prisma_lint.cli.{COMMANDS[cmd_name]}")  # it registers itself
        return self.commands.get(cmd_name)


@click.group(
    cls=LazyGroup,
    help=HELP,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "-V", "--version", prog_name="prisma-lint", message="%(prog)s %(version)s")
def cli() -> None:
    pass


def main() -> None:
    """Console entry point: run the command, then leave without tearing the heap down.

    Freeing every AST node at interpreter exit costs ~20 ms on a large schema
    and does nothing useful; like mypy, we flush and exit at once. For the same
    reason the cycle collector stays off: one short run makes almost no cycles.
    """
    gc.disable()
    # Values may nest 1,900 levels (Prisma's own parser takes 1,500); the passes over
    # them recurse a few frames per level.
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20_000))
    try:
        cli()
        code: int | str | None = 0
    except SystemExit as stop:
        code = stop.code
    if isinstance(code, str):  # click reports some errors as a message
        click.echo(code, err=True)
        code = EXIT_ERROR
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # `prisma-lint ... | head`: the reader left; not an error
        pass
    os._exit(code or 0)


FORMATS = ["text", "json", "github", "sarif", "markdown"]


def _config(path: str | None) -> Any:
    from prisma_lint.config import find_config, load_config

    return load_config(Path(path) if path else find_config(Path.cwd()))


def report_options(function: Any) -> Any:
    """The options diff and check share: what to report, where, and when to fail."""
    options: list[Callable[[Any], Any]] = [
        click.option(
            "--format",
            "fmt",
            type=click.Choice(FORMATS),
            default="text",
            show_default=True,
            help="text for people; json (docs/json-output.md), sarif, github (workflow annotations) "
            "and markdown (job summary or PR comment) for machines.",
        ),
        click.option(
            "-o",
            "--output",
            type=click.Path(dir_okay=False),
            default=None,
            help="Write the report to this file (atomically) instead of stdout.",
        ),
        write_option,
        click.option("--strict", is_flag=True, help="Also report order changes, as notices."),
        click.option(
            "--fail-on",
            type=click.Choice(["drift", "error", "never"]),
            default="drift",
            show_default=True,
            help="drift: exit 1 on any finding. error: only on error-severity ones. never: exit 0.",
        ),
        click.option(
            "--config",
            "config_path",
            type=click.Path(dir_okay=False),
            default=None,
            help="Config file (default: .prisma-lint.toml or [tool.prisma-lint] in pyproject.toml, "
            "looked up from here).",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def write_option(function: Any) -> Any:
    """--write FORMAT=PATH, repeatable: more reports from the same run (the Action uses it)."""
    return click.option(
        "--write",
        "writes",
        multiple=True,
        metavar="FORMAT=PATH",
        callback=_check_writes,
        help=f"Also write the report in FORMAT ({', '.join(FORMATS)}) to PATH, atomically. Repeatable.",
    )(function)


def _check_writes(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> list[tuple[str, str]]:
    pairs = []
    for value in values:
        fmt, sep, path = value.partition("=")
        if not sep or fmt not in FORMATS or not path:
            raise click.BadParameter(
                f"{value!r}: expected FORMAT=PATH with FORMAT one of {', '.join(FORMATS)}"
            )
        pairs.append((fmt, path))
    return pairs


def emit(result: Any, fmt: str, output: str | None, writes: list[tuple[str, str]]) -> None:
    """Print the report (or write it to --output), then every --write report."""
    from prisma_lint.report import reporter

    if fmt == "text" and output is None:
        from prisma_lint.report import text

        click.echo(text.render(result, make_style(color_enabled())), nl=False)
    elif output is None:
        click.echo(reporter(fmt)(result), nl=False)
    else:
        writes = [(fmt, output), *writes]
    from prisma_lint.sources.writes import write_atomic

    for kind, path in writes:
        try:
            write_atomic(path, reporter(kind)(result).encode("utf-8"))
        except PrismaLintError as err:
            print_error(err)
            sys.exit(err.exit_code)


def verdict_exit_code(result: Any, fail_on: str) -> int:
    from prisma_lint.drift.changes import Severity

    if fail_on == "never" or not result.drift:
        return EXIT_CLEAN
    if fail_on == "error" and not result.count(Severity.ERROR):
        return EXIT_CLEAN
    return EXIT_DRIFT
