"""`--format text`: for people at a terminal. Changes grouped by block, each with
its location and the line it points at."""

from __future__ import annotations

import re

from prisma_lint.check.verdicts import Verdict
from prisma_lint.drift.changes import Change, Code, Obj, Severity
from prisma_lint.drift.result import DiffResult
from prisma_lint.report.diagnostics import Style, plain, render_diagnostics
from prisma_lint.words import counted


def render(result: DiffResult, style: Style = plain, *, quiet: bool = False, verbose: bool = False) -> str:
    """quiet: the findings only, no summary; verbose: each with its object, path and fingerprint."""
    if result.errors:
        if all(d.line > 0 for d in result.errors):
            return render_diagnostics(result.errors, style) + "\n"
        return "".join(f"{style('error', 'error')}: {d.message}\n" for d in result.errors)
    notes = "".join(f"{note}\n" for note in result.notes)
    if not result.drift:
        if quiet:
            return ""
        ignored = "".join(f" ({n})" for n in _dropped(result))
        return notes + (
            f"{style('No drift', 'ok')}: {result.portal_source} matches the canonical schema "
            f"{result.canonical_source}{ignored}.\n"
        )
    out: list[str] = [*result.notes, ""] if result.notes else []
    for block, changes in _groups(result.changes).items():
        out.append(style(block, "location"))
        for change in changes:
            out.extend(_change(change, style))
            if verbose:
                out.append(f"    {change.object.value} {change.path}, fingerprint {change.fingerprint}")
        out.append("")
    if quiet:
        return "\n".join(out)
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
    if change.object is Obj.POLICY:
        return "Portal copy" if change.code is Code.PORTAL_STALE else "Portal repository"
    match = re.match(r"[^.@#]*", change.path)
    return match.group(0) if match else change.path


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
    ignored += f"; {result.baselined} baselined" if result.baselined else ""
    if all(c.object is Obj.POLICY and c.code is not Code.PORTAL_STALE for c in result.changes):
        return (  # policy findings only: the schema itself has no drift
            f"{style('Policy', 'error')}: {counted(len(result.changes), 'policy finding')} "
            f"({counts}{ignored}) in the portal repository; {result.portal_source} matches the "
            f"canonical schema {result.canonical_source}."
        )
    return (
        f"{style('Drift', 'error')}: {counted(len(result.changes), 'change')} ({counts}{ignored}) in "
        f"{result.portal_source} against the canonical schema {result.canonical_source}."
    )


def _dropped(result: DiffResult) -> list[str]:
    """What the config's ignore rules and the baseline took out, when they took anything."""
    out = [f"{counted(result.ignored, 'change')} ignored by config"] if result.ignored else []
    return out + ([f"{result.baselined} baselined"] if result.baselined else [])
