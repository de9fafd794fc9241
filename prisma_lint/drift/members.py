"""Changes inside one block: fields, enum values, their attributes, block attributes, docs.

One small `find_*_changes(old, new, ...)` function per level, in the manner of
graphql-core's find_schema_changes. "old" is the canonical side, "new" the
portal copy. Each returns change records in a stable order: canonical order
first, then what only the portal copy has.
"""

from __future__ import annotations

from typing import Any

from prisma_lint.drift.changes import Change, Code, Kind, Obj, Parent
from prisma_lint.drift.normalize import (
    argument_value,
    attribute_key,
    field_list,
    render_attribute,
    render_type,
    value_key,
)
from prisma_lint.drift.records import COPY, Kinds, keyed, loc, make, paired
from prisma_lint.syntax import ast

# ---- fields -----------------------------------------------------------------


def find_field_changes(block: str, old: ast.Model, new: ast.Model, kinds: Kinds) -> list[Change]:
    changes: list[Change] = []
    old_fields, new_fields = keyed(old.fields, _name), keyed(new.fields, _name)
    hints = rename_hints(old_fields, new_fields)
    parent = Parent(Obj(old.kind), block)
    for name, a, b in paired(old_fields, new_fields):
        path = f"{block}.{name}"
        if b is None:
            message = f"Field {path} was removed from {COPY}.{hints.get(('removed', name), '')}"
            changes.append(
                _removed(Code.FIELD_REMOVED, Obj.FIELD, path, message, old=a, block=new, parent=parent)
            )
        elif a is None:
            message = f"Field {path} was added in {COPY}.{hints.get(('added', name), '')}"
            changes.append(
                make(Code.FIELD_ADDED, Kind.ADDED, Obj.FIELD, path, message, old=None, new=b, parent=parent)
            )
        else:
            changes.extend(find_field_type_changes(path, a, b, kinds, parent))
            changes.extend(find_attribute_changes(Obj.FIELD, path, a, b))
            changes.extend(find_doc_changes(Obj.FIELD, path, a, b))
    return changes


def find_field_type_changes(
    path: str, old: ast.Field, new: ast.Field, kinds: Kinds, parent: Parent
) -> list[Change]:
    """At most one record per field: a type change says the arity too, when it changes with it."""
    code, message = _type_change(path, old.type, new.type, kinds)
    if code is None:
        return []
    return [make(code, Kind.CHANGED, Obj.FIELD, path, message, old=old, new=new, parent=parent)]


def _type_change(path: str, a: ast.FieldType, b: ast.FieldType, kinds: Kinds) -> tuple[Code | None, str]:
    if (a.name, a.unsupported) != (b.name, b.unsupported):
        return Code.FIELD_TYPE_CHANGED, (
            f"Field {path} changed type from {render_type(a)} to {render_type(b)} in {COPY}."
        )
    was, now = kinds[0].get(a.name), kinds[1].get(b.name)
    if was and now and was != now:  # same name, but an enum became a model, say
        return Code.FIELD_TYPE_CHANGED, (
            f"Field {path} changed type from {was} {render_type(a)} to {now} {render_type(b)} in {COPY}."
        )
    if a.arity == b.arity:
        return None, ""
    if "list" in (a.arity, b.arity):
        words = {"list": "a list", "required": "a single value", "optional": "an optional value"}
        return Code.FIELD_LIST_CHANGED, (
            f"Field {path} changed from {words[a.arity]} ({render_type(a)}) to "
            f"{words[b.arity]} ({render_type(b)}) in {COPY}."
        )
    return Code.FIELD_OPTIONALITY_CHANGED, (
        f"Field {path} changed from {a.arity} ({render_type(a)}) to {b.arity} ({render_type(b)}) in {COPY}."
    )


# Per owner: the attribute object and its three codes (an enum value's attributes share one code).
ATTRIBUTE_CODES = {
    Obj.FIELD: (
        Obj.FIELD_ATTRIBUTE,
        Code.FIELD_ATTRIBUTE_ADDED,
        Code.FIELD_ATTRIBUTE_REMOVED,
        Code.FIELD_ATTRIBUTE_CHANGED,
    ),
    Obj.ENUM_VALUE: (Obj.ENUM_VALUE_ATTRIBUTE, *(Code.ENUM_VALUE_ATTRIBUTE_CHANGED,) * 3),
}


def find_attribute_changes(owner: Obj, path: str, old: Any, new: Any) -> list[Change]:
    """One record per attribute of a field or an enum value: path `User.email@unique`."""
    obj, added, removed, changed = ATTRIBUTE_CODES[owner]
    noun, parent = f"{owner.noun} {path}", Parent(owner, path)
    out = []
    for name, a, b in paired(keyed(old.attributes, _name), keyed(new.attributes, _name)):
        if a is not None and b is not None and attribute_key(a) != attribute_key(b):
            text = f"{noun} changed attribute {render_attribute(a)} to {render_attribute(b)} in {COPY}."
            code, kind = changed, Kind.CHANGED
        elif b is None and a is not None:
            text, code, kind = (
                f"{noun} lost attribute {render_attribute(a)} in {COPY}.",
                removed,
                Kind.REMOVED,
            )
        elif a is None and b is not None:
            text, code, kind = f"{noun} gained attribute {render_attribute(b)} in {COPY}.", added, Kind.ADDED
        else:
            continue
        anchor = loc(new) if b is None else None
        out.append(make(code, kind, obj, f"{path}@{name}", text, old=a, new=b, anchor=anchor, parent=parent))
    return out


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


def find_enum_value_changes(block: str, old: ast.Enum, new: ast.Enum) -> list[Change]:
    changes: list[Change] = []
    parent = Parent(Obj.ENUM, block)
    for name, a, b in paired(keyed(old.values, _name), keyed(new.values, _name)):
        path = f"{block}.{name}"
        if a is not None and b is not None:
            changes.extend(find_attribute_changes(Obj.ENUM_VALUE, path, a, b))
            changes.extend(find_doc_changes(Obj.ENUM_VALUE, path, a, b))
        elif a is not None:
            message = f"Enum value {path} was removed from {COPY}."
            changes.append(
                _removed(
                    Code.ENUM_VALUE_REMOVED, Obj.ENUM_VALUE, path, message, old=a, block=new, parent=parent
                )
            )
        elif b is not None:
            message = f"Enum value {path} was added in {COPY}."
            changes.append(
                make(
                    Code.ENUM_VALUE_ADDED,
                    Kind.ADDED,
                    Obj.ENUM_VALUE,
                    path,
                    message,
                    old=None,
                    new=b,
                    parent=parent,
                )
            )
    return changes


# ---- block attributes ------------------------------------------------------------

# Attributes a block may carry several of; they are told apart by their fields.
REPEATABLE = {"index", "unique", "fulltext"}


def block_attribute_path(block: str, attribute: ast.Attribute) -> str:
    """`User@@map`; repeatable ones add their fields as written: `User@@index([email, name])`."""
    if attribute.name not in REPEATABLE:
        return f"{block}@@{attribute.name}"
    fields = argument_value(attribute, "fields")
    shown = (
        render_attribute(ast.Attribute(attribute.name, (ast.Argument(None, field_list(fields)),)), block=True)
        if fields is not None
        else f"@@{attribute.name}"
    )
    return f"{block}{shown}"


def find_block_attribute_changes(owner: Obj, block: str, old: Any, new: Any) -> list[Change]:
    changes = []
    olds = keyed(old.attributes, lambda a: block_attribute_path(block, a))
    news = keyed(new.attributes, lambda a: block_attribute_path(block, a))
    for path, a, b in paired(olds, news):
        if a is not None and b is not None and attribute_key(a) != attribute_key(b):
            text = (
                f"Block attribute {path} changed from {render_attribute(a, True)} to "
                f"{render_attribute(b, True)} in {COPY}."
            )
            code, kind = Code.BLOCK_ATTRIBUTE_CHANGED, Kind.CHANGED
        elif b is None and a is not None:
            text = f"Block attribute {block}{render_attribute(a, block=True)} was removed from {COPY}."
            code, kind = Code.BLOCK_ATTRIBUTE_REMOVED, Kind.REMOVED
        elif a is None and b is not None:
            text = f"Block attribute {block}{render_attribute(b, block=True)} was added in {COPY}."
            code, kind = Code.BLOCK_ATTRIBUTE_ADDED, Kind.ADDED
        else:
            continue
        anchor = loc(new) if b is None else None
        changes.append(
            make(
                code,
                kind,
                Obj.BLOCK_ATTRIBUTE,
                path,
                text,
                old=a,
                new=b,
                anchor=anchor,
                parent=Parent(owner, block),
            )
        )
    return changes


# ---- documentation -----------------------------------------------------------


def find_doc_changes(obj: Obj, path: str, old: Any, new: Any) -> list[Change]:
    """Path: the thing documented, which is also the record's parent."""
    a, b = old.documentation, new.documentation
    if a == b:
        return []
    kind = Kind.ADDED if a is None else Kind.REMOVED if b is None else Kind.CHANGED
    noun = obj.value.replace("_", " ")
    verb = {Kind.ADDED: "was added in", Kind.REMOVED: "was removed from", Kind.CHANGED: "changed in"}[kind]
    message = f"Documentation of {noun} {path} {verb} {COPY}."
    return [
        make(
            Code.DOCUMENTATION_CHANGED,
            kind,
            Obj.DOCUMENTATION,
            path,
            message,
            old=old,
            new=new,
            parent=Parent(obj, path),
        )
    ]


def _removed(
    code: Code, obj: Obj, path: str, message: str, *, old: Any, block: Any, parent: Parent
) -> Change:
    """A member the copy lacks: it points at the copy's block, where the member would stand."""
    return make(code, Kind.REMOVED, obj, path, message, old=old, new=None, anchor=loc(block), parent=parent)


def _name(node: Any) -> str:
    return str(node.name)
