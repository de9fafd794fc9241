"""Which canonical text `check` diffs the copy against, and where its history comes from.

- A git spec (REF:PATH, URL#REF:PATH): both, at that ref. --canonical-ref is
  refused: the spec already names one.
- A path inside a git working tree: the file on disk is what the copy must
  equal, and that repository's history (at HEAD, or --canonical-ref) tells
  stale from edited. In a monorepo (the copy lives in the same working tree)
  the copy is always compared with the canonical schema of the same commit:
  --canonical-ref and --merge-base only choose where the history starts. In a
  separate checkout, --canonical-ref reads the canonical schema at that ref.
- Any other path: no history.

Paths from a config file are relative to that file's folder; paths on the
command line, to the working directory.
"""

from __future__ import annotations

import os
import shlex
from dataclasses import dataclass, replace
from pathlib import Path

from prisma_lint.check.locate import app_schema
from prisma_lint.config import Config, find_config
from prisma_lint.errors import ConfigError, UsageError
from prisma_lint.sources.specs import GitSpec, PathSpec, parse_source


@dataclass(frozen=True)
class CheckOptions:
    canonical: str | None = None  # overrides the config's
    portal: str | None = None
    canonical_ref: str | None = None  # where the canonical history starts (or, elsewhere, the ref read)
    merge_base: bool = False  # ... at the merge base of HEAD and canonical_ref
    strict: bool = False
    cwd: Path = Path(".")


@dataclass(frozen=True)
class Plan:
    canonical: str  # what the copy is diffed against, as named in output
    source: PathSpec | GitSpec  # ... parsed once
    portal: str
    history: GitSpec | None  # where stale-or-edited looks
    sync_command: str  # the `prisma-lint sync` that fixes a stale copy in this run
    history_optional: bool = False  # a path's own checkout: no history there (untracked) is no error
    notes: tuple[str, ...] = ()  # how a schema was found, when Prisma's own lookup found it


def plan_sources(options: CheckOptions, config: Config) -> Plan:
    canonical = options.canonical or config.resolve(config.canonical, options.cwd)
    if not canonical:
        raise ConfigError("no canonical schema: give --canonical, or set canonical in prisma-lint's config")
    canonical, canonical_note = app_schema(canonical, "canonical", options.cwd)
    given = options.portal or config.resolve(config.portal, options.cwd)
    portal, portal_note = app_schema(given, "portal", options.cwd)
    notes = tuple(note for note in (canonical_note, portal_note) if note)
    return replace(_plan(canonical, portal, options, config), notes=notes)


def _plan(canonical: str, portal: str, options: CheckOptions, config: Config) -> Plan:
    if options.merge_base and not options.canonical_ref:
        raise UsageError("--merge-base needs --canonical-ref REF (the branch to take the merge base with).")
    spec = parse_source(canonical, options.cwd)
    if isinstance(spec, GitSpec):
        if options.canonical_ref:
            raise UsageError(
                f"{canonical} already names a ref ({spec.ref}); drop --canonical-ref, or give the "
                "canonical schema as a path."
            )
        return Plan(canonical, spec, portal, spec, _sync(canonical, portal, options, config))
    source, history = _path_history(spec, portal, options)
    shown = source.display()
    optional = not options.canonical_ref
    return Plan(shown, source, portal, history, _sync(shown, portal, options, config), optional)


def _path_history(
    canonical: PathSpec, portal: str, options: CheckOptions
) -> tuple[PathSpec | GitSpec, GitSpec | None]:
    from prisma_lint.sources import git as gitsource

    path = (options.cwd / canonical.path).resolve()
    root = gitsource.work_tree(path) if path.exists() else None
    if root is None:
        if options.canonical_ref:
            raise UsageError(
                f"--canonical-ref needs a canonical schema in a git repository, and {canonical.path} is not "
                "in one; drop --canonical-ref."
            )
        return canonical, None
    ref = options.canonical_ref or "HEAD"
    if options.merge_base:
        ref = gitsource.merge_base(ref, cwd=root)
    elif options.canonical_ref:  # checked now: a clean copy never reads the history
        gitsource.verify_ref(ref, cwd=root)
    history = GitSpec(os.path.relpath(root, options.cwd), ref, path.relative_to(root).as_posix())
    same_tree = (options.cwd / portal).resolve().is_relative_to(root)
    if options.canonical_ref and not same_tree:  # a separate checkout: read it at the ref
        return history, history
    return canonical, history


def _sync(canonical: str, portal: str, options: CheckOptions, config: Config) -> str:
    """Plain `prisma-lint sync` when the config names both sides; else with the two arguments."""
    if not options.canonical and not options.portal and not options.canonical_ref and config.source:
        found = find_config(options.cwd.resolve())
        if found is not None and found.resolve() == Path(config.source).resolve():
            return "prisma-lint sync"  # run from here, sync finds the same config
        where = os.path.relpath(config.source, options.cwd)
        return f"prisma-lint sync --config {shlex.quote(where)}"
    return f"prisma-lint sync {shlex.quote(canonical)} {shlex.quote(portal)}"
