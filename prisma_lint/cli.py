"""The command line: parse options, call the core, print, exit. Nothing else.

This is the only module that talks to the terminal. Every error the core
raises carries its own exit code (see errors.py): 0 clean, 1 drift, 2 error.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from . import __version__
from .errors import EXIT_CLEAN, EXIT_DRIFT, EXIT_ERROR, PrismaLintError, SchemaSyntaxError
from .parser import parse_path
from .reporters import summary
from .reporters.diagnostics import render_diagnostics

F = TypeVar("F", bound=Callable[..., Any])

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


@cli.command("parse")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: a summary per schema. json: the full AST (docs/ast-json.md).",
)
def parse_command(*, paths: tuple[str, ...], fmt: str) -> None:
    """Parse schemas and report what they contain, or every syntax error.

    Each PATH is a schema file, or a folder read recursively as one
    multi-file schema. Exits 2 if any schema does not parse.

    \b
    Examples:
      prisma-lint parse prisma/schema.prisma
      prisma-lint parse prisma/schema/ --format json > ast.json
    """
    results: list[dict[str, Any]] = []
    errors: list[PrismaLintError] = []
    for path in paths:
        try:
            schema = parse_path(path)
        except PrismaLintError as err:
            errors.append(err)
            continue
        results.append({"source": path, "schema": schema})
        if fmt == "text":
            click.echo(summary.render(path, schema))
    if fmt == "json":
        import json

        from .ast_json import AST_VERSION, schema_to_json

        schemas = [{"source": r["source"], **schema_to_json(r["schema"])} for r in results]
        payload: dict[str, Any] = {"ast_version": AST_VERSION, "schemas": schemas}
        payload["errors"] = [_error_json(item) for failure in errors for item in _error_items(failure)]
        for item in payload["schemas"]:
            item.pop("ast_version", None)
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    for failure in errors:  # on stderr in both formats: JSON readers have them in "errors"
        print_error(failure)
    sys.exit(EXIT_ERROR if errors else EXIT_CLEAN)


def _error_items(err: PrismaLintError) -> list[Any]:
    return list(err.diagnostics) if isinstance(err, SchemaSyntaxError) else [err]


def _error_json(item: Any) -> dict[str, Any]:
    if isinstance(item, PrismaLintError):
        return {"file": None, "line": None, "column": None, "message": str(item)}
    return {"file": item.file, "line": item.line, "column": item.column, "message": item.message}


FORMATS = ["text", "json", "github", "sarif", "markdown"]


@cli.command("diff")
@click.argument("canonical", metavar="CANONICAL")
@click.argument("portal", metavar="PORTAL")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text for people; json (docs/json-output.md), sarif, github (workflow annotations) "
    "and markdown (job summary or PR comment) for machines.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the report to this file (atomically) instead of stdout.",
)
@click.option("--strict", is_flag=True, help="Also report order changes, as notices.")
@click.option(
    "--fail-on",
    type=click.Choice(["drift", "error", "never"]),
    default="drift",
    show_default=True,
    help="drift: exit 1 on any change. error: only on error-severity changes. never: exit 0.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Config file (default: .prisma-lint.toml or [tool.prisma-lint] in pyproject.toml, "
    "looked up from here).",
)
def diff_command(
    *,
    canonical: str,
    portal: str,
    fmt: str,
    output: str | None,
    strict: bool,
    fail_on: str,
    config_path: str | None,
) -> None:
    """Report every way PORTAL differs from CANONICAL.

    CANONICAL is the schema the admin app owns; PORTAL is the read-only copy.
    Each is a .prisma file or a multi-file schema folder. Formatting, comments
    and order never count as drift (order does with --strict).

    \b
    Examples:
      prisma-lint diff ../admin/prisma/schema.prisma prisma/schema.prisma
      prisma-lint diff admin.prisma portal.prisma --format json -o drift.json
      prisma-lint diff admin.prisma portal.prisma --format github   # in a workflow

    Exit status: 0 no drift, 1 drift, 2 error (unreadable or invalid schema,
    bad config). Every change code is explained in docs/changes.md.
    """
    from .engine import diff_paths

    try:
        config = _config(config_path)
        result = diff_paths(canonical, portal, config=config, strict=strict)
    except PrismaLintError as err:
        print_error(err)
        sys.exit(err.exit_code)
    _emit(result, fmt, output)
    sys.exit(verdict_exit_code(result, fail_on))


def _config(path: str | None) -> Any:
    from pathlib import Path

    from .config import find_config, load_config

    return load_config(Path(path) if path else find_config(Path.cwd()))


def _emit(result: Any, fmt: str, output: str | None) -> None:
    from .reporters import reporter

    if fmt == "text" and output is None:
        from .reporters import text

        report = text.render(result, make_style(color_enabled()))
    else:
        report = reporter(fmt)(result)
    if output is None:
        click.echo(report, nl=False)
        return
    from .fileio import write_atomic

    try:
        write_atomic(output, report.encode("utf-8"))
    except PrismaLintError as err:
        print_error(err)
        sys.exit(err.exit_code)


def verdict_exit_code(result: Any, fail_on: str) -> int:
    from .changes import Severity

    if fail_on == "never" or not result.drift:
        return EXIT_CLEAN
    if fail_on == "error" and not result.count(Severity.ERROR):
        return EXIT_CLEAN
    return EXIT_DRIFT


if __name__ == "__main__":  # pragma: no cover
    main()
