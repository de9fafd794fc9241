"""Our own fixture tables, re-checked against the official parser.

The verdicts in syntax_cases.py and the docs in doc_cases.py were read off the
official parser; these tests ask it again, so a table entry can never be an
expected value copied from our own output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from prisma_lint.syntax.lexing import normalise_newlines
from tests.doc_cases import DOC_CASES
from tests.oracle.client import Oracle
from tests.syntax_cases import CASES

pytestmark = pytest.mark.oracle
FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = Path(__file__).parents[1] / "examples"


def _line_of(source: str, utf16_offset: int) -> int:
    prefix = source.encode("utf-16-le")[: 2 * utf16_offset].decode("utf-16-le")
    return normalise_newlines(prefix).count("\n") + 1


@pytest.mark.parametrize("name", list(CASES))
def test_syntax_table_matches_official_parser(name: str, oracle: Oracle) -> None:
    source, accepted, lines = CASES[name]
    errors = oracle.syntax_errors([("schema.prisma", source)])
    assert (not errors) is accepted
    assert sorted({_line_of(source, d["start"]) for d in errors}) == lines


@pytest.mark.parametrize("name", list(DOC_CASES))
def test_doc_table_matches_official_parser(name: str, oracle: Oracle) -> None:
    source, expected = DOC_CASES[name]
    datamodel = oracle.datamodel(source)
    assert datamodel is not None
    found: dict[str, str] = {}
    for kind in ("models", "enums"):
        for block in datamodel[kind]:
            if block.get("documentation") is not None:
                found[block["name"]] = block["documentation"]
            for member in block.get("fields", block.get("values", [])):
                if member.get("documentation") is not None:
                    found[f"{block['name']}.{member['name']}"] = member["documentation"]
    assert found == expected


@pytest.mark.parametrize(
    "path",
    [
        FIXTURES / "constructs.prisma",
        EXAMPLES / "admin/prisma/schema.prisma",
        EXAMPLES / "portal/prisma/schema.prisma",
    ],
    ids=lambda p: p.name,
)
def test_fixture_files_have_valid_syntax(path: Path, oracle: Oracle) -> None:
    assert oracle.syntax_errors([(path.name, path.read_text(encoding="utf-8"))]) == []
