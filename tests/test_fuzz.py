"""Fuzzing with a bounded budget: generated schemas, byte and token mutations of real ones.

See tests/fuzzing.py for the generators and properties; benchmarks/fuzz.py
runs the same for as long as you like. The examples tried are counted and
printed with the agreement figures.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.corpus import corpus_dir, real_units
from tests.fuzzing import mirrored, mutate_bytes, mutate_tokens, no_drift, parse_checked, reformat, schemas
from tests.oracle.client import Oracle

BUDGET = 300
TRIED: dict[str, int] = {}
SETTINGS = settings(
    max_examples=BUDGET,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _count(name: str) -> None:
    TRIED[name] = TRIED.get(name, 0) + 1


def _seeds() -> list[str]:
    """Texts to mutate: the examples, and the corpus's real schemas when it is here."""
    root = Path(__file__).resolve().parents[1]
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "examples").rglob("*.prisma"))]
    texts.append((root / "tests/fixtures/constructs.prisma").read_text(encoding="utf-8"))
    corpus = corpus_dir()
    if corpus is not None and corpus.is_dir():
        texts += [u.read_text(encoding="utf-8") for u in real_units(corpus) if u.is_file()][:40]
    return texts


SEEDS = _seeds()


@pytest.mark.slow  # Hypothesis at full budget
@SETTINGS
@given(schemas(), st.randoms(use_true_random=False))
def test_generated_schemas_keep_every_property(text: str, rnd: random.Random) -> None:
    _count("generated")
    schema = parse_checked(text)
    assert schema is not None, text
    no_drift(schema, schema)
    again = parse_checked(reformat(text, rnd))
    assert again is not None
    no_drift(schema, again)


@pytest.mark.slow  # Hypothesis at full budget
@SETTINGS
@given(schemas(), schemas())
def test_diffs_mirror_and_reports_validate(a: str, b: str) -> None:
    _count("pairs")
    left, right = parse_checked(a), parse_checked(b)
    assert left is not None and right is not None
    mirrored(left, right)


@pytest.mark.slow  # Hypothesis at full budget
@SETTINGS
@given(st.sampled_from(SEEDS), st.booleans(), st.randoms(use_true_random=False))
def test_mutations_never_crash(seed: str, by_bytes: bool, rnd: random.Random) -> None:
    _count("mutations")
    mutated = mutate_bytes(seed, rnd) if by_bytes else mutate_tokens(seed, rnd)
    schema = parse_checked(mutated)
    original = parse_checked(seed)
    if schema is not None and original is not None:
        mirrored(original, schema)


@pytest.mark.oracle
@pytest.mark.slow
def test_generated_schemas_are_valid_for_prisma(oracle: Oracle, figures: list[str]) -> None:
    checked = []

    @settings(max_examples=100, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
    @given(schemas())
    def sample(text: str) -> None:
        assert oracle.syntax_errors([("schema.prisma", text)]) == [], text
        checked.append(text)

    sample()
    figures.append(
        f"fuzz: {len(checked)} generated schemas checked against the official parser: all valid; "
        f"examples tried this run: {dict(sorted(TRIED.items()))}"
    )
    assert len(checked) == 100
