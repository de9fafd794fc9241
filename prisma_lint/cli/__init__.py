"""The command line. See app.py; each command lives in its own module, imported
when that command runs (app.LazyGroup)."""

from __future__ import annotations

from prisma_lint.cli.app import cli, main
from prisma_lint.cli.terminal import color_enabled, make_style

__all__ = ["cli", "color_enabled", "main", "make_style"]
