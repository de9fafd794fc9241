"""The typed AST of a Prisma schema.

Frozen dataclasses with tuples for sequences, so nodes are hashable and two
schemas compare equal when they mean the same. Spans take no part in equality:
moving a field or reformatting a line changes no node. A node stores its span
packed in an int (`at`, made by `pack`); its `span` property gives the Span. Source order is kept in
the tuples; the diff engine decides what order means.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any, ClassVar, Literal


@dataclass(frozen=True, slots=True)
class Span:
    """Where a node stands: 1-based lines and columns (code points), end exclusive."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int


# A node keeps its span packed in one int, `at`: a Span object costs 72 bytes, the
# int 48 and no garbage-collector tracking (a parse makes ~14 spans per model).
# From the top: line, column, end line, end column (36 bits each), file id (32).
FIELD_BITS = 36
FILE_BITS = 32
_MASK = (1 << FIELD_BITS) - 1
END_BITS = FIELD_BITS * 2 + FILE_BITS  # the end and the file: what `_join` keeps of a span
_files: list[str] = [""]  # file ids of this process: 0 is the empty name
_file_ids: dict[str, int] = {"": 0}


def file_id(file: str) -> int:
    """The id of a file name in packed spans (ids live as long as the process)."""
    found = _file_ids.get(file)
    if found is None:
        found = _file_ids[file] = len(_files)
        _files.append(file)
    return found


def pack(file: str, line: int, column: int, end_line: int, end_column: int) -> int:
    return (
        ((line << FIELD_BITS | column) << FIELD_BITS | end_line) << FIELD_BITS | end_column
    ) << FILE_BITS | file_id(file)


def unpack(at: int) -> Span:
    return Span(
        _files[at & ((1 << FILE_BITS) - 1)],
        at >> (END_BITS + FIELD_BITS),
        (at >> END_BITS) & _MASK,
        (at >> (FILE_BITS + FIELD_BITS)) & _MASK,
        (at >> FILE_BITS) & _MASK,
    )


def start_line(at: int) -> int:
    return at >> (END_BITS + FIELD_BITS)


class Placed:
    """A node with a packed span `at` (excluded from equality); `span` unpacks it.

    Equality, hash and repr are these, over every field but `at`, rather than made by
    dataclasses for each class: making them cost a run ~7 ms of import (an `exec` each)."""

    __slots__ = ()
    at: int
    _key: ClassVar[attrgetter[Any]]  # the compared fields' values (set below each class)
    _all: ClassVar[attrgetter[Any]]  # every field's, `at` last: the constructor's arguments

    @property
    def span(self) -> Span:
        return unpack(self.at)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return bool(self._key(self) == self._key(other))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._key(self))

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.compare)  # type: ignore[arg-type]
        return f"{type(self).__name__}({shown})"

    def __reduce__(self) -> tuple[type[Placed], tuple[Any, ...]]:
        """Pickled as a constructor call with every field, `at` included. The state methods
        dataclasses give a frozen slotted class took 2.5x as long both ways, and a schema
        parsed on both cores comes back from the forked child pickled (parser.py)."""
        return type(self), self._all(self)


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One file of a schema as the parser reads it: its text and the name to report."""

    display: str  # the path as reported: relative to what the user gave
    text: str
    commit: str | None = None  # the sha it was read at, when it came from git


# ---- Values --------------------------------------------------------------


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class StringValue(Placed):
    value: str  # escapes decoded
    at: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class NumberValue(Placed):
    text: str  # exact, as written: "1.50" and "1.5" differ for a linter
    at: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class ConstantValue(Placed):
    name: str  # true, Cascade, DbNull, ...
    at: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class FunctionCall(Placed):
    name: str  # env, dbgenerated, uuid, sequence, ...
    arguments: tuple[Argument, ...]
    at: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class ArrayValue(Placed):
    items: tuple[Value, ...]
    at: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class ObjectValue(Placed):
    entries: tuple[tuple[str, Value], ...]
    at: int = field(default=0, compare=False, repr=False)


Value = StringValue | NumberValue | ConstantValue | FunctionCall | ArrayValue | ObjectValue


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Argument(Placed):
    name: str | None  # None for a positional argument
    value: Value
    at: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Attribute(Placed):
    """`@name(args)` on a field or enum value, or `@@name(args)` on a block."""

    name: str  # without the @ signs: "id", "db.VarChar", "@@" never included
    arguments: tuple[Argument, ...]
    at: int = field(default=0, compare=False, repr=False)


# ---- Members -------------------------------------------------------------

Arity = Literal["required", "optional", "list"]


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class FieldType(Placed):
    name: str  # Int, User, or the quoted text of Unsupported("...")
    arity: Arity
    unsupported: bool = False
    at: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Field(Placed):
    name: str
    type: FieldType
    attributes: tuple[Attribute, ...]
    documentation: str | None = None
    at: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class EnumValue(Placed):
    name: str
    attributes: tuple[Attribute, ...]
    documentation: str | None = None
    at: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class ConfigEntry(Placed):
    key: str
    value: Value | None  # `provider =` with nothing after it parses
    at: int = field(default=0, compare=False, repr=False)


# ---- Blocks --------------------------------------------------------------

ModelKind = Literal["model", "view", "type"]
ConfigKind = Literal["datasource", "generator"]


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Model(Placed):
    """A model, view or composite type: one syntax, three keywords."""

    kind: ModelKind
    name: str
    fields: tuple[Field, ...]
    attributes: tuple[Attribute, ...]
    documentation: str | None = None
    at: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Enum(Placed):
    name: str
    values: tuple[EnumValue, ...]
    attributes: tuple[Attribute, ...]
    documentation: str | None = None
    at: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class ConfigBlock(Placed):
    """A datasource or generator. Prisma attaches no documentation to these."""

    kind: ConfigKind
    name: str
    entries: tuple[ConfigEntry, ...]
    at: int = field(default=0, compare=False, repr=False)


Block = Model | Enum | ConfigBlock
Member = Attribute | Field | EnumValue  # what one line of a model's or enum's body declares


@dataclass(frozen=True, slots=True)
class Schema:
    blocks: tuple[Block, ...]
    files: tuple[str, ...] = field(default=(), compare=False)


# What Placed.__eq__, __hash__ and __repr__ read of each node (every field but `at`), and what
# __reduce__ reads (every field).
for _node in (
    StringValue,
    NumberValue,
    ConstantValue,
    FunctionCall,
    ArrayValue,
    ObjectValue,
    Argument,
    Attribute,
    FieldType,
    Field,
    EnumValue,
    ConfigEntry,
    Model,
    Enum,
    ConfigBlock,
):
    _node._key = attrgetter(*(f.name for f in fields(_node) if f.compare))
    _node._all = attrgetter(*(f.name for f in fields(_node)))

del _node
