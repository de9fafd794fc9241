"""The command line. See app.py; each command lives in its own module."""

from __future__ import annotations

from . import check_cmd, diff_cmd, parse_cmd
from .app import cli, color_enabled, main, make_style

__all__ = ["check_cmd", "cli", "color_enabled", "diff_cmd", "main", "make_style", "parse_cmd"]
