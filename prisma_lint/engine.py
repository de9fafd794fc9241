"""The core's entry points: read, parse, diff, apply the config. No printing.

The cli package calls these; so would any other front end.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from prisma_lint.errors import SchemaSyntaxError, SourceError
from prisma_lint.sources.files import read_schema, refuse_prisma_8
from prisma_lint.sources.redact import redact
from prisma_lint.sources.specs import GitSpec, PathSpec, parse_source
from prisma_lint.syntax import ast
from prisma_lint.syntax.ast import SourceFile
from prisma_lint.syntax.lexing import normalise_newlines
from prisma_lint.syntax.parser import parse_sources

if TYPE_CHECKING:  # `parse` never needs the drift engine or config: imported where a diff runs
    from prisma_lint.config import Config
    from prisma_lint.drift.changes import Change, Location
    from prisma_lint.drift.result import DiffResult
    from prisma_lint.syntax.pairparse import ChunkCache


def load(text: str, *, cwd: Path, config: Config | None = None) -> tuple[list[SourceFile], GitSpec | None]:
    """Read a schema named by any source syntax: a path, REF:PATH or URL#REF:PATH."""
    return load_source(parse_source(text, cwd), cwd=cwd, config=config)


def load_source(
    spec: PathSpec | GitSpec, *, cwd: Path, config: Config | None
) -> tuple[list[SourceFile], GitSpec | None]:
    """Read a parsed source: only a PathSpec touches the file system.

    A Prisma 8 contract is refused with one message, not a page of syntax errors."""
    files, git_spec = _read_source(spec, cwd=cwd, config=config)
    refuse_prisma_8(files)
    return files, git_spec


def _read_source(
    spec: PathSpec | GitSpec, *, cwd: Path, config: Config | None
) -> tuple[list[SourceFile], GitSpec | None]:
    if isinstance(spec, PathSpec):
        text = spec.path
        if cwd == Path(".") or Path(text).is_absolute():
            return read_schema(text), None
        files = read_schema(str(cwd / text))
        return [replace(f, display=_relative(f.display, cwd)) for f in files], None
    from prisma_lint.sources import plaingit  # GitPython only where plain git will not do

    cache = Path(config.cache_dir) if config is not None and config.cache_dir else None
    return plaingit.read(spec, cwd=cwd, cache_dir=cache), spec


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
    if canonical == portal == "-":
        raise SourceError("only one of the two schemas can be read from standard input (-)")
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
    keep: ChunkCache | None = None,
) -> DiffResult:
    """keep: a chunk cache that learns what the diff learns, for check's history walk: which
    chunks parse cleanly, and the blocks of those the two sides do not share."""
    from prisma_lint.drift.diff import diff
    from prisma_lint.syntax.pairparse import parse_pair

    strict = strict or config.strict
    # --strict compares order inside blocks too, so it needs every AST in full.
    canonical_schema, portal_schema, errors = parse_pair(
        canonical_files, portal_files, shortcut=not strict, keep=keep
    )
    if errors:
        raise SchemaSyntaxError(errors)
    result = diff(
        canonical_schema,
        portal_schema,
        strict=strict,
        canonical_source=redact(canonical),
        portal_source=redact(portal),
    )
    result = replace(config.apply(result), canonical_commit=_commit(canonical_files))
    return with_source_lines(result, canonical_files + portal_files)


def _commit(files: list[SourceFile]) -> str | None:
    return files[0].commit if files else None


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


# ---- baseline: findings a team accepted when adopting the gate ----------------------

BASELINE_VERSION = 1


def read_baseline(path: str) -> frozenset[str]:
    """The fingerprints of a file written by --write-baseline."""
    import json

    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        prints = data["fingerprints"]
        return frozenset(str(item["fingerprint"]) for item in prints)
    except OSError as err:
        raise SourceError(f"{path}: cannot read the baseline: {err.strerror or err}") from None
    except (ValueError, KeyError, TypeError) as err:
        raise SourceError(f"{path}: not a prisma-lint baseline (from --write-baseline): {err}") from None


def baseline_text(result: DiffResult) -> str:
    """What --write-baseline writes: each finding's fingerprint, with its code and path to read by."""
    import json

    items = [{"fingerprint": c.fingerprint, "code": c.code.value, "path": c.path} for c in result.changes]
    return json.dumps({"baseline_version": BASELINE_VERSION, "fingerprints": items}, indent=2) + "\n"


def apply_baseline(result: DiffResult, fingerprints: frozenset[str]) -> DiffResult:
    kept = tuple(c for c in result.changes if c.fingerprint not in fingerprints)
    return replace(result, changes=kept, baselined=result.baselined + len(result.changes) - len(kept))
