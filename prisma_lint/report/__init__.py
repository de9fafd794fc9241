"""Reporters: pure functions from a diff result to the text of one output format.

One module per format, chosen by name from REPORTERS and imported only when
used. A reporter reads only the result (locations carry their source lines),
so it can be tested alone. `ast_json` writes the AST for `parse --format json`.
`portals` and `impact` render a run over several portals and an impact report,
in every format, each from its own RENDERERS table.

May import: `prisma_lint.check` (verdicts, and the results of several portals and of
impact), `prisma_lint.drift`, `prisma_lint.syntax`, `prisma_lint.words`, `prisma_lint.errors`.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # `parse` imports report.summary and needs no drift engine
    from prisma_lint.drift.result import DiffResult

Renderer = Callable[["DiffResult"], str]

REPORTERS: dict[str, str] = {
    "text": "text",
    "json": "json_report",
    "github": "github",
    "sarif": "sarif",
    "markdown": "markdown",
}


def reporter(name: str) -> Renderer:
    """The render function of the format called `name` (a key of REPORTERS)."""
    render: Renderer = import_module(f"{__name__}.{REPORTERS[name]}").render
    return render
