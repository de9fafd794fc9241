"""`prisma-lint parse` text output: one summary line per schema."""

from __future__ import annotations

from collections import Counter

from prisma_lint.syntax import ast


def render(source: str, schema: ast.Schema) -> str:
    kinds = Counter("enum" if isinstance(b, ast.Enum) else b.kind for b in schema.blocks)
    order = ["datasource", "generator", "model", "view", "type", "enum"]
    parts = [_count(kinds[k], k) for k in order if kinds[k]]
    fields = sum(len(b.fields) for b in schema.blocks if isinstance(b, ast.Model))
    values = sum(len(b.values) for b in schema.blocks if isinstance(b, ast.Enum))
    files = f", {len(schema.files)} files" if len(schema.files) > 1 else ""
    blocks = _count(len(schema.blocks), "block")
    detail = f" ({', '.join(parts)})" if parts else ""
    return (
        f"{source}: {blocks}{detail}, {_count(fields, 'field')}, "
        f"{_count(values, 'enum value')}{files}, no syntax errors"
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
