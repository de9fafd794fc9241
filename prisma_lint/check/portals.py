"""Several portal copies of one canonical schema, compared in one run.

The admin side of the gate: `check`, `diff` and `impact` take several portals
(`[[tool.prisma-lint.portals]]`, or `--portal` given more than once). The
canonical schema is read and parsed once; so is each version of its history
when a copy differs (one shared chunk parser). Each portal gets its own
DiffResult, tagged with its name; the reporters make one report of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from prisma_lint.check.history import history_cache, judge
from prisma_lint.check.run import (
    CheckOptions,
    Version,
    _at_ref,
    _policy,
    _repo_root,
    history_versions,
    with_verdict,
)
from prisma_lint.check.verdicts import Verdict
from prisma_lint.config import Config, Portal
from prisma_lint.drift.changes import Change
from prisma_lint.drift.diff import diff
from prisma_lint.drift.result import DiffResult
from prisma_lint.engine import load, with_source_lines
from prisma_lint.errors import ConfigError, Diagnostic, SchemaSyntaxError
from prisma_lint.sources.redact import redact
from prisma_lint.sources.specs import GitSpec
from prisma_lint.syntax import ast
from prisma_lint.syntax.ast import SourceFile
from prisma_lint.syntax.parser import normalise_newlines, parse_sources


@dataclass(frozen=True)
class PortalResult:
    name: str
    result: DiffResult


@dataclass(frozen=True)
class PortalsResult:
    """One run over several portals: a result per portal, in the order given."""

    canonical_source: str
    portals: tuple[PortalResult, ...]

    @property
    def drift(self) -> bool:
        return any(p.result.drift for p in self.portals)


@dataclass(frozen=True)
class Compared:
    """A portal's copy next to the canonical schema: what `impact` classifies."""

    portal: Portal
    schema: ast.Schema
    files: list[SourceFile]
    spec: GitSpec | None
    result: DiffResult


def compare(
    canonical: str, portals: tuple[Portal, ...], *, cwd: Path, config: Config, strict: bool = False
) -> tuple[ast.Schema, GitSpec | None, list[Compared]]:
    """Parse the canonical schema once, each portal once, and diff each portal against it.

    Syntax errors of every schema are reported together."""
    strict = strict or config.strict
    canonical_files, spec = load(canonical, cwd=cwd, config=config)
    errors: list[Diagnostic] = []
    canonical_schema = _parse(canonical_files, errors)
    texts = _texts(canonical_files)
    loaded = [(p, *load(p.schema, cwd=cwd, config=config)) for p in portals]
    # A copy with the canonical text (the usual in-sync portal) means the same: reuse its AST.
    schemas = [canonical_schema if _texts(f) == texts else _parse(f, errors) for _, f, _ in loaded]
    if errors:
        raise SchemaSyntaxError(tuple(errors))
    out = []
    for (portal, files, portal_spec), schema in zip(loaded, schemas, strict=True):
        shown = redact(canonical), redact(portal.schema)  # no user:token@ in any report
        result = diff(
            canonical_schema, schema, strict=strict, canonical_source=shown[0], portal_source=shown[1]
        )
        result = replace(
            with_source_lines(config.apply(result), canonical_files + files),
            canonical_commit=canonical_files[0].commit if canonical_files else None,
        )
        out.append(Compared(portal, schema, files, portal_spec, result))
    return canonical_schema, spec, out


def _texts(files: list[SourceFile]) -> list[str]:
    return [normalise_newlines(f.text) for f in files]


def _parse(files: list[SourceFile], errors: list[Diagnostic]) -> ast.Schema:
    try:
        return parse_sources(files)
    except SchemaSyntaxError as err:
        errors.extend(err.diagnostics)
        return ast.Schema(())


def run_portals(
    options: CheckOptions, portals: tuple[Portal, ...], config: Config, *, check: bool = True
) -> PortalsResult:
    """`check` (verdicts and policy) or, with check=False, `diff` over several portals."""
    canonical = options.canonical or config.canonical
    if not canonical:
        raise ConfigError("no canonical schema: give --canonical, or set canonical in [tool.prisma-lint]")
    canonical = _at_ref(canonical, options) if check else canonical
    _, spec, compared = compare(canonical, portals, cwd=options.cwd, config=config, strict=options.strict)
    history = History(spec, options.cwd, config)
    results = []
    for item in compared:
        result = item.result
        if check:
            result = _judged(item, history, config)
            if item.spec is None:  # the ownership rules apply to a copy on disk, not one in git
                policy = _portal_policy(options.cwd / item.portal.schema, config)
                result = replace(
                    result, changes=result.changes + config.apply(replace(result, changes=policy)).changes
                )
        results.append(PortalResult(item.portal.name, result))
    return PortalsResult(canonical, tuple(results))


def _portal_policy(schema: Path, config: Config) -> tuple[Change, ...]:
    """The ownership rules over the portal's own repository (its app folder in a monorepo).

    Never over the repository the command runs in: that is the admin's, whose migrations are
    its own. A copy outside any git work tree has no repository to check."""
    schema = schema.resolve()
    own = _repo_root(schema)
    return _policy(own, schema, config) if own is not None else ()


def _judged(item: Compared, history: History, config: Config) -> DiffResult:
    if not item.result.drift:
        return replace(item.result, verdict=Verdict("clean"))
    if history.spec is None:
        return item.result
    verdict = judge(item.schema, history.versions(), config, cache=history.cache)
    return with_verdict(item.result, verdict, item.files)


class History:
    """The canonical schema's history, read once and parsed once for all portals."""

    def __init__(self, spec: GitSpec | None, cwd: Path, config: Config) -> None:
        self.spec, self.cwd, self.config = spec, cwd, config
        self.cache = history_cache()
        self._read: list[Version] = []
        self._source = iter(history_versions(spec, cwd, config)) if spec is not None else iter(())

    def versions(self) -> Iterator[Version]:
        """Newest first; versions already read are replayed, the rest read on demand."""
        yield from self._read
        for version in self._source:
            self._read.append(version)
            yield version
