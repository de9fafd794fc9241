"""The drift engine on real data: schema evolution pairs, and the chunked parser.

- Every before/after pair from real projects' histories: the (kind, object,
  path) triples we report at model, field, enum and enum-value level equal
  those derived from the official `get_datamodel` of both versions.
- For every real and engine schema, parsing chunk by chunk gives exactly the
  AST (spans included) of parsing the whole file, and the shortcut diff (shared
  chunks checked once, hollow on both sides) reports exactly what the full
  diff reports.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from prisma_lint.config import Config
from prisma_lint.drift.diff import diff
from prisma_lint.engine import diff_sources
from prisma_lint.report.ast_json import schema_to_json
from prisma_lint.sources.files import SourceFile
from prisma_lint.syntax import ast, chunks
from prisma_lint.syntax.lexing import normalise_newlines
from prisma_lint.syntax.pairparse import parse_pair
from prisma_lint.syntax.parser import parse_text
from tests.corpus import pairs, real_units, units, validating_build
from tests.oracle.client import Oracle
from tests.pair_facts import official_changes, our_changes

pytestmark = [pytest.mark.corpus, pytest.mark.slow]  # every pair: about 50 MB of schemas


def _skipped_fields(texts: list[str]) -> set[str]:
    """Fields get_datamodel leaves out: Unsupported types and @ignore."""
    out = set()
    for text in texts:
        for block in parse_text(text)[0]:
            if isinstance(block, ast.Model):
                out |= {
                    f"{block.name}.{f.name}"
                    for f in block.fields
                    if f.type.unsupported or any(a.name == "ignore" for a in f.attributes)
                }
    return out


@pytest.mark.oracle
def test_pairs_agree_with_the_official_datamodel(corpus: Path, oracle: Oracle, figures: list[str]) -> None:
    found = pairs(corpus)
    assert len(found) > 900
    checked = skipped = 0
    disagreements = []
    for pair in found:
        texts = [(pair / name).read_text(encoding="utf-8") for name in ("before.prisma", "after.prisma")]
        builds = [validating_build(corpus, pair / name) for name in ("before.prisma", "after.prisma")]
        models = [oracle.datamodel_any(t, b) for t, b in zip(texts, builds, strict=True)]
        if models[0] is None or models[1] is None:
            skipped += 1  # get_datamodel needs schemas that validate
            continue
        checked += 1
        result = diff_sources(
            [SourceFile("before.prisma", texts[0])],
            [SourceFile("after.prisma", texts[1])],
            "before.prisma",
            "after.prisma",
            config=Config(),
        )
        ours, theirs = our_changes(result.changes, _skipped_fields(texts)), official_changes(*models)
        if ours != theirs:
            disagreements.append(
                f"{pair.relative_to(corpus)}: only ours {sorted(ours - theirs)[:3]}, "
                f"only official {sorted(theirs - ours)[:3]}"
            )
    agreed = checked - len(disagreements)
    figures.append(
        f"diff, pairs: {agreed}/{checked} validating pairs agree at model/field/enum/value level "
        f"({100 * agreed / checked:.1f}%); {skipped} pairs have a side that validates under neither build"
    )
    assert not disagreements, "\n".join(disagreements)


def _schema_files(corpus: Path) -> list[Path]:
    files = [u for u in real_units(corpus) if u.is_file()]
    return files + [u for u in units(corpus / "engines" / "valid") if u.is_file()]


def test_chunked_parse_equals_whole_parse(corpus: Path, figures: list[str]) -> None:
    cut = whole = 0
    for path in _schema_files(corpus):
        text = normalise_newlines(path.read_text(encoding="utf-8"))
        pieces = chunks.split(text)
        if pieces is None:
            whole += 1  # the cutter was not sure; such files are parsed whole
            continue
        cut += 1
        assert "".join(p.text for p in pieces) == text
        blocks, errors = parse_text(text, "f.prisma")
        assert errors == ()
        chunked: list[ast.Block] = []
        for piece in pieces:
            part, part_errors = parse_text(piece.text, "f.prisma", piece.line, piece.column)
            assert part_errors == ()
            chunked.extend(part)
        assert schema_to_json(ast.Schema(tuple(chunked))) == schema_to_json(ast.Schema(blocks)), path
    figures.append(f"chunks: {cut} schemas cut and parsed piecewise, identical ASTs; {whole} parsed whole")
    assert cut > 0.9 * (cut + whole)


def test_shortcut_diff_equals_full_diff(corpus: Path) -> None:
    for pair in pairs(corpus):
        sides = [
            [SourceFile(n, (pair / n).read_text(encoding="utf-8"))] for n in ("before.prisma", "after.prisma")
        ]
        fast = parse_pair(sides[0], sides[1], shortcut=True)
        slow = parse_pair(sides[0], sides[1], shortcut=False)
        assert fast[2] == slow[2]
        assert diff(fast[0], fast[1]).changes == diff(slow[0], slow[1]).changes, pair
