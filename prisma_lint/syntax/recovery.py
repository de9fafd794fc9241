"""Finding every bad line of a file the grammar rejected, as Prisma does.

Prisma's parser (a PEG) never stops at the first error: at the top level and
inside blocks, a line it cannot read becomes a "catch-all" item, reported, and
parsing goes on at the next line. A block whose closing `}` never comes is
abandoned whole: its header line is reported and its body is read again as
top-level lines. This module replays that walk. Each member line is parsed on
its own with the grammar's line-level start rules, so the grammar stays the
only definition of what a valid line is.

Only errors come out of here; a file with syntax errors has no AST.
"""

from __future__ import annotations

import re
from functools import cache

from prisma_lint.errors import Diagnostic
from prisma_lint.syntax.build_base import Reject
from prisma_lint.syntax.builder import AstBuilder
from prisma_lint.syntax.lalr import Driver, ParseFailed
from prisma_lint.syntax.lexing import WHITESPACE, valid_identifier

TOP_LEVEL = "This line is invalid. It does not start with any known Prisma schema keyword."
INVALID_BLOCK = (
    "This block is invalid. It does not start with any known Prisma schema keyword. "
    "Valid keywords include 'model', 'enum', 'type', 'datasource' and 'generator'."
)
TYPE_ALIAS = "Invalid type definition. Please check the documentation in https://pris.ly/d/composite-types"
LINE_MESSAGES = {
    "model": "This line is not a valid field or attribute definition.",
    "view": "This line is not a valid field or attribute definition.",
    "type": "This line is not a valid field or attribute definition.",
    "enum": "This line is not an enum value definition.",
    "datasource": "This line is not a valid definition within a datasource.",
    "generator": "This line is not a valid definition within a generator.",
}
LINE_RULES = {"enum": "enum_line", "datasource": "config_line", "generator": "config_line"}


@cache
def _patterns(driver: Driver) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Block header, invalid block and type alias shapes, built from the grammar's IDENT.

    IDENT admits dots and any non-ASCII character; a match counts only if its
    name passes `valid_identifier`, as in the builder.
    """
    ident = driver.terminals["IDENT"]
    ws = f"[{WHITESPACE}]*"
    kinds = "model|view|type|enum|datasource|generator"
    header = re.compile(f"({kinds}){ws}({ident}){ws}{{[^\\n]*\\n")
    arbitrary = re.compile(f"({ident}){ws}{{[^\\n]*\\n")
    alias = re.compile(f"type{ws}({ident}){ws}=")
    return header, arbitrary, alias


def _named(match: re.Match[str] | None, group: int) -> bool:
    return match is not None and valid_identifier(match.group(group))


class _Walk:
    def __init__(self, text: str, file: str, driver: Driver, builder: AstBuilder) -> None:
        self.text, self.file, self.driver, self.builder = text, file, driver, builder
        self.lines = text.split("\n")
        self.errors: list[Diagnostic] = []
        self.dead_ends: set[int] = set()  # member starts already known to reach EOF unclosed

    def error(self, pos: int, message: str, into: list[Diagnostic] | None = None) -> None:
        line = self.text.count("\n", 0, pos) + 1
        column = pos - self.text.rfind("\n", 0, pos)
        (self.errors if into is None else into).append(
            Diagnostic(self.file, line, column, message, self.lines[line - 1])
        )

    def skip_ws(self, i: int) -> int:
        n = len(self.text)
        while i < n and self.text[i] in WHITESPACE:
            i += 1
        return i

    def next_line(self, i: int) -> int:
        j = self.text.find("\n", i)
        return len(self.text) if j < 0 else j + 1

    def top_level(self) -> None:
        header, arbitrary, alias = _patterns(self.driver)
        text, i = self.text, 0
        while (i := self.skip_ws(i)) < len(text):
            if text[i] == "\n" or text.startswith("//", i):
                i = self.next_line(i)
            elif text.startswith("/*", i) and (end := text.find("*/", i + 2)) >= 0:
                i = end + 2
            elif (m := header.match(text, i)) and _named(m, 2) and (close := self.block(m.end(), m.group(1))):
                i = close
            elif _named(alias.match(text, i), 1):
                self.error(i, TYPE_ALIAS)
                i = self.next_line(i)
            elif _named(arbitrary.match(text, i), 1) and (brace := text.find("}", i)) >= 0:
                self.error(i, INVALID_BLOCK)
                i = brace + 1
            else:
                self.error(i, TOP_LEVEL)
                i = self.next_line(i)

    def block(self, i: int, kind: str) -> int | None:
        """Walk a block body from i; return the index after its `}`, or None if unclosed."""
        found: list[Diagnostic] = []
        visited: list[int] = []
        text = self.text
        while (i := self.skip_ws(i)) < len(text):
            if i in self.dead_ends:
                break
            visited.append(i)
            if text[i] == "\n" or text.startswith("//", i):
                i = self.next_line(i)
            elif text[i] == "}":
                self.errors.extend(found)
                return i + 1
            elif text.startswith("/*", i) and (end := text.find("*/", i + 2)) >= 0:
                i = end + 2
            else:
                i = self.member(i, kind, found)
        self.dead_ends.update(visited)
        return None

    def member(self, i: int, kind: str, found: list[Diagnostic]) -> int:
        """Parse the member line at i on its own; return where the next item starts."""
        end = self.next_line(i)
        candidates = [end]
        line = self.text[i:end]
        if "/*" in line and "*/" not in line[line.rfind("/*") :]:
            close = self.text.find("*/", end)
            if close >= 0:  # a trailing block comment may run over several lines
                candidates.append(self.next_line(close))
        for stop in candidates:
            if self.parses(self.text[i:stop], kind, found, i):
                return stop
        self.error(i, LINE_MESSAGES[kind], found)
        return end

    def parses(self, snippet: str, kind: str, found: list[Diagnostic], at: int) -> bool:
        """Parse one member on its own; keep its value errors, moved to where it stands."""
        if not snippet.endswith("\n"):
            snippet += "\n"
        self.builder.begin(self.file, snippet)
        try:
            self.driver.parse(snippet, LINE_RULES.get(kind, "model_line"))
        except (ParseFailed, Reject):
            return False
        base_line = self.text.count("\n", 0, at) + 1
        base_column = at - self.text.rfind("\n", 0, at)
        for d in self.builder.errors:
            line = base_line + d.line - 1
            column = d.column + base_column - 1 if d.line == 1 else d.column
            found.append(Diagnostic(d.file, line, column, d.message, self.lines[line - 1]))
        return True


def find_errors(text: str, file: str, driver: Driver, builder: AstBuilder) -> list[Diagnostic]:
    """Every syntax error in text (already newline-normalised), in file order."""
    walk = _Walk(text, file, driver, builder)
    walk.top_level()
    if not walk.errors:  # the grammar and the walk disagree: never report a clean file
        walk.error(0, TOP_LEVEL)
    return sorted(walk.errors, key=lambda d: (d.line, d.column))
