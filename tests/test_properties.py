"""Property tests on real schemas: what must never be drift, and what must be exactly one change.

Hypothesis picks a real schema from the corpus and a random edit. Formatting,
order and `//` comments must give no drift; one mutation (add, remove or retype
a field, toggle `?`, add or remove an attribute, rename, add or remove an enum
value) must give exactly the change it is. Runs are derandomised so CI is
repeatable; `benchmarks/fuzz.py` runs the same properties for longer.
"""

from __future__ import annotations

import functools
import random
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from prisma_lint.drift.changes import Change
from prisma_lint.drift.diff import diff
from prisma_lint.syntax import ast, chunks
from prisma_lint.syntax.lexing import normalise_newlines
from prisma_lint.syntax.parser import parse_text
from tests.corpus import corpus_dir, pairs, real_units
from tests.fuzzing import reformat
from tests.oracle.client import Oracle

pytestmark = [pytest.mark.corpus, pytest.mark.slow]  # Hypothesis at full budget over the corpus
EXAMPLES = 150
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@functools.cache
def corpus_schemas() -> list[tuple[str, str]]:
    """(name, text) of the corpus's single-file real schemas that parse, or [] without a corpus."""
    corpus = corpus_dir()
    if corpus is None or not corpus.is_dir():
        return []
    out = []
    for unit in real_units(corpus):
        if unit.is_file():
            text = normalise_newlines(unit.read_text(encoding="utf-8"))
            if not parse_text(text)[1]:
                out.append((str(unit.relative_to(corpus)), text))
    return out


# Deferred: parsing the corpus costs seconds, which a run that deselects these tests skips.
schemas = st.deferred(lambda: st.sampled_from(corpus_schemas() or [("none", "")]))
# Only schemas that have an enum: drawing from all of them and discarding most trips
# Hypothesis's filter health check.
enum_schemas = st.deferred(
    lambda: st.sampled_from([s for s in corpus_schemas() if "\nenum " in "\n" + s[1]] or [("none", "")])
)


@pytest.fixture(autouse=True)
def _need_corpus(corpus: Path) -> None:
    """Skips (or, in CI, fails) the module's tests when there is no corpus."""


def changes(old: str, new: str, strict: bool = False) -> list[Change]:
    a, errors_a = parse_text(old, "canonical.prisma")
    b, errors_b = parse_text(new, "portal.prisma")
    assert errors_a == () and errors_b == (), (errors_a[:2], errors_b[:2])
    return list(
        diff(ast.Schema(a, ("canonical.prisma",)), ast.Schema(b, ("portal.prisma",)), strict=strict).changes
    )


# ---- never drift -----------------------------------------------------------------


def shuffle_blocks(text: str, rnd: random.Random) -> str:
    pieces = chunks.split(text)
    assert pieces is not None
    texts = [p.text for p in pieces]
    rnd.shuffle(texts)
    return "\n".join(texts)


@SETTINGS
@given(schemas, st.randoms(use_true_random=False))
def test_reformatting_and_comments_are_not_drift(schema: tuple[str, str], rnd: random.Random) -> None:
    assert changes(schema[1], reformat(schema[1], rnd)) == []


@SETTINGS
@given(schemas, st.randoms(use_true_random=False))
def test_block_order_is_not_drift(schema: tuple[str, str], rnd: random.Random) -> None:
    assume(chunks.split(schema[1]) is not None)  # the cutter declines a few files: nothing to shuffle
    shuffled = shuffle_blocks(schema[1], rnd)
    assert changes(schema[1], shuffled) == []
    assert {c.code.value for c in changes(schema[1], shuffled, strict=True)} <= {"BLOCK_ORDER_CHANGED"}


def _official_docs(oracle: Oracle, text: str) -> dict[str, str | None] | None:
    model = oracle.datamodel_any(text)
    if model is None:
        return None
    docs: dict[str, str | None] = {}
    for block in model["models"] + model.get("types", []) + model["enums"]:
        docs[block["name"]] = block.get("documentation")
        for member in block.get("fields", block.get("values", [])):
            docs[f"{block['name']}.{member['name']}"] = member.get("documentation")
    return docs


@pytest.mark.oracle
def test_prisma_format_output_is_not_drift(oracle: Oracle, figures: list[str]) -> None:
    """`prisma format` never changes meaning, except that it re-wraps block comments, which
    changes their documentation text: those changes must be exactly the ones Prisma sees."""
    doc_changes = 0
    for name, text in corpus_schemas():
        formatted = oracle.format(text)
        found = changes(text, formatted)
        assert all(c.code.value == "DOCUMENTATION_CHANGED" for c in found), (name, found[:3])
        if found:
            before, after = _official_docs(oracle, text), _official_docs(oracle, formatted)
            assert before is not None and after is not None, name
            official = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
            assert {c.path for c in found} == official, name
            doc_changes += len(found)
    figures.append(
        f"properties: `prisma format` of {len(corpus_schemas())} real schemas: no drift but "
        f"{doc_changes} re-wrapped block-comment docs, each confirmed by the official parser"
    )


# ---- exactly one change ------------------------------------------------------------

Mutation = Callable[[str, ast.Model, ast.Field, list[str]], tuple[list[str], list[tuple[str, str]]]]


def _line(field: ast.Field) -> int:
    return field.span.line - 1


def add_field(
    text: str, model: ast.Model, field: ast.Field, lines: list[str]
) -> tuple[list[str], list[tuple[str, str]]]:
    lines.insert(_line(field) + 1, "  zzAddedByPortal String?")
    return lines, [("FIELD_ADDED", f"{model.name}.zzAddedByPortal")]


def remove_field(
    text: str, model: ast.Model, field: ast.Field, lines: list[str]
) -> tuple[list[str], list[tuple[str, str]]]:
    del lines[_line(field)]
    return lines, [("FIELD_REMOVED", f"{model.name}.{field.name}")]


def retype_field(
    text: str, model: ast.Model, field: ast.Field, lines: list[str]
) -> tuple[list[str], list[tuple[str, str]]]:
    new_type = "Bytes" if field.type.name != "Bytes" else "String"
    _replace(
        lines, field.type.span, new_type + {"required": "", "optional": "?", "list": "[]"}[field.type.arity]
    )
    return lines, [("FIELD_TYPE_CHANGED", f"{model.name}.{field.name}")]


def toggle_optional(
    text: str, model: ast.Model, field: ast.Field, lines: list[str]
) -> tuple[list[str], list[tuple[str, str]]]:
    arity = "required" if field.type.arity == "optional" else "optional"
    _replace(lines, field.type.span, field.type.name + ("?" if arity == "optional" else ""))
    return lines, [("FIELD_OPTIONALITY_CHANGED", f"{model.name}.{field.name}")]


def add_attribute(
    text: str, model: ast.Model, field: ast.Field, lines: list[str]
) -> tuple[list[str], list[tuple[str, str]]]:
    end = field.span
    row = lines[end.end_line - 1]
    lines[end.end_line - 1] = row[: end.end_column - 1] + ' @map("zz_portal")' + row[end.end_column - 1 :]
    return lines, [("FIELD_ATTRIBUTE_ADDED", f"{model.name}.{field.name}@map")]


def remove_attribute(
    text: str, model: ast.Model, field: ast.Field, lines: list[str]
) -> tuple[list[str], list[tuple[str, str]]]:
    _replace(lines, field.attributes[-1].span, "")
    return lines, [("FIELD_ATTRIBUTE_REMOVED", f"{model.name}.{field.name}@{field.attributes[-1].name}")]


def rename_field(
    text: str, model: ast.Model, field: ast.Field, lines: list[str]
) -> tuple[list[str], list[tuple[str, str]]]:
    row = lines[_line(field)]
    col = field.span.column - 1
    lines[_line(field)] = row[:col] + "zzRenamed" + row[col + len(field.name) :]
    return lines, [
        ("FIELD_REMOVED", f"{model.name}.{field.name}"),
        ("FIELD_ADDED", f"{model.name}.zzRenamed"),
    ]


def _replace(lines: list[str], span: ast.Span, new: str) -> None:
    row = lines[span.line - 1]
    lines[span.line - 1] = row[: span.column - 1] + new + row[span.end_column - 1 :]


MUTATIONS: dict[str, tuple[Mutation, Callable[[ast.Model, ast.Field], bool]]] = {
    "add field": (add_field, lambda m, f: True),
    "remove field": (remove_field, lambda m, f: f.documentation is None),
    "retype": (retype_field, lambda m, f: not f.type.unsupported),
    "toggle ?": (toggle_optional, lambda m, f: f.type.arity != "list" and not f.type.unsupported),
    "add attribute": (add_attribute, lambda m, f: not any(a.name == "map" for a in f.attributes)),
    "remove attribute": (
        remove_attribute,
        lambda m, f: bool(f.attributes) and sum(a.name == f.attributes[-1].name for a in f.attributes) == 1,
    ),
    "rename": (rename_field, lambda m, f: f.documentation is None and f.name != "zzRenamed"),
}


def _single_line(field: ast.Field) -> bool:
    return field.span.line == field.span.end_line


@SETTINGS
@given(schemas, st.sampled_from(sorted(MUTATIONS)), st.randoms(use_true_random=False))
def test_one_mutation_is_exactly_one_change(schema: tuple[str, str], name: str, rnd: random.Random) -> None:
    text = schema[1]
    mutate, fits = MUTATIONS[name]
    blocks, _ = parse_text(text)
    candidates = [
        (m, f)
        for m in blocks
        if isinstance(m, ast.Model)
        for f in m.fields
        if _single_line(f) and fits(m, f) and f.name != "zzAddedByPortal"
    ]
    assume(candidates)
    model, field = rnd.choice(candidates)
    lines, expected = mutate(text, model, field, text.split("\n"))
    found = [(c.code.value, c.path) for c in changes(text, "\n".join(lines))]
    if name == "rename" and found and found[0][0] == "FIELD_ADDED":
        found.reverse()
    assert found == expected, (schema[0], name, model.name, field.name)


def assert_unique(found: list[Change]) -> None:
    """The record rule: (object, path, kind) names one thing once in a report."""
    seen = Counter((c.object, c.path, c.kind) for c in found)
    assert [key for key, n in seen.items() if n > 1] == []


@settings(SETTINGS, max_examples=40)
@given(schemas, st.lists(st.sampled_from(sorted(MUTATIONS)), min_size=1, max_size=4), st.randoms())
def test_records_are_unique_under_many_mutations(
    schema: tuple[str, str], names: list[str], rnd: random.Random
) -> None:
    """Several mutations at once, on one field or many, in both directions, with --strict."""
    text = schema[1]
    for name in names:
        mutate, fits = MUTATIONS[name]
        blocks, errors = parse_text(text)
        if errors:
            return
        candidates = [
            (m, f)
            for m in blocks
            if isinstance(m, ast.Model)
            for f in m.fields
            if _single_line(f) and fits(m, f) and f.name != "zzAddedByPortal"
        ]
        if not candidates:
            break
        model, field = rnd.choice(candidates)
        text = "\n".join(mutate(text, model, field, text.split("\n"))[0])
    if parse_text(text)[1]:
        return
    assert_unique(changes(schema[1], text, strict=True))
    assert_unique(changes(text, schema[1], strict=True))


def test_records_are_unique_over_the_corpus_pairs(corpus: Path, figures: list[str]) -> None:
    checked = records = 0
    for pair in pairs(corpus):
        sides = []
        for name in ("before.prisma", "after.prisma"):
            blocks, errors = parse_text(normalise_newlines((pair / name).read_text(encoding="utf-8")), name)
            sides.append(None if errors else ast.Schema(blocks, (name,)))
        old, new = sides
        if old is None or new is None:
            continue
        for a, b in ((old, new), (new, old)):  # each side parsed once, diffed both ways
            found = list(diff(a, b, strict=True).changes)
            assert_unique(found)
            records += len(found)
        checked += 1
    assert checked
    figures.append(f"records: (object, path, kind) unique in {records} records of {checked} pairs, both ways")


@SETTINGS
@given(enum_schemas, st.booleans(), st.randoms(use_true_random=False))
def test_enum_value_added_or_removed(schema: tuple[str, str], add: bool, rnd: random.Random) -> None:
    text = schema[1]
    enums = [
        (e, v)
        for e in parse_text(text)[0]
        if isinstance(e, ast.Enum)
        for v in e.values
        if v.documentation is None and v.span.line == v.span.end_line
    ]
    assume(enums)
    enum, value = rnd.choice(enums)
    lines = text.split("\n")
    if add:
        lines.insert(value.span.line, "  ZZ_ADDED_BY_PORTAL")
        expected = [("ENUM_VALUE_ADDED", f"{enum.name}.ZZ_ADDED_BY_PORTAL")]
    else:
        del lines[value.span.line - 1]
        expected = [("ENUM_VALUE_REMOVED", f"{enum.name}.{value.name}")]
    assert [(c.code.value, c.path) for c in changes(text, "\n".join(lines))] == expected
