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
    out: set[Hashable] = set()
    for block in schema.blocks:
        if isinstance(block, ast.ConfigBlock):
            key = (block.kind, block.name)
            out.add(("block", key))
            out.update(("entry", key, e.key, value_key(e.value)) for e in block.entries)
            continue
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
