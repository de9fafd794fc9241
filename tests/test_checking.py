"""Checking a chunk without its AST (syntax/checking.py) answers as the plain parser does.

check_text must say "parses, with these blocks" exactly where parse_text reports no error
and no name is defined twice, and None everywhere else. `_plain` is that answer through the
plain parser, the AST built; these tests compare the two over constructs the builder records
errors for, over random edits, and over every chunk of the corpus.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from prisma_lint.syntax import chunks, tables
from prisma_lint.syntax.builder import AstBuilder
from prisma_lint.syntax.checking import CheckBuilder, _plain, check_text
from prisma_lint.syntax.lexing import normalise_newlines
from tests.corpus import real_units, unit_files, units

ROOT = Path(__file__).resolve().parents[1]
ADMIN = (ROOT / "examples" / "admin" / "prisma" / "schema.prisma").read_text(encoding="utf-8")


def test_the_check_builder_has_a_callback_for_every_rule_the_ast_builder_has() -> None:
    """A rule without a method is reduced to a plain list of its children: a rule the AST
    builder shapes but this one did not would reach its parent as the wrong thing."""
    rules = {rule[1] for rule in tables.load()["rules"]}
    built = {name for name in rules if hasattr(AstBuilder, name)}
    assert built and built == {name for name in rules if hasattr(CheckBuilder, name)}


def model(body: str) -> str:
    return f"model M {{\n  id Int @id\n{body}\n}}\n"


CASES = {
    "plain": model('  name String @default("x") @db.VarChar(20)\n  @@index([id, name], map: "i")'),
    "a legacy colon": model("  name: String"),
    "no type": model("  name"),
    "an optional list": model("  names String[]?"),
    "a bang": model("  name String!"),
    "a bracketed list": model("  names [String]"),
    "a trailing comma in an attribute": model("  name String @default(dbgenerated(1,))"),
    "a trailing comma in a block attribute": model("  @@index([id], map: 'x',)"),
    "a name with no value": model("  @@index([id], map:)"),
    "a good escape": model('  name String @default("a\\nb")'),
    "a bad escape": model('  name String @default("a\\qb")'),
    "an escape in Unsupported": model('  geo Unsupported("a\\qb")'),
    "a field twice": model("  id Int"),
    "an enum value twice": "enum E {\n  A\n  B\n  A\n}\n",
    "a config key twice": 'datasource db {\n  provider = "x"\n  provider = "y"\n}\n',
    "a block twice in one chunk": 'generator g {\n  provider = "x"\n}\ngenerator g {\n  provider = "x"\n}\n',
    "a datasource and a model of one name": 'datasource M {\n  provider = "x"\n}\n' + model(""),
    "a letter name": model("  café String"),
    "a non-letter name": model("  a·b String"),
    "a dotted name": model("  a.b String"),
    "a non-letter attribute": model("  name String @a·b"),
    "a non-letter constant": model("  name Kind @default(a·b)"),
    "an object key": model('  name String @default(dbgenerated({ a: 1, "b": 2 }))'),
    "a bad object key": model("  name String @default(f({ a.b: 1 }))"),
    "a config trailing comma": 'generator g {\n  provider = "x"\n  previewFeatures = ["a",]\n}\n',
    "a config empty argument": "generator g {\n  provider = f(a:)\n}\n",
    "an array trailing comma": model("  name String @default([1,])"),
    "a syntax error": model("  name String @"),
    "a conflict marker": "<<<<<<< HEAD\n" + model(""),
    "too deep": model("  name String @default(" + "[" * 300 + "]" * 300 + ")"),
    "a view and a type": "view V {\n  id Int\n}\ntype T {\n  a Int\n}\n",
    "comments": "/// doc\n" + model("  /// field doc\n  name String // trailing\n  /* block */"),
}


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_each_construct_is_answered_as_the_plain_parser_answers(text: str) -> None:
    assert check_text(text) == _plain(text)


def test_both_answers_occur() -> None:
    answers = [check_text(text) for text in CASES.values()]
    assert any(a is None for a in answers) and any(a for a in answers)


SNIPPETS = [":", "?", "[]", "!", "[", "]", "(", ")", ",", ",)", '"', "\\", "\\n", "@", "@@", "{", "}", "\n"]
SNIPPETS += ["é", "·", ".", "-", "_", " ", "\t", "/*", "*/", "//", "///", "map:", "model", "enum", "1"]


def test_random_edits_are_answered_as_the_plain_parser_answers() -> None:
    rng = random.Random(15)
    text = normalise_newlines(ADMIN)
    compared = 0
    for _ in range(400):
        edited = text
        for _ in range(rng.randint(1, 3)):
            i = rng.randint(0, len(edited))
            edited = edited[:i] + rng.choice(SNIPPETS) + edited[i + rng.choice([0, 0, 1, 2]) :]
        for chunk in chunks.split(edited) or [chunks.Chunk(edited, 1, 1)]:
            assert check_text(chunk.text) == _plain(chunk.text), chunk.text
            compared += 1
    assert compared > 2000


@pytest.mark.corpus
def test_every_chunk_of_the_corpus_is_answered_as_the_plain_parser_answers(corpus: Path) -> None:
    schemas = real_units(corpus) + units(corpus / "engines" / "valid") + units(corpus / "engines" / "invalid")
    differ, seen = [], 0
    for file in (f for unit in schemas for f in unit_files(unit)):
        text = normalise_newlines(file.read_text(encoding="utf-8"))
        for chunk in chunks.split(text) or [chunks.Chunk(text, 1, 1)]:
            seen += 1
            if check_text(chunk.text) != _plain(chunk.text):
                differ.append(f"{file}:{chunk.line}")
    assert not differ, differ[:10]
    assert seen > 5000
