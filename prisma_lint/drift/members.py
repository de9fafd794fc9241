"""Changes inside one block: fields, enum values, their attributes, block attributes, docs.

One small `find_*_changes(old, new, ...)` function per level, in the manner of
graphql-core's find_schema_changes. "old" is the canonical side, "new" the
portal copy. Each returns change records in a stable order: canonical order
first, then what only the portal copy has.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from prisma_lint.drift.changes import Change, Code, Kind, ObjectName
from prisma_lint.drift.normalize import (
    argument_value,
    attribute_key,
    field_list,
    render_attribute,
    render_type,
    value_key,
)
from prisma_lint.drift.records import COPY, by_kind, compared, keyed, loc, make
from prisma_lint.syntax import ast

# What each side's block names are (model, view, type, enum): a field's type
# means something else when the block it names changed kind.
Kinds = tuple[dict[str, str], dict[str, str]]


# ---- fields -----------------------------------------------------------------


FIELD = by_kind(Code.FIELD_ADDED, Code.FIELD_REMOVED, Code.FIELD_TYPE_CHANGED)


def find_field_changes(block: str, old: ast.Model, new: ast.Model, kinds: Kinds) -> list[Change]:
    changes: list[Change] = []
    old_fields, new_fields = keyed(old.fields, _name), keyed(new.fields, _name)
    hints = rename_hints(old_fields, new_fields)
    for name, kind, a, b in compared(old_fields, new_fields, lambda a, b: True):
        path = f"{block}.{name}"
        if kind is Kind.CHANGED:  # on both sides: its type, attributes and docs may differ
            changes.extend(find_field_type_changes(path, a, b, kinds))
            changes.extend(find_attribute_changes(path, a, b))
            changes.extend(find_doc_changes("field", path, a, b))
            continue
        hint = hints.get((kind.value, name), "")
        text = f"was removed from {COPY}.{hint}" if b is None else f"was added in {COPY}.{hint}"
        anchor = loc(new) if b is None else None
        changes.append(
            make(FIELD[kind], kind, "field", path, f"Field {path} {text}", old=a, new=b, anchor=anchor)
        )
    return changes


def find_field_type_changes(path: str, old: ast.Field, new: ast.Field, kinds: Kinds) -> list[Change]:
    a, b = old.type, new.type
    if (a.name, a.unsupported) != (b.name, b.unsupported):
        message = f"Field {path} changed type from {render_type(a)} to {render_type(b)} in {COPY}."
        return [make(Code.FIELD_TYPE_CHANGED, Kind.CHANGED, "field", path, message, old=old, new=new)]
    was, now = kinds[0].get(a.name), kinds[1].get(b.name)
    if was and now and was != now:  # same name, but an enum became a model, say
        message = (
            f"Field {path} changed type from {was} {render_type(a)} to {now} {render_type(b)} in {COPY}."
        )
        return [make(Code.FIELD_TYPE_CHANGED, Kind.CHANGED, "field", path, message, old=old, new=new)]
    if a.arity == b.arity:
        return []
    if "list" in (a.arity, b.arity):
        words = {"list": "a list", "required": "a single value", "optional": "an optional value"}
        message = (
            f"Field {path} changed from {words[a.arity]} ({render_type(a)}) to "
            f"{words[b.arity]} ({render_type(b)}) in {COPY}."
        )
        return [make(Code.FIELD_LIST_CHANGED, Kind.CHANGED, "field", path, message, old=old, new=new)]
    message = (
        f"Field {path} changed from {a.arity} ({render_type(a)}) to {b.arity} ({render_type(b)}) in {COPY}."
    )
    return [make(Code.FIELD_OPTIONALITY_CHANGED, Kind.CHANGED, "field", path, message, old=old, new=new)]


FIELD_ATTRIBUTE = by_kind(
    Code.FIELD_ATTRIBUTE_ADDED, Code.FIELD_ATTRIBUTE_REMOVED, Code.FIELD_ATTRIBUTE_CHANGED
)


def find_attribute_changes(path: str, old: ast.Field, new: ast.Field) -> list[Change]:
    changes = []
    olds, news = keyed(old.attributes, _name), keyed(new.attributes, _name)
    for name, kind, a, b in compared(olds, news, _attribute_differs):
        if kind is Kind.CHANGED:
            text = f"changed attribute {render_attribute(a)} to {render_attribute(b)}"
        else:
            text = (
                f"lost attribute {render_attribute(a)}"
                if b is None
                else f"gained attribute {render_attribute(b)}"
            )
        anchor = loc(new) if b is None else None
        record = make(
            FIELD_ATTRIBUTE[kind],
            kind,
            "field",
            path,
            f"Field {path} {text} in {COPY}.",
            old=a,
            new=b,
            anchor=anchor,
            detail=name,
        )
        changes.append(record)
    return changes


def _attribute_differs(a: ast.Attribute, b: ast.Attribute) -> bool:
    return bool(attribute_key(a) != attribute_key(b))


def rename_hints(old: dict[str, ast.Field], new: dict[str, ast.Field]) -> dict[tuple[str, str], str]:
    """Pair removed and added fields that look like one field renamed."""
    removed = [f for n, f in old.items() if n not in new]
    added = [f for n, f in new.items() if n not in old]
    hints: dict[tuple[str, str], str] = {}
    for gone in removed:
        match = next((f for f in added if _looks_renamed(gone, f)), None)
        if match is not None:
            added.remove(match)
            text = f" It looks like a rename of {gone.name} to {match.name}."
            hints[("removed", gone.name)] = hints[("added", match.name)] = text
    return hints


def _looks_renamed(a: ast.Field, b: ast.Field) -> bool:
    mapped = [value_key(argument_value(x, "name")) for f in (a, b) for x in f.attributes if x.name == "map"]
    if len(mapped) == 2 and mapped[0] == mapped[1]:
        return True
    return a.type == b.type and {attribute_key(x) for x in a.attributes} == {
        attribute_key(x) for x in b.attributes
    }


# ---- enum values --------------------------------------------------------------


ENUM_VALUE = by_kind(Code.ENUM_VALUE_ADDED, Code.ENUM_VALUE_REMOVED, Code.ENUM_VALUE_ATTRIBUTE_CHANGED)


def find_enum_value_changes(block: str, old: ast.Enum, new: ast.Enum) -> list[Change]:
    changes: list[Change] = []
    for name, kind, a, b in compared(keyed(old.values, _name), keyed(new.values, _name), lambda a, b: True):
        path = f"{block}.{name}"
        if kind is Kind.CHANGED:  # both sides have it: its attributes and docs may differ
            if Counter(map(attribute_key, a.attributes)) != Counter(map(attribute_key, b.attributes)):
                text = f"Enum value {path} changed attributes from {_attrs(a)} to {_attrs(b)} in {COPY}."
                changes.append(make(ENUM_VALUE[kind], kind, "enum_value", path, text, old=a, new=b))
            changes.extend(find_doc_changes("enum_value", path, a, b))
            continue
        text = (
            f"Enum value {path} was removed from {COPY}."
            if b is None
            else f"Enum value {path} was added in {COPY}."
        )
        anchor = loc(new) if b is None else None
        changes.append(make(ENUM_VALUE[kind], kind, "enum_value", path, text, old=a, new=b, anchor=anchor))
    return changes


def _attrs(value: ast.EnumValue) -> str:
    return " ".join(render_attribute(a) for a in value.attributes) or "(none)"


# ---- block attributes ------------------------------------------------------------

# Attributes a block may carry several of; they are told apart by their fields.
REPEATABLE = {"index", "unique", "fulltext"}


def block_attribute_path(block: str, attribute: ast.Attribute) -> str:
    if attribute.name not in REPEATABLE:
        return f"{block}.@@{attribute.name}"
    fields = argument_value(attribute, "fields")
    shown = (
        render_attribute(ast.Attribute(attribute.name, (ast.Argument(None, field_list(fields)),)), block=True)
        if fields is not None
        else f"@@{attribute.name}"
    )
    return f"{block}.{shown}"


BLOCK_ATTRIBUTE = by_kind(
    Code.BLOCK_ATTRIBUTE_ADDED, Code.BLOCK_ATTRIBUTE_REMOVED, Code.BLOCK_ATTRIBUTE_CHANGED
)


def find_block_attribute_changes(block: str, old: Any, new: Any) -> list[Change]:
    changes = []
    olds = keyed(old.attributes, lambda a: block_attribute_path(block, a))
    news = keyed(new.attributes, lambda a: block_attribute_path(block, a))
    for path, kind, a, b in compared(olds, news, _attribute_differs):
        if kind is Kind.CHANGED:
            text = f"{path} changed from {render_attribute(a, True)} to {render_attribute(b, True)} in"
        elif b is None:
            text = f"{block}.{render_attribute(a, block=True)} was removed from"
        else:
            text = f"{block}.{render_attribute(b, block=True)} was added in"
        anchor = loc(new) if b is None else None
        message = f"Block attribute {text} {COPY}."
        changes.append(
            make(BLOCK_ATTRIBUTE[kind], kind, "block_attribute", path, message, old=a, new=b, anchor=anchor)
        )
    return changes


# ---- documentation -----------------------------------------------------------


def find_doc_changes(obj: ObjectName, path: str, old: Any, new: Any) -> list[Change]:
    a, b = old.documentation, new.documentation
    if a == b:
        return []
    kind = Kind.ADDED if a is None else Kind.REMOVED if b is None else Kind.CHANGED
    noun = obj.replace("_", " ")
    verb = {Kind.ADDED: "was added in", Kind.REMOVED: "was removed from", Kind.CHANGED: "changed in"}[kind]
    message = f"Documentation of {noun} {path} {verb} {COPY}."
    return [make(Code.DOCUMENTATION_CHANGED, kind, obj, path, message, old=old, new=new)]


def _name(node: Any) -> str:
    return str(node.name)
