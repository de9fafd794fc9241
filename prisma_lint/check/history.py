"""Stale or edited: why the portal copy differs from the canonical schema.

When the canonical schema comes from git, its history is walked (newest
first, at most `depth` commits that changed it) for a version the copy equals
in meaning. Found: the copy is STALE, someone forgot to sync. Not found: the
copy was EDITED, and the nearest version (fewest differing facts) is named.

Versions share most of their text, so each version is cut into block chunks
and a chunk's text is parsed once for the whole walk; versions are compared by
their fact sets (semantic.py), not by diffing.
"""

from __future__ import annotations

from collections.abc import Iterable

from prisma_lint.check.verdicts import Candidate, Verdict
from prisma_lint.config import Config
from prisma_lint.drift.diff import diff
from prisma_lint.drift.semantic import Facts, block_facts, facts
from prisma_lint.syntax import ast, chunks
from prisma_lint.syntax.ast import SourceFile
from prisma_lint.syntax.parser import normalise_newlines, parse_text

CONFIRM = 5  # versions diffed under the config's ignore rules when no version matches exactly


class ChunkParser:
    """Parses schema versions, each distinct block text only once."""

    def __init__(self) -> None:
        self.memo: dict[str, tuple[ast.Block, ...] | None] = {}

    def schema(self, files: Iterable[SourceFile]) -> ast.Schema | None:
        blocks: list[ast.Block] = []
        for source in files:
            text = normalise_newlines(source.text)
            for part in chunks.split(text) or [chunks.Chunk(text, 1, 1)]:
                parsed = self._chunk(part.text)
                if parsed is None:
                    return None  # a version with syntax errors cannot be compared
                blocks.extend(parsed)
        return ast.Schema(tuple(blocks))

    def _chunk(self, text: str) -> tuple[ast.Block, ...] | None:
        if text not in self.memo:
            blocks, errors = parse_text(text, "<history>")
            self.memo[text] = None if errors else blocks
        return self.memo[text]


def _distance(schema: ast.Schema, target: Facts, known: dict[int, tuple[int, int]]) -> int:
    """How many facts the version and the portal do not share (the symmetric difference).

    Blocks with distinct names have disjoint facts, so the count is summed per
    block, each block counted once for the whole walk (the parser's memo keeps
    blocks alive, so ids are stable). Duplicate names: the sets themselves.
    """
    names = [(b.kind, b.name) if isinstance(b, ast.ConfigBlock) else b.name for b in schema.blocks]
    if len(set(names)) < len(names):
        return len(facts(schema) ^ target)
    total = shared = 0
    for block in schema.blocks:
        if id(block) not in known:
            own = block_facts(block)
            known[id(block)] = (len(own), len(own & target))
        size, common = known[id(block)]
        total += size
        shared += common
    return total + len(target) - 2 * shared


def judge(
    portal: ast.Schema, versions: Iterable[tuple[str, str, tuple[SourceFile, ...]]], config: Config
) -> Verdict:
    """Walk versions (commit, date, files), newest first, and say stale or edited."""
    parser = ChunkParser()
    target = facts(portal)
    known: dict[int, tuple[int, int]] = {}  # block id -> (its facts, how many are the portal's)
    seen: list[tuple[int, Candidate, ast.Schema]] = []
    for position, (commit, date, files) in enumerate(versions):
        schema = parser.schema(files)
        if schema is None:
            continue
        candidate = Candidate(commit, date, position)
        distance = _distance(schema, target, known)
        if distance == 0:
            return Verdict("stale", match=candidate, versions=position + 1)
        seen.append((distance, candidate, schema))
    if not seen:
        return Verdict("edited", versions=0)
    ranked = sorted(seen, key=lambda item: (item[0], item[1].position))
    if config.ignore:  # ignore rules may hide the only differences from a near version
        for _, candidate, schema in ranked[:CONFIRM]:
            if not config.apply(diff(schema, portal)).changes:
                return Verdict("stale", match=candidate, versions=len(seen))
    distance, nearest, _ = ranked[0]
    return Verdict("edited", nearest=nearest, nearest_distance=distance, versions=len(seen))
