"""Stale or edited: why the portal copy differs from the canonical schema.

When the canonical schema comes from git, its history is walked (newest
first, at most `depth` commits that changed it) for a version the copy equals
in meaning. Found: the copy is STALE, someone forgot to sync. Not found: the
copy was EDITED, and the nearest version (fewest differing fields, settings
and attributes; the newer of two as near) is named.

Versions share most of their text, so each is cut into chunks (chunks.Cutter
rescans only the region that changed since the previous version) and parsed
through one chunk cache (syntax/pairparse.py): a chunk's text is parsed once
for the whole walk. The portal copy goes through the same cache, so a chunk
text the copy and a version share is one tuple of blocks on both sides. They
are compared by fact sets (semantic.py), not by diffing, and only over the
chunks they do not share: shared facts cancel out of both the equality and
the distance, so the result is that of comparing the whole fact sets.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import replace

from prisma_lint.check.verdicts import Candidate, Verdict
from prisma_lint.config import Config
from prisma_lint.drift.diff import diff
from prisma_lint.drift.semantic import block_facts, identity
from prisma_lint.syntax import ast
from prisma_lint.syntax.ast import SourceFile
from prisma_lint.syntax.chunks import Cutter
from prisma_lint.syntax.lexing import normalise_newlines
from prisma_lint.syntax.pairparse import ChunkCache
from prisma_lint.syntax.parser import parse_sources

CONFIRM = 5  # versions diffed under the config's ignore rules when no version matches exactly
Unit = tuple[ast.Block, ...]  # one chunk text's blocks: one object per text in the cache


def history_cache() -> ChunkCache[Unit]:
    """A cache of whole chunks, for walking one canonical history (shared by every portal)."""
    return ChunkCache("<history>", tuple)


def units(
    files: Iterable[SourceFile], cache: ChunkCache[Unit], cutters: dict[str, Cutter]
) -> list[Unit] | None:
    """A schema as the cached blocks of its chunks, in order; None if any chunk has syntax errors.
    cutters keeps a Cutter per file name, so the next version's cut reuses this one's."""
    out: list[Unit] = []
    for source in files:
        text = normalise_newlines(source.text)
        for part in cutters.setdefault(source.display, Cutter()).cut(text) or [text]:
            parsed = cache.get(part)
            if parsed is None:
                return None  # a version with syntax errors cannot be compared
            out.append(parsed)
    return out


Delta = tuple[list[Unit], list[Unit]]  # (units added, units removed) since the previous version


class Versions:
    """Each version's units, looked up only where its files changed since the previous version
    (chunks.Cutter says which chunks those are), with what was added and removed."""

    def __init__(self, cache: ChunkCache[Unit]) -> None:
        self.cache = cache
        self.files: dict[str, tuple[Cutter, list[Unit] | None]] = {}  # name -> its cutter, units

    def units(self, files: Sequence[SourceFile]) -> tuple[list[Unit], Delta | None] | None:
        """A version's units and the change from the previous version (None if unknown); None
        if any chunk has syntax errors (the next change is from this one, as far as it parsed)."""
        if len({source.display for source in files}) < len(files):  # two files of one name
            self.files.clear()
            found = Versions(self.cache).units([replace(f, display=str(i)) for i, f in enumerate(files)])
            return (found[0], None) if found else None
        out: list[Unit] = []
        added: list[Unit] = []
        removed: list[Unit] = []
        named = {source.display for source in files}
        for gone in [name for name in self.files if name not in named]:
            removed.extend(self.files.pop(gone)[1] or ())
        valid = True
        for source in files:
            own = self._file(source, added, removed)
            valid = valid and own is not None
            out.extend(own or ())
        return (out, (added, removed)) if valid else None

    def _file(self, source: SourceFile, added: list[Unit], removed: list[Unit]) -> list[Unit] | None:
        cutter, before = self.files.get(source.display) or (Cutter(), None)
        text = normalise_newlines(source.text)
        texts = cutter.cut(text) or [text]
        change = cutter.change if before is not None else None
        start, stop, end = change or (0, len(texts), 0)
        fresh = [self.cache.get(t) for t in texts[start:stop]]
        if any(unit is None for unit in fresh):
            self.files[source.display] = (cutter, None)  # the next version looks everything up
            return None
        middle = [unit for unit in fresh if unit is not None]
        now = middle if change is None else (before or [])[:start] + middle + (before or [])[end:]
        added.extend(middle)
        removed.extend((before or []) if change is None else (before or [])[start:end])
        self.files[source.display] = (cutter, now)
        return now


class Apart:
    """How a version differs from the copy in facts, kept up to date as the walk moves from one
    version to the next: only the chunks that changed between the two are looked at.

    The counts are those `counted` numbers: the version equals the copy when every fact's count
    is the same on both sides, and `distance` counts the identities of the facts whose counts
    differ (tests/test_history_walk.py checks it against semantic.distance)."""

    def __init__(self, copy: list[Unit]) -> None:
        self.units = _count(copy)  # unit id -> count, in the version last moved to
        self.by_id = {id(unit): unit for unit in copy}  # every unit seen (the cache keeps them alive)
        self.delta: dict[Hashable, int] = {}  # fact -> count in the version minus count in the copy
        self.apart: dict[Hashable, int] = {}  # identity -> its facts whose counts differ
        self.known: dict[int, tuple[tuple[Hashable, Hashable], ...]] = {}  # unit id -> (fact, identity)

    def move(self, parts: list[Unit]) -> None:
        """Make parts (a version's units) the version compared."""
        now = _count(parts)
        left = dict(self.units)
        for unit in parts:
            if left.get(id(unit), 0) > 0:
                left[id(unit)] -= 1
            else:
                self.by_id.setdefault(id(unit), unit)
                self._add(unit, 1)
        for key, count in left.items():
            for _ in range(count):
                self._add(self.by_id[key], -1)
        self.units = now

    def shift(self, added: list[Unit], removed: list[Unit]) -> None:
        """Move to the next version, given what changed since the one moved to last."""
        for unit in added:
            self.by_id.setdefault(id(unit), unit)
            self.units[id(unit)] = self.units.get(id(unit), 0) + 1
            self._add(unit, 1)
        for unit in removed:
            self.units[id(unit)] -= 1
            if not self.units[id(unit)]:
                del self.units[id(unit)]
            self._add(unit, -1)

    def _add(self, unit: Unit, sign: int) -> None:
        if id(unit) not in self.known:
            facts = (fact for block in unit for fact in block_facts(block))
            self.known[id(unit)] = tuple((fact, identity(fact)) for fact in facts)
        delta, apart = self.delta, self.apart
        for fact, key in self.known[id(unit)]:
            before = delta.get(fact, 0)
            delta[fact] = before + sign
            if before == 0:
                apart[key] = apart.get(key, 0) + 1
            elif before + sign == 0:
                del delta[fact]
                apart[key] -= 1
                if not apart[key]:
                    del apart[key]

    def distance(self) -> int:
        return len(self.apart)


def _count(parts: list[Unit]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for unit in parts:
        counts[id(unit)] = counts.get(id(unit), 0) + 1
    return counts


def _portal_units(portal: ast.Schema | Sequence[SourceFile], cache: ChunkCache[Unit]) -> list[Unit]:
    """The copy through the history's cache (files), or as one unit of its own (a schema)."""
    if not isinstance(portal, ast.Schema):
        through_cache = units(portal, cache, {})
        if through_cache is not None:
            return through_cache
        portal = parse_sources(list(portal))  # a chunk that fails alone: compare the whole file
    return [portal.blocks]


def judge(
    portal: ast.Schema | Sequence[SourceFile],
    versions: Iterable[tuple[str, str, tuple[SourceFile, ...]]],
    config: Config,
    cache: ChunkCache[Unit] | None = None,
) -> Verdict:
    """Walk versions (commit, date, files), newest first, and say stale or edited. The portal
    copy is its parsed schema, or its files (then compared chunk by chunk: faster).

    Several portals judged against one history share one cache, so each version is parsed once."""
    cache = cache or history_cache()
    walk = Apart(_portal_units(portal, cache))
    walked = Versions(cache)
    synced = True  # walk stands at the version before this one (not at one that did not parse)
    seen: list[tuple[int, Candidate, list[Unit]]] = []
    for position, (commit, date, files) in enumerate(versions):
        found = walked.units(files)
        if found is None:
            synced = False
            continue
        parts, delta = found
        if synced and position and delta:
            walk.shift(*delta)
        else:
            walk.move(parts)
        synced = True
        candidate = Candidate(commit, date, position)
        if not walk.apart:
            return Verdict("stale", match=candidate, versions=position + 1)
        seen.append((walk.distance(), candidate, parts))
    return _edited(seen, portal, config)


def _edited(
    seen: list[tuple[int, Candidate, list[Unit]]], portal: ast.Schema | Sequence[SourceFile], config: Config
) -> Verdict:
    """No version equals the copy: the nearest, unless the ignore rules hide what differs."""
    if not seen:
        return Verdict("edited", versions=0)
    ranked = sorted(seen, key=lambda item: (item[0], item[1].position))
    if config.ignore:  # ignore rules may hide the only differences from a near version
        copy = portal if isinstance(portal, ast.Schema) else parse_sources(list(portal))
        for _, candidate, parts in ranked[:CONFIRM]:
            schema = ast.Schema(tuple(block for unit in parts for block in unit))
            if not config.apply(diff(schema, copy)).changes:
                return Verdict("stale", match=candidate, versions=len(seen))
    apart, nearest, _ = ranked[0]
    return Verdict("edited", nearest=nearest, nearest_distance=apart, versions=len(seen))
