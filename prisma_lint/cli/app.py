"""The click group, the entry point, and what every command shares.

The cli package is the only place that talks to the terminal: it parses
options, calls the core, prints, exits. Every error the core raises carries
its own exit code (errors.py): 0 clean, 1 drift, 2 error.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import importlib
import os
import signal
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from prisma_lint import __version__
from prisma_lint.cli.failures import Guarded
from prisma_lint.cli.terminal import COLOR, print_error, say
from prisma_lint.errors import (
    EXIT_ERROR,
    PrismaLintError,
)

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
  prisma-lint explain FIELD_TYPE_CHANGED

Exit status: 0 no drift, 1 drift found, 2 error (unreadable or invalid schema,
bad option or config). Set NO_COLOR to turn colour off.
"""


def _debug(ctx: click.Context, _: click.Parameter, value: bool) -> bool:
    ctx.meta["debug"] = value
    return value


COMMANDS = {
    "check": "check_cmd",
    "codes": "codes_cmd",
    "diff": "diff_cmd",
    "explain": "codes_cmd",
    "impact": "impact_cmd",
    "parse": "parse_cmd",
    "pr-comment": "pr_comment_cmd",
    "sync": "sync_cmd",
}


class LazyGroup(Guarded):
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
@click.option(
    "--debug",
    is_flag=True,
    expose_value=False,
    callback=_debug,
    is_eager=True,
    help="On an internal error, show the traceback (also PRISMA_LINT_DEBUG=1).",
)
def cli() -> None:
    pass


def main() -> None:
    """Console entry point: run the command, then leave without tearing the heap down.

    Freeing every AST node at interpreter exit costs ~20 ms on a large schema
    and does nothing useful; like mypy, we flush and exit at once. For the same
    reason the cycle collector stays off: one short run makes almost no cycles.
    """
    gc.disable()
    install_signal_handlers()
    try:
        cli()
        code: int | str | None = 0
    except SystemExit as stop:
        code = stop.code
    if isinstance(code, str):  # click reports some errors as a message
        say(code, err=True)
        code = EXIT_ERROR
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # `prisma-lint ... | head`: the reader left; not an error
        pass
    os._exit(code or 0)


def install_signal_handlers() -> None:
    """SIGTERM and SIGINT end the run as SystemExit(128 + signal), so a write in progress
    removes its temp file (writes.py) and no traceback is printed."""

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    for which in (signal.SIGTERM, signal.SIGINT):
        signal.signal(which, stop)


FORMATS = ["text", "json", "github", "sarif", "markdown"]


def _config(path: str | None, **overrides: Any) -> Any:
    """The config file's settings (found from here unless given), with the options that are set."""
    from dataclasses import replace

    from prisma_lint.config import find_config, load_config

    config = load_config(Path(path) if path else find_config(Path.cwd()))
    return replace(config, **{k: v for k, v in overrides.items() if v is not None})


@contextlib.contextmanager
def exit_on_error() -> Iterator[None]:
    """An error of ours raised inside is printed, and the command exits with its code."""
    try:
        yield
    except PrismaLintError as err:
        print_error(err)
        sys.exit(err.exit_code)


config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Config file (default: .prisma-lint.toml or [tool.prisma-lint] in pyproject.toml, "
    "looked up from here).",
)
cache_dir_option = click.option(
    "--cache-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Where remote repositories are fetched (default: ~/.cache/prisma-lint).",
)


Renderers = dict[str, Callable[..., str]]  # format -> render, for reports other than one diff


@dataclass(frozen=True)
class ReportOptions:
    """What to report, where, and when to fail: the options diff and check share."""

    fmt: str
    output: str | None
    writes: list[tuple[str, str]]
    strict: bool
    fail_on: str
    config_path: str | None


def report_options(function: Any) -> Any:
    """Add ReportOptions' options to a command; it receives them as one `report` argument."""

    @functools.wraps(function)
    def command(**kwargs: Any) -> Any:
        report = ReportOptions(**{name: kwargs.pop(name) for name in ReportOptions.__dataclass_fields__})
        return function(report=report, **kwargs)

    from prisma_lint.cli.extras import OPTIONS

    for option in reversed(_report_options() + OPTIONS):
        command = option(command)
    return command


def _report_options() -> list[Callable[[Any], Any]]:
    return [
        click.option(
            "--format",
            "fmt",
            type=click.Choice(FORMATS),
            default="text",
            show_default=True,
            help="text for people; json (schema_version 2), sarif, github (workflow annotations) "
            "and markdown (job summary or PR comment) for machines.",
        ),
        click.option(
            "-o",
            "--output",
            type=click.Path(dir_okay=False),
            default=None,
            help="Write the report to this file (atomically; missing folders are made) instead of stdout.",
        ),
        write_option,
        click.option("--strict", is_flag=True, help="Also report order changes, as notices."),
        color_option,
        click.option(
            "--fail-on",
            type=click.Choice(["drift", "error", "never"]),
            default="drift",
            show_default=True,
            help="drift: exit 1 on any finding. error: only on error-severity ones. never: exit 0.",
        ),
        config_option,
    ]


def _set_color(ctx: click.Context, param: click.Parameter, value: str) -> str:
    COLOR["mode"] = value
    return value


color_option = click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    expose_value=False,
    is_eager=True,
    callback=_set_color,
    help="Colour the text output: auto (on a terminal, unless NO_COLOR is set), always or never.",
)


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
