"""The result of one comparison: the change records, and what the run knows about them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from prisma_lint.drift.changes import Change, Severity
from prisma_lint.errors import Diagnostic

if TYPE_CHECKING:  # a check result carries its verdict; drift itself never makes one
    from prisma_lint.check.verdicts import Verdict


@dataclass(frozen=True)
class DiffResult:
    canonical_source: str  # as the user gave them
    portal_source: str
    changes: tuple[Change, ...]
    ignored: int = 0  # changes dropped by `ignore` rules in the config
    verdict: Verdict | None = None
    notes: tuple[str, ...] = ()  # how the run found its inputs, for the text report
    canonical_commit: str | None = None  # the sha the canonical schema was read at, from git
    errors: tuple[Diagnostic, ...] = ()  # why the run failed; `changes` is empty then
    baselined: int = 0  # changes dropped because their fingerprints are in the baseline
    root: str | None = None  # the repository root that locations are relative to (SARIF, annotations)

    @property
    def drift(self) -> bool:
        return bool(self.changes)

    def count(self, severity: Severity) -> int:
        return sum(1 for c in self.changes if c.severity is severity)
