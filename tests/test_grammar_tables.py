"""The shipped LALR tables match the grammar, and loading them changes nothing."""

from __future__ import annotations

import re
from pathlib import Path

import lark
import pytest

from prisma_lint.syntax import tables as grammar_tables
from prisma_lint.syntax.builder import AstBuilder
from prisma_lint.syntax.lexing import WHITESPACE, normalise_newlines

FIXTURE = Path(__file__).parent / "fixtures" / "constructs.prisma"


def test_tables_were_built_from_this_grammar() -> None:
    folder = grammar_tables.grammar_dir()
    data = (folder / "prisma.lark.tables").read_bytes()
    expected = grammar_tables.header((folder / "prisma.lark").read_bytes())
    # The grammar hash must match: run `python -m prisma_lint.syntax.tables` after editing it.
    assert data.split(b" ")[1] == expected.split(b" ")[1]


def test_loaded_tables_parse_like_a_freshly_built_parser() -> None:
    text = normalise_newlines(FIXTURE.read_text(encoding="utf-8"))
    loaded_builder, built_builder = AstBuilder(), AstBuilder()
    loaded = grammar_tables.load(loaded_builder)
    built = grammar_tables.build(built_builder)
    loaded_builder.begin("f", text)
    built_builder.begin("f", text)
    assert loaded.parse(text, start="start") == built.parse(text, start="start")


def test_stale_tables_fall_back_to_the_grammar(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    grammar = grammar_tables.grammar_dir() / "prisma.lark"
    (tmp_path / "prisma.lark").write_bytes(grammar.read_bytes())
    (tmp_path / "prisma.lark.tables").write_bytes(b"prisma-lint-tables stale lark-0\n garbage")
    monkeypatch.setattr(grammar_tables, "grammar_dir", lambda: tmp_path)
    parser = grammar_tables.load(AstBuilder())
    assert isinstance(parser, lark.Lark)
    assert (tmp_path / "prisma.lark.tables").read_bytes().endswith(b"garbage")  # nothing written


def test_the_grammar_spells_whitespace_as_lexing_does() -> None:
    # Lark cannot import a Python constant, so the grammar spells Prisma's whitespace
    # class in each terminal that needs it; every copy must be lexing.WHITESPACE.
    grammar = (grammar_tables.grammar_dir() / "prisma.lark").read_text(encoding="utf-8")
    classes = re.findall(r"\[ \\t[^\]]*\]", grammar)
    assert len(classes) == 4  # BLOCK_OPEN, TRAILING_COMMA, _NL, WS
    for spelled in classes:
        pattern = re.compile(spelled)
        matched = {chr(c) for c in range(0x3100) if pattern.fullmatch(chr(c))}
        assert matched == set(WHITESPACE), spelled
