"""`prisma-lint check`: the diff, why it happened, and the ownership rules, in one verdict.

This is what CI and the GitHub Action run. The canonical schema usually lives
in another repository (the admin app's), so any source syntax is accepted
(specs.py). When the canonical side comes from git and the copy differs, its
history tells STALE (an older version, unsynced) from EDITED (changed by hand).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from prisma_lint.check.history import judge
from prisma_lint.check.policy import find_migrate_commands, find_migration_folders
from prisma_lint.check.verdicts import Verdict
from prisma_lint.config import Config
from prisma_lint.drift.changes import Change, Code, DiffResult, Kind, Location
from prisma_lint.engine import diff_sources, load
from prisma_lint.errors import ConfigError
from prisma_lint.sources.discover import discover_schema, find_prisma_config, migrations_folder
from prisma_lint.sources.specs import GitSpec, parse_spec
from prisma_lint.syntax.ast import SourceFile
from prisma_lint.syntax.parser import parse_sources
from prisma_lint.words import counted

Version = tuple[str, str, tuple[SourceFile, ...]]  # commit, date, files


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
    if not canonical:
        raise ConfigError("no canonical schema: give --canonical, or set canonical in prisma-lint's config")
    canonical, canonical_note = _app_schema(canonical, "canonical", options.cwd)
    portal, portal_note = _app_schema(options.portal or config.portal, "portal", options.cwd)
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
    notes = tuple(n for n in (canonical_note, portal_note) if n)
    return replace(
        result,
        changes=result.changes + tuple(config.apply(replace(result, changes=policy)).changes),
        notes=result.notes + notes,
    )


def _app_schema(given: str | None, key: str, cwd: Path) -> tuple[str, str]:
    """The schema to read, and how it was found when Prisma's own lookup found it.

    Nothing given: the portal is looked up in the working directory. A local
    folder that looks like an app (a Prisma config, a package.json or a prisma/
    folder, and no .prisma files of its own: a monorepo's apps/admin) has its
    schema looked up in it, as Prisma would; any other folder is a schema folder.
    """
    if given is not None:
        if parse_spec(given, cwd) is not None or not _is_app(cwd / given):
            return given, ""
        app = cwd / given
    elif key == "portal":
        app = cwd
    else:
        raise ConfigError("no canonical schema: give --canonical, or set canonical in prisma-lint's config")
    found = discover_schema(app, key)
    path = _relative_to(found.schema, cwd)
    return path, f"{key.capitalize()} schema {path}: found through {found.through}."


def _is_app(folder: Path) -> bool:
    if not folder.is_dir() or any(folder.glob("*.prisma")):
        return False
    markers = (folder / "package.json").is_file() or (folder / "prisma").is_dir()
    return markers or find_prisma_config(folder) is not None


def _relative_to(path: Path, cwd: Path) -> str:
    try:
        return path.relative_to(cwd).as_posix()
    except ValueError:
        return str(path)


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
    verdict = judge(parse_sources(portal_files), history_versions(spec, options.cwd, config), config)
    return with_verdict(result, verdict, portal_files)


def history_versions(spec: GitSpec, cwd: Path, config: Config) -> Iterator[Version]:
    """The canonical schema's versions, newest first: (commit, date, files)."""
    from prisma_lint.sources import git as gitsource

    cache = Path(config.cache_dir) if config.cache_dir else None
    for v in gitsource.history(spec, cwd=cwd, cache_dir=cache, limit=config.history_depth):
        yield v.commit, v.date, v.files


def with_verdict(result: DiffResult, verdict: Verdict, portal_files: list[SourceFile]) -> DiffResult:
    """The verdict on the result; a stale copy's findings become one PORTAL_STALE."""
    if verdict.status != "stale" or verdict.match is None:
        return replace(result, verdict=verdict)
    match = verdict.match
    behind = f"{counted(match.position, 'schema commit')} behind"
    message = (
        f"The portal copy matches the canonical schema at {match.commit[:7]} ({match.date[:10]}), "
        f"{behind}. Run `prisma-lint sync`."
    )
    where = Location(portal_files[0].display, 1, 1)
    stale = Change(
        Code.PORTAL_STALE,
        Kind.CHANGED,
        "schema",
        result.portal_source,
        Code.PORTAL_STALE.info.severity,
        message,
        None,
        where,
        detail=match.commit,
    ).with_fingerprint()
    return replace(result, changes=(stale,), verdict=verdict)


def _policy(cwd: Path, portal: Path, config: Config) -> tuple[Change, ...]:
    """The ownership rules, over the portal app: its folder in a monorepo, else the repository."""
    schema = (cwd / portal).resolve()
    repo = _repo_root(schema) or _repo_root(cwd.resolve()) or cwd.resolve()
    app = _app_root(schema, repo) if repo in schema.parents else repo
    found: list[Change] = []
    if config.check_migrations:
        migrations = (cwd / config.migrations) if config.migrations else migrations_folder(app)
        found += find_migration_folders(app, schema, base=repo, migrations=migrations)
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
