"""`--format text`: for people at a terminal. Changes grouped by block, each with
its location and the line it points at."""

from __future__ import annotations

import re
from itertools import groupby

from prisma_lint.check.verdicts import Verdict
from prisma_lint.drift.changes import Change, Code, DiffResult, Obj, Severity
from prisma_lint.report.diagnostics import Style, plain, render_diagnostics


def render(result: DiffResult, style: Style = plain, *, quiet: bool = False, verbose: bool = False) -> str:
    """quiet: the findings only, no summary; verbose: each with its object, path and fingerprint."""
    if result.errors:
        if all(d.line > 0 for d in result.errors):
            return render_diagnostics(result.errors, style) + "\n"
        return "".join(f"{style('error', 'error')}: {d.message}\n" for d in result.errors)
    if not result.drift:
        if quiet:
            return ""
        ignored = "".join(f" ({n})" for n in _dropped(result))
        return (
            f"{style('No drift', 'ok')}: {result.portal_source} matches the canonical schema "
            f"{result.canonical_source}{ignored}.\n"
        )
    out: list[str] = []
    for block, changes in groupby(result.changes, key=group_of):
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
    return (
        f"Verdict: EDITED. None of the last {verdict.versions} versions of the canonical schema matches "
        f"the copy; the nearest is {near.commit[:7]} ({near.date[:10]}, "
        f"{near.position} schema commits behind), {_count(verdict.nearest_distance, 'fact')} apart."
    )


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
    counts = ", ".join(_count(result.count(s), s.value) for s in Severity if result.count(s))
    ignored = f"; {result.ignored} ignored by config" if result.ignored else ""
    ignored += f"; {result.baselined} baselined" if result.baselined else ""
    return (
        f"{style('Drift', 'error')}: {_count(len(result.changes), 'change')} ({counts}{ignored}) in "
        f"{result.portal_source} against the canonical schema {result.canonical_source}."
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _dropped(result: DiffResult) -> list[str]:
    """What the config's ignore rules and the baseline took out, when they took anything."""
    out = [f"{_count(result.ignored, 'change')} ignored by config"] if result.ignored else []
    return out + ([f"{result.baselined} baselined"] if result.baselined else [])
