"""Which row of the effect table (effect_table.py) a difference falls in.

Each difference between the admin's schema (canonical) and a portal's copy is
keyed by its change code and the properties of the field involved. Direction
matters: a record `removed` from the portal copy is something the admin schema
has and the copy lacks, so the admin *added* it.
"""

from __future__ import annotations

from dataclasses import dataclass

from prisma_lint.check.effect_table import EFFECTS, RULES, Effect, Rule
from prisma_lint.drift.changes import Change, Code, Obj
from prisma_lint.syntax import ast

__all__ = ["EFFECTS", "RULES", "Effect", "Impact", "Rule", "Sides", "classify"]

CLIENT_DEFAULTS = {"cuid", "uuid", "nanoid", "ulid"}  # filled by Prisma's client, absent from the database
ADDED_BLOCK = {Code.MODEL_REMOVED, Code.VIEW_REMOVED, Code.TYPE_REMOVED, Code.ENUM_REMOVED}
SAME_AS = {
    Code.MODEL_ADDED: "model-removed",
    Code.VIEW_ADDED: "model-removed",
    Code.TYPE_ADDED: "enum-or-type-removed",
    Code.ENUM_ADDED: "enum-or-type-removed",
    Code.BLOCK_KIND_CHANGED: "block-kind-changed",
    Code.FIELD_LIST_CHANGED: "type-changed",
    Code.DOCUMENTATION_CHANGED: "documentation",
    Code.GENERATOR_ADDED: "generator",
    Code.GENERATOR_REMOVED: "generator",
    Code.GENERATOR_CHANGED: "generator",
    Code.BLOCK_ORDER_CHANGED: "order",
    Code.MEMBER_ORDER_CHANGED: "order",
    Code.ATTRIBUTE_ORDER_CHANGED: "order",
    Code.DATASOURCE_ADDED: "datasource",
    Code.DATASOURCE_REMOVED: "datasource",
    Code.DATASOURCE_CHANGED: "datasource",
}
ENUM_VALUES = {
    Code.ENUM_VALUE_REMOVED: "enum-value-added",
    Code.ENUM_VALUE_ADDED: "enum-value-removed",
    Code.ENUM_VALUE_ATTRIBUTE_CHANGED: "enum-value-mapped",
}
FIELD_ATTRIBUTES = {Code.FIELD_ATTRIBUTE_ADDED, Code.FIELD_ATTRIBUTE_REMOVED, Code.FIELD_ATTRIBUTE_CHANGED}
BLOCK_ATTRIBUTES = {Code.BLOCK_ATTRIBUTE_ADDED, Code.BLOCK_ATTRIBUTE_REMOVED, Code.BLOCK_ATTRIBUTE_CHANGED}


@dataclass(frozen=True)
class Impact:
    """One difference and what it does to the portal's stale client."""

    change: Change
    rule: str  # a key of RULES
    effect: Effect
    reason: str


class Sides:
    """The two schemas, looked up by block and field name."""

    def __init__(self, canonical: ast.Schema, portal: ast.Schema) -> None:
        self.blocks = [{b.name: b for b in s.blocks if isinstance(b, ast.Model)} for s in (canonical, portal)]
        self.enums = [{b.name: b for b in s.blocks if isinstance(b, ast.Enum)} for s in (canonical, portal)]

    def field(self, side: int, path: str) -> ast.Field | None:
        model, _, name = path.partition(".")
        block = self.blocks[side].get(model)
        return next((f for f in block.fields if f.name == name), None) if block else None

    def is_relation(self, side: int, field: ast.Field) -> bool:
        target = self.blocks[side].get(field.type.name)
        return target is not None and target.kind != "type"

    def columns(self, side: int, model: ast.Model) -> dict[str, ast.Field]:
        """The model's scalar fields by column name (`@map`, else the field's name)."""
        return {mapped_name(f) or f.name: f for f in model.fields if not self.is_relation(side, f)}

    def same_column(self, side: int, path: str, field: ast.Field) -> bool:
        """Whether the other side's model has another field on this field's column, of the same type."""
        model, _, name = path.partition(".")
        other = self.blocks[1 - side].get(model)
        if other is None or self.is_relation(side, field):
            return False
        twin = self.columns(1 - side, other).get(mapped_name(field) or field.name)
        return twin is not None and twin.name != name and twin.type == field.type

    def same_table(self, name: str) -> bool:
        """Whether the portal's model `name` is an admin model under another name, on the same table
        with the same columns."""
        model = self.blocks[1].get(name)
        if model is None:
            return False
        table = mapped_name(model) or model.name
        for other in self.blocks[0].values():
            if other.name != name and (mapped_name(other) or other.name) == table:
                return _signature(self.columns(0, other)) == _signature(self.columns(1, model))
        return False

    def enum_value(self, side: int, path: str) -> ast.EnumValue | None:
        name, _, value = path.partition(".")
        block = self.enums[side].get(name)
        return next((v for v in block.values if v.name == value), None) if block else None

    def same_value(self, side: int, path: str, value: ast.EnumValue) -> bool:
        """Whether the other side's enum has another value with this value's database value."""
        name = path.split(".", maxsplit=1)[0]
        other = self.enums[1 - side].get(name)
        stored = mapped_name(value) or value.name
        return other is not None and any(
            v.name != value.name and (mapped_name(v) or v.name) == stored for v in other.values
        )


def mapped_name(node: ast.Field | ast.Model | ast.EnumValue) -> str | None:
    """The name given by `@map`/`@@map` (positional or `name:`), if any."""
    for attribute in node.attributes:
        if attribute.name == "map":
            for argument in attribute.arguments:
                if argument.name in (None, "name") and isinstance(argument.value, ast.StringValue):
                    return argument.value.value
    return None


def _signature(columns: dict[str, ast.Field]) -> set[tuple[str, str, str]]:
    return {(column, f.type.name, f.type.arity) for column, f in columns.items()}


def classify(change: Change, sides: Sides) -> Impact:
    key, detail = rule_of(change, sides)
    rule = RULES[key]
    reason = rule.reason.format(
        path=change.path,
        model=change.path.split(".")[0],
        noun=change.object.replace("_", " "),
        detail=detail,
        code=change.code.value,
    )
    return Impact(change, key, rule.effect, reason)


def rule_of(change: Change, sides: Sides) -> tuple[str, str]:
    """The row of RULES for a change, and the detail its reason names."""
    code = change.code
    if code in ADDED_BLOCK:
        return "block-added", ""
    if code in (Code.MODEL_ADDED, Code.VIEW_ADDED) and sides.same_table(change.path):
        return "same-table", _table(sides.blocks[1][change.path])
    if code in ENUM_VALUES:
        return _enum_value_rule(change, sides)
    if code in SAME_AS:
        return SAME_AS[code], ""
    if code in BLOCK_ATTRIBUTES:
        return _block_attribute(change.path, sides)
    return _field_rule(change, sides) or ("other", "")


def _field_rule(change: Change, sides: Sides) -> tuple[str, str] | None:
    code = change.code
    attribute = change.object is Obj.FIELD_ATTRIBUTE and change.parent is not None
    path = change.parent.path if attribute and change.parent else change.path  # User.email@unique
    canonical, portal = sides.field(0, path), sides.field(1, path)
    if code in (Code.FIELD_REMOVED, Code.FIELD_ADDED):
        return _field_presence(change, sides, canonical, portal)
    if code is Code.FIELD_TYPE_CHANGED and canonical is not None and portal is not None:
        return _type_changed(canonical, portal, sides)
    if code is Code.FIELD_OPTIONALITY_CHANGED and canonical is not None:
        return ("made-required" if canonical.type.arity == "required" else "made-optional"), ""
    if code in FIELD_ATTRIBUTES and canonical is not None and portal is not None:
        name = change.path.rsplit("@", 1)[-1]
        return _field_attribute(name, canonical, portal), f"@{name}"
    return None


def _field_presence(
    change: Change, sides: Sides, canonical: ast.Field | None, portal: ast.Field | None
) -> tuple[str, str] | None:
    """A field on one side only: the admin added it (FIELD_REMOVED) or dropped it (FIELD_ADDED)."""
    side, field = (0, canonical) if change.code is Code.FIELD_REMOVED else (1, portal)
    if field is None:
        return None
    if sides.same_column(side, change.path, field):
        return "same-column", mapped_name(field) or field.name
    if side == 0:
        return _column_added(field, sides)
    return ("relation-removed" if sides.is_relation(1, field) else "column-removed"), ""


def _type_changed(canonical: ast.Field, portal: ast.Field, sides: Sides) -> tuple[str, str]:
    """A relation to a model renamed in the client only (same table) is no change to the database."""
    targets = [sides.blocks[0].get(canonical.type.name), sides.blocks[1].get(portal.type.name)]
    relations = sides.is_relation(0, canonical) and sides.is_relation(1, portal)
    if relations and targets[0] and targets[1] and _table(targets[0]) == _table(targets[1]):
        return "relation-same-table", _table(targets[0])
    return "type-changed", ""


def _enum_value_rule(change: Change, sides: Sides) -> tuple[str, str]:
    own = change.object is Obj.ENUM_VALUE_ATTRIBUTE and change.parent is not None
    path = change.parent.path if own and change.parent else change.path  # Role.ADMIN@map: Role.ADMIN
    canonical, portal = sides.enum_value(0, path), sides.enum_value(1, path)
    if change.code is Code.ENUM_VALUE_ATTRIBUTE_CHANGED and canonical and portal:
        stored = mapped_name(canonical) or canonical.name
        same = stored == (mapped_name(portal) or portal.name)
        return ("enum-value-same", stored) if same else ("enum-value-mapped", "")
    side, value = (0, canonical) if change.code is Code.ENUM_VALUE_REMOVED else (1, portal)
    if value is not None and sides.same_value(side, path, value):
        return "enum-value-same", mapped_name(value) or value.name
    return ENUM_VALUES[change.code], ""


def default_kind(field: ast.Field) -> tuple[str, str]:
    """("db" | "client" | "", shown): who fills the field when a create leaves it out."""
    for attribute in field.attributes:
        if attribute.name == "updatedAt":
            return "client", "@updatedAt"
        if attribute.name == "default" and attribute.arguments:
            value = attribute.arguments[0].value
            if isinstance(value, ast.FunctionCall):
                return ("client" if value.name in CLIENT_DEFAULTS else "db"), f"{value.name}()"
            return "db", "a literal"
    return "", ""


def _column_added(field: ast.Field, sides: Sides) -> tuple[str, str]:
    if sides.is_relation(0, field):
        return "relation-added", ""
    if field.type.arity == "optional":
        return "column-added-optional", ""
    kind, shown = default_kind(field)
    if kind:
        return f"column-added-{kind}-default", shown
    return ("column-added-list" if field.type.arity == "list" else "column-added-required"), ""


FIELD_ATTRIBUTE_RULES = {
    "map": "column-renamed",
    "unique": "constraint",
    "updatedAt": "client-side-attribute",
    "ignore": "client-side-attribute",
    "id": "key-or-relation-attribute",
    "relation": "key-or-relation-attribute",
}
BLOCK_ATTRIBUTE_RULES = {
    "map": "table-renamed",
    "schema": "table-renamed",
    "index": "constraint",
    "unique": "constraint",
    "fulltext": "constraint",
    "id": "key-or-relation-attribute",
    "ignore": "client-side-attribute",
}


def _field_attribute(name: str, canonical: ast.Field, portal: ast.Field) -> str:
    if name == "map" and (mapped_name(canonical) or canonical.name) == (mapped_name(portal) or portal.name):
        return "same-column"
    if name.startswith("db."):
        return "native-type-changed"
    if name == "default":
        was, now = default_kind(portal)[0], default_kind(canonical)[0]
        dropped = was == "db" and now != "db" and canonical.type.arity == "required"
        return "default-dropped" if dropped else "default-changed"
    return FIELD_ATTRIBUTE_RULES.get(name, "other")


def _block_attribute(path: str, sides: Sides) -> tuple[str, str]:
    model, _, rest = path.partition("@@")  # User@@map, User@@index([email]), User@@index([a])#2
    shown = "@@" + rest.split("#")[0]
    name = rest.split("(")[0].split("#")[0]
    pair = [side.get(model) for side in sides.blocks]
    if name == "map" and pair[0] and pair[1] and _table(pair[0]) == _table(pair[1]):
        return "same-table", _table(pair[0])
    return BLOCK_ATTRIBUTE_RULES.get(name, "other"), shown


def _table(model: ast.Model) -> str:
    return mapped_name(model) or model.name
