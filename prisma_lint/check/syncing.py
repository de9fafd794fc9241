"""What `prisma-lint sync` writes, by the rules `check` judges with.

One rule: `sync --check` fails exactly when `check` would report drift that a
sync fixes. So a copy that differs only in what the config ignores, in line
endings, or in layout is left alone. When it does differ, the canonical
schema is written, except for what the config ignores in generator and
datasource blocks: the portal's own line for such a setting stays (its client
`output`, say). Other ignored differences are overwritten.

The portal of a sync is a local path of the same shape as the canonical
schema: a file for a file, a folder for a folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from prisma_lint.config import Config
from prisma_lint.drift.changes import Change, Kind, Obj
from prisma_lint.drift.diff import diff
from prisma_lint.engine import load_source
from prisma_lint.errors import ConfigError, SourceError
from prisma_lint.sources import sync
from prisma_lint.sources.files import read_schema
from prisma_lint.sources.specs import GitSpec, PathSpec, parse_source
from prisma_lint.syntax import ast
from prisma_lint.syntax.ast import SourceFile
from prisma_lint.syntax.pairparse import parse_pair


@dataclass(frozen=True)
class SyncPlan:
    source: str  # the canonical schema, as named in output
    target: Path
    steps: list[sync.Step]


def plan_sync(canonical: str | None, portal: str | None, config: Config, cwd: Path) -> SyncPlan:
    source = canonical or config.resolve(config.canonical, cwd)
    target = portal or config.resolve(config.portal, cwd)
    if not source:
        raise ConfigError("sync needs CANONICAL and PORTAL, as arguments or in prisma-lint's config")
    if not target:  # the schema Prisma itself would use here
        from prisma_lint.sources.discover import discover_schema

        target = os.path.relpath(discover_schema(cwd).schema, cwd)
    if not isinstance(parse_source(target, cwd), PathSpec):
        raise SourceError(
            f"{target}: the portal of sync must be a local path; it names a schema in git, which sync "
            "cannot write. Give the path of the portal copy."
        )
    spec = parse_source(source, cwd)
    files, _ = load_source(spec, cwd=cwd, config=config)
    root = spec.display() if isinstance(spec, GitSpec) else source
    target_path = cwd / target
    _check_shape(files, root, target, target_path)
    wanted = _wanted(files, target_path, config)
    steps = [] if wanted is None else sync.plan(wanted, root, target_path)
    return SyncPlan(source, Path(target), steps)


def _check_shape(files: list[SourceFile], root: str, target: str, path: Path) -> None:
    single = len(files) == 1 and files[0].display == root
    if single and path.is_dir():
        raise SourceError(f"{target}: is a folder, but the canonical schema is one file")
    if not single and path.is_file():
        raise SourceError(f"{target}: is a file, but the canonical schema is a folder")
    if path.exists():
        return
    if single and target.endswith("/"):
        raise SourceError(f"{target}: is a folder path, but the canonical schema is one file")
    if not single and target.endswith(".prisma"):
        raise SourceError(f"{target}: is a schema file name, but the canonical schema is a folder")


def _wanted(files: list[SourceFile], target: Path, config: Config) -> list[SourceFile] | None:
    """The canonical files to write, or None when `check` would find nothing to fix."""
    if not target.exists():
        return files
    try:
        portal_files = read_schema(str(target))
        canonical_schema, portal_schema, errors = parse_pair(files, portal_files, shortcut=False)
    except SourceError:
        return files  # an unreadable copy is replaced
    if errors:
        return files  # so is one that does not parse (or a canonical schema that does not: copied as is)
    raw = diff(canonical_schema, portal_schema, strict=config.strict)
    if not config.apply(raw).changes:
        return None
    ignored = [c for c in raw.changes if any(rule.matches(c) for rule in config.ignore)]
    return _keep_ignored(files, portal_files, canonical_schema, ignored)


def _keep_ignored(
    files: list[SourceFile], portal_files: list[SourceFile], canonical: ast.Schema, ignored: list[Change]
) -> list[SourceFile]:
    """Put the portal's own lines back for ignored generator and datasource settings."""
    portal_lines = {f.display: f.text.splitlines(keepends=True) for f in portal_files}
    edits: dict[str, list[tuple[int, int, list[str]]]] = {}  # file: (line, lines to drop, new lines)
    for change in ignored:
        if change.object is not Obj.SETTING:  # a generator or datasource entry: db.url
            continue
        new = []
        if change.portal is not None:
            new = [portal_lines[change.portal.file][change.portal.line - 1]]
        if change.kind is Kind.ADDED:
            block = _block(canonical, change.path.split(".")[0])
            if block is None:
                continue
            edits.setdefault(block.span.file, []).append((block.span.end_line, 0, new))  # before its `}`
        elif change.canonical is not None:
            edits.setdefault(change.canonical.file, []).append((change.canonical.line, 1, new))
    return [_edited(f, edits.get(f.display, [])) for f in files]


def _block(schema: ast.Schema, name: str) -> ast.ConfigBlock | None:
    for block in schema.blocks:
        if isinstance(block, ast.ConfigBlock) and block.name == name:
            return block
    return None


def _edited(source: SourceFile, edits: list[tuple[int, int, list[str]]]) -> SourceFile:
    if not edits:
        return source
    lines = source.text.splitlines(keepends=True)
    newline = "\r\n" if source.text.count("\r\n") * 2 > source.text.count("\n") else "\n"
    for line, drop, new in sorted(edits, key=lambda e: e[0], reverse=True):
        lines[line - 1 : line - 1 + drop] = [_ending(text, newline) for text in new]
    return SourceFile(source.display, "".join(lines))


def _ending(line: str, newline: str) -> str:
    return line.rstrip("\r\n") + newline
