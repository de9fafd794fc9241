"""Stale or edited: why the portal copy differs from the canonical schema.

When the canonical schema comes from git, its history is walked (newest
first, at most `depth` commits that changed it) for a version the copy equals
in meaning. Found: the copy is STALE, someone forgot to sync. Not found: the
copy was EDITED, and the nearest version (fewest differing fields, settings
and attributes; the newer of two as near) is named.

Versions share most of their text, so each is cut into chunks (chunks.Cutter
rescans only the region that changed since the previous version), and a
version is the list of its chunk texts. They are compared with the copy by
fact sets (semantic.py), not by diffing, and only over the chunks they do not
share: shared facts cancel out of both the equality and the distance, so the
result is that of comparing the whole fact sets (apart.py). A chunk that
changed in a few lines is parsed only there (syntax/splice.py); any other new
chunk is parsed whole when its facts are needed, once for the walk, through
the history's chunk cache, which also holds what the diff before the walk
learnt: which chunks parse cleanly (those need no parse to be known good),
and the blocks of those the two sides do not share.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from prisma_lint.check.apart import Apart, Step, Unit, Whole
from prisma_lint.check.verdicts import Candidate, Verdict
from prisma_lint.config import Config
from prisma_lint.drift.diff import diff
from prisma_lint.syntax import ast, chunks
from prisma_lint.syntax.ast import SourceFile
from prisma_lint.syntax.chunks import Cutter
from prisma_lint.syntax.lexing import normalise_newlines
from prisma_lint.syntax.pairparse import ChunkCache
from prisma_lint.syntax.parser import parse_sources
from prisma_lint.syntax.splice import line_change

CONFIRM = 5  # versions diffed under the config's ignore rules when no version matches exactly


def history_cache() -> ChunkCache:
    """A cache of whole chunks, for walking one canonical history (shared by every portal)."""
    return ChunkCache("<history>")


class Versions:
    """Each version's chunk texts, looked at only where its files changed since the previous
    version (chunks.Cutter says which chunks those are), with how it differs from that one."""

    def __init__(self, cache: ChunkCache) -> None:
        self.cache = cache
        self.files: dict[str, tuple[Cutter, list[str] | None]] = {}  # name -> its cutter, chunk texts
        self.lost = False  # the files were forgotten (two of one name): the next step is unknown

    def units(self, files: Sequence[SourceFile]) -> tuple[list[Unit], Step | None] | None:
        """A version's units and how it differs from the previous version (None if unknown);
        None if any chunk has syntax errors (the next change is from this one, as far as it cut)."""
        if len({source.display for source in files}) < len(files):  # two files of one name
            self.files.clear()
            self.lost = True
            found = Versions(self.cache).units([replace(f, display=str(i)) for i, f in enumerate(files)])
            return (found[0], None) if found else None
        out: list[Unit] = []
        step = Step()
        named = {source.display for source in files}
        for gone in [name for name in self.files if name not in named]:
            step.removed.extend(self.files.pop(gone)[1] or ())
        valid = True
        for source in files:
            own = self._file(source, step)
            valid = valid and own is not None
            out.extend(own or ())
        lost, self.lost = self.lost, False
        return (out, None if lost else step) if valid else None

    def _file(self, source: SourceFile, step: Step) -> list[str] | None:
        cutter, before = self.files.get(source.display) or (Cutter(), None)
        text, old = normalise_newlines(source.text), cutter.texts
        texts = cutter.cut(text) or [text]
        change = cutter.change if before is not None else None
        start, stop, end = change or (0, len(texts), 0)
        paired = change is not None and stop == end  # as many chunks as before: each replaced one
        for i, new in enumerate(texts[start:stop]):
            was = old[start + i] if paired else None
            if was == new:
                continue
            found = line_change(was, new) if was is not None else None
            if found is not None and was is not None:
                self.cache.clean.add(new)  # parses, as was does: splice.py says why
                step.changed.append((was, new, found))
                continue
            if not self.cache.parses(new):
                self.files[source.display] = (cutter, None)  # the next version looks everything up
                return None
            step.added.append(new)
            if was is not None:
                step.removed.append(was)
        if not paired:
            step.removed.extend((before or []) if change is None else (before or [])[start:end])
        self.files[source.display] = (cutter, texts)
        return texts


def _portal_units(portal: ast.Schema | Sequence[SourceFile], cache: ChunkCache) -> list[Unit]:
    """The copy's chunk texts (files), or the copy as one unit of its own (a schema)."""
    if not isinstance(portal, ast.Schema):
        texts = [_chunk_texts(source) for source in portal]
        if all(cache.parses(text) for file_texts in texts for text in file_texts):
            return [text for file_texts in texts for text in file_texts]
        portal = parse_sources(list(portal))  # a chunk that fails alone: compare the whole file
    return [Whole(portal.blocks)]


def _chunk_texts(source: SourceFile) -> list[str]:
    text = normalise_newlines(source.text)
    return [c.text for c in chunks.split(text) or [chunks.Chunk(text, 1, 1)]]


def judge(
    portal: ast.Schema | Sequence[SourceFile],
    versions: Iterable[tuple[str, str, tuple[SourceFile, ...]]],
    config: Config,
    cache: ChunkCache | None = None,
) -> Verdict:
    """Walk versions (commit, date, files), newest first, and say stale or edited. The portal
    copy is its parsed schema, or its files (then compared chunk by chunk: faster).

    Several portals judged against one history share one cache, so each chunk text is parsed
    at most once (and one changed in a few lines only on those lines)."""
    cache = cache or history_cache()
    walk = Apart(_portal_units(portal, cache), cache.get)
    walked = Versions(cache)
    synced = True  # walk stands at the version before this one (not at one that did not parse)
    seen: list[tuple[int, Candidate, list[Unit]]] = []
    for position, (commit, date, files) in enumerate(versions):
        found = walked.units(files)
        if found is None:
            synced = False
            continue
        parts, step = found
        if synced and position and step:
            walk.shift(step)
        else:
            walk.move(parts)
        synced = True
        candidate = Candidate(commit, date, position)
        if not walk.apart:
            return Verdict("stale", match=candidate, versions=position + 1)
        seen.append((walk.distance(), candidate, parts))
    return _edited(seen, portal, config, cache)


def _edited(
    seen: list[tuple[int, Candidate, list[Unit]]],
    portal: ast.Schema | Sequence[SourceFile],
    config: Config,
    cache: ChunkCache,
) -> Verdict:
    """No version equals the copy: the nearest, unless the ignore rules hide what differs."""
    if not seen:
        return Verdict("edited", versions=0)
    ranked = sorted(seen, key=lambda item: (item[0], item[1].position))
    if config.ignore:  # ignore rules may hide the only differences from a near version
        copy = portal if isinstance(portal, ast.Schema) else parse_sources(list(portal))
        for _, candidate, parts in ranked[:CONFIRM]:
            schema = ast.Schema(tuple(block for unit in parts for block in _blocks(unit, cache)))
            if not config.apply(diff(schema, copy)).changes:
                return Verdict("stale", match=candidate, versions=len(seen))
    apart, nearest, _ = ranked[0]
    return Verdict("edited", nearest=nearest, nearest_distance=apart, versions=len(seen))


def _blocks(unit: Unit, cache: ChunkCache) -> tuple[ast.Block, ...]:
    blocks = unit.blocks if isinstance(unit, Whole) else cache.get(unit)
    assert blocks is not None, "a unit of a version that parsed"
    return blocks
