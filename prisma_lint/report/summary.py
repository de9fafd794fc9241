"""`prisma-lint parse` text output: one summary line per schema."""

from __future__ import annotations

from collections import Counter

from prisma_lint.syntax import ast
from prisma_lint.words import counted


def render(source: str, schema: ast.Schema) -> str:
    kinds = Counter("enum" if isinstance(b, ast.Enum) else b.kind for b in schema.blocks)
    order = ["datasource", "generator", "model", "view", "type", "enum"]
    parts = [counted(kinds[k], k) for k in order if kinds[k]]
    fields = sum(len(b.fields) for b in schema.blocks if isinstance(b, ast.Model))
    values = sum(len(b.values) for b in schema.blocks if isinstance(b, ast.Enum))
    files = f", {len(schema.files)} files" if len(schema.files) > 1 else ""
    blocks = counted(len(schema.blocks), "block")
    detail = f" ({', '.join(parts)})" if parts else ""
    return (
        f"{source}: {blocks}{detail}, {counted(fields, 'field')}, "
        f"{counted(values, 'enum value')}{files}, no syntax errors"
    )
