"""`--format markdown`: for $GITHUB_STEP_SUMMARY or a pull request comment.

A headline verdict, a table of changes, and the details (where each change
stands, with its line) folded away. Kept under GitHub's 65,536-character limit
for comments: rows that do not fit are cut and counted.
"""

from __future__ import annotations

from prisma_lint.drift.changes import Change, DiffResult, Severity
from prisma_lint.report import text

LIMIT = 65_536
MARGIN = 600  # room for the closing lines and the "N more" note
ICON = {Severity.ERROR: "🔴", Severity.WARNING: "🟡", Severity.NOTICE: "🔵"}


def cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("\r", " ")


def render(result: DiffResult, limit: int = LIMIT) -> str:
    if result.errors:
        return _failed(result, limit)
    baselined = f" {result.baselined} baselined findings are not shown." if result.baselined else ""
    if not result.drift:
        return (
            f"## ✅ prisma-lint: no drift\n\n`{cell(result.portal_source)}` matches the canonical schema "
            f"`{cell(result.canonical_source)}`.{baselined}\n"
        )
    counts = ", ".join(
        f"{result.count(s)} {s.value}{'s' if result.count(s) != 1 else ''}"
        for s in Severity
        if result.count(s)
    )
    stale = result.verdict is not None and result.verdict.status == "stale"
    title = "the portal copy is out of date" if stale else "the portal copy has drifted"
    head = [
        f"## ❌ prisma-lint: {title} ({len(result.changes)} change{'s' if len(result.changes) != 1 else ''})",
        "",
        f"`{cell(result.portal_source)}` differs from the canonical schema "
        f"`{cell(result.canonical_source)}`: {counts}. The portal copy is read-only: "
        "change the canonical schema instead, or sync the copy from it." + baselined,
        "",
        "| | Code | Where | Change |",
        "|---|---|---|---|",
    ]
    if result.verdict is not None and result.verdict.status == "edited":
        head[2:2] = [text.edited_note(result.verdict), ""]
    rows = [
        f"| {ICON[c.severity]} {c.severity.value} | `{c.code.value}` | `{cell(c.path)}` | {cell(c.message)} |"
        for c in result.changes
    ]
    details = [_detail(c) for c in result.changes]
    return _fit(head, rows, details, limit)


def _detail(change: Change) -> str:
    out = []
    for side, where in (("portal", change.portal), ("canonical", change.canonical)):
        if where is not None:
            out.append(f"- {side}: `{cell(where.file)}:{where.line}:{where.column}`")
            if where.text:
                out.append(f"  ```prisma\n  {where.text.strip()}\n  ```")
    return f"**{change.code.value}** `{cell(change.path)}`\n" + "\n".join(out)


def _fit(head: list[str], rows: list[str], details: list[str], limit: int) -> str:
    text = "\n".join(head)
    kept = 0
    for row in rows:
        if len(text) + len(row) + 1 > limit - MARGIN:
            break
        text += "\n" + row
        kept += 1
    body = "\n\n".join(details[:kept])
    folded = f"\n\n<details><summary>Details</summary>\n\n{body}\n\n</details>\n"
    if len(text) + len(folded) <= limit - MARGIN:
        text += folded
    if kept < len(rows):
        text += (
            f"\n\n*…and {len(rows) - kept} more changes not shown. Run `prisma-lint diff` to see them all.*\n"
        )
    return text if text.endswith("\n") else text + "\n"


def _failed(result: DiffResult, limit: int) -> str:
    """What stopped the run: nothing was compared, so no verdict."""
    head = [
        "## ⚠️ prisma-lint: the check could not run",
        "",
        f"Comparing `{cell(result.portal_source)}` with the canonical schema "
        f"`{cell(result.canonical_source)}` failed; fix these and run it again:",
        "",
    ]
    text = "\n".join(head)
    for n, d in enumerate(result.errors):
        where = (
            f"`{cell(d.file)}:{d.line}:{d.column}` " if d.line > 0 else f"`{cell(d.file)}` " if d.file else ""
        )
        row = f"\n- {where}{cell(d.message)}"
        if len(text) + len(row) > limit - MARGIN:
            text += f"\n\n*…and {len(result.errors) - n} more errors not shown.*"
            break
        text += row
    return text + "\n"
