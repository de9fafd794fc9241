"""The click group, the entry point, and what every command shares.

The cli package is the only place that talks to the terminal: it parses
options, calls the core, prints, exits. Every error the core raises carries
its own exit code (errors.py): 0 clean, 1 drift, 2 error.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from .. import __version__
from ..errors import EXIT_CLEAN, EXIT_DRIFT, EXIT_ERROR, PrismaLintError, SchemaSyntaxError
from ..reporters.diagnostics import render_diagnostics

T = TypeVar("T")

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


@click.group(help=HELP, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
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


def attempt(work: Callable[[], T]) -> T:
    """Run core work; on a prisma-lint error, print it and exit with its code."""
    try:
        return work()
    except PrismaLintError as err:
        print_error(err)
        sys.exit(err.exit_code)


def _config(path: str | None) -> Any:
    from ..config import find_config, load_config

    return load_config(Path(path) if path else find_config(Path.cwd()))


def _emit(result: Any, fmt: str, output: str | None) -> None:
    from ..reporters import reporter

    if fmt == "text" and output is None:
        from ..reporters import text

        report = text.render(result, make_style(color_enabled()))
    else:
        report = reporter(fmt)(result)
    if output is None:
        click.echo(report, nl=False)
        return
    from ..fileio import write_atomic

    try:
        write_atomic(output, report.encode("utf-8"))
    except PrismaLintError as err:
        print_error(err)
        sys.exit(err.exit_code)


def verdict_exit_code(result: Any, fail_on: str) -> int:
    from ..changes import Severity

    if fail_on == "never" or not result.drift:
        return EXIT_CLEAN
    if fail_on == "error" and not result.count(Severity.ERROR):
        return EXIT_CLEAN
    return EXIT_DRIFT
