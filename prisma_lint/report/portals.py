"""Reports of a run over several portals (`check`/`diff` with more than one portal).

One report, a section per portal, in every format. Each portal's section is
the single-portal report of its result, so the formats stay one contract:
JSON holds each portal's report under `portals`, with `portal.name` added;
SARIF puts every result in one run with `properties.portal`; annotations
carry the portal's name in their title.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from prisma_lint import __version__
from prisma_lint.check.portals import PortalsResult
from prisma_lint.report import github, json_report, markdown, sarif, text
from prisma_lint.report.diagnostics import Style, plain

SCHEMA_VERSION = json_report.SCHEMA_VERSION  # each section is a diff report of that version


def render_text(result: PortalsResult, style: Style = plain) -> str:
    out = []
    for item in result.portals:
        out.append(style(f"== Portal {item.name} ({item.result.portal_source}) ==", "location"))
        out.append(text.render(item.result, style))
    drifted = sum(1 for p in result.portals if p.result.drift)
    out.append(
        f"{_portals(len(result.portals))} against {result.canonical_source}: "
        f"{len(result.portals) - drifted} clean, {drifted} with findings.\n"
    )
    return "\n".join(out)


def _portals(n: int) -> str:
    return f"{n} portal{'s' if n != 1 else ''}"


def to_json(result: PortalsResult) -> dict[str, Any]:
    sections = []
    for item in result.portals:
        section = json_report.to_json(item.result)
        for key in ("schema_version", "tool", "canonical"):
            section.pop(key, None)
        section["portal"] = {"name": item.name, **section.get("portal", {})}
        sections.append(section)
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "prisma-lint", "version": __version__},
        "canonical": {"source": result.canonical_source, "commit": _commit(result)},
        "drift": result.drift,
        "portals": sections,
    }


def _commit(result: PortalsResult) -> str | None:
    """The sha the canonical schema was read at (the same for every portal), when from git."""
    return next((item.result.canonical_commit for item in result.portals), None)


def render_json(result: PortalsResult) -> str:
    return json.dumps(to_json(result), indent=2, ensure_ascii=False) + "\n"


def render_sarif(result: PortalsResult) -> str:
    runs = [(item.name, sarif.to_sarif(item.result)) for item in result.portals]
    merged = runs[0][1]  # there is always a portal; its run carries the driver and the rules
    merged["runs"][0]["results"] = [
        _for_portal(found, name) for name, log in runs for found in log["runs"][0]["results"]
    ]
    return json.dumps(merged, indent=2, ensure_ascii=False) + "\n"


def _for_portal(found: dict[str, Any], name: str) -> dict[str, Any]:
    """A result tagged with its portal; its fingerprints too, so that code scanning keeps one
    alert per portal instead of merging the same change in two copies into one."""
    prints = {key: f"{name}/{value}" for key, value in found.get("partialFingerprints", {}).items()}
    return {**found, "partialFingerprints": prints, "properties": {"portal": name}}


def render_github(result: PortalsResult) -> str:
    notes = [
        github.note(change, f"{change.code.value} ({item.name})")
        for item in result.portals
        for change in item.result.changes
    ]
    return github.render_notes(notes)


def render_markdown(result: PortalsResult, limit: int = markdown.LIMIT) -> str:
    drifted = sum(1 for p in result.portals if p.result.drift)
    icon = "❌" if drifted else "✅"
    head = [
        f"## {icon} prisma-lint: {drifted} of {_portals(len(result.portals))} differ from "
        f"`{markdown.cell(result.canonical_source)}`",
        "",
        "| Portal | Copy | Findings |",
        "|---|---|---|",
    ]
    head += [
        f"| {markdown.cell(p.name)} | `{markdown.cell(p.result.portal_source)}` | {len(p.result.changes)} |"
        for p in result.portals
    ]
    share = (limit - len("\n".join(head)) - 200) // max(len(result.portals), 1)
    sections = [
        f"### Portal {markdown.cell(p.name)}\n\n"
        + markdown.render(p.result, share).replace("## ", "#### ", 1)
        for p in result.portals
    ]
    return "\n".join(head) + "\n\n" + "\n".join(sections)


RENDERERS: dict[str, Callable[[PortalsResult], str]] = {
    "text": render_text,
    "json": render_json,
    "sarif": render_sarif,
    "github": render_github,
    "markdown": render_markdown,
}
