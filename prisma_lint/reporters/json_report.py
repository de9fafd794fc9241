"""`--format json`: the stable contract documented in docs/json-output.md (schema_version 1)."""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..changes import Change, DiffResult, Location

SCHEMA_VERSION = 1


def render(result: DiffResult) -> str:
    return json.dumps(to_json(result), indent=2, ensure_ascii=False) + "\n"


def to_json(result: DiffResult) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "prisma-lint", "version": __version__},
        "canonical": {"source": result.canonical_source},
        "portal": {"source": result.portal_source},
        "drift": result.drift,
        "changes": [change_to_json(c) for c in result.changes],
    }


def change_to_json(change: Change) -> dict[str, Any]:
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
