"""The drift engine: compare the canonical schema with the portal copy.

Pure: takes two ASTs, returns change records, prints nothing. Blocks are
matched by name (models, views, types and enums share one namespace in
Prisma; datasources and generators are matched by kind and name), members by
name, so order, whitespace and `//` comments never count. `strict=True` adds
order changes as notices.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

from prisma_lint.drift.changes import Change, Code, Kind, Location, Obj, Parent, code_for
from prisma_lint.drift.members import (
    find_block_attribute_changes,
    find_doc_changes,
    find_enum_value_changes,
    find_field_changes,
)
from prisma_lint.drift.normalize import render_value, value_key
from prisma_lint.drift.records import COPY, Kinds, keyed, loc, make, paired
from prisma_lint.drift.result import DiffResult
from prisma_lint.syntax import ast


def kind_of(block: ast.Block) -> Obj:
    return Obj.ENUM if isinstance(block, ast.Enum) else Obj(block.kind)


def block_key(block: ast.Block) -> str:
    """Config blocks by kind and name; models, views, types and enums share one namespace."""
    return f"{block.kind} {block.name}" if isinstance(block, ast.ConfigBlock) else block.name


def diff(
    canonical: ast.Schema,
    portal: ast.Schema,
    *,
    strict: bool = False,
    canonical_source: str = "",
    portal_source: str = "",
) -> DiffResult:
    changes = find_block_changes(canonical, portal)
    if strict:
        changes += find_order_changes(canonical, portal)
    return DiffResult(canonical_source, portal_source, tuple(changes))


def find_block_changes(canonical: ast.Schema, portal: ast.Schema) -> list[Change]:
    changes: list[Change] = []
    first_file = portal.files[0] if portal.files else ""
    top = Location(first_file, 1, 1)
    kinds = (_kinds(canonical), _kinds(portal))
    for _, a, b in paired(keyed(canonical.blocks, block_key), keyed(portal.blocks, block_key)):
        if a is b:  # shared by the chunked parser: identical text, nothing to compare
            continue
        if a is not None and b is not None:
            changes.extend(find_changes_in_block(a, b, kinds))
        elif a is not None:
            changes.append(block_removed(a, top))
        elif b is not None:
            changes.append(block_added(b))
    return changes


def block_removed(block: ast.Block, anchor: Location) -> Change:
    kind = kind_of(block)
    message = f"{kind.noun} {block.name} was removed from {COPY}."
    code = code_for(kind, Kind.REMOVED)
    return make(code, Kind.REMOVED, kind, block.name, message, old=block, new=None, anchor=anchor)


def block_added(block: ast.Block) -> Change:
    kind = kind_of(block)
    message = f"{kind.noun} {block.name} was added in {COPY}."
    return make(code_for(kind, Kind.ADDED), Kind.ADDED, kind, block.name, message, old=None, new=block)


def _kinds(schema: ast.Schema) -> dict[str, str]:
    return {b.name: kind_of(b).value for b in schema.blocks if not isinstance(b, ast.ConfigBlock)}


def find_changes_in_block(old: ast.Block, new: ast.Block, kinds: Kinds) -> list[Change]:
    if kind_of(old) != kind_of(new):
        if isinstance(old, ast.Model) and isinstance(new, ast.Model):
            message = f"Block {old.name} changed from {old.kind} to {new.kind} in {COPY}."
            head = [
                make(
                    Code.BLOCK_KIND_CHANGED, Kind.CHANGED, Obj(old.kind), old.name, message, old=old, new=new
                )
            ]
            return head + find_model_changes(old, new, kinds)
        return [block_removed(old, Location(new.span.file, 1, 1)), block_added(new)]
    if isinstance(old, ast.Model):
        return find_model_changes(old, new, kinds)  # type: ignore[arg-type]
    if isinstance(old, ast.Enum):
        return find_enum_changes(old, new)  # type: ignore[arg-type]
    return find_config_changes(old, new)  # type: ignore[arg-type]


def find_model_changes(old: ast.Model, new: ast.Model, kinds: Kinds) -> list[Change]:
    return (
        find_doc_changes(Obj(new.kind), old.name, old, new)
        + find_field_changes(old.name, old, new, kinds)
        + find_block_attribute_changes(Obj(new.kind), old.name, old, new)
    )


def find_enum_changes(old: ast.Enum, new: ast.Enum) -> list[Change]:
    return (
        find_doc_changes(Obj.ENUM, old.name, old, new)
        + find_enum_value_changes(old.name, old, new)
        + find_block_attribute_changes(Obj.ENUM, old.name, old, new)
    )


def find_config_changes(old: ast.ConfigBlock, new: ast.ConfigBlock) -> list[Change]:
    """One record per setting: object `setting`, path `db.url`, parent the block."""
    code = Code.DATASOURCE_CHANGED if old.kind == "datasource" else Code.GENERATOR_CHANGED
    parent = Parent(Obj(old.kind), old.name)
    noun = f"{parent.object.noun} setting"
    changes = []
    for key, a, b in paired(keyed(old.entries, _key), keyed(new.entries, _key)):
        path = f"{old.name}.{key}"
        if b is None:
            message, kind = f"{noun} {path} was removed from {COPY}.", Kind.REMOVED
        elif a is None:
            message, kind = f"{noun} {path} was added in {COPY}.", Kind.ADDED
        elif value_key(a.value) != value_key(b.value):
            message = f"{noun} {path} changed from {_show(a.value)} to {_show(b.value)} in {COPY}."
            kind = Kind.CHANGED
        else:
            continue
        anchor = loc(new) if b is None else None
        changes.append(
            make(code, kind, Obj.SETTING, path, message, old=a, new=b, anchor=anchor, parent=parent)
        )
    return changes


def _key(entry: ast.ConfigEntry) -> str:
    return entry.key


def _show(value: ast.Value | None) -> str:
    return "(nothing)" if value is None else render_value(value)


# ---- order (--strict) ------------------------------------------------------------


def find_order_changes(canonical: ast.Schema, portal: ast.Schema) -> list[Change]:
    old_blocks, new_blocks = keyed(canonical.blocks, block_key), keyed(portal.blocks, block_key)
    changes = _moves(
        old_blocks,
        new_blocks,
        Code.BLOCK_ORDER_CHANGED,
        title=lambda b: f"{kind_of(b).noun} {b.name}",
        path=lambda key, b: b.name,
        obj=None,
        parent=None,
    )
    for _, a, b in paired(old_blocks, new_blocks):
        if a is None or b is None or a is b or kind_of(a) != kind_of(b):
            continue
        if isinstance(a, ast.Model) and isinstance(b, ast.Model):
            changes += _member_moves(a, a.fields, b.fields, Obj.FIELD)
            changes += _attribute_moves(a, b)
        elif isinstance(a, ast.Enum) and isinstance(b, ast.Enum):
            changes += _member_moves(a, a.values, b.values, Obj.ENUM_VALUE)
    return changes


def _member_moves(block: ast.Model | ast.Enum, old: Any, new: Any, obj: Obj) -> list[Change]:
    return _moves(
        keyed(old, _name),
        keyed(new, _name),
        Code.MEMBER_ORDER_CHANGED,
        title=lambda m: f"{obj.noun} {block.name}.{m.name}",
        path=lambda key, m: f"{block.name}.{key}",
        obj=obj,
        parent=Parent(kind_of(block), block.name),
    )


def _attribute_moves(old: ast.Model, new: ast.Model) -> list[Change]:
    """One notice per attribute outside the longest common order of a field's attributes."""
    changes = []
    news = keyed(new.fields, _name)
    for name, field in keyed(old.fields, _name).items():
        other = news.get(name)
        if other is not None:
            path = f"{old.name}.{name}"
            changes += _moves(
                keyed(field.attributes, _name),
                keyed(other.attributes, _name),
                Code.ATTRIBUTE_ORDER_CHANGED,
                title=lambda a, path=path: f"Attribute @{a.name} of field {path}",
                path=lambda key, a, path=path: f"{path}@{key}",
                obj=Obj.FIELD_ATTRIBUTE,
                parent=Parent(Obj.FIELD, path),
            )
    return changes


def _moves(
    old: dict[str, Any],
    new: dict[str, Any],
    code: Code,
    *,
    title: Any,
    path: Any,
    obj: Obj | None,
    parent: Parent | None,
) -> list[Change]:
    """Items outside the longest common ordering moved; one notice each."""
    a = [k for k in old if k in new]
    b = [k for k in new if k in old]
    kept = {
        a[m.a + i]
        for m in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
        for i in range(m.size)
    }
    changes = []
    for key in a:
        if key not in kept:
            item, other = old[key], new[key]
            message = _move_message(title(item), key, a, b, title_of=lambda k: title(old[k]))
            kind = obj or kind_of(item)
            changes.append(
                make(code, Kind.MOVED, kind, path(key, item), message, old=item, new=other, parent=parent)
            )
    return changes


def _move_message(what: str, key: str, a: list[str], b: list[str], *, title_of: Any) -> str:
    """Where an item moved: by position, or, when its position number stayed, by its neighbours."""
    before, after = a.index(key), b.index(key)
    if before != after:
        return f"{what} moved from position {before + 1} to {after + 1} in {COPY}."

    def place(order: list[str], index: int) -> str:
        return "first" if index == 0 else f"after {title_of(order[index - 1])}"

    return f"{what} now comes {place(b, after)} in {COPY} (in the canonical schema: {place(a, before)})."


def _name(node: Any) -> str:
    return str(node.name)
