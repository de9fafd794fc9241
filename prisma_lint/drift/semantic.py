"""A schema's meaning as a set of facts: equal sets mean no drift.

Used to compare the portal copy with many versions of the canonical schema
quickly: a fact set is built once per version and compared with set
operations, no diff needed. The size of the symmetric difference ranks
versions by how close they are.
"""

from __future__ import annotations

from collections.abc import Hashable

from prisma_lint.drift.normalize import attribute_key, value_key
from prisma_lint.syntax import ast

Facts = frozenset[Hashable]


def facts(schema: ast.Schema) -> Facts:
    return frozenset().union(*map(block_facts, schema.blocks))


def block_facts(block: ast.Block) -> Facts:
    """The facts of one block; a schema's facts are the union of its blocks' (history.py
    computes them once per distinct block text)."""
    out: set[Hashable] = set()
    if isinstance(block, ast.ConfigBlock):
        key = (block.kind, block.name)
        out.add(("block", key))
        out.update(("entry", key, e.key, value_key(e.value)) for e in block.entries)
        return frozenset(out)
    kind = "enum" if isinstance(block, ast.Enum) else block.kind
    out.add(("block", block.name, kind, block.documentation))
    out.update(("attribute", block.name, attribute_key(a)) for a in block.attributes)
    if isinstance(block, ast.Model):
        out.update(_field(block.name, f) for f in block.fields)
    else:
        out.update(
            ("value", block.name, v.name, frozenset(map(attribute_key, v.attributes)), v.documentation)
            for v in block.values
        )
    return frozenset(out)


def _field(block: str, field: ast.Field) -> Hashable:
    t = field.type
    return (
        "field",
        block,
        field.name,
        t.name,
        t.arity,
        t.unsupported,
        frozenset(map(attribute_key, field.attributes)),
        field.documentation,
    )
