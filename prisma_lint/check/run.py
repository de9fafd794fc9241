"""`prisma-lint check`: the diff, why it happened, and the ownership rules, in one verdict.

This is what CI and the GitHub Action run. The canonical schema usually lives
in another repository (the admin app's), so any source syntax is accepted
(specs.py). When the canonical side comes from git and the copy differs, its
history tells STALE (an older version, unsynced) from EDITED (changed by hand).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from prisma_lint.check.history import judge
from prisma_lint.check.policy import find_migrate_commands, find_migration_folders
from prisma_lint.check.verdicts import Verdict
from prisma_lint.config import Config
from prisma_lint.drift.changes import Change, Code, DiffResult, Kind, Location, Obj
from prisma_lint.engine import diff_sources, load
from prisma_lint.errors import ConfigError
from prisma_lint.sources.specs import GitSpec, parse_spec
from prisma_lint.syntax.ast import SourceFile
from prisma_lint.syntax.parser import parse_sources


@dataclass(frozen=True)
class CheckOptions:
    canonical: str | None = None  # overrides the config's
    portal: str | None = None
    canonical_ref: str | None = None  # read the canonical path at this ref instead
    merge_base: bool = False  # ... at the merge base of HEAD and canonical_ref
    strict: bool = False
    cwd: Path = Path(".")


def run_check(options: CheckOptions, config: Config) -> DiffResult:
    canonical = options.canonical or config.canonical
    portal = options.portal or config.portal
    if not canonical or not portal:
        missing = "canonical" if not canonical else "portal"
        raise ConfigError(f"no {missing} schema: give --{missing}, or set {missing} in [tool.prisma-lint]")
    canonical = _at_ref(canonical, options)
    canonical_files, spec = load(canonical, cwd=options.cwd, config=config)
    portal_files, _ = load(portal, cwd=options.cwd, config=config)
    result = diff_sources(
        canonical_files, portal_files, canonical, portal, config=config, strict=options.strict
    )
    if result.drift and spec is not None:
        result = _explain(result, spec, portal_files, options, config)
    elif not result.drift:
        result = replace(result, verdict=Verdict("clean"))
    policy = _policy(options.cwd, Path(portal), config)
    return replace(
        result, changes=result.changes + tuple(config.apply(replace(result, changes=policy)).changes)
    )


def _at_ref(canonical: str, options: CheckOptions) -> str:
    """With --canonical-ref (and --merge-base), read the canonical path at that commit."""
    if not options.canonical_ref:
        return canonical
    from prisma_lint.sources import git as gitsource

    spec = parse_spec(canonical, options.cwd)
    path = spec.path if spec else gitsource.repo_path(options.cwd / canonical, cwd=options.cwd)
    ref = options.canonical_ref
    if options.merge_base:
        ref = gitsource.merge_base(ref, cwd=options.cwd)
    return f"{spec.url}#{ref}:{path}" if spec and spec.url else f"{ref}:{path}"


def _explain(
    result: DiffResult, spec: GitSpec, portal_files: list[SourceFile], options: CheckOptions, config: Config
) -> DiffResult:
    from prisma_lint.sources import git as gitsource

    portal_schema = parse_sources(portal_files)
    cache = Path(config.cache_dir) if config.cache_dir else None
    versions = (
        (v.commit, v.date, v.files)
        for v in gitsource.history(spec, cwd=options.cwd, cache_dir=cache, limit=config.history_depth)
    )
    verdict = judge(portal_schema, versions, config)
    if verdict.status != "stale" or verdict.match is None:
        return replace(result, verdict=verdict)
    match = verdict.match
    behind = f"{match.position} schema commit{'s' if match.position != 1 else ''} behind"
    message = (
        f"The portal copy matches the canonical schema at {match.commit[:7]} ({match.date[:10]}), "
        f"{behind}. Run `prisma-lint sync`."
    )
    where = Location(portal_files[0].display, 1, 1)
    stale = Change(
        Code.PORTAL_STALE,
        Kind.CHANGED,
        Obj.POLICY,
        result.portal_source,
        Code.PORTAL_STALE.info.severity,
        message,
        None,
        where,
    ).with_fingerprint()
    return replace(result, changes=(stale,), verdict=verdict)


def _policy(cwd: Path, portal: Path, config: Config) -> tuple[Change, ...]:
    """The ownership rules, over the portal app: its folder in a monorepo, else the repository."""
    schema = (cwd / portal).resolve()
    repo = _repo_root(schema) or _repo_root(cwd.resolve()) or cwd.resolve()
    app = _app_root(schema, repo) if repo in schema.parents else repo
    found: list[Change] = []
    if config.check_migrations:
        found += find_migration_folders(app, schema, base=repo)
    if config.check_migrate_commands:
        found += find_migrate_commands(app, base=repo)
    return tuple(found)


def _repo_root(path: Path) -> Path | None:
    """The git working tree holding path, if any (its policy scope)."""
    for folder in (path, *path.parents):
        if (folder / ".git").exists():
            return folder
    return None


def _app_root(schema: Path, repo: Path) -> Path:
    """The nearest folder above the schema with a package.json, up to the repository root."""
    for folder in schema.parents:
        if (folder / "package.json").is_file() or folder == repo:
            return folder
        if repo not in folder.parents:
            break
    return repo
