"""The shipped LALR tables match the grammar, and our loop parses exactly as Lark does.

lalr.py runs the tables Lark built with its own lexer and loop; these tests
hold it to Lark's own parser (built from the grammar, the builder as its
transformer): the same AST, spans included, for every file, and the same
verdict (parses or not) for every line-level start rule recovery uses.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from prisma_lint.report.ast_json import schema_to_json
from prisma_lint.syntax import ast, lalr
from prisma_lint.syntax import tables as grammar_tables
from prisma_lint.syntax.build_base import Reject
from prisma_lint.syntax.builder import AstBuilder
from prisma_lint.syntax.lexing import WHITESPACE, normalise_newlines
from tests.corpus import real_units, unit_files, units

FIXTURE = Path(__file__).parent / "fixtures" / "constructs.prisma"


def test_tables_were_built_from_this_grammar() -> None:
    folder = grammar_tables.grammar_dir()
    shipped = json.loads((folder / "prisma.lark.tables").read_bytes())
    # Run `python -m prisma_lint.syntax.tables` after editing the grammar.
    assert grammar_tables.is_current(shipped, (folder / "prisma.lark").read_text(encoding="utf-8"))


class Both:
    """Lark's own parser and our driver, each with its own builder."""

    def __init__(self) -> None:
        self.lark_builder, self.our_builder = AstBuilder(), AstBuilder()
        self.lark = grammar_tables.build(self.lark_builder)
        self.ours = lalr.Driver(grammar_tables.load(), self.our_builder)

    def lark_parse(self, text: str, start: str) -> Any:
        from lark.exceptions import UnexpectedInput

        self.lark_builder.begin("f", text)
        try:
            return self.lark.parse(text, start=start), self.lark_builder.errors
        except (UnexpectedInput, Reject):
            return "rejected"

    def our_parse(self, text: str, start: str) -> Any:
        self.our_builder.begin("f", text)
        try:
            return self.ours.parse(text, start), self.our_builder.errors
        except (lalr.ParseFailed, Reject):
            return "rejected"

    def agree(self, text: str, start: str = "start") -> bool:
        theirs, ours = self.lark_parse(text, start), self.our_parse(text, start)
        if theirs == "rejected" or ours == "rejected" or start != "start":
            return (theirs == "rejected") == (ours == "rejected")
        return bool(
            schema_to_json(ast.Schema(tuple(theirs[0]))) == schema_to_json(ast.Schema(tuple(ours[0])))
        )


@pytest.fixture(scope="module")
def both() -> Both:
    return Both()


def test_our_loop_parses_the_fixture_as_lark_does(both: Both) -> None:
    text = normalise_newlines(FIXTURE.read_text(encoding="utf-8"))
    assert both.our_parse(text, "start") != "rejected"
    assert both.agree(text)


@pytest.mark.parametrize(
    ("start", "line"),
    [
        ("model_line", "  id Int @id @default(autoincrement()) // c\n"),
        ("model_line", "  id Int @id @default(\n"),
        ("model_line", '  @@index([a, b], map: "x")\n'),
        ("enum_line", '  A @map("a")\n'),
        ("enum_line", "  A B\n"),
        ("config_line", '  provider = "postgresql"\n'),
        ("config_line", "  provider\n"),
    ],
)
def test_line_rules_agree_with_lark(both: Both, start: str, line: str) -> None:
    assert both.agree(line, start)


@pytest.mark.corpus
def test_our_loop_parses_the_corpus_as_lark_does(both: Both, corpus: Path) -> None:
    schemas = real_units(corpus) + units(corpus / "engines" / "valid") + units(corpus / "engines" / "invalid")
    files = [f for unit in schemas for f in unit_files(unit)]
    disagree = [f for f in files if not both.agree(normalise_newlines(f.read_text(encoding="utf-8")))]
    assert len(files) > 500 and disagree == []


def test_stale_tables_fall_back_to_the_grammar(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    grammar = grammar_tables.grammar_dir() / "prisma.lark"
    (tmp_path / "prisma.lark").write_bytes(grammar.read_bytes())
    stale = json.loads((grammar.parent / "prisma.lark.tables").read_bytes())
    (tmp_path / "prisma.lark.tables").write_text(json.dumps({**stale, "grammar": "edited"}) + " ")
    monkeypatch.setattr(grammar_tables, "grammar_dir", lambda: tmp_path)
    fresh = lalr.Driver(grammar_tables.load(), AstBuilder())  # built from the grammar by Lark
    monkeypatch.undo()
    shipped = lalr.Driver(grammar_tables.load(), AstBuilder())
    text = normalise_newlines(FIXTURE.read_text(encoding="utf-8"))
    # Lark numbers its states differently from build to build: compare what the tables parse.
    assert schema_to_json(ast.Schema(tuple(fresh.parse(text, "start")))) == schema_to_json(
        ast.Schema(tuple(shipped.parse(text, "start")))
    )
    assert (tmp_path / "prisma.lark.tables").read_text().endswith("} ")  # nothing written


def test_the_grammar_spells_whitespace_as_lexing_does() -> None:
    # Lark cannot import a Python constant, so the grammar spells Prisma's whitespace
    # class in each terminal that needs it; every copy must be lexing.WHITESPACE.
    grammar = (grammar_tables.grammar_dir() / "prisma.lark").read_text(encoding="utf-8")
    classes = re.findall(r"\[(?:\\n)? \\t[^\]]*\]", grammar)
    assert len(classes) == 4  # BLOCK_OPEN, TRAILING_COMMA, _NL (line ends too), WS
    for spelled in classes:
        pattern = re.compile(spelled)
        matched = {chr(c) for c in range(0x3100) if pattern.fullmatch(chr(c))}
        line_ends = {"\n"} if spelled.startswith("[\\n") else set()
        assert matched == set(WHITESPACE) | line_ends, spelled


# Texts where terminals compete: keywords that are names elsewhere, `{` opening a block or
# an object, a comma before `)`, `[]` against `[`, numbers against names, comments.
COMPETING = [
    "model",
    "model User",
    "modelName",
    "type",
    "enum",
    "view x",
    "datasource",
    "generator g",
    'Unsupported("x")',
    "Unsupported",
    "1abc",
    "-1.5",
    "1.",
    "{ a: 1 }\n",
    "{\n",
    "{}",
    ", )",
    ",)",
    ", x",
    "[]",
    "[1]",
    "[ ]",
    "@@id",
    "@id",
    "@ db.VarChar",
    "// c\n",
    "/// d\n",
    "/* b */",
    "/*",
    "\n\n  x",
    "  \t",
    "\u3000name",
    '"s\\""',
    '"',
    "}",
    ")",
    "?",
    "!",
    ":",
    "=",
    "é",
    "db.VarChar(2)",
    "a..b",
    "x-y",
    "_x",
]


def test_the_root_pattern_decides_only_where_each_state_would_decide_the_same() -> None:
    """lalr.py lexes with one pattern for every state and trusts its token only where the
    state's own pattern (Lark's contextual lexer) is sure to find the same token."""
    driver = lalr.Driver(grammar_tables.load(), AstBuilder())
    trusted = 0
    for state in range(len(driver.actions)):
        own = driver.lex_state(state)
        for text in COMPETING:
            root = driver.master.match(text, 0)
            if root is None or driver.master.names[root.lastindex or 0] not in driver.safe[state]:
                continue
            trusted += 1
            mine = own.match(text, 0)
            assert mine is not None, (state, text)
            index = mine.lastindex or 0
            assert (own.names[index], mine.span(index)) == (
                driver.master.names[root.lastindex or 0],
                root.span(root.lastindex or 0),
            ), (state, text)
    assert trusted > 1000  # the shortcut is taken, not only refused


@pytest.mark.parametrize(
    "text",
    [
        "model A {\n  id Int\n} ",
        "model A {\n  id Int\n}\t",
        "model A {\n  id Int\n}\n/* b */ ",
        " ",
        "\u3000",
    ],
)
def test_whitespace_at_the_end_with_no_line_break_is_ignored(both: Both, text: str) -> None:
    """The official parser accepts these (its `lint` reports nothing). Once rejected as an
    invalid line: the pattern's whitespace prefix gave up the spaces to the WS terminal itself,
    which no parser state takes, so the end of input was never recognised."""
    from prisma_lint.syntax.parser import parse_text

    blocks, errors = parse_text(text, "end.prisma")
    assert errors == () and len(blocks) == text.count("model")
    assert both.agree(text)
