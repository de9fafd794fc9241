"""A schema's meaning as a set of facts: equal sets mean no drift.

Used to compare the portal copy with many versions of the canonical schema
quickly, no diff needed: check's walk keeps running counts of these facts as
it moves from version to version (check/apart.py), and `facts` and `distance`
are the whole-set definition its tests compare that with. The size of the
symmetric difference ranks versions by how close they are.

Facts are counted as the diff counts them: a duplicated attribute (or any
other repeated fact) is a difference, so the two never disagree. Repeated
facts are kept apart by their occurrence number; a field's or enum value's
attributes are a multiset.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable

from prisma_lint.drift.normalize import attribute_key, value_key
from prisma_lint.syntax import ast

Facts = frozenset[Hashable]


def facts(schema: ast.Schema) -> Facts:
    return counted(_facts(block) for block in schema.blocks)


def counted(per_block: Iterable[Iterable[Hashable]]) -> Facts:
    """A schema's facts from its blocks' facts, repeats numbered."""
    counts = Counter(fact for block in per_block for fact in block)
    return frozenset((fact, n) for fact, count in counts.items() for n in range(count))


def _multiset(items: Iterable[Hashable]) -> Hashable:
    return frozenset(Counter(items).items())


def block_facts(block: ast.Block) -> tuple[Hashable, ...]:
    """The facts of one block, repeats kept (`counted` numbers them)."""
    return tuple(_facts(block))


def _facts(block: ast.Block) -> list[Hashable]:
    if isinstance(block, ast.ConfigBlock):
        key = (block.kind, block.name)
        return [("block", key), *(("entry", key, e.key, value_key(e.value)) for e in block.entries)]
    members = block.fields if isinstance(block, ast.Model) else block.values
    kind = "enum" if isinstance(block, ast.Enum) else block.kind
    return [
        ("block", block.name, kind, block.documentation),
        *(member_fact(block.name, a) for a in block.attributes),
        *(member_fact(block.name, m) for m in members),
    ]


def member_fact(block: str, member: ast.Member) -> Hashable:
    """The fact of one block attribute, field or enum value of the block named block (history's
    walk counts those of a few changed lines: apart.py)."""
    if isinstance(member, ast.Attribute):
        return ("attribute", block, attribute_key(member))
    if isinstance(member, ast.EnumValue):
        attributes = _multiset(map(attribute_key, member.attributes))
        return ("value", block, member.name, attributes, member.documentation)
    t = member.type
    attributes = _multiset(map(attribute_key, member.attributes))
    return ("field", block, member.name, t.name, t.arity, t.unsupported, attributes, member.documentation)


def distance(a: Facts, b: Facts) -> int:
    """How many things differ: a field, enum value, setting or block counts once, however much
    of it changed (a changed field is as far as an added one), an attribute once each."""
    return len({identity(fact[0]) for fact in a ^ b})  # type: ignore[index]


def identity(fact: Hashable) -> Hashable:
    """What `distance` counts a fact under: a field, value, entry or block whole, else the fact."""
    assert isinstance(fact, tuple)
    if fact[0] in ("field", "value", "entry"):
        return fact[:3]
    if fact[0] == "block":
        return fact[:2]
    return fact
