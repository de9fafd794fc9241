"""Errors as values, and the exceptions that carry them to the CLI.

The core never prints or exits. Each exception owns its exit code (click's
way), so cli.py can turn any of them into a message and a status without
knowing which is which.
"""

from __future__ import annotations

from dataclasses import dataclass

EXIT_CLEAN = 0
EXIT_DRIFT = 1
EXIT_ERROR = 2


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem in one file, at a 1-based line and column (code points)."""

    file: str
    line: int
    column: int
    message: str
    line_text: str = ""  # the offending source line, for a caret display
    note: str = ""  # what probably caused it, when we can tell (an unclosed block, say)

    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class PrismaLintError(Exception):
    """Base of every error prisma-lint reports; never shown as a traceback."""

    exit_code = EXIT_ERROR


class SourceError(PrismaLintError):
    """A schema could not be read: missing, not text, not a schema folder."""


class SchemaSyntaxError(PrismaLintError):
    """One or more files do not parse. Carries every diagnostic, not just the first."""

    def __init__(self, diagnostics: tuple[Diagnostic, ...]) -> None:
        self.diagnostics = diagnostics
        first = diagnostics[0]
        more = f" (and {len(diagnostics) - 1} more)" if len(diagnostics) > 1 else ""
        super().__init__(f"{first.location()}: {first.message}{more}")


class ConfigError(PrismaLintError):
    """A bad [tool.prisma-lint] table or .prisma-lint.toml."""


class UsageError(PrismaLintError):
    """Options that contradict each other or do nothing."""
