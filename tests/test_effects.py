"""The runtime effect table (check/effects.py, docs/impact.md): one test per row.

Each case is a pair of schemas written by hand: the admin's (canonical) and a
portal's stale copy, differing in one way. The expected row and effect are
the ones docs/impact.md states for that situation, written here, not read
from the table under test.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from prisma_lint.check.effects import RULES, Impact, Sides, classify
from prisma_lint.drift.diff import diff
from prisma_lint.syntax.ast import SourceFile
from prisma_lint.syntax.parser import parse_sources

ROOT = Path(__file__).resolve().parents[1]
DB = 'datasource db {\n  provider = "postgresql"\n}\n'
POST = "model Post {\n  id Int @id\n  authorId Int\n}\n"


def user(*fields: str, extra: str = "") -> str:
    body = "".join(f"  {f}\n" for f in ("id Int @id", *fields))
    return f"{DB}model User {{\n{body}{extra}}}\n"


TWO_ON_PEOPLE = "".join(f'model {m} {{\n  id Int @id\n  @@map("people")\n}}\n' for m in "AB")

# (row, effect, admin schema, portal copy, path the reason must name)
CASES = [
    ("block-added", "safe", user() + POST, user(), "Post"),
    ("model-removed", "breaks-reads", user(), user() + POST, "Post"),
    ("enum-or-type-removed", "safe", user(), user() + "enum Old {\n  A\n}\n", "Old"),
    (
        "block-kind-changed",
        "breaks-reads",
        user() + "view Stats {\n  id Int @unique\n}\n",
        user() + "model Stats {\n  id Int @unique\n}\n",
        "Stats",
    ),
    ("column-added-optional", "safe", user("nick String?"), user(), "User.nick"),
    ("column-added-db-default", "safe", user("at DateTime @default(now())"), user(), "User.at"),
    (
        "column-added-client-default",
        "breaks-writes",
        user("token String @default(cuid())"),
        user(),
        "User.token",
    ),
    ("column-added-required", "breaks-writes", user("email String"), user(), "User.email"),
    ("column-added-list", "breaks-writes", user("tags String[]"), user(), "User.tags"),
    (
        "relation-added",
        "safe",
        user() + POST.replace("}", "  author User @relation(fields: [authorId], references: [id])\n}"),
        user() + POST,
        "Post.author",
    ),
    ("column-removed", "breaks-reads", user(), user("legacy String?"), "User.legacy"),
    (
        "relation-removed",
        "breaks-reads",
        user() + POST,
        user() + POST.replace("}", "  author User @relation(fields: [authorId], references: [id])\n}"),
        "Post.author",
    ),
    ("type-changed", "breaks-reads", user("age BigInt"), user("age Int"), "User.age"),
    (
        "relation-same-table",
        "safe",
        TWO_ON_PEOPLE + POST.replace("}", "  author A @relation(fields: [authorId], references: [id])\n}"),
        TWO_ON_PEOPLE + POST.replace("}", "  author B @relation(fields: [authorId], references: [id])\n}"),
        "Post.author",
    ),
    ("made-required", "breaks-writes", user("name String"), user("name String?"), "User.name"),
    ("made-optional", "breaks-reads", user("name String?"), user("name String"), "User.name"),
    (
        "column-renamed",
        "breaks-reads",
        user('name String @map("full_name")'),
        user("name String"),
        "User.name",
    ),
    ("same-column", "safe", user('name String @map("name")'), user("name String"), "User.name"),
    ("table-renamed", "breaks-reads", user(extra='  @@map("users")\n'), user(), "User"),
    ("same-table", "safe", user(extra='  @@map("User")\n'), user(), "User"),
    (
        "native-type-changed",
        "breaks-reads",
        user("name String @db.VarChar(100)"),
        user("name String @db.VarChar(50)"),
        "User.name",
    ),
    (
        "default-dropped",
        "breaks-writes",
        user("status String"),
        user('status String @default("new")'),
        "User.status",
    ),
    (
        "default-changed",
        "safe",
        user('status String @default("open")'),
        user('status String @default("new")'),
        "User.status",
    ),
    ("client-side-attribute", "safe", user("at DateTime @updatedAt"), user("at DateTime"), "User.at"),
    ("constraint", "safe", user("email String @unique"), user("email String"), "User.email"),
    (
        "key-or-relation-attribute",
        "breaks-reads",
        f"{DB}model Pair {{\n  a Int\n  b Int\n  @@id([a, b])\n}}\n",
        f"{DB}model Pair {{\n  a Int\n  b Int\n  @@id([a])\n}}\n",
        "Pair",
    ),
    (
        "enum-value-added",
        "breaks-reads",
        user() + "enum Role {\n  A\n  B\n}\n",
        user() + "enum Role {\n  A\n}\n",
        "Role.B",
    ),
    (
        "enum-value-removed",
        "breaks-writes",
        user() + "enum Role {\n  A\n}\n",
        user() + "enum Role {\n  A\n  B\n}\n",
        "Role.B",
    ),
    (
        "enum-value-mapped",
        "breaks-reads",
        user() + 'enum Role {\n  A @map("a")\n}\n',
        user() + "enum Role {\n  A\n}\n",
        "Role.A",
    ),
    (
        "enum-value-same",
        "safe",
        user() + 'enum Role {\n  A @map("A")\n}\n',
        user() + "enum Role {\n  A\n}\n",
        "Role.A",
    ),
    ("documentation", "safe", user("/// The name.\n  name String"), user("name String"), "User.name"),
    (
        "generator",
        "safe",
        user() + 'generator client {\n  provider = "prisma-client-js"\n  output = "../gen"\n}\n',
        user() + 'generator client {\n  provider = "prisma-client-js"\n}\n',
        "client.output",
    ),
    ("order", "safe", user("a Int", "b Int"), user("b Int", "a Int"), "User."),
    ("datasource", "breaks-reads", user(), user().replace("postgresql", "mysql"), "db.provider"),
    ("other", "breaks-reads", user("tenant String @shardKey"), user("tenant String"), "User.tenant"),
]


def impacts(canonical: str, portal: str) -> list[Impact]:
    a = parse_sources([SourceFile("admin.prisma", canonical)])
    b = parse_sources([SourceFile("portal.prisma", portal)])
    sides = Sides(a, b)
    return [classify(change, sides) for change in diff(a, b, strict=True).changes]


def test_every_row_has_a_case() -> None:
    assert [c[0] for c in CASES] == list(RULES)


@pytest.mark.parametrize(("row", "effect", "canonical", "portal", "path"), CASES, ids=[c[0] for c in CASES])
def test_row(row: str, effect: str, canonical: str, portal: str, path: str) -> None:
    found = impacts(canonical, portal)
    assert found, "the two schemas must differ"
    assert {i.rule for i in found} == {row}, [(i.change.code, i.rule) for i in found]
    for item in found:
        assert item.effect == effect
        assert path in item.reason, item.reason  # the sentence names the model and field
        assert item.reason.endswith(".") and "{" not in item.reason


def test_docs_table_lists_every_row_with_its_effect_and_a_source() -> None:
    doc = (ROOT / "docs/impact.md").read_text(encoding="utf-8")
    rows = {
        m[0]: (m[1], m[2])
        for m in re.findall(r"^\| `([a-z-]+)` \|(?:[^|]|\\\|)*\| `([a-z-]+)` \|(.*)\|$", doc, re.M)
    }
    assert set(rows) == set(RULES)
    for key, rule in RULES.items():
        effect, source = rows[key]
        assert effect == rule.effect, key
        assert "http" in source or "uncertain" in source.lower(), key


def test_a_field_renamed_in_the_client_only_keeps_its_column() -> None:
    """`fullName @map("name")` in the admin schema, `name` in the copy: one column, both records safe."""
    found = impacts(user('fullName String @map("name")'), user("name String"))
    assert sorted((i.change.code.value, i.rule, i.effect) for i in found) == [
        ("FIELD_ADDED", "same-column", "safe"),
        ("FIELD_REMOVED", "same-column", "safe"),
    ]
    # ...but a new column under the new name is a real change
    moved = impacts(user("fullName String"), user("name String"))
    assert sorted(i.rule for i in moved) == ["column-added-required", "column-removed"]


def test_a_model_renamed_in_the_client_only_keeps_its_table() -> None:
    renamed = user(extra='  @@map("User")\n').replace("model User", "model Person")
    found = impacts(renamed, user())
    assert sorted((i.change.code.value, i.rule, i.effect) for i in found) == [
        ("MODEL_ADDED", "same-table", "safe"),
        ("MODEL_REMOVED", "block-added", "safe"),
    ]
    # the same table with other columns is not the same model: conservative
    other = user("extra Int", extra='  @@map("User")\n').replace("model User", "model Person")
    assert "model-removed" in {i.rule for i in impacts(other, user())}


def test_a_model_renamed_in_the_client_only_keeps_relations_to_it_safe() -> None:
    author = "  author {} @relation(fields: [authorId], references: [id])\n}}"
    admin = user(extra='  @@map("User")\n').replace("model User", "model Person") + POST.replace(
        "}", author.format("Person")
    )
    portal = user() + POST.replace("}", author.format("User"))
    found = {(i.change.code.value, i.change.path): (i.rule, i.effect) for i in impacts(admin, portal)}
    assert found[("FIELD_TYPE_CHANGED", "Post.author")] == ("relation-same-table", "safe")
    assert found[("MODEL_ADDED", "User")] == ("same-table", "safe")


def test_an_enum_value_renamed_in_the_client_only_keeps_its_database_value() -> None:
    found = impacts(user() + 'enum Role {\n  Admin @map("ADMIN")\n}\n', user() + "enum Role {\n  ADMIN\n}\n")
    assert sorted((i.change.code.value, i.rule, i.effect) for i in found) == [
        ("ENUM_VALUE_ADDED", "enum-value-same", "safe"),
        ("ENUM_VALUE_REMOVED", "enum-value-same", "safe"),
    ]
