"""The parser on our own fixtures: verdicts, error lines, AST shape, documentation."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest

from prisma_lint.engine import parse_path
from prisma_lint.errors import SchemaSyntaxError
from prisma_lint.syntax import ast
from prisma_lint.syntax.parser import parse_text
from tests.doc_cases import DOC_CASES
from tests.syntax_cases import CASES

FIXTURES = Path(__file__).parent / "fixtures"


def docs_of(blocks: tuple[ast.Block, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for block in blocks:
        if isinstance(block, ast.ConfigBlock):
            continue
        if block.documentation is not None:
            out[block.name] = block.documentation
        members = block.fields if isinstance(block, ast.Model) else block.values
        for member in members:
            if member.documentation is not None:
                out[f"{block.name}.{member.name}"] = member.documentation
    return out


@pytest.mark.parametrize("name", list(CASES))
def test_syntax_verdict_and_error_lines(name: str) -> None:
    source, accepted, lines = CASES[name]
    blocks, errors = parse_text(source)
    assert sorted({e.line for e in errors}) == lines
    assert (not errors) is accepted
    if not accepted:
        assert blocks == ()


@pytest.mark.parametrize("name", list(DOC_CASES))
def test_documentation_lands_where_prisma_puts_it(name: str) -> None:
    source, expected = DOC_CASES[name]
    blocks, errors = parse_text(source)
    assert errors == ()
    assert docs_of(blocks) == expected


def constructs() -> dict[str, ast.Block]:
    schema = parse_path(str(FIXTURES / "constructs.prisma"))
    return {b.name: b for b in schema.blocks}


def test_config_blocks() -> None:
    blocks = constructs()
    client = blocks["client"]
    assert isinstance(client, ast.ConfigBlock) and client.kind == "generator"
    entries = {e.key: e.value for e in client.entries}
    assert entries["provider"] == ast.StringValue("prisma-client-js")
    assert entries["output"] == ast.StringValue("../generated/client")
    db = blocks["db"]
    assert isinstance(db, ast.ConfigBlock) and db.kind == "datasource"
    db_entries = {e.key: e.value for e in db.entries}
    assert db_entries["url"] == ast.FunctionCall(
        "env", (ast.Argument(None, ast.StringValue("DATABASE_URL")),)
    )
    assert db_entries["extensions"] == ast.ArrayValue(
        (
            ast.ConstantValue("pg_trgm"),
            ast.FunctionCall("citext", (ast.Argument("schema", ast.StringValue("public")),)),
        )
    )


def test_fields_and_types() -> None:
    post = constructs()["Post"]
    assert isinstance(post, ast.Model) and post.kind == "model"
    fields = {f.name: f for f in post.fields}
    assert fields["id"].type == ast.FieldType("String", "required")
    assert fields["tags"].type == ast.FieldType("String", "list")
    assert fields["path"].type == ast.FieldType("ltree", "optional", unsupported=True)
    assert fields["type"].documentation == "keywords are fine as field names"
    assert fields["model"].attributes == (
        ast.Attribute("default", (ast.Argument(None, ast.NumberValue("5")),)),
    )
    assert [a.name for a in fields["title"].attributes] == ["db.VarChar"]
    assert fields["title"].attributes[0].arguments == (ast.Argument(None, ast.NumberValue("255")),)


def test_values_are_exact() -> None:
    fields = {f.name: f for f in constructs()["Post"].fields}  # type: ignore[union-attr]
    default = {name: a.arguments for name, f in fields.items() for a in f.attributes if a.name == "default"}
    assert default["rating"] == (ast.Argument(None, ast.NumberValue("-1.50")),)
    assert default["id"] == (
        ast.Argument(None, ast.FunctionCall("uuid", (ast.Argument(None, ast.NumberValue("7")),))),
    )
    # The file escapes the backslashes, so the value keeps `\u00e9` and `\n` as text.
    assert default["meta"] == (ast.Argument(None, ast.StringValue(r'{"a": "\u00e9\n"}')),)
    assert default["tags"] == (ast.Argument(None, ast.ArrayValue(())),)
    assert default["published"] == (ast.Argument(None, ast.ConstantValue("false")),)


def test_block_attributes_and_objects() -> None:
    post = constructs()["Post"]
    assert isinstance(post, ast.Model)
    assert [a.name for a in post.attributes] == ["index", "index", "fulltext", "map"]
    where = post.attributes[1].arguments[1]
    assert where.name == "where"
    assert where.value == ast.ObjectValue(
        (("published", ast.ObjectValue((("not", ast.ConstantValue("false")),))),)
    )


def test_views_types_enums_and_unicode_names() -> None:
    blocks = constructs()
    view, composite, status = blocks["PostStats"], blocks["Address"], blocks["Status"]
    assert isinstance(view, ast.Model) and view.kind == "view"
    assert view.documentation == "A view, read-only in the client."
    assert isinstance(composite, ast.Model) and composite.kind == "type"
    assert isinstance(status, ast.Enum)
    assert [v.name for v in status.values] == ["ACTIVE", "DELETED"]
    assert status.values[1].documentation == "Soft-deleted rows keep their status."
    assert status.attributes == (ast.Attribute("map", (ast.Argument(None, ast.StringValue("status")),)),)
    assert "Straße" in blocks
    assert blocks["Post"].documentation == "A block comment\n   above a model documents it."


def test_spans_locate_nodes_and_do_not_count_for_equality() -> None:
    post = constructs()["Post"]
    assert isinstance(post, ast.Model)
    title = post.fields[1]
    assert (title.span.file, title.span.line, title.span.column) == (
        str(FIXTURES / "constructs.prisma"),
        21,
        3,
    )
    moved = parse_text("\n\n\nmodel Post {\n   title String @db.VarChar(255)\n}\n")[0][0]
    assert isinstance(moved, ast.Model)
    assert moved.fields[0] == title
    assert moved.fields[0].span != title.span


def test_a_node_keeps_its_span_in_one_small_untracked_int() -> None:
    # Memory (issue 15): a parse makes ~14 spans per model; a Span object costs 72
    # bytes and the garbage collector's attention, the packed int 48 bytes and none.
    field = parse_text("model A {\n  id Int @id\n}\n", "a.prisma")[0][0].fields[0]  # type: ignore[union-attr]
    assert type(field.at) is int and not gc.is_tracked(field.at) and sys.getsizeof(field.at) <= 48
    assert field.span == ast.Span("a.prisma", 2, 3, 2, 13)
    assert field.type.span == ast.Span("a.prisma", 2, 6, 2, 9)


@pytest.mark.parametrize(
    "where",
    [("a.prisma", 1, 1, 1, 2), ("b/c.prisma", 3_000_000, 5_000_001, 3_000_002, 7), ("", 0, 0, 0, 0)],
)
def test_packed_spans_give_back_far_lines_and_columns(where: tuple[str, int, int, int, int]) -> None:
    assert ast.unpack(ast.pack(*where)) == ast.Span(*where)


def test_equality_ignores_formatting() -> None:
    a = parse_text("model A {\n  id Int @id @default(autoincrement())\n}\n")[0]
    b = parse_text("model A {\r\n\tid   Int   @id   @ default ( autoincrement( ) ) // c\r\n}")[0]
    assert a == b


def test_errors_carry_location_and_line() -> None:
    _, errors = parse_text("model A {\n  id Int @id }\n\tname\tString!\n}\n", "x.prisma")
    assert [(e.file, e.line, e.column) for e in errors] == [("x.prisma", 2, 3), ("x.prisma", 3, 7)]
    assert errors[0].message == "This line is not a valid field or attribute definition."
    assert errors[0].line_text == "  id Int @id }"
    assert errors[1].message == "Fields are required by default, `!` is no longer required."


def test_every_bad_line_is_reported() -> None:
    source = "model A {\n id Int\n + junk\n name String\n - more\n}\nenum E {\n A B\n}\ngarbage\n"
    _, errors = parse_text(source)
    assert [(e.line, e.message) for e in errors] == [
        (3, "This line is not a valid field or attribute definition."),
        (5, "This line is not a valid field or attribute definition."),
        (8, "This line is not an enum value definition."),
        (10, "This line is invalid. It does not start with any known Prisma schema keyword."),
    ]


def test_escape_error_points_at_the_backslash() -> None:
    _, errors = parse_text('model A {\n  s String @default("ab\\q")\n}\n')
    assert [(e.line, e.column) for e in errors] == [(2, 24)]
    assert errors[0].message.startswith("Unknown escape sequence.")


def test_parse_path_raises_with_every_error(tmp_path: Path) -> None:
    (tmp_path / "a.prisma").write_text("model A {\n id Int!\n}\n")
    (tmp_path / "b.prisma").write_text("oops\n")
    with pytest.raises(SchemaSyntaxError) as info:
        parse_path(str(tmp_path))
    assert [(Path(d.file).name, d.line) for d in info.value.diagnostics] == [("a.prisma", 2), ("b.prisma", 1)]
    assert info.value.exit_code == 2
