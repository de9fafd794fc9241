"""Normal forms for comparing, and source text for messages.

Two spellings Prisma reads the same must compare equal:
`@relation("x")` and `@relation(name: "x")`, `@@index([a])`,
`@@index(fields: [a])` and `@@index(a)`, `1.5` and `1.50`, named arguments in
any order. Spellings the official datamodel tells apart stay apart (`sort: Asc`
and no sort, a default constraint name and none): tests/test_spellings.py.
"""

from __future__ import annotations

from typing import Any

from prisma_lint.syntax import ast
from prisma_lint.syntax.lexing import encode_string

# The name Prisma gives an attribute's first positional argument.
POSITIONAL_NAMES = {
    "relation": "name",
    "map": "name",
    "default": "value",
    "id": "fields",
    "unique": "fields",
    "index": "fields",
    "fulltext": "fields",
    "schema": "name",
    "shardKey": "fields",
}


def value_key(value: ast.Value | None) -> Any:
    """A hashable normal form of a value: equal for spellings Prisma reads the same."""
    return None if value is None else _KEYS[type(value)](value)


def number_text(text: str) -> str:
    """A decimal's exact normal text: no leading or trailing zeros, no sign on zero.

    Text, not Decimal: a Decimal context rounds at 28 digits (so two long
    defaults compared equal) and overflows on a million digits.
    """
    negative = text.startswith("-")
    whole, _, fraction = text.lstrip("-").partition(".")
    whole, fraction = whole.lstrip("0") or "0", fraction.rstrip("0")
    normal = f"{whole}.{fraction}" if fraction else whole
    return "-" + normal if negative and normal != "0" else normal


def _number_key(value: ast.NumberValue) -> Any:
    return ("number", number_text(value.text))


_KEYS: dict[type, Any] = {
    ast.StringValue: lambda v: ("string", v.value),
    ast.NumberValue: _number_key,
    ast.ConstantValue: lambda v: ("constant", v.name),
    ast.FunctionCall: lambda v: ("call", v.name, arguments_key(v.name, v.arguments)),
    ast.ArrayValue: lambda v: ("array", tuple(value_key(x) for x in v.items)),
    ast.ObjectValue: lambda v: ("object", frozenset((k, value_key(x)) for k, x in v.entries)),
}


# Arguments that take a list of fields, where Prisma reads one bare field (`a`, `a(sort: Desc)`)
# as the list of it (`[a]`): checked against the official datamodel in tests/test_spellings.py.
FIELD_LISTS = {
    "id": {"fields"},
    "unique": {"fields"},
    "index": {"fields"},
    "fulltext": {"fields"},
    "relation": {"fields", "references"},
}


def field_list(value: ast.Value) -> ast.Value:
    """A field-list argument as a list: `a` is `[a]`."""
    return value if isinstance(value, ast.ArrayValue) else ast.ArrayValue((value,))


def arguments_key(attribute: str, arguments: tuple[ast.Argument, ...]) -> Any:
    """Positional arguments in order; named ones (and the named first one) as a set."""
    positional: list[Any] = []
    named: dict[str, Any] = {}
    first_name = POSITIONAL_NAMES.get(attribute)
    lists = FIELD_LISTS.get(attribute, set())
    for index, arg in enumerate(arguments):
        name = first_name if arg.name is None and index == 0 else arg.name
        if name is None:
            positional.append(value_key(arg.value))
        else:
            named[name] = value_key(field_list(arg.value) if name in lists else arg.value)
    return (tuple(positional), frozenset(named.items()))


def attribute_key(attribute: ast.Attribute) -> Any:
    return (attribute.name, arguments_key(attribute.name, attribute.arguments))


def argument_value(attribute: ast.Attribute, name: str) -> ast.Value | None:
    """The value of a named argument, or of the first positional one Prisma names so."""
    for index, arg in enumerate(attribute.arguments):
        if arg.name == name:
            return arg.value
        if arg.name is None and index == 0 and POSITIONAL_NAMES.get(attribute.name) == name:
            return arg.value
    return None


# ---- source text for messages ------------------------------------------


def render_value(value: ast.Value) -> str:
    """The value as it would be written in a schema."""
    text: str = _RENDER[type(value)](value)
    return text


def _render_object(value: ast.ObjectValue) -> str:
    inner = ", ".join(f"{k}: {render_value(v)}" for k, v in value.entries)
    return "{ " + inner + " }" if inner else "{}"


_RENDER: dict[type, Any] = {
    ast.StringValue: lambda v: encode_string(v.value),
    ast.NumberValue: lambda v: v.text,
    ast.ConstantValue: lambda v: v.name,
    ast.FunctionCall: lambda v: f"{v.name}({render_arguments(v.arguments)})",
    ast.ArrayValue: lambda v: "[" + ", ".join(render_value(x) for x in v.items) + "]",
    ast.ObjectValue: _render_object,
}


def render_arguments(arguments: tuple[ast.Argument, ...]) -> str:
    return ", ".join(
        render_value(a.value) if a.name is None else f"{a.name}: {render_value(a.value)}" for a in arguments
    )


def render_attribute(attribute: ast.Attribute, block: bool = False) -> str:
    at = "@@" if block else "@"
    if not attribute.arguments:
        return f"{at}{attribute.name}"
    return f"{at}{attribute.name}({render_arguments(attribute.arguments)})"


def render_type(field_type: ast.FieldType) -> str:
    base = f"Unsupported({encode_string(field_type.name)})" if field_type.unsupported else field_type.name
    return base + {"required": "", "optional": "?", "list": "[]"}[field_type.arity]
