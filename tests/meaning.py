"""What a schema means, as comparable facts: from our AST, and from Prisma's datamodel.

Both sides are boiled down to a dict {fact key: value}. Keys name the object
("model User", "field User.email", "index User unique [email]", ...); values
are plain data. The differential test compares the two dicts. Only facts the
official `get_datamodel` answer actually states are compared: it omits
`Unsupported` fields, and it invents names for unnamed relations.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from prisma_lint.syntax import ast

NUMERIC = {"Int", "Float", "Decimal"}
IMPLICIT_FUNCTION_ARGS = {"uuid": [4], "cuid": [1]}  # Prisma fills in the default version


# ---- ours -----------------------------------------------------------------


def facts_from_ast(schema: ast.Schema) -> dict[str, Any]:
    enums = {b.name for b in schema.blocks if isinstance(b, ast.Enum)}
    datasources = {b.name for b in schema.blocks if isinstance(b, ast.ConfigBlock) and b.kind == "datasource"}
    facts: dict[str, Any] = {}
    for block in schema.blocks:
        if isinstance(block, ast.Model):
            _model_facts(block, enums, datasources, facts)
        elif isinstance(block, ast.Enum):
            facts[f"enum {block.name}"] = {
                "dbName": _map_name(block.attributes, "map"),
                "documentation": block.documentation,
            }
            for value in block.values:
                facts[f"enum_value {block.name}.{value.name}"] = {
                    "dbName": _map_name(value.attributes, "map"),
                    "documentation": value.documentation,
                }
    return facts


def _model_facts(model: ast.Model, enums: set[str], datasources: set[str], facts: dict[str, Any]) -> None:
    kind = "type" if model.kind == "type" else "model"
    head: dict[str, Any] = {"documentation": model.documentation}
    if kind == "model":
        head["dbName"] = _map_name(model.attributes, "map")
    facts[f"{kind} {model.name}"] = head
    if any(a.name == "ignore" for a in model.attributes):
        del facts[f"{kind} {model.name}"]
        return  # get_datamodel leaves out @@ignore models
    single = {
        (a.name, f[0])
        for a in model.attributes
        if a.name in ("id", "unique")
        for f in [_index_fields(a)]
        if len(f) == 1
    }
    for field in model.fields:
        if field.type.unsupported or any(a.name == "ignore" for a in field.attributes):
            continue
        out = _field_facts(field, enums, datasources)
        # get_datamodel flags single-field @@id / @@unique on the field, and a field
        # that is the id is never also "unique".
        out["isId"] = out["isId"] or ("id", field.name) in single
        out["isUnique"] = (out["isUnique"] or ("unique", field.name) in single) and not out["isId"]
        facts[f"field {model.name}.{field.name}"] = out
        for attr in field.attributes:
            if attr.name in ("id", "unique") and kind == "model":
                facts[f"index {model.name} {attr.name} [{field.name}]"] = True
    for attr in model.attributes:
        index_type = {"id": "id", "unique": "unique", "index": "normal", "fulltext": "fulltext"}.get(
            attr.name
        )
        if index_type:
            fields = _index_fields(attr)
            facts[f"index {model.name} {index_type} [{', '.join(fields)}]"] = True


def _field_facts(field: ast.Field, enums: set[str], datasources: set[str]) -> dict[str, Any]:
    attrs = {a.name: a for a in field.attributes}
    out: dict[str, Any] = {
        "type": field.type.name,
        "isList": field.type.arity == "list",
        "isRequired": field.type.arity != "optional",
        "isId": "id" in attrs,
        "isUnique": "unique" in attrs,
        "isUpdatedAt": "updatedAt" in attrs,
        "dbName": _map_name(field.attributes, "map"),
        "documentation": field.documentation,
        "nativeType": None,
    }
    for attr in field.attributes:
        prefix, _, native = attr.name.partition(".")
        if native and prefix in datasources:
            out["nativeType"] = [native, [_native_arg(a.value) for a in attr.arguments]]
    if "default" in attrs and attrs["default"].arguments:
        out["default"] = default_value(_positional(attrs["default"], "value"), field.type.name, enums)
    if "relation" in attrs:
        out.update(_relation_facts(attrs["relation"]))
    return out


def _relation_facts(attr: ast.Attribute) -> dict[str, Any]:
    out: dict[str, Any] = {}
    name = _positional(attr, "name")
    if isinstance(name, ast.StringValue):
        out["relationName"] = name.value
    for key, fact in (("fields", "relationFromFields"), ("references", "relationToFields")):
        value = _named(attr, key)
        if isinstance(value, ast.ArrayValue):
            out[fact] = [_plain(v) for v in value.items]
    for key, fact in (("onDelete", "relationOnDelete"), ("onUpdate", "relationOnUpdate")):
        value = _named(attr, key)
        if value is not None:
            out[fact] = _plain(value)
    return out


def _index_fields(attr: ast.Attribute) -> list[str]:
    value = _positional(attr, "fields")
    if value is None:
        return []
    names = []
    for item in value.items if isinstance(value, ast.ArrayValue) else (value,):
        names.append(item.name if isinstance(item, (ast.ConstantValue, ast.FunctionCall)) else _plain(item))
    return names


def _positional(attr: ast.Attribute, name: str) -> ast.Value | None:
    for arg in attr.arguments:
        if arg.name in (None, name):
            return arg.value
    return None


def _named(attr: ast.Attribute, name: str) -> ast.Value | None:
    return next((a.value for a in attr.arguments if a.name == name), None)


def _map_name(attributes: tuple[ast.Attribute, ...], attr_name: str) -> str | None:
    for attr in attributes:
        if attr.name == attr_name:
            value = _positional(attr, "name")
            if isinstance(value, ast.StringValue):
                return value.value
    return None


def _native_arg(value: ast.Value) -> str:
    return value.text if isinstance(value, ast.NumberValue) else str(_plain(value))


def _plain(value: ast.Value) -> Any:
    if isinstance(value, ast.StringValue):
        return value.value
    if isinstance(value, ast.NumberValue):
        return int(value.text) if value.text.lstrip("-").isdigit() else Decimal(value.text)
    if isinstance(value, ast.ConstantValue):
        return value.name
    if isinstance(value, ast.ArrayValue):
        return [_plain(v) for v in value.items]
    if isinstance(value, ast.FunctionCall):
        return {"name": value.name, "args": [_plain(a.value) for a in value.arguments]}
    return {k: _plain(v) for k, v in value.entries}


def default_value(value: ast.Value | None, type_name: str, enums: set[str]) -> Any:
    """Our default in the shape get_datamodel gives it, by the field's type."""
    if isinstance(value, ast.ArrayValue):
        return [default_value(v, type_name, enums) for v in value.items]
    if value is None or isinstance(value, ast.FunctionCall):
        return None if value is None else _plain(value)
    if isinstance(value, ast.NumberValue | ast.StringValue) and type_name in NUMERIC:
        return Decimal(value.text if isinstance(value, ast.NumberValue) else value.value)
    if isinstance(value, ast.NumberValue):
        return value.text
    if isinstance(value, ast.ConstantValue) and value.name in ("true", "false") and type_name == "Boolean":
        return value.name == "true"
    return _plain(value)


# ---- theirs ---------------------------------------------------------------


def facts_from_datamodel(dm: dict[str, Any]) -> dict[str, Any]:
    facts: dict[str, Any] = {}
    for kind, key in (("model", "models"), ("type", "types")):
        for model in dm.get(key, []):
            head: dict[str, Any] = {"documentation": model.get("documentation")}
            if kind == "model":
                head["dbName"] = model.get("dbName")
            facts[f"{kind} {model['name']}"] = head
            for field in model["fields"]:
                facts[f"field {model['name']}.{field['name']}"] = _their_field(field)
    for enum in dm.get("enums", []):
        facts[f"enum {enum['name']}"] = {
            "dbName": enum.get("dbName"),
            "documentation": enum.get("documentation"),
        }
        for value in enum["values"]:
            facts[f"enum_value {enum['name']}.{value['name']}"] = {
                "dbName": value.get("dbName"),
                "documentation": value.get("documentation"),
            }
    for index in dm.get("indexes", []):
        fields = ", ".join(f["name"] for f in index["fields"])
        facts[f"index {index['model']} {index['type']} [{fields}]"] = True
    return facts


def _their_field(field: dict[str, Any]) -> dict[str, Any]:
    # Composite-type fields have no isUpdatedAt; for them it is simply false.
    field = {"isUpdatedAt": False, **field}
    out = {
        k: field.get(k)
        for k in (
            "type",
            "isList",
            "isRequired",
            "isId",
            "isUnique",
            "isUpdatedAt",
            "dbName",
            "documentation",
            "nativeType",
        )
    }
    if "default" in field:
        out["default"] = _their_default(field["default"])
    for key in (
        "relationName",
        "relationFromFields",
        "relationToFields",
        "relationOnDelete",
        "relationOnUpdate",
    ):
        if key in field:
            out[key] = field[key]
    return out


def _their_default(value: Any) -> Any:
    if isinstance(value, list):
        return [_their_default(v) for v in value]
    if isinstance(value, float | int) and not isinstance(value, bool):
        return Decimal(str(value))
    return value


# ---- comparison -------------------------------------------------------------


def compare(ours: dict[str, Any], theirs: dict[str, Any]) -> list[str]:
    """Disagreements, as readable lines; empty when we agree."""
    problems = [f"missing in ours: {k}" for k in theirs.keys() - ours.keys()]
    problems += [f"extra in ours: {k}" for k in ours.keys() - theirs.keys()]
    for key in ours.keys() & theirs.keys():
        mine, official = ours[key], theirs[key]
        if isinstance(mine, dict):
            problems += [f"{key}: {p}" for p in _compare_fields(mine, official)]
        elif mine != official:
            problems.append(f"{key}: ours {mine!r}, official {official!r}")
    return sorted(problems)


def _compare_fields(mine: dict[str, Any], official: dict[str, Any]) -> list[str]:
    problems = []
    for name in sorted(mine.keys() | official.keys()):
        a, b = mine.get(name), official.get(name)
        if name == "relationName" and name not in mine:
            continue  # Prisma names unnamed relations itself
        if name in ("relationFromFields", "relationToFields") and a is None and b == []:
            continue
        if name == "default" and isinstance(a, dict) and isinstance(b, dict) and not a["args"]:
            a = {"name": a["name"], "args": IMPLICIT_FUNCTION_ARGS.get(a["name"], [])}
        if a != b:
            problems.append(f"{name}: ours {a!r}, official {b!r}")
    return problems
