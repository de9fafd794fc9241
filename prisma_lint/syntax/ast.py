"""The typed AST of a Prisma schema.

Frozen dataclasses with tuples for sequences, so nodes are hashable and two
schemas compare equal when they mean the same. Spans take no part in equality:
moving a field or reformatting a line changes no node. Source order is kept in
the tuples; the diff engine decides what order means.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True, slots=True)
class Span:
    """Where a node stands: 1-based lines and columns (code points), end exclusive."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int


NO_SPAN = Span("", 0, 0, 0, 0)


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One file of a schema as the parser reads it: its text and the name to report."""

    display: str  # the path as reported: relative to what the user gave
    text: str
    commit: str | None = None  # the sha it was read at, when it came from git


# ---- Values --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StringValue:
    value: str  # escapes decoded
    span: Span = field(default=NO_SPAN, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class NumberValue:
    text: str  # exact, as written: "1.50" and "1.5" differ for a linter
    span: Span = field(default=NO_SPAN, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class ConstantValue:
    name: str  # true, Cascade, DbNull, ...
    span: Span = field(default=NO_SPAN, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class FunctionCall:
    name: str  # env, dbgenerated, uuid, sequence, ...
    arguments: tuple[Argument, ...]
    span: Span = field(default=NO_SPAN, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class ArrayValue:
    items: tuple[Value, ...]
    span: Span = field(default=NO_SPAN, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class ObjectValue:
    entries: tuple[tuple[str, Value], ...]
    span: Span = field(default=NO_SPAN, compare=False, repr=False)


Value = StringValue | NumberValue | ConstantValue | FunctionCall | ArrayValue | ObjectValue


@dataclass(frozen=True, slots=True)
class Argument:
    name: str | None  # None for a positional argument
    value: Value
    span: Span = field(default=NO_SPAN, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Attribute:
    """`@name(args)` on a field or enum value, or `@@name(args)` on a block."""

    name: str  # without the @ signs: "id", "db.VarChar", "@@" never included
    arguments: tuple[Argument, ...]
    span: Span = field(default=NO_SPAN, compare=False, repr=False)


# ---- Members -------------------------------------------------------------

Arity = Literal["required", "optional", "list"]


@dataclass(frozen=True, slots=True)
class FieldType:
    name: str  # Int, User, or the quoted text of Unsupported("...")
    arity: Arity
    unsupported: bool = False
    span: Span = field(default=NO_SPAN, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: FieldType
    attributes: tuple[Attribute, ...]
    documentation: str | None = None
    span: Span = field(default=NO_SPAN, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class EnumValue:
    name: str
    attributes: tuple[Attribute, ...]
    documentation: str | None = None
    span: Span = field(default=NO_SPAN, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class ConfigEntry:
    key: str
    value: Value | None  # `provider =` with nothing after it parses
    span: Span = field(default=NO_SPAN, compare=False, repr=False)


# ---- Blocks --------------------------------------------------------------

ModelKind = Literal["model", "view", "type"]
ConfigKind = Literal["datasource", "generator"]


@dataclass(frozen=True, slots=True)
class Model:
    """A model, view or composite type: one syntax, three keywords."""

    kind: ModelKind
    name: str
    fields: tuple[Field, ...]
    attributes: tuple[Attribute, ...]
    documentation: str | None = None
    span: Span = field(default=NO_SPAN, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Enum:
    name: str
    values: tuple[EnumValue, ...]
    attributes: tuple[Attribute, ...]
    documentation: str | None = None
    span: Span = field(default=NO_SPAN, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class ConfigBlock:
    """A datasource or generator. Prisma attaches no documentation to these."""

    kind: ConfigKind
    name: str
    entries: tuple[ConfigEntry, ...]
    span: Span = field(default=NO_SPAN, compare=False, repr=False)


Block = Model | Enum | ConfigBlock


@dataclass(frozen=True, slots=True)
class Schema:
    blocks: tuple[Block, ...]
    files: tuple[str, ...] = field(default=(), compare=False)
