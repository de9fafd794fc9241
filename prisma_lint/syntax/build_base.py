"""State and helpers shared by the AST builder's rule callbacks.

The builder is handed to Lark as its transformer, so no parse tree is ever
built: each rule becomes its AST node the moment it is reduced. That makes the
builder stateful per parse (file name, text, errors found); parser.py owns the
one instance and calls `begin()` before each parse. Not thread-safe, by design:
one process parses one file at a time.
"""

from __future__ import annotations

from sys import intern
from typing import Any

from prisma_lint.errors import Diagnostic
from prisma_lint.syntax import ast
from prisma_lint.syntax.lexing import valid_identifier
from prisma_lint.syntax.tokens import Token

FIELD, FILE = ast.FIELD_BITS, ast.FILE_BITS  # module constants: faster than attribute reads
END_MASK = (1 << ast.END_BITS) - 1


class Reject(Exception):
    """Raised inside a callback for input the grammar alone cannot rule out."""


class BuilderBase:
    def __init__(self) -> None:
        self.begin("", "")

    def begin(self, file: str, text: str) -> None:
        self.file = file
        self.file_id = ast.file_id(file)
        self.text = text
        self.errors: list[Diagnostic] = []
        self._lines: list[str] | None = None  # split only when an error needs a line
        # Argument-list errors count only inside attributes, and not inside
        # arrays or objects there; they wait here until we know where they stand.
        self._argument_errors: list[Diagnostic] = []

    def items(self, c: list[Any]) -> list[Any]:
        """Left-recursive lists (`xs: | xs x`, `xs: x | xs "," x`): one call per item."""
        if c and type(c[0]) is list:
            c[0].extend(c[1:])
            return c[0]
        return c

    def _span(self, first: Token, last: Token) -> int:
        """The packed span (ast.pack) from the start of first to the end of last."""
        start = (first.line << FIELD | first.column) << ast.END_BITS
        return start | ((last.end_line << FIELD | last.end_column) << FILE | self.file_id)

    @staticmethod
    def _join(first: Token, last: int) -> int:
        """From the start of first to the end of the packed span last (same file)."""
        return (first.line << FIELD | first.column) << ast.END_BITS | (last & END_MASK)

    @staticmethod
    def _name(tok: str) -> str:
        """A plain identifier: no dots, letters checked."""
        if not valid_identifier(tok):
            raise Reject(tok)
        return intern(str(tok))  # names repeat (id, String, ...): one string each

    @staticmethod
    def _path(tok: str) -> str:
        """A dotted path (`db.VarChar`): each part checked."""
        if not tok.isascii() and not all(valid_identifier(p) for p in tok.split(".") if p):
            raise Reject(tok)
        return intern(str(tok))

    def _error(self, tok: Token, message: str, offset: int = 0) -> None:
        """Record an error at `offset` code points into `tok`."""
        line, column = tok.line or 1, (tok.column or 1) + offset
        newlines = tok.count("\n", 0, offset)
        if newlines:  # only a string with an escaped line break spans lines
            line += newlines
            column = offset - tok.rfind("\n", 0, offset)
        self._error_at(line, column, message)

    def _error_at(self, line: int, column: int, message: str, pending: bool = False) -> None:
        if self._lines is None:
            self._lines = self.text.split("\n")
        text = self._lines[line - 1] if line <= len(self._lines) else ""
        diagnostic = Diagnostic(self.file, line, column, message, text)
        (self._argument_errors if pending else self.errors).append(diagnostic)
