"""`--format sarif`: SARIF 2.1.0, for code scanning dashboards.

One rule per change code (all of them, so rule indexes never shift), a
`partialFingerprints` entry per result so dashboards track a change across
pushes, and URIs relative to the repository root (%SRCROOT%).
"""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePosixPath
from typing import Any

from prisma_lint import __version__
from prisma_lint.drift.changes import Change, Code, Location, Severity
from prisma_lint.drift.result import DiffResult
from prisma_lint.errors import Diagnostic

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTICE: "note"}
RULES = list(Code)


def render(result: DiffResult) -> str:
    return json.dumps(to_sarif(result), indent=2, ensure_ascii=False) + "\n"


def to_sarif(result: DiffResult) -> dict[str, Any]:
    rules = [rule(code) for code in RULES] + [ERROR_RULE]  # appended: code indexes never shift
    driver = {"name": "prisma-lint", "version": __version__, "rules": rules}
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "originalUriBaseIds": {"%SRCROOT%": {"uri": _root_uri(result.root)}},
        "columnKind": "unicodeCodePoints",
        "results": [_result(change) for change in result.changes],
        "properties": {"ignored": result.ignored, "baselined": result.baselined},
    }
    if result.errors:
        run["results"] = [_error(d) for d in result.errors if d.line > 0]
        # Failures with no place in a file (a missing schema, a bad config) are the tool's.
        notes = [{"level": "error", "message": {"text": _text(d)}} for d in result.errors if d.line <= 0]
        run["invocations"] = [{"executionSuccessful": False, "toolExecutionNotifications": notes}]
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


ERROR_RULE = {
    "id": "SCHEMA_ERROR",
    "name": "SchemaError",
    "shortDescription": {"text": "A schema does not parse, or Prisma would refuse it; nothing was compared."},
    "defaultConfiguration": {"level": "error"},
}


def _error(d: Diagnostic) -> dict[str, Any]:
    return {
        "ruleId": ERROR_RULE["id"],
        "ruleIndex": len(RULES),
        "level": "error",
        "message": {"text": d.message},
        "locations": [location(Location(d.file, d.line, max(d.column, 1)))],
    }


def _text(d: Diagnostic) -> str:
    return f"{d.file}: {d.message}" if d.file else d.message


def rule(code: Code) -> dict[str, Any]:
    info = code.info
    return {
        "id": code.value,
        "name": "".join(word.capitalize() for word in code.value.split("_")),
        "shortDescription": {"text": info.summary},
        "fullDescription": {"text": f"{info.summary} Example: {info.example}"},
        "defaultConfiguration": {"level": LEVEL[info.severity]},
        "help": {
            "text": "The portal copy of the schema is read-only: change the canonical schema in the "
            "admin app instead, or sync the copy from it."
        },
    }


def _result(change: Change) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": change.code.value,
        "ruleIndex": RULES.index(change.code),
        "level": LEVEL[change.severity],
        "message": {"text": change.message},
        "partialFingerprints": {"prismaLint/v2": change.fingerprint},
    }
    where = change.portal or change.anchor
    if where is not None:
        out["locations"] = [location(where)]
    if change.canonical is not None:
        related = location(change.canonical)
        related["id"] = 1
        related["message"] = {"text": "In the canonical schema."}
        out["relatedLocations"] = [related]
    return out


def location(where: Location) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": relative_uri(where.file), "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": where.line, "startColumn": where.column},
        }
    }


def _root_uri(root: str | None) -> str:
    """The repository root as a file URI ending in a slash, as SARIF requires of a base."""
    return Path(root or os.getcwd()).absolute().as_uri().rstrip("/") + "/"


def relative_uri(path: str) -> str:
    """A URI reference relative to the repository root (the working directory)."""
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path(os.getcwd()))
        except ValueError:
            return p.as_uri()
    return str(PurePosixPath(*p.parts)).replace("%", "%25").replace(" ", "%20")
