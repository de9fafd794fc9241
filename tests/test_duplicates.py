"""Names defined twice are refused with Prisma's validator messages, at the second definition.

The expected messages and positions were taken from the official parser's
`lint` (prisma-schema-wasm 7.10) on these very cases; the oracle test asks it
again, so the two cannot drift apart.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from prisma_lint.cli import cli
from prisma_lint.errors import SchemaSyntaxError
from prisma_lint.syntax.ast import SourceFile
from prisma_lint.syntax.parser import parse_sources
from tests.contracts import check_json, check_sarif
from tests.oracle.client import Oracle

M = "model A {\n  id Int @id\n}\n"
# name -> (schema, (line, column, message) of the one error)
CASES: dict[str, tuple[str, tuple[int, int, str]]] = {
    "model twice": (
        M + M,
        (4, 7, 'The model "A" cannot be defined because a model with that name already exists.'),
    ),
    "enum after a model": (
        M + "enum A {\n  X\n}\n",
        (4, 6, 'The enum "A" cannot be defined because a model with that name already exists.'),
    ),
    "model after an enum": (
        "enum A {\n  X\n}\n" + M,
        (4, 7, 'The model "A" cannot be defined because a enum with that name already exists.'),
    ),
    "view after a model": (
        M + "view A {\n  id Int @unique\n}\n",
        (4, 6, 'The view "A" cannot be defined because a model with that name already exists.'),
    ),
    "model after a type": (
        "type A {\n  x Int\n}\n" + M,
        (4, 7, 'The model "A" cannot be defined because a composite type with that name already exists.'),
    ),
    "indented": (
        M + "  model   A {\n  id Int @id\n}\n",
        (4, 11, 'The model "A" cannot be defined because a model with that name already exists.'),
    ),
    "generator twice": (
        'generator c {\n  provider = "prisma-client-js"\n}\n' * 2,
        (4, 11, 'The generator "c" cannot be defined because a generator with that name already exists.'),
    ),
    "field twice": (
        "model A {\n  id Int @id\n  id String\n}\n",
        (3, 3, 'Field "id" is already defined on model "A".'),
    ),
    "type field twice": (
        "type T {\n  x Int\n  x Int\n}\n",
        (3, 3, 'Field "x" is already defined on composite type "T".'),
    ),
    "view field twice": (
        "view V {\n  id Int @unique\n  id Int\n}\n",
        (3, 3, 'Field "id" is already defined on view "V".'),
    ),
    "enum value twice": ("enum A {\n  X\n  X\n}\n", (3, 3, 'Value "X" is already defined on enum "A".')),
    "setting twice": (
        'datasource db {\n  provider = "postgresql"\n  provider = "mysql"\n}\n',
        (3, 3, 'Key "provider" is already defined in source "db".'),
    ),
}


def errors(files: list[tuple[str, str]]) -> list[tuple[str, int, int, str]]:
    try:
        parse_sources([SourceFile(name, text) for name, text in files])
    except SchemaSyntaxError as err:
        return [(d.file, d.line, d.column, d.message) for d in err.diagnostics]
    return []


@pytest.mark.parametrize("name", list(CASES))
def test_duplicate_is_refused_where_prisma_refuses_it(name: str) -> None:
    text, (line, column, message) = CASES[name]
    assert errors([("schema.prisma", text)]) == [("schema.prisma", line, column, message)]


def test_a_datasource_and_a_generator_may_share_a_name() -> None:
    assert (
        errors([("s.prisma", 'datasource c {\n  provider = "x"\n}\ngenerator c {\n  provider = "y"\n}\n')])
        == []
    )


def test_across_the_files_of_a_folder_the_second_file_is_named() -> None:
    found = errors([("a.prisma", M), ("b.prisma", "\n" + M)])
    assert found == [
        ("b.prisma", 2, 7, 'The model "A" cannot be defined because a model with that name already exists.')
    ]


def _position(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


@pytest.mark.oracle
def test_messages_and_places_are_the_official_parsers(oracle: Oracle) -> None:
    for name, (text, (line, column, message)) in CASES.items():
        official = [
            (*_position(text, d["start"]), d["text"])
            for d in oracle.lint([("schema.prisma", text)])
            if not d["is_warning"] and "already" in d["text"]
        ]
        assert official == [(line, column, message)], name


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_diff_refuses_a_folder_with_a_model_defined_twice(tmp_path: Path) -> None:
    folder = tmp_path / "portal"
    folder.mkdir()
    (folder / "a.prisma").write_text(M)
    (folder / "b.prisma").write_text("\n" + M)
    canonical = tmp_path / "canonical.prisma"
    canonical.write_text(M)
    code, _, err = run("diff", str(canonical), str(folder))
    assert code == 2
    assert f"{folder / 'b.prisma'}:2:7: error: The model" in err and ":0:0" not in err
    code, out, _ = run("diff", str(canonical), str(folder), "--format", "sarif")
    (result,) = check_sarif(out)["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 2, "startColumn": 7}
    code, out, _ = run("diff", str(canonical), str(folder), "--format", "json")
    assert [(e["line"], e["column"]) for e in check_json(out)["errors"]] == [(2, 7)]
    code, out, _ = run("diff", str(canonical), str(folder), "--format", "github")
    assert out.startswith(f"::error file={folder / 'b.prisma'},line=2,col=7,")


def test_diff_refuses_identical_duplicates_on_both_sides(tmp_path: Path) -> None:
    """The shared-text shortcut must not hide a duplicate both sides have."""
    schema = tmp_path / "s.prisma"
    schema.write_text("model B {\n  id Int @id\n  id Int\n}\n" + M + M)
    code, _, err = run("diff", str(schema), str(schema))
    assert code == 2
    assert 'Field "id" is already defined on model "B".' in err and 'The model "A"' in err


def test_parse_reports_duplicates(tmp_path: Path) -> None:
    schema = tmp_path / "s.prisma"
    schema.write_text("enum A {\n  X\n  X\n}\n")
    code, _, err = run("parse", str(schema))
    assert code == 2 and f"{schema}:3:3: error: Value" in err
