"""`--format github`: workflow commands that GitHub turns into annotations.

GitHub shows at most 10 annotations of each level per step, so we print 10 of
each and then one notice that counts the rest. A change with no line in the
portal file (a removal) points at its parent block there, or at line 1.
"""

from __future__ import annotations

from collections import Counter

from prisma_lint.drift.changes import Change, DiffResult, Severity
from prisma_lint.errors import Diagnostic

LIMIT = 10
COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTICE: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(result: DiffResult) -> str:
    if result.errors:
        return "".join(error_annotation(d) + "\n" for d in result.errors)
    counts = Counter(c.severity for c in result.changes)
    overflow = any(n > LIMIT for n in counts.values())
    # The overflow notice is itself a notice: leave room for it.
    limits = {s: LIMIT - (overflow and s is Severity.NOTICE) for s in Severity}
    shown: Counter[Severity] = Counter()
    hidden = 0
    lines = []
    for change in result.changes:
        if shown[change.severity] >= limits[change.severity]:
            hidden += 1
            continue
        shown[change.severity] += 1
        lines.append(annotation(change))
    if hidden:
        lines.append(
            f"::notice title=prisma-lint::{hidden} more changes are not shown as annotations "
            "(GitHub shows 10 per level); see the job summary or run prisma-lint locally."
        )
    if result.baselined:
        lines.append(f"::notice title=prisma-lint::{result.baselined} baselined findings are not shown.")
    return "".join(line + "\n" for line in lines)


def annotation(change: Change) -> str:
    where = change.portal or change.anchor or change.canonical
    props = []
    if where is not None:
        props += [f"file={escape_property(where.file)}", f"line={where.line}", f"col={where.column}"]
    props.append(f"title={escape_property(change.code.value)}")
    return f"::{COMMAND[change.severity]} {','.join(props)}::{escape_data(change.message)}"


def error_annotation(d: Diagnostic) -> str:
    props = [f"file={escape_property(d.file)}"] if d.file else []
    if d.line > 0:
        props += [f"line={d.line}", f"col={max(d.column, 1)}"]
    props.append("title=prisma-lint")
    return f"::error {','.join(props)}::{escape_data(d.message)}"
