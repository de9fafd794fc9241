"""`--format markdown`: for $GITHUB_STEP_SUMMARY or a pull request comment.

A headline verdict, a table of changes, and the details (where each change
stands, with its line) folded away. Kept under GitHub's 65,536-character
limit for comments: rows that do not fit are cut and counted. Names and
messages come from files a pull request controls: `cell` keeps them from
rendering as HTML, @mentions or links.
"""

from __future__ import annotations

import re

from prisma_lint.drift.changes import Change, Severity
from prisma_lint.drift.result import DiffResult
from prisma_lint.report import text
from prisma_lint.words import counted

LIMIT = 65_536
MARGIN = 600  # room for the closing lines and the "N more" note
ICON = {Severity.ERROR: "🔴", Severity.WARNING: "🟡", Severity.NOTICE: "🔵"}


ZWSP = "\u200b"  # zero-width space: breaks a construct in and out of code spans alike
# What would render as markup from text a pull request controls: an HTML tag, an
# @mention (or an email), a link or image, a bare URL that GitHub turns into a link.
MARKUP = (
    (re.compile(r"<"), "<" + ZWSP),
    (re.compile(r"@"), "@" + ZWSP),
    (re.compile(r"\]\("), "]" + ZWSP + "("),
    (re.compile(r"://"), ":" + ZWSP + "//"),
    (re.compile(r"(?i)\bwww\."), "www" + ZWSP + "."),
)


def cell(text: str) -> str:
    """text for one table cell or code span: one line, no `|`, no markup that could render."""
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("\r", " ")
    for pattern, replacement in MARKUP:
        text = pattern.sub(replacement, text)
    return text


def fence(text: str) -> str:
    """Backticks enough that no run of them in text closes the code block."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def render(result: DiffResult, limit: int = LIMIT) -> str:
    if result.errors:
        return _failed(result, limit)
    baselined = f" {result.baselined} baselined findings are not shown." if result.baselined else ""
    if not result.drift:
        return (
            f"## ✅ prisma-lint: no drift\n\n`{cell(result.portal_source)}` matches the canonical schema "
            f"`{cell(result.canonical_source)}`.{baselined}\n"
        )
    counts = ", ".join(counted(result.count(s), s.value) for s in Severity if result.count(s))
    stale = result.verdict is not None and result.verdict.status == "stale"
    title = "the portal copy is out of date" if stale else "the portal copy has drifted"
    head = [
        f"## ❌ prisma-lint: {title} ({counted(len(result.changes), 'change')})",
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
                marks = fence(where.text)
                out.append(f"  {marks}prisma\n  {where.text.strip()}\n  {marks}")
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
