"""The AST as JSON: the shape documented in docs/ast-json.md (`ast_version` 1).

Plain dicts and lists, built by hand rather than by `dataclasses.asdict`, so
the JSON shape stays a deliberate contract even when the dataclasses change.
"""

from __future__ import annotations

from typing import Any

from prisma_lint.syntax import ast

AST_VERSION = 1


def schema_to_json(schema: ast.Schema) -> dict[str, Any]:
    blocks = [block_to_json(b) for b in schema.blocks]
    return {"ast_version": AST_VERSION, "files": list(schema.files), "blocks": blocks}


def span_to_json(span: ast.Span) -> dict[str, Any]:
    return {
        "file": span.file,
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
    }


def block_to_json(block: ast.Block) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": "enum" if isinstance(block, ast.Enum) else block.kind, "name": block.name}
    if isinstance(block, ast.Model):
        out["fields"] = [_field(f) for f in block.fields]
        out["attributes"] = [attribute_to_json(a) for a in block.attributes]
    elif isinstance(block, ast.Enum):
        out["values"] = [_member(v.name, v.attributes, v.documentation, v.span) for v in block.values]
        out["attributes"] = [attribute_to_json(a) for a in block.attributes]
    else:
        out["entries"] = [
            {
                "key": e.key,
                "value": None if e.value is None else value_to_json(e.value),
                "span": span_to_json(e.span),
            }
            for e in block.entries
        ]
    if not isinstance(block, ast.ConfigBlock):
        out["documentation"] = block.documentation
    out["span"] = span_to_json(block.span)
    return out


def _field(f: ast.Field) -> dict[str, Any]:
    ftype = {"name": f.type.name, "arity": f.type.arity, "unsupported": f.type.unsupported}
    return {"name": f.name, "type": ftype, **_member(f.name, f.attributes, f.documentation, f.span)}


def _member(
    name: str, attributes: tuple[ast.Attribute, ...], doc: str | None, span: ast.Span
) -> dict[str, Any]:
    return {
        "name": name,
        "attributes": [attribute_to_json(a) for a in attributes],
        "documentation": doc,
        "span": span_to_json(span),
    }


def attribute_to_json(attribute: ast.Attribute) -> dict[str, Any]:
    return {"name": attribute.name, "arguments": [_argument(a) for a in attribute.arguments]}


def _argument(argument: ast.Argument) -> dict[str, Any]:
    return {"name": argument.name, "value": value_to_json(argument.value)}


def value_to_json(value: ast.Value) -> dict[str, Any]:
    if isinstance(value, ast.StringValue):
        return {"type": "string", "value": value.value}
    if isinstance(value, ast.NumberValue):
        return {"type": "number", "value": value.text}
    if isinstance(value, ast.ConstantValue):
        return {"type": "constant", "value": value.name}
    if isinstance(value, ast.FunctionCall):
        return {"type": "function", "name": value.name, "arguments": [_argument(a) for a in value.arguments]}
    if isinstance(value, ast.ArrayValue):
        return {"type": "array", "items": [value_to_json(v) for v in value.items]}
    return {"type": "object", "entries": [{"key": k, "value": value_to_json(v)} for k, v in value.entries]}
