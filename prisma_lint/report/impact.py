"""Reports of `prisma-lint impact`, one function per format, each pure.

Every record is a change with its runtime `effect`, the table row (`rule`)
and the `reason` sentence; every portal has a verdict (in sync, stale but
safe, will break). Locations point into the admin's schema (the canonical
side), the file the admin's pull request touches.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from prisma_lint import __version__
from prisma_lint.check.effects import EFFECTS, Impact
from prisma_lint.check.impact import ImpactReport, PortalImpact
from prisma_lint.drift.changes import Code, Severity
from prisma_lint.report import github, json_report, markdown, sarif
from prisma_lint.report.diagnostics import Style, plain

SCHEMA_VERSION = 1
ROLE = {"safe": "ok", "breaks-writes": "warning", "breaks-reads": "error"}
ICON = {"in sync": "✅", "stale but safe": "🟡", "will break": "❌"}


def _counts(portal: PortalImpact) -> str:
    return ", ".join(f"{portal.count(e)} {e}" for e in reversed(EFFECTS) if portal.count(e)) or "no changes"


def _verdicts(report: ImpactReport) -> str:
    parts = []
    for verdict in ("will break", "stale but safe", "in sync"):
        n = sum(1 for p in report.portals if p.verdict == verdict)
        if n:
            parts.append(f"{n} {verdict}")
    return ", ".join(parts)


def render_text(report: ImpactReport, style: Style = plain) -> str:
    out = []
    for portal in report.portals:
        head = f"Portal {portal.name} ({portal.result.portal_source}): {portal.verdict}"
        out.append(style(head + (f" ({_counts(portal)})" if portal.impacts else "") + ".", "location"))
        for item in portal.impacts:
            out.append(
                f"  {style(item.effect, ROLE[item.effect])}  {item.change.code.value}  {item.change.path}"
            )
            out.append(f"    {item.reason}")
        out.append("")
    n = len(report.portals)
    out.append(
        f"Impact of {report.canonical_source} on {n} portal{'s' if n != 1 else ''}: {_verdicts(report)}."
    )
    return "\n".join(out) + "\n"


def record(item: Impact) -> dict[str, Any]:
    return {
        **json_report.change_to_json(item.change),
        "effect": item.effect,
        "rule": item.rule,
        "reason": item.reason,
    }


def to_json(report: ImpactReport) -> dict[str, Any]:
    portals = [
        {
            "portal": {"name": p.name, "source": p.result.portal_source},
            "verdict": p.verdict,
            "counts": {e: p.count(e) for e in EFFECTS},
            "changes": [record(i) for i in p.impacts],
        }
        for p in report.portals
    ]
    return {
        "schema_version": SCHEMA_VERSION,
        "report": "impact",
        "tool": {"name": "prisma-lint", "version": __version__},
        "canonical": {"source": report.canonical_source},
        "verdict": report.verdict,
        "drift": report.drift,
        "portals": portals,
    }


def render_json(report: ImpactReport) -> str:
    return json.dumps(to_json(report), indent=2, ensure_ascii=False) + "\n"


def _sarif_result(portal: PortalImpact, item: Impact) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": item.change.code.value,
        "ruleIndex": sarif.RULES.index(item.change.code),
        "level": "note" if item.effect == "safe" else "error",
        "message": {"text": item.reason},
        "partialFingerprints": {"prismaLint/v1": f"{portal.name}/{item.change.fingerprint}"},  # per portal
        "properties": {"portal": portal.name, "effect": item.effect, "rule": item.rule},
    }
    if item.change.canonical is not None:
        out["locations"] = [sarif.location(item.change.canonical)]
    return out


def render_sarif(report: ImpactReport) -> str:
    driver = {"name": "prisma-lint", "version": __version__, "rules": [sarif.rule(c) for c in Code]}
    results = [_sarif_result(p, i) for p in report.portals for i in p.impacts]
    log = {
        "$schema": sarif.SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def render_github(report: ImpactReport) -> str:
    notes = [
        github.Note(
            Severity.NOTICE if i.effect == "safe" else Severity.ERROR,
            i.change.canonical,
            f"{i.effect}: {i.change.code.value} ({p.name})",
            i.reason,
        )
        for p in report.portals
        for i in p.impacts
    ]
    return github.render_notes(notes)


def render_markdown(report: ImpactReport, limit: int = markdown.LIMIT) -> str:
    cell = markdown.cell
    lines = [
        f"## {ICON[report.verdict]} prisma-lint impact: {_verdicts(report)}",
        "",
        f"What each portal's generated client does once `{cell(report.canonical_source)}` is migrated, "
        "if the portal does not sync its copy.",
        "",
        "| Portal | Verdict | breaks-reads | breaks-writes | safe |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| {cell(p.name)} | {ICON[p.verdict]} {p.verdict} | {p.count('breaks-reads')} | "
        f"{p.count('breaks-writes')} | {p.count('safe')} |"
        for p in report.portals
    ]
    rows, size = 0, sum(map(len, lines))
    total = sum(len(p.impacts) for p in report.portals)
    for p in (p for p in report.portals if p.impacts):
        lines += [
            "",
            f"### {cell(p.name)}: {p.verdict}",
            "",
            "| Effect | Code | Where | Why |",
            "|---|---|---|---|",
        ]
        for i in p.impacts:
            row = f"| {i.effect} | `{i.change.code.value}` | `{cell(i.change.path)}` | {cell(i.reason)} |"
            if size + len(row) > limit - markdown.MARGIN:
                break
            lines.append(row)
            rows, size = rows + 1, size + len(row) + 1
    if rows < total:
        lines += [
            "",
            f"*…and {total - rows} more changes not shown. Run `prisma-lint impact` to see them all.*",
        ]
    return "\n".join(lines) + "\n"


RENDERERS: dict[str, Callable[[ImpactReport], str]] = {
    "text": render_text,
    "json": render_json,
    "sarif": render_sarif,
    "github": render_github,
    "markdown": render_markdown,
}
