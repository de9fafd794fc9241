"""A bound on how deep values nest, checked before parsing.

Prisma's own parser overflows its stack at about 2,000 levels of nested
arrays, and our passes over values (diff keys, messages, JSON) recurse, so
deeper nesting is refused with a clear error instead of a crash. The check is
nearly free: only a line with more than MAX_NESTING brackets is scanned.
"""

from __future__ import annotations

from prisma_lint.errors import Diagnostic

MAX_NESTING = 1900  # Prisma accepts 1,500 nested arrays and overflows at 2,000
OPEN, CLOSE = "([{", ")]}"
MESSAGE = (
    f"Arrays, objects and function calls may nest at most {MAX_NESTING} levels deep; this value goes deeper."
)


def check(text: str, file: str) -> tuple[Diagnostic, ...]:
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
