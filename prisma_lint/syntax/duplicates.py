"""Names defined twice, refused as Prisma's validator refuses them.

A diff of a schema with two models `User` (or a field defined twice in one
model) would have to pick one at random, so these are errors, reported with
Prisma's own messages at the second definition's name. Models, views, types
and enums share one namespace; datasources and generators each have their own.
Other validation (unknown types, missing relations) is not ours to do.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from prisma_lint.errors import Diagnostic
from prisma_lint.syntax import ast
from prisma_lint.syntax.ast import SourceFile

WORD = {"model": "model", "view": "view", "type": "composite type", "enum": "enum"}
CONFIG_WORD = {"datasource": "source", "generator": "generator"}


def find_duplicates(blocks: Iterable[ast.Block], files: list[SourceFile]) -> list[Diagnostic]:
    lines = _Lines(files)
    found: list[Diagnostic] = []
    seen: dict[tuple[str, str], str] = {}  # (namespace, name) -> what it first was
    for block in blocks:
        kind = "enum" if isinstance(block, ast.Enum) else block.kind
        namespace = kind if isinstance(block, ast.ConfigBlock) else "type"
        word = CONFIG_WORD.get(kind) or WORD[kind]
        first = seen.get((namespace, block.name))
        if first is None:
            seen[(namespace, block.name)] = word
        else:
            message = f'The {word} "{block.name}" cannot be defined because a {first} with that name '
            message += "already exists."
            found.append(_at(block.span, block.name, message, lines, after_keyword=True))
        found += _members(block, word, lines)
    return found


def _members(block: ast.Block, word: str, lines: _Lines) -> list[Diagnostic]:
    if isinstance(block, ast.Model):
        return _twice(
            block.fields, lambda f: f'Field "{f.name}" is already defined on {word} "{block.name}".', lines
        )
    if isinstance(block, ast.Enum):
        return _twice(
            block.values, lambda v: f'Value "{v.name}" is already defined on enum "{block.name}".', lines
        )
    return _twice(
        block.entries,
        lambda e: f'Key "{e.key}" is already defined in {word} "{block.name}".',
        lines,
        key="key",
    )


def _twice(items: Iterable[Any], message: Any, lines: _Lines, key: str = "name") -> list[Diagnostic]:
    seen: set[str] = set()
    out = []
    for item in items:
        name = getattr(item, key)
        if name in seen:
            out.append(_at(item.span, name, message(item), lines))
        seen.add(name)
    return out


def _at(span: ast.Span, name: str, message: str, lines: _Lines, after_keyword: bool = False) -> Diagnostic:
    """At the name itself, as Prisma points: after the keyword for a block."""
    text = lines.line(span.file, span.line)
    column = span.column
    if after_keyword:
        at = text.find(name, span.column - 1 + 1)
        while at > 0 and text[at - 1] not in " \t":
            at = text.find(name, at + 1)
        column = at + 1 if at >= 0 else span.column
    return Diagnostic(span.file, span.line, column, message, text)


class _Lines:
    """Source lines, split only for a file that has a duplicate (a clean 50 MB schema splits nothing)."""

    def __init__(self, files: list[SourceFile]) -> None:
        self.files = {f.display: f.text for f in files}
        self.split: dict[str, list[str]] = {}

    def line(self, file: str, number: int) -> str:
        if file not in self.split:
            self.split[file] = self.files.get(file, "").replace("\r\n", "\n").split("\n")
        rows = self.split[file]
        return rows[number - 1] if 0 < number <= len(rows) else ""
