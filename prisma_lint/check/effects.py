"""The runtime effect table: what a stale portal client does once the admin's schema is migrated.

Each difference between the admin's schema (canonical) and a portal's copy is
one row of RULES, chosen by its change code and the properties of the field
involved. Direction matters: a record `removed` from the portal copy is
something the admin schema has and the copy lacks, so the admin *added* it.

- safe: the stale client keeps working;
- breaks-writes: creates or updates fail;
- breaks-reads: queries fail, or return what the client cannot decode.

docs/impact.md lists every row with the Prisma documentation or issue it rests
on; where Prisma's behaviour is not documented the row takes the breaking
effect and says so. A test keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from prisma_lint.drift.changes import Change, Code
from prisma_lint.syntax import ast

Effect = Literal["safe", "breaks-writes", "breaks-reads"]
EFFECTS: tuple[Effect, ...] = ("safe", "breaks-writes", "breaks-reads")


@dataclass(frozen=True)
class Rule:
    key: str  # stable, as in docs/impact.md
    effect: Effect
    reason: str  # one sentence; {path} {model} {noun} {detail} {code} are filled in


def _rules(*rules: Rule) -> dict[str, Rule]:
    return {r.key: r for r in rules}


S: Effect = "safe"
W: Effect = "breaks-writes"
R: Effect = "breaks-reads"
STALE = "the portal's stale client"
RULES: dict[str, Rule] = _rules(
    Rule("block-added", S, f"The admin schema adds {{noun}} {{path}}; {STALE} never queries it."),
    Rule(
        "model-removed",
        R,
        f"The admin schema drops {{noun}} {{path}}; every query {STALE} runs on it fails, the table is gone.",
    ),
    Rule(
        "enum-or-type-removed",
        S,
        "The admin schema drops {noun} {path}; that alone changes no query (fields using it are judged "
        "on their own).",
    ),
    Rule(
        "block-kind-changed",
        R,
        f"Block {{path}} changes keyword in the admin schema; {STALE} may query or write it in ways the "
        "database no longer allows.",
    ),
    Rule(
        "column-added-optional",
        S,
        f"The admin schema adds optional column {{path}}; {STALE} never selects it and the database fills "
        "it with NULL.",
    ),
    Rule(
        "column-added-db-default",
        S,
        f"The admin schema adds column {{path}} with a default the database fills ({{detail}}); {STALE} "
        "leaves it out of creates and the database fills it.",
    ),
    Rule(
        "column-added-client-default",
        W,
        f"The admin schema adds required column {{path}} whose value Prisma's client fills ({{detail}}), "
        f"not the database; {STALE} leaves it out, so creates on {{model}} fail.",
    ),
    Rule(
        "column-added-required",
        W,
        f"The admin schema adds required column {{path}} with no default; {STALE} leaves it out of every "
        "create, so creates on {model} fail.",
    ),
    Rule(
        "column-added-list",
        W,
        f"The admin schema adds list column {{path}} with no default; {STALE} leaves it out of creates, "
        "which may fail (Prisma does not document it), so it counts as breaking.",
    ),
    Rule(
        "relation-added",
        S,
        "The admin schema adds relation field {path}, which has no column of its own (its foreign key "
        "is judged on its own).",
    ),
    Rule(
        "column-removed",
        R,
        f"The admin schema drops column {{path}}; {STALE} selects every scalar field by default, so every "
        "query on {model} fails.",
    ),
    Rule(
        "relation-removed",
        R,
        f"The admin schema drops relation field {{path}}; queries of {STALE} that include it may fail if "
        "its foreign key or join table is gone, so it counts as breaking.",
    ),
    Rule(
        "type-changed",
        R,
        f"Field {{path}} has another type in the admin schema; {STALE} reads values it cannot decode.",
    ),
    Rule(
        "made-required",
        W,
        f"The admin schema makes {{path}} required; {STALE} still treats it as optional, so creates on "
        "{model} that leave it out fail.",
    ),
    Rule(
        "made-optional",
        R,
        f"The admin schema makes {{path}} optional; {STALE} expects a value, so reading a row of {{model}} "
        "where it is NULL fails.",
    ),
    Rule(
        "column-renamed",
        R,
        f"The admin schema maps {{path}} to another column; {STALE} selects the old name, so every query "
        "on {model} fails.",
    ),
    Rule(
        "table-renamed",
        R,
        f"The admin schema maps {{model}} to another table or schema ({{detail}}); {STALE} queries the old "
        "one, so every query on {model} fails.",
    ),
    Rule(
        "native-type-changed",
        R,
        f"The admin schema changes the database type of {{path}} ({{detail}}); {STALE} may read or write "
        "values the column no longer takes, so it counts as breaking.",
    ),
    Rule(
        "default-dropped",
        W,
        f"The admin schema drops the database default of required field {{path}}; {STALE} still leaves it "
        "out of creates, so creates on {model} fail.",
    ),
    Rule(
        "default-changed",
        S,
        f"The default of {{path}} changes in the admin schema, but the database or {STALE} still fills it.",
    ),
    Rule(
        "client-side-attribute",
        S,
        "Attribute {detail} of {path} changes what a client does, not the database, so the portal's "
        "client keeps working.",
    ),
    Rule(
        "constraint",
        S,
        "A unique constraint or index of {path} changes; the database enforces it whatever the client, "
        "so syncing the copy would not change what the portal's client does.",
    ),
    Rule(
        "key-or-relation-attribute",
        R,
        f"The admin schema changes {{detail}} of {{path}}, the keys {STALE} queries and joins by, so it "
        "counts as breaking.",
    ),
    Rule(
        "enum-value-added",
        R,
        f"The admin schema adds enum value {{path}}; {STALE} fails to read any row holding it.",
    ),
    Rule(
        "enum-value-removed",
        W,
        f"The admin schema drops enum value {{path}}; {STALE} may still write it, and the database "
        "refuses it.",
    ),
    Rule(
        "enum-value-mapped",
        R,
        f"The admin schema maps enum value {{path}} to another database value; {STALE} cannot read it.",
    ),
    Rule("documentation", S, "Only the documentation of {path} changes; the database is the same."),
    Rule(
        "generator",
        S,
        "Generator {path} only shapes generated code, not the database; the portal keeps its own client.",
    ),
    Rule("order", S, "Only the order of {path} changes, and Prisma ignores order."),
    Rule(
        "datasource",
        R,
        f"Datasource setting {{path}} changes; Prisma does not document how {STALE} behaves, so it counts "
        "as breaking.",
    ),
    Rule(
        "other",
        R,
        "Prisma does not document what a stale client does after this change to {path} ({code}), so it "
        "counts as breaking.",
    ),
)

CLIENT_DEFAULTS = {"cuid", "uuid", "nanoid", "ulid"}  # filled by Prisma's client, absent from the database
ADDED_BLOCK = {Code.MODEL_REMOVED, Code.VIEW_REMOVED, Code.TYPE_REMOVED, Code.ENUM_REMOVED}
SAME_AS = {
    Code.MODEL_ADDED: "model-removed",
    Code.VIEW_ADDED: "model-removed",
    Code.TYPE_ADDED: "enum-or-type-removed",
    Code.ENUM_ADDED: "enum-or-type-removed",
    Code.BLOCK_KIND_CHANGED: "block-kind-changed",
    Code.FIELD_TYPE_CHANGED: "type-changed",
    Code.FIELD_LIST_CHANGED: "type-changed",
    Code.ENUM_VALUE_REMOVED: "enum-value-added",
    Code.ENUM_VALUE_ADDED: "enum-value-removed",
    Code.ENUM_VALUE_ATTRIBUTE_CHANGED: "enum-value-mapped",
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

    def field(self, side: int, path: str) -> ast.Field | None:
        model, _, name = path.partition(".")
        block = self.blocks[side].get(model)
        return next((f for f in block.fields if f.name == name), None) if block else None

    def is_relation(self, side: int, field: ast.Field) -> bool:
        target = self.blocks[side].get(field.type.name)
        return target is not None and target.kind != "type"


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
    if code in SAME_AS:
        return SAME_AS[code], ""
    if code in BLOCK_ATTRIBUTES:
        return _block_attribute(change.path)
    return _field_rule(change, sides) or ("other", "")


def _field_rule(change: Change, sides: Sides) -> tuple[str, str] | None:
    code = change.code
    canonical, portal = sides.field(0, change.path), sides.field(1, change.path)
    if code is Code.FIELD_REMOVED and canonical is not None:
        return _column_added(canonical, sides)
    if code is Code.FIELD_ADDED and portal is not None:
        return ("relation-removed" if sides.is_relation(1, portal) else "column-removed"), ""
    if code is Code.FIELD_OPTIONALITY_CHANGED and canonical is not None:
        return ("made-required" if canonical.type.arity == "required" else "made-optional"), ""
    if code in FIELD_ATTRIBUTES and canonical is not None and portal is not None:
        return _field_attribute(change.detail, canonical, portal), f"@{change.detail}"
    return None


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
    if name.startswith("db."):
        return "native-type-changed"
    if name == "default":
        was, now = default_kind(portal)[0], default_kind(canonical)[0]
        dropped = was == "db" and now != "db" and canonical.type.arity == "required"
        return "default-dropped" if dropped else "default-changed"
    return FIELD_ATTRIBUTE_RULES.get(name, "other")


def _block_attribute(path: str) -> tuple[str, str]:
    shown = path.split(".", 1)[1] if "." in path else path
    name = shown.removeprefix("@@").split("(")[0]
    return BLOCK_ATTRIBUTE_RULES.get(name, "other"), shown
