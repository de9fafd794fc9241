"""Syntax and source errors, shown the way compilers show them: location, line, caret."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..errors import Diagnostic

Style = Callable[[str, str], str]  # (text, role) -> text; roles: error, location, gutter


def plain(text: str, role: str) -> str:
    return text


def render_diagnostic(d: Diagnostic, style: Style = plain) -> str:
    head = f"{style(d.location(), 'location')}: {style('error', 'error')}: {d.message}"
    if not d.line_text and d.line == 0:
        return head
    number = str(d.line)
    pad = " " * len(number)
    # Keep tabs so the caret lines up under the same character in any terminal.
    lead = "".join(ch if ch == "\t" else " " for ch in d.line_text[: max(d.column - 1, 0)])
    return "\n".join(
        [
            head,
            f"{pad} {style('|', 'gutter')}",
            f"{style(number, 'gutter')} {style('|', 'gutter')} {d.line_text}",
            f"{pad} {style('|', 'gutter')} {lead}{style('^', 'error')}",
        ]
    )


def render_diagnostics(diagnostics: Iterable[Diagnostic], style: Style = plain) -> str:
    items = list(diagnostics)
    body = "\n\n".join(render_diagnostic(d, style) for d in items)
    files = len({d.file for d in items})
    noun = "error" if len(items) == 1 else "errors"
    where = "1 file" if files == 1 else f"{files} files"
    return f"{body}\n\nFound {len(items)} syntax {noun} in {where}."
