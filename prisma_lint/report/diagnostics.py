"""Syntax and source errors, shown the way compilers show them: location, line, caret."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from prisma_lint.errors import Diagnostic
from prisma_lint.words import counted

Style = Callable[[str, str], str]  # (text, role) -> text; roles: error, location, gutter


def plain(text: str, role: str) -> str:
    return text


def render_diagnostic(d: Diagnostic, style: Style = plain) -> str:
    head = f"{style(d.location(), 'location')}: {style('error', 'error')}: {d.message}"
    if not d.line_text and d.line == 0:
        return head
    number = str(d.line)
    pad = " " * len(number)
    text, column = excerpt(d.line_text, d.column)
    # Keep tabs so the caret lines up under the same character in any terminal.
    lead = "".join(ch if ch == "\t" else " " for ch in text[: max(column - 1, 0)])
    lines = [
        head,
        f"{pad} {style('|', 'gutter')}",
        f"{style(number, 'gutter')} {style('|', 'gutter')} {text}",
        f"{pad} {style('|', 'gutter')} {lead}{style('^', 'error')}",
    ]
    if d.note:
        lines.append(f"{pad} = note: {d.note}")
    return "\n".join(lines)


WIDTH = 100


def excerpt(line: str, column: int) -> tuple[str, int]:
    """A long line cut down to WIDTH characters around column; the column within the cut."""
    if len(line) <= WIDTH:
        return line, column
    start = max(0, min(column - 1 - WIDTH // 2, len(line) - WIDTH))
    text = line[start : start + WIDTH]
    prefix = "…" if start else ""
    suffix = "…" if start + WIDTH < len(line) else ""
    return prefix + text + suffix, column - start + len(prefix)


SHOWN = 50  # errors shown in full; a file of junk can have a million


def render_diagnostics(diagnostics: Iterable[Diagnostic], style: Style = plain) -> str:
    items = list(diagnostics)
    body = "\n\n".join(render_diagnostic(d, style) for d in items[:SHOWN])
    if len(items) > SHOWN:
        body += f"\n\n... and {len(items) - SHOWN} more errors."
    files = len({d.file for d in items})
    return f"{body}\n\nFound {counted(len(items), 'syntax error')} in {counted(files, 'file')}."
