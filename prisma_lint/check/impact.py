"""`prisma-lint impact`: what the admin's schema change will break in each portal.

Run in the admin repository: the admin's schema (the working tree, or any
source) is what the database will look like once migrated; each portal's copy
is what its generated client still believes. Every difference gets a runtime
effect from the table in effects.py, and each portal a verdict.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from prisma_lint.check.effects import Effect, Impact, Sides, classify
from prisma_lint.check.portals import compare
from prisma_lint.config import Config, Portal
from prisma_lint.drift.result import DiffResult
from prisma_lint.errors import EXIT_CLEAN, EXIT_DRIFT

PortalVerdict = Literal["in sync", "stale but safe", "will break"]
VERDICTS: tuple[PortalVerdict, ...] = ("in sync", "stale but safe", "will break")  # best first


@dataclass(frozen=True)
class PortalImpact:
    name: str
    result: DiffResult  # the diff, after the config's ignore and severity rules
    impacts: tuple[Impact, ...]  # one per change, in the same order

    @property
    def verdict(self) -> PortalVerdict:
        if not self.impacts:
            return "in sync"
        return "stale but safe" if all(i.effect == "safe" for i in self.impacts) else "will break"

    def count(self, effect: Effect) -> int:
        return sum(1 for i in self.impacts if i.effect == effect)


@dataclass(frozen=True)
class ImpactReport:
    canonical_source: str
    portals: tuple[PortalImpact, ...]

    @property
    def verdict(self) -> PortalVerdict:
        """The worst verdict of any portal."""
        return max((p.verdict for p in self.portals), key=VERDICTS.index, default="in sync")

    @property
    def drift(self) -> bool:
        return any(p.impacts for p in self.portals)


def run_impact(canonical: str, portals: tuple[Portal, ...], *, cwd: Path, config: Config) -> ImpactReport:
    canonical_schema, _, compared = compare(canonical, portals, cwd=cwd, config=config)
    out = []
    for item in compared:
        sides = Sides(canonical_schema, item.schema)
        impacts = tuple(classify(change, sides) for change in item.result.changes)
        out.append(PortalImpact(item.portal.name, item.result, impacts))
    return ImpactReport(canonical, tuple(out))


def exit_status(report: ImpactReport, fail_on: str) -> int:
    """breaking: 1 when some portal will break; drift: 1 when some portal is not in sync; never: 0."""
    failed = {"never": False, "breaking": report.verdict == "will break"}.get(fail_on, report.drift)
    return EXIT_DRIFT if failed else EXIT_CLEAN
