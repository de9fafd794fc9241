"""What changed between two schemas, at model, field, enum and enum-value level.

Two derivations of one set of (kind, object, path) triples, kind being added,
removed or changed:
- `official_changes`: from the official `get_datamodel` of both versions;
- `our_changes`: from prisma-lint's change records.

Only facts a field states about itself count as changing it (type, arity,
@map, @default, native type, @updatedAt, its own @id/@unique, its @relation,
documentation): get_datamodel also derives facts from *other* lines (a
single-field @@unique makes a field "unique", a relation makes a scalar
read-only), and prisma-lint reports those lines where they stand.
"""

from __future__ import annotations

from typing import Any

from prisma_lint.drift.changes import Change, Code, Obj

Triple = tuple[str, str, str]
FIELD_FACTS = (
    "type",
    "isList",
    "isRequired",
    "dbName",
    "default",
    "nativeType",
    "isUpdatedAt",
    "documentation",
    "relationName",
    "relationFromFields",
    "relationToFields",
    "relationOnDelete",
    "relationOnUpdate",
)


def _blocks(dm: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {m["name"]: m for m in dm.get("models", []) + dm.get("types", [])}


def _own_indexes(dm: dict[str, Any]) -> dict[tuple[str, str, str], str]:
    """(model, field, id|unique) -> the index, for @id and @unique written on the field itself."""
    return {
        (ix["model"], ix["fields"][0]["name"], ix["type"]): repr(sorted(ix.items()))
        for ix in dm.get("indexes", [])
        if ix.get("isDefinedOnField") and ix["type"] in ("id", "unique")
    }


def _field_facts(field: dict[str, Any], model: str, own: dict[tuple[str, str, str], str]) -> tuple[Any, ...]:
    facts = [repr(field.get(k)) for k in (*FIELD_FACTS, "kind")]
    facts += [own.get((model, field["name"], "id")), own.get((model, field["name"], "unique"))]
    return tuple(facts)


def _added_removed(before: dict[str, Any], after: dict[str, Any], obj: str, prefix: str = "") -> set[Triple]:
    out = {("removed", obj, prefix + name) for name in before.keys() - after.keys()}
    return out | {("added", obj, prefix + name) for name in after.keys() - before.keys()}


def official_changes(before: dict[str, Any], after: dict[str, Any]) -> set[Triple]:
    old, new = _blocks(before), _blocks(after)
    out = _added_removed(old, new, "model")
    own_old, own_new = _own_indexes(before), _own_indexes(after)
    for name in old.keys() & new.keys():
        if old[name].get("documentation") != new[name].get("documentation"):
            out.add(("changed", "model", name))
        fields_old = {f["name"]: f for f in old[name]["fields"]}
        fields_new = {f["name"]: f for f in new[name]["fields"]}
        out |= _added_removed(fields_old, fields_new, "field", f"{name}.")
        for field in fields_old.keys() & fields_new.keys():
            if _field_facts(fields_old[field], name, own_old) != _field_facts(
                fields_new[field], name, own_new
            ):
                out.add(("changed", "field", f"{name}.{field}"))
    enums_old = {e["name"]: e for e in before.get("enums", [])}
    enums_new = {e["name"]: e for e in after.get("enums", [])}
    out |= _added_removed(enums_old, enums_new, "enum")
    for name in enums_old.keys() & enums_new.keys():
        if enums_old[name].get("documentation") != enums_new[name].get("documentation"):
            out.add(("changed", "enum", name))
        values_old = {v["name"]: v for v in enums_old[name]["values"]}
        values_new = {v["name"]: v for v in enums_new[name]["values"]}
        out |= _added_removed(values_old, values_new, "enum_value", f"{name}.")
        for value in values_old.keys() & values_new.keys():
            if values_old[value] != values_new[value]:
                out.add(("changed", "enum_value", f"{name}.{value}"))
    return out


BLOCK_LEVEL = {"model": "model", "view": "model", "type": "model", "enum": "enum"}
ADDED_REMOVED = {
    Code.MODEL_ADDED,
    Code.MODEL_REMOVED,
    Code.VIEW_ADDED,
    Code.VIEW_REMOVED,
    Code.TYPE_ADDED,
    Code.TYPE_REMOVED,
    Code.ENUM_ADDED,
    Code.ENUM_REMOVED,
    Code.FIELD_ADDED,
    Code.FIELD_REMOVED,
    Code.ENUM_VALUE_ADDED,
    Code.ENUM_VALUE_REMOVED,
}


OWNED = (Obj.FIELD_ATTRIBUTE, Obj.ENUM_VALUE_ATTRIBUTE, Obj.DOCUMENTATION)


def our_changes(changes: tuple[Change, ...], skipped_fields: set[str]) -> set[Triple]:
    """Our records projected onto the same triples. `skipped_fields` are fields
    get_datamodel leaves out (Unsupported types, @ignore)."""
    out: set[Triple] = set()
    for change in changes:
        obj, path = change.object.value, change.path
        if change.parent is not None and change.object in OWNED:
            # An attribute or a doc comment changing is its owner changing, in the datamodel.
            obj, path = change.parent.object.value, change.parent.path
        obj = BLOCK_LEVEL.get(obj, obj)
        if obj not in ("model", "field", "enum", "enum_value") or path in skipped_fields:
            continue
        if change.code in ADDED_REMOVED:
            out.add((change.kind.value, obj, path))
        elif obj in ("field", "enum_value") or change.code is Code.DOCUMENTATION_CHANGED:
            out.add(("changed", obj, path))
    return out
