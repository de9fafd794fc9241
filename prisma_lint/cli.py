"""The command line: parse options, call the core, print, exit. Nothing else.

This is the only module that talks to the terminal. Every error the core
raises carries its own exit code (see errors.py): 0 clean, 1 drift, 2 error.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from . import __version__
from .errors import EXIT_CLEAN, EXIT_ERROR, PrismaLintError, SchemaSyntaxError
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
    and does nothing useful; like mypy, we flush and exit at once.
    """
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
def parse_command(paths: tuple[str, ...], fmt: str) -> None:
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


if __name__ == "__main__":  # pragma: no cover
    main()
