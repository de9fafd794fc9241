"""Verdicts: why a portal copy differs from the canonical schema.

Made by `history.judge` and `run.run_check`; carried on `DiffResult.verdict`
for the reporters to show.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Status = Literal["clean", "stale", "edited"]


@dataclass(frozen=True)
class Candidate:
    """A version of the canonical schema in its git history."""

    commit: str
    date: str  # ISO 8601
    position: int  # schema commits newer than this one: 0 is the newest


@dataclass(frozen=True)
class Verdict:
    """Why the copy differs (`check` with a git canonical source)."""

    status: Status
    match: Candidate | None = None  # stale: the version the copy equals
    nearest: Candidate | None = None  # edited: the closest version
    nearest_distance: int = 0  # facts that differ from it
    versions: int = 0  # versions looked at
    baseline: str | None = None  # edited from an older version: the commit its changes are measured against
