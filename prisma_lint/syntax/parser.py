"""Text to AST: one cached LALR parser, a fast whole-file path, and recovery.

Valid files take one pass: Lark lexes and parses the whole text and the
builder makes AST nodes as rules reduce, with no parse tree in between.
A file the grammar rejects is re-read by `recovery`, which walks it the
way Prisma's own parser does and reports every bad line, not just the first.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import re
from collections.abc import Iterator

from prisma_lint.errors import Diagnostic, SchemaSyntaxError
from prisma_lint.syntax import ast, nesting, recovery, tables
from prisma_lint.syntax.ast import SourceFile
from prisma_lint.syntax.builder import AstBuilder, Reject
from prisma_lint.syntax.lalr import Driver, ParseFailed


@functools.cache
def _parser() -> tuple[Driver, AstBuilder]:
    """The one parser of this process; the builder rides along as its transformer."""
    builder = AstBuilder()
    return Driver(tables.load(), builder), builder


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF; Prisma treats all three as line ends."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


ParseResult = tuple[tuple[ast.Block, ...], tuple[Diagnostic, ...]]


CONFLICT = re.compile(r"^(<{7}|={7}|>{7})(?: |$)", re.MULTILINE)


def parse_text(text: str, file: str = "schema.prisma", line: int = 1, column: int = 1) -> ParseResult:
    """Parse one file's text: its blocks, or no blocks and every syntax error found.

    `line` and `column` say where the text starts in its file (a chunk of it,
    chunks.py): spans come out where the nodes stand in the file. Errors are
    placed in the text alone; callers that report them parse whole files.
    """
    driver, builder = _parser()
    text = normalise_newlines(text)
    if "\n<<<<<<<" in text or text.startswith("<<<<<<<"):
        conflicts = _conflicts(text, file)
        if conflicts:
            return (), conflicts
    too_deep = nesting.check(text, file)
    if too_deep:
        return (), too_deep
    builder.begin(file, text)
    try:
        blocks: list[ast.Block] = driver.parse(text, "start", line, column)
    except (ParseFailed, Reject):
        return (), tuple(recovery.find_errors(text, file, driver, builder))
    if builder.errors:  # a file with errors has no AST, as after recovery
        return (), tuple(sorted(builder.errors, key=lambda d: (d.line, d.column)))
    return tuple(blocks), ()


def parse_sources(files: list[SourceFile]) -> ast.Schema:
    """Parse the files of one schema (one file, or a multi-file folder) together.

    Raises SchemaSyntaxError with the errors of every file.
    """
    blocks: list[ast.Block] = []
    errors: list[Diagnostic] = []
    with gc_paused():
        for source in files:
            file_blocks, file_errors = parse_text(source.text, source.display)
            blocks.extend(file_blocks)
            errors.extend(file_errors)
    if errors:
        raise SchemaSyntaxError(tuple(errors))
    return ast.Schema(tuple(blocks), tuple(f.display for f in files))


def _conflicts(text: str, file: str) -> tuple[Diagnostic, ...]:
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


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Parsing makes ~10 objects per token and no cycles; collecting meanwhile is waste (~6%)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
