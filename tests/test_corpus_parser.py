"""Differential tests of the parser against the official one, over the shared corpus.

Acceptance: for every schema, we accept it if and only if the official `lint`
reports no syntax error. Meaning: for every real schema the official
`get_datamodel` accepts, our AST states the same facts (tests/meaning.py).

A disagreement we cannot fix goes into KNOWN_DIFFERENCES with its reason; the
suite prints that list with the figures. Every entry is a bug we own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from prisma_lint.errors import Diagnostic, SchemaSyntaxError
from prisma_lint.sources.files import SourceFile
from prisma_lint.syntax.lexing import normalise_newlines
from prisma_lint.syntax.parser import parse_sources
from tests.corpus import real_units, unit_files, units, validating_build
from tests.meaning import compare, facts_from_ast, facts_from_datamodel
from tests.oracle.client import Oracle

pytestmark = [pytest.mark.corpus, pytest.mark.oracle, pytest.mark.slow]  # the whole corpus, twice

# unit path relative to the corpus -> why we disagree with the official parser
KNOWN_DIFFERENCES: dict[str, str] = {}


def read_unit(unit: Path) -> list[tuple[str, str]]:
    """(name, text) pairs; names relative to a multi-file folder, as Prisma sees them."""
    return [
        (str(f.relative_to(unit)) if unit.is_dir() else f.name, f.read_text(encoding="utf-8"))
        for f in unit_files(unit)
    ]


def _diagnostics(files: list[tuple[str, str]]) -> tuple[Diagnostic, ...]:
    """What we refuse the schema for: syntax errors, then (as Prisma) names defined twice."""
    try:
        parse_sources([SourceFile(name, text) for name, text in files])
    except SchemaSyntaxError as err:
        return err.diagnostics
    return ()


def _our_errors(files: list[tuple[str, str]]) -> list[str]:
    return [f"{d.location()}: {d.message}" for d in _diagnostics(files)]


@pytest.mark.parametrize("group", ["real", "engines/valid", "engines/invalid"])
def test_accepts_exactly_what_prisma_accepts(
    group: str, corpus: Path, oracle: Oracle, figures: list[str]
) -> None:
    schemas = real_units(corpus) if group == "real" else units(corpus / group)
    assert schemas, f"no schemas in {corpus / group}"
    disagreements = []
    for unit in schemas:
        files = read_unit(unit)
        official = oracle.syntax_errors(files)
        ours = _our_errors(files)
        if bool(official) != bool(ours):
            key = str(unit.relative_to(corpus))
            if key not in KNOWN_DIFFERENCES:
                disagreements.append(f"{key}: official {[d['text'] for d in official][:2]}, ours {ours[:2]}")
    agreed = len(schemas) - len(disagreements)
    figures.append(
        f"syntax, {group}: {agreed}/{len(schemas)} schemas agree ({100 * agreed / len(schemas):.1f}%)"
    )
    assert not disagreements, "\n".join(disagreements)


def test_ast_means_what_prisma_means(corpus: Path, oracle: Oracle, figures: list[str]) -> None:
    checked, skipped, disagreements = 0, 0, []
    for unit in real_units(corpus):
        files = read_unit(unit)
        payload = files[0][1] if len(files) == 1 else [list(f) for f in files]
        # 7.x first; 6.19 for the many real schemas whose datasource still has `url`.
        datamodel = oracle.datamodel_any(payload, validating_build(corpus, unit))
        if datamodel is None:
            skipped += 1  # valid under neither build: no meaning to compare
            continue
        checked += 1
        try:
            schema = parse_sources([SourceFile(name, text) for name, text in files])
        except SchemaSyntaxError as err:
            disagreements.append(f"{unit.name}: we reject a schema Prisma validates: {err}")
            continue
        problems = compare(facts_from_ast(schema), facts_from_datamodel(datamodel))
        key = str(unit.relative_to(corpus))
        if problems and key not in KNOWN_DIFFERENCES:
            disagreements.append(f"{key}: " + "; ".join(problems[:5]))
    agreed = checked - len(disagreements)
    figures.append(
        f"meaning, real: {agreed}/{checked} validating schemas agree on every fact "
        f"({100 * agreed / max(checked, 1):.1f}%); {skipped} validate under neither build"
    )
    assert checked > 100
    assert not disagreements, "\n".join(disagreements)


def test_known_differences_are_listed(figures: list[str]) -> None:
    figures.append(f"known differences: {len(KNOWN_DIFFERENCES)}")
    for key, reason in KNOWN_DIFFERENCES.items():
        figures.append(f"  {key}: {reason}")
    assert all(reason.strip() for reason in KNOWN_DIFFERENCES.values())


def _line_of(text: str, utf16_offset: int) -> int:
    """1-based line of a JavaScript (UTF-16) string offset, counting CRLF and CR as one line end."""
    prefix = text.encode("utf-16-le")[: 2 * utf16_offset].decode("utf-16-le", errors="ignore")
    return normalise_newlines(prefix).count("\n") + 1


def test_first_error_line_matches_prisma(corpus: Path, oracle: Oracle, figures: list[str]) -> None:
    """For each invalid fixture with a syntax error, our first error is on Prisma's first error line,
    and we report errors on exactly the lines Prisma does."""
    checked, mismatches = 0, []
    for unit in units(corpus / "engines" / "invalid"):
        files = read_unit(unit)
        official = oracle.syntax_errors(files)
        if not official:
            continue
        checked += 1
        texts = dict(files)
        single = files[0][0] if len(files) == 1 else None
        theirs = {
            (single or d["file_name"], _line_of(texts[single or d["file_name"]], d["start"]))
            for d in official
        }
        ours = {(d.file, d.line) for d in _diagnostics(files)}
        if min(ours, default=None) != min(theirs) or ours != theirs:
            mismatches.append(f"{unit.name}: official {sorted(theirs)[:4]}, ours {sorted(ours)[:4]}")
    agreed = checked - len(mismatches)
    figures.append(
        f"error lines, engines/invalid: {agreed}/{checked} fixtures with syntax errors agree on "
        f"the first error line and on every error line ({100 * agreed / max(checked, 1):.1f}%)"
    )
    assert checked > 50
    assert not mismatches, "\n".join(mismatches)
