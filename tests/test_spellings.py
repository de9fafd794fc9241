"""Two spellings of an attribute argument: the same to Prisma exactly when our normal forms agree.

For every argument that takes a field list or a single field (`fields` and
`references` of @relation, @@id, @@unique, @@index, @@fulltext), for
`map:`/`name:` against the default name, sort arguments, and positional
against named first arguments, both spellings are written out. The `equal`
column was read off the official parser's `get_datamodel`; each test asks it
again, then checks that the diff finds no change exactly when the datamodels
are equal, and that the fact sets agree with the diff.

Left out, because get_datamodel cannot see them (it does not report a foreign
key's `map:`, so any two names look equal there): @relation(map:). Spellings
the datamodel cannot show as equal are not made equal.
"""

from __future__ import annotations

import pytest

from prisma_lint.drift.diff import diff
from prisma_lint.drift.semantic import facts
from prisma_lint.syntax.ast import Schema, SourceFile
from prisma_lint.syntax.parser import parse_sources
from tests.oracle.client import Oracle

pytestmark = pytest.mark.oracle

PG, MYSQL = "postgresql", "mysql"
FIELDS = "  id Int @id\n  a Int\n  b Int\n"
KEYLESS = "  a Int\n  b Int\n"
TEXT = "  id Int @id\n  a String\n  b Int\n"


def model(attributes: str, fields: str = FIELDS) -> str:
    return f"model M {{\n{fields}{attributes}}}\n"


def relation(attribute: str, back: str = "  ms M[]\n") -> str:
    return (
        f"model U {{\n  id Int @id\n{back}}}\n\nmodel M {{\n  id Int @id\n  uid Int\n  u U {attribute}\n}}\n"
    )


FK = "fields: [uid], references: [id]"

# name: (provider, spelling a, spelling b, equal by the official datamodel)
CASES: dict[str, tuple[str, str, str, bool]] = {
    # one bare field is the list of it
    "@@index(a)": (PG, model("  @@index(a)\n"), model("  @@index([a])\n"), True),
    "@@index(fields: a)": (PG, model("  @@index(fields: a)\n"), model("  @@index([a])\n"), True),
    "@@index(a, map:)": (PG, model('  @@index(a, map: "x")\n'), model('  @@index([a], map: "x")\n'), True),
    "@@index(a(sort:))": (
        PG,
        model("  @@index(a(sort: Desc))\n"),
        model("  @@index([a(sort: Desc)])\n"),
        True,
    ),
    "@@index(a(length:))": (
        MYSQL,
        model("  @@index(a(length: 10))\n", TEXT),
        model("  @@index([a(length: 10)])\n", TEXT),
        True,
    ),
    "@@unique(a)": (PG, model("  @@unique(a)\n"), model("  @@unique([a])\n"), True),
    "@@unique(fields: a, name:)": (
        PG,
        model('  @@unique(fields: a, name: "x")\n'),
        model('  @@unique([a], name: "x")\n'),
        True,
    ),
    "@@unique(a(sort:))": (
        PG,
        model("  @@unique(a(sort: Desc))\n"),
        model("  @@unique([a(sort: Desc)])\n"),
        True,
    ),
    "@@id(a)": (PG, model("  @@id(a)\n", KEYLESS), model("  @@id([a])\n", KEYLESS), True),
    "@@id(fields: a)": (PG, model("  @@id(fields: a)\n", KEYLESS), model("  @@id([a])\n", KEYLESS), True),
    "@@fulltext(a)": (MYSQL, model("  @@fulltext(a)\n", TEXT), model("  @@fulltext([a])\n", TEXT), True),
    "@@fulltext(fields: a)": (
        MYSQL,
        model("  @@fulltext(fields: a)\n", TEXT),
        model("  @@fulltext([a])\n", TEXT),
        True,
    ),
    "@relation(fields: uid)": (
        PG,
        relation("@relation(fields: uid, references: [id])"),
        relation(f"@relation({FK})"),
        True,
    ),
    "@relation(references: id)": (
        PG,
        relation("@relation(fields: [uid], references: id)"),
        relation(f"@relation({FK})"),
        True,
    ),
    "@relation(fields: uid, references: id)": (
        PG,
        relation("@relation(fields: uid, references: id)"),
        relation(f"@relation({FK})"),
        True,
    ),
    # positional and named first arguments
    "@relation(name:)": (
        PG,
        relation(f'@relation("R", {FK})', '  ms M[] @relation("R")\n'),
        relation(f'@relation(name: "R", {FK})', '  ms M[] @relation(name: "R")\n'),
        True,
    ),
    "@@index(map:, fields:)": (
        PG,
        model('  @@index(map: "x", fields: [a])\n'),
        model('  @@index([a], map: "x")\n'),
        True,
    ),
    "@@map(name:)": (PG, model('  @@map(name: "x")\n'), model('  @@map("x")\n'), True),
    "@map(name:)": (
        PG,
        model("", '  id Int @id @map(name: "x")\n'),
        model("", '  id Int @id @map("x")\n'),
        True,
    ),
    "@default(value:)": (
        PG,
        model("", "  id Int @id @default(value: 5)\n"),
        model("", "  id Int @id @default(5)\n"),
        True,
    ),
    # spellings Prisma keeps apart: the datamodel carries them, so they stay drift
    "@@index sort: Asc": (PG, model("  @@index([a(sort: Asc)])\n"), model("  @@index([a])\n"), False),
    "@unique(sort: Asc)": (
        PG,
        model("", "  id Int @id\n  a Int @unique(sort: Asc)\n"),
        model("", "  id Int @id\n  a Int @unique\n"),
        False,
    ),
    "@@index default map": (PG, model('  @@index([a], map: "M_a_idx")\n'), model("  @@index([a])\n"), False),
    "@@unique default map": (
        PG,
        model('  @@unique([a], map: "M_a_key")\n'),
        model("  @@unique([a])\n"),
        False,
    ),
    "@@unique default name": (
        PG,
        model('  @@unique([a, b], name: "a_b")\n'),
        model("  @@unique([a, b])\n"),
        False,
    ),
    "@id default map": (PG, model("", '  id Int @id(map: "M_pkey")\n'), model("", "  id Int @id\n"), False),
    "@@id default name": (
        PG,
        model('  @@id([a, b], name: "a_b")\n', KEYLESS),
        model("  @@id([a, b])\n", KEYLESS),
        False,
    ),
    "@@index type: BTree": (PG, model("  @@index([a], type: BTree)\n"), model("  @@index([a])\n"), False),
    "@@index order": (PG, model("  @@index([a, b])\n"), model("  @@index([b, a])\n"), False),
    "@relation onDelete: Restrict": (
        PG,
        relation(f"@relation({FK}, onDelete: Restrict)"),
        relation(f"@relation({FK})"),
        False,
    ),
}


def schema(provider: str, body: str) -> str:
    return f'datasource db {{\n  provider = "{provider}"\n}}\n\n{body}'


def parse(text: str) -> Schema:
    return parse_sources([SourceFile("schema.prisma", text)])


@pytest.mark.parametrize("name", list(CASES))
def test_spellings_are_equal_exactly_when_prisma_reads_them_the_same(name: str, oracle: Oracle) -> None:
    provider, a, b, equal = CASES[name]
    first, second = schema(provider, a), schema(provider, b)
    ours, theirs = oracle.datamodel(first), oracle.datamodel(second)
    assert ours is not None and theirs is not None, "both spellings must validate"
    assert (ours == theirs) is equal
    changes = diff(parse(first), parse(second)).changes
    assert (not changes) is equal, [c.message for c in changes]
    assert (facts(parse(first)) == facts(parse(second))) is equal
