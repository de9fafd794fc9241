"""Shared fixtures: the official parser (oracle), the shared corpus, and a figures report.

Oracle and corpus tests skip, saying why, on a machine without Node or without
the corpus. CI sets PRISMA_LINT_REQUIRE_CORPUS=1, and then a missing corpus or
oracle is a failure, never a skip.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.contracts import validating_reporters
from tests.corpus import corpus_dir
from tests.oracle.client import Oracle, available

FIGURES: list[str] = []  # agreement figures, printed at the end of the run


def _required() -> bool:
    return os.environ.get("PRISMA_LINT_REQUIRE_CORPUS") == "1"


def _unavailable(reason: str) -> None:
    if _required():
        pytest.fail(f"PRISMA_LINT_REQUIRE_CORPUS=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _not_in_a_runner(monkeypatch: pytest.MonkeyPatch) -> None:
    """Output is the same on a laptop and on a GitHub runner (cli.terminal.for_the_log wraps
    text in ::stop-commands:: under GITHUB_ACTIONS=true); tests that want it set it."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.fixture(autouse=True)
def _validate_every_report(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every JSON report a test makes in this process is checked against
    docs/schemas/diff-v2.schema.json, every SARIF log against the OASIS 2.1.0 schema."""
    validating_reporters(monkeypatch)


@pytest.fixture(scope="session")
def oracle() -> Iterator[Oracle]:
    reason = available()
    if reason:
        _unavailable(f"official parser unavailable: {reason}")
    client = Oracle()
    yield client
    client.close()


@pytest.fixture(scope="session")
def corpus() -> Path:
    found = corpus_dir()
    if found is None or not found.is_dir():
        _unavailable("no corpus: set PRISMA_LINT_CORPUS or put it at ../shared/corpus")
    assert found is not None
    return found


@pytest.fixture(scope="session")
def figures() -> list[str]:
    return FIGURES


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Under pytest-xdist each worker hands its figures to the controller, which prints them."""
    output = getattr(session.config, "workeroutput", None)
    if output is not None:
        output["figures"] = FIGURES


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: object, error: object) -> None:
    FIGURES.extend(getattr(node, "workeroutput", {}).get("figures", []))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if FIGURES:
        terminalreporter.section("agreement with the official Prisma parser")
        for line in FIGURES:
            terminalreporter.write_line(line)
