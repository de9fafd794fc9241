"""`--format github`: workflow commands that GitHub turns into annotations.

GitHub shows at most 10 annotations of each level per step, so we print 10 of
each and then one notice that counts the rest. A change with no line in the
portal file (a removal) points at its parent block there, or at line 1.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from prisma_lint.drift.changes import Change, Location, Severity
from prisma_lint.drift.result import DiffResult
from prisma_lint.errors import Diagnostic

LIMIT = 10
COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTICE: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


@dataclass(frozen=True)
class Note:
    """One annotation: its level, where it points, its title and its message."""

    severity: Severity
    where: Location | None
    title: str
    message: str


def render(result: DiffResult) -> str:
    if result.errors:
        return "".join(error_annotation(d) + "\n" for d in result.errors)
    out = render_notes([note(c) for c in result.changes])
    if result.baselined:
        out += f"::notice title=prisma-lint::{result.baselined} baselined findings are not shown.\n"
    return out


def note(change: Change, title: str = "") -> Note:
    where = change.portal or change.anchor or change.canonical
    return Note(change.severity, where, title or change.code.value, change.message)


def render_notes(notes: list[Note]) -> str:
    """The annotations, at most LIMIT per level, then one notice counting the rest."""
    counts = Counter(n.severity for n in notes)
    overflow = any(n > LIMIT for n in counts.values())
    # The overflow notice is itself a notice: leave room for it.
    limits = {s: LIMIT - (overflow and s is Severity.NOTICE) for s in Severity}
    shown: Counter[Severity] = Counter()
    hidden = 0
    lines = []
    for item in notes:
        if shown[item.severity] >= limits[item.severity]:
            hidden += 1
            continue
        shown[item.severity] += 1
        lines.append(annotation(item))
    if hidden:
        lines.append(
            f"::notice title=prisma-lint::{hidden} more changes are not shown as annotations "
            "(GitHub shows 10 per level); see the job summary or run prisma-lint locally."
        )
    return "".join(line + "\n" for line in lines)


def annotation(item: Note | Change) -> str:
    item = note(item) if isinstance(item, Change) else item
    where = item.where
    props = []
    if where is not None:
        props += [f"file={escape_property(where.file)}", f"line={where.line}", f"col={where.column}"]
    props.append(f"title={escape_property(item.title)}")
    return f"::{COMMAND[item.severity]} {','.join(props)}::{escape_data(item.message)}"


def error_annotation(d: Diagnostic) -> str:
    props = [f"file={escape_property(d.file)}"] if d.file else []
    if d.line > 0:
        props += [f"line={d.line}", f"col={max(d.column, 1)}"]
    props.append("title=prisma-lint")
    return f"::error {','.join(props)}::{escape_data(d.message)}"
