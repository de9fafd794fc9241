"""`prisma-lint check`: the diff, why it happened, and the ownership rules, in one verdict.

This is what CI and the GitHub Action run. The canonical schema usually lives
in another repository (the admin app's), so any source syntax is accepted
(specs.py). When the canonical side has git history (a REF:PATH or URL#REF:PATH
spec, or a path inside a git working tree) and the copy differs, that history
tells STALE (an older version, unsynced) from EDITED (changed by hand).

Every finding, drift, stale or policy, goes through the config's ignore and
severity rules once.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from contextlib import closing
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from prisma_lint.check.history import history_cache, judge
from prisma_lint.check.plan import CheckOptions, Plan, plan_sources
from prisma_lint.check.policy import find_migrate_commands, find_migration_folders
from prisma_lint.check.verdicts import Candidate, Verdict
from prisma_lint.config import Config
from prisma_lint.drift.changes import ORDER_CODES, Change, Code, Kind, Location, Obj
from prisma_lint.drift.diff import diff
from prisma_lint.drift.result import DiffResult
from prisma_lint.engine import diff_sources, load, load_source, with_source_lines
from prisma_lint.errors import SourceError
from prisma_lint.sources.discover import migrations_folder
from prisma_lint.sources.specs import GitSpec, is_remote, parse_spec
from prisma_lint.syntax.ast import SourceFile
from prisma_lint.syntax.parser import parse_sources
from prisma_lint.words import counted

if TYPE_CHECKING:  # git is imported only when history is needed
    from prisma_lint.sources.plaingit import Version as GitVersion
    from prisma_lint.syntax.pairparse import ChunkCache

Version = tuple[str, str, tuple[SourceFile, ...]]  # commit, date, files


def run_check(options: CheckOptions, config: Config) -> DiffResult:
    plan = plan_sources(options, config)
    canonical_files, _ = load_source(plan.source, cwd=options.cwd, config=config)
    portal_files, _ = load(plan.portal, cwd=options.cwd, config=config)
    cache = history_cache() if plan.history is not None else None  # the diff's chunks, for the walk
    result = diff_sources(
        canonical_files,
        portal_files,
        plan.canonical,
        plan.portal,
        config=config,
        strict=options.strict,
        keep=cache,
    )
    meaningful = any(c.code not in ORDER_CODES for c in result.changes)
    if meaningful and cache is not None:
        result = _explain(result, plan, portal_files, options, config, cache=cache)
    elif not meaningful:  # order notices alone: the copy means what the canonical schema means
        result = replace(result, verdict=Verdict("clean"))
    policy = config.apply(replace(result, changes=_policy(options.cwd, Path(plan.portal), config)))
    return replace(
        result,
        changes=result.changes + policy.changes,
        ignored=policy.ignored,
        notes=result.notes + plan.notes,
    )


def _explain(
    result: DiffResult,
    plan: Plan,
    portal_files: list[SourceFile],
    options: CheckOptions,
    config: Config,
    *,
    cache: ChunkCache,
) -> DiffResult:
    assert plan.history is not None
    versions: list[GitVersion] = []  # those the walk read: it stops at a match
    # A fetched history is not read twice (the cache may move); a local one (a path's, url ".")
    # is read again for the nearest version
    keep = plan.history.url is not None and is_remote(plan.history.url)
    try:
        with closing(_versions(plan.history, options, config)) as source:
            verdict = judge(portal_files, _recorded(source, versions, keep), config, cache)
    except SourceError:
        if not plan.history_optional:
            raise
        return result
    if not versions and plan.history_optional:  # an untracked file, or a repository without commits
        return result
    if verdict.status == "stale" and verdict.match is not None:
        stale = _stale_finding(verdict.match, result, portal_files, plan)
        return config.apply(replace(result, changes=(stale,), verdict=verdict))
    near = verdict.nearest
    if verdict.status != "edited" or near is None or near.position == 0:
        return replace(result, verdict=verdict)
    return _against_older(
        result, verdict, near, versions, plan=plan, portal_files=portal_files, options=options, config=config
    )


def _against_older(
    result: DiffResult,
    verdict: Verdict,
    near: Candidate,
    versions: list[GitVersion],
    *,
    plan: Plan,
    portal_files: list[SourceFile],
    options: CheckOptions,
    config: Config,
) -> DiffResult:
    """Edited, from an older version: the copy's own edits are measured against that version,
    and what the admin changed since is summed up in one finding."""
    assert plan.history is not None
    files = versions[near.position].files or _files_at(plan.history, near.commit, options)
    base_files = _relabel(files, plan.history, near.commit)
    own = diff_sources(
        base_files,
        portal_files,
        _label(plan.history, near.commit),
        plan.portal,
        config=config,
        strict=options.strict,
    )
    upstream = _upstream(list(versions[0].files), base_files, config)
    graded = config.apply(replace(own, changes=(_stale_finding(near, result, portal_files, plan, upstream),)))
    edits = replace(own, changes=own.changes + graded.changes, ignored=own.ignored + graded.ignored)
    return replace(
        edits, canonical_source=result.canonical_source, verdict=replace(verdict, baseline=near.commit)
    )


def _versions(spec: GitSpec, options: CheckOptions, config: Config) -> Generator[GitVersion, None, None]:
    """The canonical history, read as the walk asks for it (git reads ahead: sources/catfile.py)."""
    from prisma_lint.sources import plaingit

    cache = Path(config.cache_dir) if config.cache_dir else None
    return plaingit.history(spec, cwd=options.cwd, cache_dir=cache, limit=config.history_depth)


def _recorded(source: Iterator[GitVersion], read: list[GitVersion], keep: bool) -> Iterator[Version]:
    """source's versions for the walk, each recorded in read; past the newest without its files
    unless keep (200 versions of a 290 KB schema held 260 MiB), so the nearest is read again."""
    for version in source:
        read.append(version if keep or not read else replace(version, files=()))
        yield version.commit, version.date, version.files


def _files_at(spec: GitSpec, commit: str, options: CheckOptions) -> tuple[SourceFile, ...]:
    from prisma_lint.sources import plaingit

    # A history with a url here is a local repository's (remote ones are kept): read it there.
    where = options.cwd if spec.url is None else options.cwd / spec.url
    return tuple(plaingit.files_at(spec, commit, cwd=where))


def _upstream(head: list[SourceFile], base: list[SourceFile], config: Config) -> tuple[Change, ...]:
    """The canonical changes since the copy's version, as the copy lacks them (config applied)."""
    changes = diff(parse_sources(head), parse_sources(base), canonical_source="", portal_source="")
    return with_source_lines(config.apply(changes), head + base).changes


def _stale_finding(
    match: Candidate,
    result: DiffResult,
    portal_files: list[SourceFile],
    plan: Plan,
    upstream: tuple[Change, ...] = (),
) -> Change:
    when = f"{match.commit[:7]} ({match.date[:10]})"
    advice = f"Run `{plan.sync_command}`."
    if upstream:
        message = (
            f"The portal copy was edited from the canonical schema at {when}, and "
            f"{counted(len(upstream), 'canonical change')} since {match.commit[:7]} "
            f"{'was' if len(upstream) == 1 else 'were'} not synced: run `{plan.sync_command}`."
        )
    else:
        message = (
            f"The portal copy matches the canonical schema at {when}, {_behind(match.position)}. {advice}"
        )
    return _stale_change(result, portal_files, message, upstream)


def _stale_change(
    result: DiffResult, portal_files: list[SourceFile], message: str, upstream: tuple[Change, ...] = ()
) -> Change:
    where = Location(portal_files[0].display, 1, 1)
    severity = Code.PORTAL_STALE.info.severity
    return Change(
        Code.PORTAL_STALE,
        Kind.CHANGED,
        Obj.POLICY,
        result.portal_source,
        severity,
        message,
        None,
        where,
        related=upstream,
    ).with_fingerprint()


def _behind(position: int) -> str:
    if position == 0:
        return "an older version than the one it is compared with"
    return f"{counted(position, 'schema commit')} behind"


def _label(spec: GitSpec, commit: str) -> str:
    return GitSpec(spec.url, commit[:7], spec.path).display()


def _relabel(files: tuple[SourceFile, ...], spec: GitSpec, commit: str) -> list[SourceFile]:
    """Name a version's files by its commit, not by the ref the walk started from."""
    old, new = spec.display()[: -len(spec.path)], _label(spec, commit)[: -len(spec.path)]
    return [replace(f, display=new + f.display[len(old) :]) for f in files]


# Used by several-portal runs (portals.py).


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


def history_versions(spec: GitSpec, cwd: Path, config: Config) -> Iterator[Version]:
    """The canonical schema's versions, newest first: (commit, date, files)."""
    from prisma_lint.sources import plaingit

    cache = Path(config.cache_dir) if config.cache_dir else None
    for v in plaingit.history(spec, cwd=cwd, cache_dir=cache, limit=config.history_depth):
        yield v.commit, v.date, v.files


def with_verdict(result: DiffResult, verdict: Verdict, portal_files: list[SourceFile]) -> DiffResult:
    """The verdict on the result; a stale copy's findings become one PORTAL_STALE."""
    if verdict.status != "stale" or verdict.match is None:
        return replace(result, verdict=verdict)
    match = verdict.match
    message = (
        f"The portal copy matches the canonical schema at {match.commit[:7]} ({match.date[:10]}), "
        f"{_behind(match.position)}. Run `prisma-lint sync`."
    )
    stale = _stale_change(result, portal_files, message)
    return replace(result, changes=(stale,), verdict=verdict)


def _policy(cwd: Path, portal: Path, config: Config) -> tuple[Change, ...]:
    """The ownership rules, over the portal app: its folder in a monorepo, else the repository."""
    schema = (cwd / portal).resolve()
    repo = _repo_root(schema) or _repo_root(cwd.resolve()) or cwd.resolve()
    app = _app_root(schema, repo) if repo in schema.parents else repo
    found: list[Change] = []
    if config.check_migrations:
        configured = config.resolve(config.migrations, cwd)
        migrations = (cwd / configured) if configured else migrations_folder(app)
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


__all__ = ["CheckOptions", "Version", "history_versions", "run_check", "with_verdict"]
