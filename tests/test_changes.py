"""One test per change code, on small schemas, and what is never drift."""

from __future__ import annotations

import pytest

from prisma_lint.drift.changes import Code, Kind, Severity
from prisma_lint.drift.diff import diff
from prisma_lint.syntax import ast
from prisma_lint.syntax.parser import parse_text

BASE = """datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

generator client {
  provider = "prisma-client-js"
  output   = "../generated"
}

/// A person.
model User {
  id    Int     @id @default(autoincrement())
  email String  @unique
  name  String?
  tags  String[]
  role  Role    @default(MEMBER)
  posts Post[]

  @@index([email])
  @@map("users")
}

model Post {
  id       Int  @id
  authorId Int
  author   User @relation(fields: [authorId], references: [id])
}

view Stats {
  id Int @unique
}

type Address {
  street String
}

enum Role {
  ADMIN @map("admin")
  MEMBER
}
"""


def schema(text: str, file: str) -> ast.Schema:
    blocks, errors = parse_text(text, file)
    assert errors == ()
    return ast.Schema(blocks, (file,))


def changes_between(old: str, new: str, strict: bool = False) -> list[tuple[str, str, str, str, str]]:
    result = diff(schema(old, "canonical.prisma"), schema(new, "portal.prisma"), strict=strict)
    return [(c.code.value, c.kind.value, c.object, c.path, c.message) for c in result.changes]


DATASOURCE = 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n'


def edit(old: str, new: str) -> str:
    assert old in BASE, old
    return BASE.replace(old, new, 1)


# code -> (portal text, expected (kind, object, path, message))
CASES: dict[Code, tuple[str, tuple[str, str, str, str]]] = {
    Code.MODEL_ADDED: (
        BASE + "model Log {\n  id Int @id\n}\n",
        ("added", "model", "Log", "Model Log was added in the portal copy."),
    ),
    Code.MODEL_REMOVED: (
        edit(
            "model Post {\n  id       Int  @id\n  authorId Int\n  author   User @relation"
            "(fields: [authorId], references: [id])\n}\n",
            "",
        ),
        ("removed", "model", "Post", "Model Post was removed from the portal copy."),
    ),
    Code.VIEW_ADDED: (
        BASE + "view V2 {\n  id Int @unique\n}\n",
        ("added", "view", "V2", "View V2 was added in the portal copy."),
    ),
    Code.VIEW_REMOVED: (
        edit("view Stats {\n  id Int @unique\n}\n", ""),
        ("removed", "view", "Stats", "View Stats was removed from the portal copy."),
    ),
    Code.TYPE_ADDED: (
        BASE + "type Geo {\n  lat Float\n}\n",
        ("added", "type", "Geo", "Type Geo was added in the portal copy."),
    ),
    Code.TYPE_REMOVED: (
        edit("type Address {\n  street String\n}\n", ""),
        ("removed", "type", "Address", "Type Address was removed from the portal copy."),
    ),
    Code.BLOCK_KIND_CHANGED: (
        edit("view Stats {", "model Stats {"),
        ("changed", "view", "Stats", "Block Stats changed from view to model in the portal copy."),
    ),
    Code.ENUM_ADDED: (
        BASE + "enum Color {\n  RED\n}\n",
        ("added", "enum", "Color", "Enum Color was added in the portal copy."),
    ),
    Code.ENUM_REMOVED: (
        edit('enum Role {\n  ADMIN @map("admin")\n  MEMBER\n}\n', ""),
        ("removed", "enum", "Role", "Enum Role was removed from the portal copy."),
    ),
    Code.DATASOURCE_ADDED: (
        BASE + 'datasource replica {\n  provider = "postgresql"\n}\n',
        ("added", "datasource", "replica", "Datasource replica was added in the portal copy."),
    ),
    Code.DATASOURCE_REMOVED: (
        edit('datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n', ""),
        ("removed", "datasource", "db", "Datasource db was removed from the portal copy."),
    ),
    Code.DATASOURCE_CHANGED: (
        edit('provider = "postgresql"', 'provider = "mysql"'),
        (
            "changed",
            "setting",
            "db.provider",
            'Datasource setting db.provider changed from "postgresql" to "mysql" in the portal copy.',
        ),
    ),
    Code.GENERATOR_ADDED: (
        BASE + 'generator erd {\n  provider = "prisma-erd"\n}\n',
        ("added", "generator", "erd", "Generator erd was added in the portal copy."),
    ),
    Code.GENERATOR_REMOVED: (
        edit('generator client {\n  provider = "prisma-client-js"\n  output   = "../generated"\n}\n', ""),
        ("removed", "generator", "client", "Generator client was removed from the portal copy."),
    ),
    Code.GENERATOR_CHANGED: (
        edit('output   = "../generated"', 'output = "../client"'),
        (
            "changed",
            "setting",
            "client.output",
            'Generator setting client.output changed from "../generated" to "../client" in the portal copy.',
        ),
    ),
    Code.FIELD_ADDED: (
        edit("  posts Post[]\n", "  posts Post[]\n  bio   String?\n"),
        ("added", "field", "User.bio", "Field User.bio was added in the portal copy."),
    ),
    Code.FIELD_REMOVED: (
        edit("  tags  String[]\n", ""),
        ("removed", "field", "User.tags", "Field User.tags was removed from the portal copy."),
    ),
    Code.FIELD_TYPE_CHANGED: (
        edit("  name  String?", "  name  Int?"),
        (
            "changed",
            "field",
            "User.name",
            "Field User.name changed type from String? to Int? in the portal copy.",
        ),
    ),
    Code.FIELD_OPTIONALITY_CHANGED: (
        edit("  name  String?", "  name  String"),
        (
            "changed",
            "field",
            "User.name",
            "Field User.name changed from optional (String?) to required (String) in the portal copy.",
        ),
    ),
    Code.FIELD_LIST_CHANGED: (
        edit("  tags  String[]", "  tags  String"),
        (
            "changed",
            "field",
            "User.tags",
            "Field User.tags changed from a list (String[]) to a single value (String) in the portal copy.",
        ),
    ),
    Code.FIELD_ATTRIBUTE_ADDED: (
        edit("  name  String?", '  name  String? @map("full_name")'),
        (
            "added",
            "field_attribute",
            "User.name@map",
            'Field User.name gained attribute @map("full_name") in the portal copy.',
        ),
    ),
    Code.FIELD_ATTRIBUTE_REMOVED: (
        edit("  email String  @unique", "  email String"),
        (
            "removed",
            "field_attribute",
            "User.email@unique",
            "Field User.email lost attribute @unique in the portal copy.",
        ),
    ),
    Code.FIELD_ATTRIBUTE_CHANGED: (
        edit("@default(MEMBER)", "@default(ADMIN)"),
        (
            "changed",
            "field_attribute",
            "User.role@default",
            "Field User.role changed attribute @default(MEMBER) to @default(ADMIN) in the portal copy.",
        ),
    ),
    Code.ENUM_VALUE_ADDED: (
        edit("  MEMBER\n", "  MEMBER\n  GUEST\n"),
        ("added", "enum_value", "Role.GUEST", "Enum value Role.GUEST was added in the portal copy."),
    ),
    Code.ENUM_VALUE_REMOVED: (
        edit("  MEMBER\n", ""),
        ("removed", "enum_value", "Role.MEMBER", "Enum value Role.MEMBER was removed from the portal copy."),
    ),
    Code.ENUM_VALUE_ATTRIBUTE_CHANGED: (
        edit('ADMIN @map("admin")', "ADMIN"),
        (
            "removed",
            "enum_value_attribute",
            "Role.ADMIN@map",
            'Enum value Role.ADMIN lost attribute @map("admin") in the portal copy.',
        ),
    ),
    Code.BLOCK_ATTRIBUTE_ADDED: (
        edit("  @@index([email])\n", "  @@index([email])\n  @@index([name])\n"),
        (
            "added",
            "block_attribute",
            "User@@index([name])",
            "Block attribute User@@index([name]) was added in the portal copy.",
        ),
    ),
    Code.BLOCK_ATTRIBUTE_REMOVED: (
        edit('  @@map("users")\n', ""),
        (
            "removed",
            "block_attribute",
            "User@@map",
            'Block attribute User@@map("users") was removed from the portal copy.',
        ),
    ),
    Code.BLOCK_ATTRIBUTE_CHANGED: (
        edit("@@index([email])", '@@index([email], map: "ix_email")'),
        (
            "changed",
            "block_attribute",
            "User@@index([email])",
            "Block attribute User@@index([email]) changed from @@index([email]) to "
            '@@index([email], map: "ix_email") in the portal copy.',
        ),
    ),
    Code.DOCUMENTATION_CHANGED: (
        edit("/// A person.", "/// A human."),
        ("changed", "documentation", "User", "Documentation of model User changed in the portal copy."),
    ),
    Code.BLOCK_ORDER_CHANGED: (
        edit(DATASOURCE, "") + DATASOURCE,
        ("moved", "datasource", "db", "Datasource db moved from position 1 to 7 in the portal copy."),
    ),
    Code.MEMBER_ORDER_CHANGED: (
        edit("  id    Int     @id @default(autoincrement())\n", "").replace(
            "  posts Post[]\n", "  posts Post[]\n  id    Int     @id @default(autoincrement())\n"
        ),
        ("moved", "field", "User.id", "Field User.id moved from position 1 to 6 in the portal copy."),
    ),
    Code.ATTRIBUTE_ORDER_CHANGED: (
        edit("@id @default(autoincrement())", "@default(autoincrement()) @id"),
        (
            "moved",
            "field_attribute",
            "User.id@default",
            "Attribute @default of field User.id moved from position 2 to 1 in the portal copy.",
        ),
    ),
}
ORDER_CODES = {Code.BLOCK_ORDER_CHANGED, Code.MEMBER_ORDER_CHANGED, Code.ATTRIBUTE_ORDER_CHANGED}


# Reported by `check` only; tests/test_check.py and tests/test_policy_commands.py have a case for each.
CHECK_ONLY = {Code.PORTAL_STALE, Code.PORTAL_HAS_MIGRATIONS} | {
    c for c in Code if c.name.startswith("PORTAL_RUNS_")
}
DIFF_CODES = [c for c in Code if c not in CHECK_ONLY]


def test_every_code_has_a_case() -> None:
    assert set(CASES) == set(DIFF_CODES)


@pytest.mark.parametrize("code", DIFF_CODES, ids=lambda c: c.value)
def test_change_code(code: Code) -> None:
    portal, (kind, obj, path, message) = CASES[code]
    found = changes_between(BASE, portal, strict=code in ORDER_CODES)
    assert found == [(code.value, kind, obj, path, message)]


@pytest.mark.parametrize("code", DIFF_CODES, ids=lambda c: c.value)
def test_the_reverse_change_mirrors_it(code: Code) -> None:
    portal, (kind, obj, path, _) = CASES[code]
    mirrored = {"added": "removed", "removed": "added", "changed": "changed", "moved": "moved"}[kind]
    back = changes_between(portal, BASE, strict=code in ORDER_CODES)
    assert len(back) == 1
    if code is Code.BLOCK_KIND_CHANGED:
        obj = "model"  # the object is the block as the canonical side has it
    if code is Code.ATTRIBUTE_ORDER_CHANGED:
        path = "User.id@id"  # of two swapped attributes, the one outside the common order moved
    assert back[0][1:4] == (mirrored, obj, path)


def test_severities_follow_the_documented_rationale() -> None:
    for code in DIFF_CODES:
        expected = (
            Severity.NOTICE
            if code in ORDER_CODES
            else Severity.WARNING
            if code.value.startswith(("GENERATOR_", "DOCUMENTATION_"))
            else Severity.ERROR
        )
        assert code.info.severity is expected, code


NOT_DRIFT = {
    "reindented and realigned": BASE.replace("  email String  @unique", "\temail\tString @unique"),
    "CRLF line ends": BASE.replace("\n", "\r\n"),
    "blank lines and // comments": BASE.replace("model Post {", "// posts\n\n\nmodel Post { // header\n"),
    "blocks reordered": BASE.replace('enum Role {\n  ADMIN @map("admin")\n  MEMBER\n}\n', "").replace(
        "/// A person.", 'enum Role {\n  ADMIN @map("admin")\n  MEMBER\n}\n\n/// A person.'
    ),
    "fields reordered": edit(
        "  id    Int     @id @default(autoincrement())\n  email String  @unique\n",
        "  email String  @unique\n  id    Int     @id @default(autoincrement())\n",
    ),
    "attributes reordered": edit("@id @default(autoincrement())", "@default(autoincrement()) @id"),
    "named first argument": edit("@@index([email])", "@@index(fields: [email])"),
    "named map": edit('@@map("users")', '@@map(name: "users")'),
    "spaces in calls": edit("@default(autoincrement())", "@default(autoincrement( ))"),
    "named arguments reordered": edit(
        "@relation(fields: [authorId], references: [id])", "@relation(references: [id], fields: [authorId])"
    ),
    "string escapes": edit('@map("admin")', '@map("\\u0061dmin")'),
}


@pytest.mark.parametrize("name", list(NOT_DRIFT))
def test_not_drift(name: str) -> None:
    assert changes_between(BASE, NOT_DRIFT[name]) == []


def test_relation_name_spellings_are_equal() -> None:
    old = BASE.replace("@relation(fields: [authorId]", '@relation("Writes", fields: [authorId]')
    new = BASE.replace("@relation(fields: [authorId]", '@relation(name: "Writes", fields: [authorId]')
    assert changes_between(old, new) == []


def test_numbers_compare_by_value() -> None:
    old = edit("  tags  String[]", "  score Decimal @default(1.5)")
    assert changes_between(old, old.replace("1.5", "1.50")) == []


def test_rename_hint_names_both_fields() -> None:
    portal = edit("  name  String?", "  fullName String?")
    found = changes_between(BASE, portal)
    assert [(c[0], c[4]) for c in found] == [
        (
            "FIELD_REMOVED",
            "Field User.name was removed from the portal copy. It looks like a rename of name to fullName.",
        ),
        (
            "FIELD_ADDED",
            "Field User.fullName was added in the portal copy. It looks like a rename of name to fullName.",
        ),
    ]


def test_rename_hint_by_map() -> None:
    portal = edit("  name  String?", '  fullName Int? @map("name")')
    old = edit("  name  String?", '  name  String? @map("name")')
    found = changes_between(old, portal)
    assert all("rename of name to fullName" in c[4] for c in found)


def test_enum_turned_model_changes_the_field_type() -> None:
    portal = edit('enum Role {\n  ADMIN @map("admin")\n  MEMBER\n}\n', "model Role {\n  id Int @id\n}\n")
    found = changes_between(BASE, portal)
    assert (
        "FIELD_TYPE_CHANGED",
        "changed",
        "field",
        "User.role",
        "Field User.role changed type from enum Role to model Role in the portal copy.",
    ) in found


def test_an_added_model_is_one_change_not_one_per_field() -> None:
    portal = BASE + "model Log {\n  id Int @id\n  at DateTime\n  msg String\n}\n"
    assert [c[0] for c in changes_between(BASE, portal)] == ["MODEL_ADDED"]


def test_locations_and_fingerprints() -> None:
    portal = edit("  tags  String[]\n", "")
    result = diff(schema(BASE, "canonical.prisma"), schema(portal, "portal.prisma"))
    (change,) = result.changes
    assert change.canonical is not None and (change.canonical.file, change.canonical.line) == (
        "canonical.prisma",
        16,
    )
    assert change.portal is None
    assert change.anchor is not None and (change.anchor.file, change.anchor.line) == ("portal.prisma", 12)
    # The same change further down a file keeps its fingerprint.
    shifted = diff(schema("\n\n" + BASE, "canonical.prisma"), schema("\n\n\n" + portal, "portal.prisma"))
    assert shifted.changes[0].fingerprint == change.fingerprint
    assert len(change.fingerprint) == 16
    assert change.kind is Kind.REMOVED
