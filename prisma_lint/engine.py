"""The core's entry points: read, parse, diff, apply the config. No printing.

The cli package calls these; so would any other front end.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from prisma_lint.errors import SchemaSyntaxError
from prisma_lint.sources.files import read_schema
from prisma_lint.sources.specs import GitSpec, parse_spec
from prisma_lint.syntax import ast
from prisma_lint.syntax.ast import SourceFile
from prisma_lint.syntax.parser import normalise_newlines, parse_sources

if TYPE_CHECKING:  # `parse` never needs the drift engine or config: imported where a diff runs
    from prisma_lint.config import Config
    from prisma_lint.drift.changes import Change, DiffResult, Location


def load(text: str, *, cwd: Path, config: Config | None = None) -> tuple[list[SourceFile], GitSpec | None]:
    """Read a schema named by any source syntax: a path, REF:PATH or URL#REF:PATH."""
    spec = parse_spec(text, cwd)
    if spec is None:
        if cwd == Path(".") or Path(text).is_absolute():
            return read_schema(text), None
        files = read_schema(str(cwd / text))
        return [replace(f, display=_relative(f.display, cwd)) for f in files], None
    from prisma_lint.sources import git as gitsource

    cache = Path(config.cache_dir) if config is not None and config.cache_dir else None
    return gitsource.read(spec, cwd=cwd, cache_dir=cache), spec


def _relative(path: str, cwd: Path) -> str:
    try:
        return str(Path(path).relative_to(cwd))
    except ValueError:
        return path


def diff_paths(
    canonical: str, portal: str, *, config: Config | None = None, strict: bool = False
) -> DiffResult:
    """Compare two schemas (any source syntax). Raises on unreadable or invalid input,
    with the problems of both sides together."""
    from prisma_lint.config import Config

    config = config or Config()
    canonical_files = load(canonical, cwd=Path("."), config=config)[0]
    portal_files = load(portal, cwd=Path("."), config=config)[0]
    return diff_sources(canonical_files, portal_files, canonical, portal, config=config, strict=strict)


def diff_sources(
    canonical_files: list[SourceFile],
    portal_files: list[SourceFile],
    canonical: str,
    portal: str,
    *,
    config: Config,
    strict: bool = False,
) -> DiffResult:
    from prisma_lint.drift.diff import diff
    from prisma_lint.syntax.pairparse import parse_pair

    strict = strict or config.strict
    # --strict compares order inside blocks too, so it needs every AST in full.
    canonical_schema, portal_schema, errors = parse_pair(canonical_files, portal_files, shortcut=not strict)
    if errors:
        raise SchemaSyntaxError(errors)
    result = diff(
        canonical_schema, portal_schema, strict=strict, canonical_source=canonical, portal_source=portal
    )
    result = config.apply(result)
    return with_source_lines(result, canonical_files + portal_files)


def with_source_lines(result: DiffResult, files: list[SourceFile]) -> DiffResult:
    """Give every location the text of its line, so reporters need not read files.

    A file is split into lines only when a change points into it: a list of a
    million lines costs ~90 MiB, and a clean diff needs none.
    """
    texts = {f.display: f.text for f in files}
    lines: dict[str, list[str]] = {}

    def fill(where: Location | None) -> Location | None:
        if where is None:
            return None
        if where.file not in lines:
            lines[where.file] = normalise_newlines(texts.get(where.file, "")).split("\n")
        text = lines[where.file]
        return replace(where, text=text[where.line - 1] if 0 < where.line <= len(text) else "")

    def enrich(change: Change) -> Change:
        return replace(
            change, canonical=fill(change.canonical), portal=fill(change.portal), anchor=fill(change.anchor)
        )

    return replace(result, changes=tuple(enrich(c) for c in result.changes))


def parse_path(path: str) -> ast.Schema:
    """Read and parse a schema: a file, a folder, REF:PATH or URL#REF:PATH."""
    return parse_sources(load(path, cwd=Path("."))[0])
