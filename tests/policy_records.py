"""Policy findings as the policy tests read them."""

from __future__ import annotations

import re

from prisma_lint.drift.changes import Change


def line_and_command(change: Change) -> tuple[str, str]:
    """A policy finding as `file:line` and the command with the scripts leading to it. Its path
    (schema v2) is the file and the command, position-free, with `#N` for a repeat in one file."""
    assert change.portal is not None
    file, _, command = change.path.partition("#")
    assert file == change.portal.file
    return f"{file}:{change.portal.line}", re.sub(r"#\d+$", "", command)
