"""A schema's meaning as a set of facts: equal sets mean no drift.

Used to compare the portal copy with many versions of the canonical schema
quickly: a fact set is built once per version and compared with set
operations, no diff needed. The size of the symmetric difference ranks
versions by how close they are.

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
    """A schema's facts from its blocks' (history.py computes each distinct block's once)."""
    counts = Counter(fact for block in per_block for fact in block)
    return frozenset((fact, n) for fact, count in counts.items() for n in range(count))


def _multiset(items: Iterable[Hashable]) -> Hashable:
    return frozenset(Counter(items).items())


def block_facts(block: ast.Block) -> tuple[Hashable, ...]:
    """The facts of one block, repeats kept (`counted` numbers them)."""
    return tuple(_facts(block))


def _facts(block: ast.Block) -> list[Hashable]:
    out: list[Hashable] = []
    if isinstance(block, ast.ConfigBlock):
        key = (block.kind, block.name)
        out.append(("block", key))
        out.extend(("entry", key, e.key, value_key(e.value)) for e in block.entries)
        return out
    kind = "enum" if isinstance(block, ast.Enum) else block.kind
    out.append(("block", block.name, kind, block.documentation))
    out.extend(("attribute", block.name, attribute_key(a)) for a in block.attributes)
    if isinstance(block, ast.Model):
        out.extend(_field(block.name, f) for f in block.fields)
    else:
        out.extend(
            ("value", block.name, v.name, _multiset(map(attribute_key, v.attributes)), v.documentation)
            for v in block.values
        )
    return out


def _field(block: str, field: ast.Field) -> Hashable:
    t = field.type
    return (
        "field",
        block,
        field.name,
        t.name,
        t.arity,
        t.unsupported,
        _multiset(map(attribute_key, field.attributes)),
        field.documentation,
    )


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
