"""`--format json`: the stable contract documented in docs/json-output.md (schema_version 1)."""

from __future__ import annotations

import json
from typing import Any

from prisma_lint import __version__
from prisma_lint.check.verdicts import Candidate, Verdict
from prisma_lint.drift.changes import Change, DiffResult, Location

SCHEMA_VERSION = 1


def render(result: DiffResult) -> str:
    return json.dumps(to_json(result), indent=2, ensure_ascii=False) + "\n"


def to_json(result: DiffResult) -> dict[str, Any]:
    out = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "prisma-lint", "version": __version__},
        "canonical": {"source": result.canonical_source},
        "portal": {"source": result.portal_source},
        "drift": result.drift,
        "changes": [change_to_json(c) for c in result.changes],
    }
    if result.verdict is not None:  # `check` only
        out["verdict"] = verdict_to_json(result.verdict)
    return out


def verdict_to_json(verdict: Verdict) -> dict[str, Any]:
    return {
        "status": verdict.status,
        "match": _candidate(verdict.match),
        "nearest": _candidate(verdict.nearest),
        "nearest_distance": verdict.nearest_distance,
        "versions": verdict.versions,
        "baseline": verdict.baseline,
    }


def _candidate(candidate: Candidate | None) -> dict[str, Any] | None:
    if candidate is None:
        return None
    return {"commit": candidate.commit, "date": candidate.date, "behind": candidate.position}


def change_to_json(change: Change) -> dict[str, Any]:
    out = _change(change)
    if change.related:  # PORTAL_STALE on an edited copy: what the admin changed since its version
        out["upstream"] = [_change(c) for c in change.related]
    return out


def _change(change: Change) -> dict[str, Any]:
    return {
        "code": change.code.value,
        "kind": change.kind.value,
        "object": change.object,
        "path": change.path,
        "severity": change.severity.value,
        "message": change.message,
        "canonical": _location(change.canonical),
        "portal": _location(change.portal),
        "fingerprint": change.fingerprint,
    }


def _location(location: Location | None) -> dict[str, Any] | None:
    if location is None:
        return None
    return {"file": location.file, "line": location.line, "column": location.column}
