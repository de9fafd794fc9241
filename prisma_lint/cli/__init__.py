"""The command line. See app.py; each command lives in its own module."""

from __future__ import annotations

from prisma_lint.cli import check_cmd, codes_cmd, diff_cmd, impact_cmd, parse_cmd, pr_comment_cmd, sync_cmd
from prisma_lint.cli.app import cli, main
from prisma_lint.cli.terminal import color_enabled, make_style

__all__ = [
    "check_cmd",
    "cli",
    "codes_cmd",
    "color_enabled",
    "diff_cmd",
    "impact_cmd",
    "main",
    "make_style",
    "parse_cmd",
    "pr_comment_cmd",
    "sync_cmd",
]
