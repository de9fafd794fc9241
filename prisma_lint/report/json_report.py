"""`--format json`: the stable contract documented in docs/json-output.md (schema_version 2)."""

from __future__ import annotations

import json
from typing import Any

from prisma_lint import __version__
from prisma_lint.check.verdicts import Candidate, Verdict
from prisma_lint.drift.changes import Change, Location, Severity
from prisma_lint.drift.result import DiffResult
from prisma_lint.errors import Diagnostic

SCHEMA_VERSION = 2


def render(result: DiffResult) -> str:
    return json.dumps(to_json(result), indent=2, ensure_ascii=False) + "\n"


def to_json(result: DiffResult) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "prisma-lint", "version": __version__},
        "canonical": {"source": result.canonical_source, "commit": result.canonical_commit},
        "portal": {"source": result.portal_source},
        "drift": result.drift,
        "verdict": result.verdict.status if result.verdict is not None else None,
        "history": history_to_json(result.verdict),
        "summary": summary_to_json(result),
        "errors": [error_to_json(d) for d in result.errors],
        "changes": [change_to_json(c) for c in result.changes],
    }


def summary_to_json(result: DiffResult) -> dict[str, int]:
    counts = {s.value: result.count(s) for s in Severity}
    return {**counts, "ignored": result.ignored, "baselined": result.baselined}


def history_to_json(verdict: Verdict | None) -> dict[str, Any] | None:
    """What the canonical history said (`check` from git only)."""
    if verdict is None or verdict.status == "clean":
        return None
    return {
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


def error_to_json(d: Diagnostic) -> dict[str, Any]:
    """A syntax or input error; line and column are null when it has no position (a missing file)."""
    return {
        "file": d.file,
        "line": d.line or None,
        "column": d.column or None,
        "message": d.message,
    }


def change_to_json(change: Change) -> dict[str, Any]:
    out = _change(change)
    if change.related:  # PORTAL_STALE on an edited copy: what the admin changed since its version
        out["upstream"] = [_change(c) for c in change.related]
    return out


def _change(change: Change) -> dict[str, Any]:
    parent = change.parent
    return {
        "code": change.code.value,
        "kind": change.kind.value,
        "object": change.object.value,
        "path": change.path,
        "parent": None if parent is None else {"object": parent.object.value, "path": parent.path},
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
