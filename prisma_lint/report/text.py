"""`--format text`: for people at a terminal. Changes grouped by block, each with
its location and the line it points at."""

from __future__ import annotations

from prisma_lint.check.verdicts import Verdict
from prisma_lint.drift.changes import Change, DiffResult, Severity
from prisma_lint.report.diagnostics import Style, plain
from prisma_lint.words import counted


def render(result: DiffResult, style: Style = plain) -> str:
    notes = "".join(f"{note}\n" for note in result.notes)
    if not result.drift:
        ignored = f" ({counted(result.ignored, 'change')} ignored by config)" if result.ignored else ""
        return notes + (
            f"{style('No drift', 'ok')}: {result.portal_source} matches the canonical schema "
            f"{result.canonical_source}{ignored}.\n"
        )
    out: list[str] = [*result.notes, ""] if result.notes else []
    for block, changes in _groups(result.changes).items():
        out.append(style(block, "location"))
        for change in changes:
            out.extend(_change(change, style))
        out.append("")
    out.append(summary(result, style))
    if result.verdict is not None and result.verdict.status == "edited":
        out.append(edited_note(result.verdict))
    return "\n".join(out) + "\n"


def edited_note(verdict: Verdict) -> str:
    """For an edited copy: which version of the canonical schema it is closest to."""
    if verdict.nearest is None:
        return "Verdict: EDITED. No version of the canonical schema in its history matches the copy."
    near = verdict.nearest
    looked = "the only version" if verdict.versions == 1 else f"any of the last {verdict.versions} versions"
    where = f"{near.commit[:7]} ({near.date[:10]}, {counted(near.position, 'schema commit')} behind)"
    if verdict.baseline is not None:
        return (
            f"Verdict: EDITED. The copy does not match {looked} of the canonical schema; it was edited "
            f"from {where}, and its edits are measured against the canonical schema at {near.commit[:7]}."
        )
    return (
        f"Verdict: EDITED. The copy does not match {looked} of the canonical schema; the nearest is "
        f"{where}, {counted(verdict.nearest_distance, 'schema fact')} (fields, attributes, entries) apart."
    )


def _groups(changes: tuple[Change, ...]) -> dict[str, list[Change]]:
    """Changes under one heading per block, in order of first appearance (order notices
    come after the other changes, but belong with their block)."""
    groups: dict[str, list[Change]] = {}
    for change in changes:
        groups.setdefault(group_of(change), []).append(change)
    return groups


def group_of(change: Change) -> str:
    """The heading a change is listed under: its block, or what it is about."""
    headings = {"schema": "Portal copy", "repository": "Portal repository"}
    return headings.get(change.object) or change.path.split(".")[0]


def _change(change: Change, style: Style) -> list[str]:
    where = change.portal or change.canonical
    side = "" if change.portal else " (canonical)"
    head = f"  {where.file}:{where.line}:{where.column}{side}" if where else "  "
    lines = [
        f"{head}  {style(change.severity.value, change.severity.value)}  {change.code.value}",
        f"    {change.message}",
    ]
    if where and where.text:
        lines.append(f"    {style(str(where.line), 'gutter')} {style('|', 'gutter')} {where.text}")
    return lines


def summary(result: DiffResult, style: Style = plain) -> str:
    counts = ", ".join(counted(result.count(s), s.value) for s in Severity if result.count(s))
    ignored = f"; {result.ignored} ignored by config" if result.ignored else ""
    if all(c.object == "repository" for c in result.changes):  # policy findings only: no drift
        return (
            f"{style('Policy', 'error')}: {counted(len(result.changes), 'policy finding')} "
            f"({counts}{ignored}) in the portal repository; {result.portal_source} matches the "
            f"canonical schema {result.canonical_source}."
        )
    return (
        f"{style('Drift', 'error')}: {counted(len(result.changes), 'change')} ({counts}{ignored}) in "
        f"{result.portal_source} against the canonical schema {result.canonical_source}."
    )
