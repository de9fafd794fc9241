"""A note for syntax errors caused by a block whose `}` is missing.

Prisma reports the lines after an unclosed `{` as invalid, which is true but
does not say why. Its message stays on its line; the first error after the
opening line gets a note naming the block and where it opened.
"""

from __future__ import annotations

import re
from dataclasses import replace

from prisma_lint.errors import Diagnostic

HEADER = re.compile(r"^\s*(model|enum|view|type|generator|datasource)\s+(\S+)\s*\{")


def unclosed_block(text: str) -> tuple[str, int, int | None] | None:
    """(kind and name, opening line, the line of the next block or None at the end), if any."""
    open_at: tuple[str, int] | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        header = HEADER.match(line)
        if header and open_at is not None:
            return open_at[0], open_at[1], number
        if header:
            open_at = (f"{header.group(1)} {header.group(2)}", number)
        elif line.lstrip().startswith("}"):
            open_at = None
    return (open_at[0], open_at[1], None) if open_at is not None else None


def annotate(text: str, errors: tuple[Diagnostic, ...]) -> tuple[Diagnostic, ...]:
    found = unclosed_block(text) if errors else None
    if found is None:
        return errors
    block, opened, until = found
    where = f"before line {until}" if until is not None else "at the end of the file"
    note = f"{block}, opened on line {opened}, is not closed: add `}}` {where}."
    for index, error in enumerate(errors):
        if error.line >= opened:
            return (*errors[:index], replace(error, note=note), *errors[index + 1 :])
    return errors
