"""The runtime effect table: one row per situation, with its effect and its reason.

What a stale portal client does once the admin's schema is migrated:
- safe: the stale client keeps working;
- breaks-writes: creates or updates fail;
- breaks-reads: queries fail, or return what the client cannot decode.

Which row a difference falls in is decided in effects.py. docs/impact.md lists
every row with the Prisma documentation or issue it rests on; where Prisma's
behaviour is not documented the row takes the breaking effect and says so. A
test keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

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
        "relation-same-table",
        S,
        f"Relation field {{path}} names another model in the admin schema, but one on the same table "
        f"({{detail}}), so {STALE} keeps working.",
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
        "same-column",
        S,
        f"Field {{path}} is renamed or remapped in the admin schema but keeps its column ({{detail}}), so "
        f"{STALE} keeps working.",
    ),
    Rule(
        "table-renamed",
        R,
        f"The admin schema maps {{model}} to another table or schema ({{detail}}); {STALE} queries the old "
        "one, so every query on {model} fails.",
    ),
    Rule(
        "same-table",
        S,
        f"Model {{model}} is renamed or remapped in the admin schema but keeps its table ({{detail}}) and "
        f"its columns, so {STALE} keeps working.",
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
    Rule(
        "enum-value-same",
        S,
        f"Enum value {{path}} is renamed or remapped in the admin schema but keeps its database value "
        f"({{detail}}), so {STALE} keeps working.",
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
