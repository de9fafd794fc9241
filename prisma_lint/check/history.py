"""Stale or edited: why the portal copy differs from the canonical schema.

When the canonical schema comes from git, its history is walked (newest
first, at most `depth` commits that changed it) for a version the copy equals
in meaning. Found: the copy is STALE, someone forgot to sync. Not found: the
copy was EDITED, and the nearest version (fewest differing fields, settings
and attributes; the newer of two as near) is named.

Versions share most of their text, so they are parsed through one chunk cache
(syntax/pairparse.py): a chunk's text is parsed once for the whole walk.
Versions are compared by their fact sets (semantic.py), not by diffing.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

from prisma_lint.check.verdicts import Candidate, Verdict
from prisma_lint.config import Config
from prisma_lint.drift.diff import diff
from prisma_lint.drift.semantic import Facts, block_facts, counted, distance, facts
from prisma_lint.syntax import ast
from prisma_lint.syntax.ast import SourceFile
from prisma_lint.syntax.pairparse import ChunkCache, cached_schema

CONFIRM = 5  # versions diffed under the config's ignore rules when no version matches exactly


def history_cache() -> ChunkCache[tuple[ast.Block, ...]]:
    """A cache of whole chunks, for walking one canonical history (shared by every portal)."""
    return ChunkCache("<history>", tuple)


def _facts(schema: ast.Schema, known: dict[int, tuple[Hashable, ...]]) -> Facts:
    """The version's facts, each block's computed once for the whole walk (the cache keeps
    blocks alive, so ids are stable)."""
    for block in schema.blocks:
        if id(block) not in known:
            known[id(block)] = block_facts(block)
    return counted(known[id(block)] for block in schema.blocks)


def judge(
    portal: ast.Schema,
    versions: Iterable[tuple[str, str, tuple[SourceFile, ...]]],
    config: Config,
    cache: ChunkCache[tuple[ast.Block, ...]] | None = None,
) -> Verdict:
    """Walk versions (commit, date, files), newest first, and say stale or edited.

    Several portals judged against one history share one cache, so each version is parsed once."""
    cache = cache or history_cache()
    target = facts(portal)
    known: dict[int, tuple[Hashable, ...]] = {}  # block id -> its facts
    seen: list[tuple[int, Candidate, ast.Schema]] = []
    for position, (commit, date, files) in enumerate(versions):
        schema = cached_schema(files, cache)
        if schema is None:
            continue
        candidate = Candidate(commit, date, position)
        version_facts = _facts(schema, known)
        if version_facts == target:
            return Verdict("stale", match=candidate, versions=position + 1)
        seen.append((distance(version_facts, target), candidate, schema))
    if not seen:
        return Verdict("edited", versions=0)
    ranked = sorted(seen, key=lambda item: (item[0], item[1].position))
    if config.ignore:  # ignore rules may hide the only differences from a near version
        for _, candidate, schema in ranked[:CONFIRM]:
            if not config.apply(diff(schema, portal)).changes:
                return Verdict("stale", match=candidate, versions=len(seen))
    apart, nearest, _ = ranked[0]
    return Verdict("edited", nearest=nearest, nearest_distance=apart, versions=len(seen))
