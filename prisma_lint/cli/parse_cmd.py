"""`prisma-lint parse`: a summary per schema, every syntax error, or the AST as JSON."""

from __future__ import annotations

import sys
from typing import Any

import click

from prisma_lint.cli.app import cli
from prisma_lint.cli.terminal import print_error, say
from prisma_lint.engine import parse_path
from prisma_lint.errors import EXIT_CLEAN, EXIT_ERROR, PrismaLintError, SchemaSyntaxError
from prisma_lint.report import summary
from prisma_lint.sources.redact import redact


@cli.command("parse")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: a summary per schema. json: the full AST (ast_version 1).",
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
        results.append({"source": redact(path), "schema": schema})
        if fmt == "text":
            say(summary.render(redact(path), schema))
    if fmt == "json":
        import json

        from prisma_lint.report.ast_json import AST_VERSION, schema_to_json

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
        return {"file": None, "line": None, "column": None, "message": redact(str(item))}
    return {"file": item.file, "line": item.line, "column": item.column, "message": item.message}
