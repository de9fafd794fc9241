"""How a version of the canonical schema differs from the copy, in facts (history.py's walk).

A version is a list of units: the texts of its chunks (chunks.py), parsed only
when their facts are needed. The walk moves from one version to the next,
older one, and `Apart` is told only which units came and went, and for a chunk
that changed only in a few lines (syntax/splice.py) which members those lines
took away and put in. It keeps the fact counts of the version minus those of
the copy up to date: a unit the copy shares cancels out without being parsed.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from prisma_lint.drift.semantic import block_facts, identity, member_fact
from prisma_lint.syntax import ast
from prisma_lint.syntax.splice import LineChange


@dataclass(frozen=True, eq=False)
class Whole:
    """A schema compared as one unit (a copy given parsed): equal only to itself."""

    blocks: tuple[ast.Block, ...]


Unit = str | Whole  # a chunk's text, or a whole schema
Fact = tuple[Hashable, Hashable]  # a fact and its identity (what `distance` counts it under)
BlocksOf = Callable[[str], tuple[ast.Block, ...] | None]  # a chunk text's blocks (the history's cache)


@dataclass
class Step:
    """How a version differs from the one before it."""

    added: list[Unit] = field(default_factory=list)
    removed: list[Unit] = field(default_factory=list)
    changed: list[tuple[str, str, LineChange]] = field(default_factory=list)  # (old text, new, how)


class Apart:
    """The fact counts of the version moved to last, minus the copy's.

    The counts are those `semantic.counted` numbers: the version equals the copy when every
    fact's count is the same on both sides, and `distance` counts the identities of the facts
    whose counts differ (tests/test_history_walk.py checks it against semantic.distance)."""

    def __init__(self, copy: list[Unit], blocks_of: BlocksOf) -> None:
        self.blocks_of = blocks_of
        self.units = _count(copy)  # unit -> its count in the version last moved to
        self.excess: dict[Hashable, int] = {}  # fact -> count in the version minus count in the copy
        self.apart: dict[Hashable, int] = {}  # identity -> its facts whose counts differ
        self.known: dict[Unit, tuple[Fact, ...]] = {}  # unit -> its facts

    def move(self, parts: list[Unit]) -> None:
        """Make parts (a version's units) the version compared."""
        now = _count(parts)
        for unit in {*now, *self.units}:
            moved = now.get(unit, 0) - self.units.get(unit, 0)
            for _ in range(abs(moved)):
                self._add(self._facts(unit), 1 if moved > 0 else -1)
        self.units = now

    def shift(self, step: Step) -> None:
        """Move to the next version, given how it differs from the one moved to last."""
        for unit in step.added:
            self._tally(unit, 1)
            self._add(self._facts(unit), 1)
        for unit in step.removed:
            self._tally(unit, -1)
            self._add(self._facts(unit), -1)
        for old, new, change in step.changed:
            self._tally(old, -1)
            self._tally(new, 1)
            self._add([_paired(member_fact(change.name, m)) for m in change.gone], -1)
            self._add([_paired(member_fact(change.name, m)) for m in change.came], 1)

    def distance(self) -> int:
        return len(self.apart)

    def _tally(self, unit: Unit, sign: int) -> None:
        count = self.units.get(unit, 0) + sign
        if count:
            self.units[unit] = count
        else:
            del self.units[unit]

    def _facts(self, unit: Unit) -> tuple[Fact, ...]:
        found = self.known.get(unit)
        if found is None:
            blocks = unit.blocks if isinstance(unit, Whole) else self.blocks_of(unit)
            assert blocks is not None, "a unit of a version that parsed"
            found = self.known[unit] = tuple(_paired(f) for block in blocks for f in block_facts(block))
        return found

    def _add(self, facts: tuple[Fact, ...] | list[Fact], sign: int) -> None:
        excess, apart = self.excess, self.apart
        for fact, key in facts:
            before = excess.get(fact, 0)
            excess[fact] = before + sign
            if before == 0:
                apart[key] = apart.get(key, 0) + 1
            elif before + sign == 0:
                del excess[fact]
                apart[key] -= 1
                if not apart[key]:
                    del apart[key]


def _paired(fact: Hashable) -> Fact:
    return fact, identity(fact)


def _count(parts: list[Unit]) -> dict[Unit, int]:
    counts: dict[Unit, int] = {}
    for unit in parts:
        counts[unit] = counts.get(unit, 0) + 1
    return counts
