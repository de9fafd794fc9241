"""Checks made before parsing: git's conflict markers, and how deep values nest.

Both turn what would be a page of parse errors, or a crash, into one clear
error per place.

Conflict markers: a line opening with seven `<`, `=` or `>` is git's, left by
an unresolved merge.

Nesting: Prisma's own parser overflows its stack at about 2,000 levels of nested
arrays, and our passes over values (diff keys, messages, JSON) recurse, so
deeper nesting is refused with a clear error instead of a crash. The check is
nearly free: only a line with more than MAX_NESTING brackets is scanned.

Values that deep need more than Python's default 1,000 frames, so every parse
raises the recursion limit first (`ensure_stack`): a library caller of
prisma_lint.engine gets the same bound as the command line.
"""

from __future__ import annotations

import re
import sys

from prisma_lint.errors import Diagnostic

CONFLICT = re.compile(r"^(<{7}|={7}|>{7})(?: |$)", re.MULTILINE)

MAX_NESTING = 1900  # Prisma accepts 1,500 nested arrays and overflows at 2,000
OPEN, CLOSE = "([{", ")]}"
MESSAGE = (
    f"Arrays, objects and function calls may nest at most {MAX_NESTING} levels deep; this value goes deeper."
)


RECURSION_LIMIT = 20_000  # the passes over a value recurse a few frames per level


def ensure_stack() -> None:
    """Let MAX_NESTING levels through every recursive pass (never lowers the limit)."""
    if sys.getrecursionlimit() < RECURSION_LIMIT:
        sys.setrecursionlimit(RECURSION_LIMIT)


def check(text: str, file: str) -> tuple[Diagnostic, ...]:
    """The errors that stop a newline-normalised text before parsing; () for none."""
    if "\n<<<<<<<" in text or text.startswith("<<<<<<<"):
        found = conflicts(text, file)
        if found:
            return found
    return too_deep(text, file)


def conflicts(text: str, file: str) -> tuple[Diagnostic, ...]:
    """Git's conflict markers: one clear error each, instead of a page of parse errors."""
    lines = text.split("\n")
    out = []
    for match in CONFLICT.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        out.append(
            Diagnostic(
                file,
                line,
                1,
                f"unresolved merge conflict at line {line}: resolve the conflict "
                f"(git's `{match.group(1)}` marker is still here)",
                lines[line - 1],
            )
        )
    return tuple(out)


def too_deep(text: str, file: str) -> tuple[Diagnostic, ...]:
    """Values nested deeper than MAX_NESTING: one error per line where it happens."""
    if sum(text.count(b) for b in OPEN) <= MAX_NESTING:
        return ()
    errors = []
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_NESTING and sum(line.count(b) for b in OPEN) > MAX_NESTING:
            column = _too_deep_at(line)
            if column:
                errors.append(Diagnostic(file, number, column, MESSAGE, line))
    return tuple(errors)


def _too_deep_at(line: str) -> int:
    """1-based column where nesting first exceeds MAX_NESTING, outside strings and comments; 0 if never."""
    depth, in_string, escaped = 0, False, False
    for index, ch in enumerate(line):
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch == "/" and line.startswith("//", index):
            return 0
        elif ch in OPEN:
            depth += 1
            if depth > MAX_NESTING:
                return index + 1
        elif ch in CLOSE:
            depth -= 1
    return 0
