"""Text to AST: one cached LALR parser, a fast whole-file path, and recovery.

Valid files take one pass: lalr.py lexes and parses the whole text on Lark's tables and the
builder makes AST nodes as rules reduce, with no parse tree in between.
A schema of 64 KB to 1 MB on a machine with two cores is parsed chunk by
chunk (chunks.py), this process and a forked child each taking a share.
A file the grammar rejects is re-read by `recovery`, which walks it the
way Prisma's own parser does and reports every bad line, not just the first.
"""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Iterator

from prisma_lint.errors import Diagnostic, SchemaSyntaxError
from prisma_lint.syntax import ast, prechecks, recovery, tables, unclosed
from prisma_lint.syntax.ast import SourceFile
from prisma_lint.syntax.builder import AstBuilder, Reject
from prisma_lint.syntax.lalr import Driver, ParseFailed
from prisma_lint.syntax.lexing import normalise_newlines
from prisma_lint.syntax.sharing import worth_sharing

__all__ = ["ParseResult", "gc_paused", "normalise_newlines", "parse_sources", "parse_text", "ready_to_fork"]


@functools.cache
def _parser() -> tuple[Driver, AstBuilder]:
    """The one parser of this process; the builder rides along as its transformer."""
    builder = AstBuilder()
    return Driver(tables.load(), builder), builder


# Above this many characters a schema is parsed here alone: the child's blocks come back
# pickled, and loading them costs time and holds pickle's memo of every node. Measured: 1 MB
# shared 1.40 s (alone 1.69 s); 3.9 MB 5.2 s (4.4 s), 153 MiB (82); 51 MB peaked at 2.2 GiB.
_SHARE_LIMIT = 1024 * 1024

ParseResult = tuple[tuple[ast.Block, ...], tuple[Diagnostic, ...]]


def parse_text(text: str, file: str = "schema.prisma", line: int = 1, column: int = 1) -> ParseResult:
    """Parse one file's text: its blocks, or no blocks and every syntax error found.

    `line` and `column` say where the text starts in its file (a chunk of it,
    chunks.py): spans come out where the nodes stand in the file. Errors are
    placed in the text alone; callers that report them parse whole files.
    """
    prechecks.ensure_stack()
    driver, builder = _parser()
    text = normalise_newlines(text)
    stopped = prechecks.check(text, file)
    if stopped:
        return (), stopped
    builder.begin(file, text)
    try:
        blocks: list[ast.Block] = driver.parse(text, "start", line, column)
    except (ParseFailed, Reject):
        return (), unclosed.annotate(text, tuple(recovery.find_errors(text, file, driver, builder)))
    if builder.errors:  # a file with errors has no AST, as after recovery
        return (), unclosed.annotate(text, tuple(sorted(builder.errors, key=lambda d: (d.line, d.column))))
    return tuple(blocks), ()


def parse_sources(files: list[SourceFile]) -> ast.Schema:
    """Parse the files of one schema (one file, or a multi-file folder) together.

    Raises SchemaSyntaxError with the errors of every file.
    """
    blocks: list[ast.Block] = []
    errors: list[Diagnostic] = []
    with gc_paused():
        size = sum(len(f.text) for f in files)
        shared = _parse_shared(files) if worth_sharing(size) and size <= _SHARE_LIMIT else None
        if shared is not None:
            blocks = shared
        else:
            for source in files:
                file_blocks, file_errors = parse_text(source.text, source.display)
                blocks.extend(file_blocks)
                errors.extend(file_errors)
    if not errors:
        from prisma_lint.syntax.duplicates import find_duplicates

        errors = find_duplicates(blocks, files)
    if errors:
        raise SchemaSyntaxError(tuple(errors))
    return ast.Schema(tuple(blocks), tuple(f.display for f in files))


def _parse_shared(files: list[SourceFile]) -> list[ast.Block] | None:
    """Every file's blocks, chunk by chunk (chunks.py), this process and a forked child each
    parsing a share (sharing.py). None where a file cannot be cut or a chunk has errors: the
    plain parse then reports them as it always does. A chunk parses as in its file."""
    from prisma_lint.syntax import chunks  # here: its patterns cost a small schema's parse ~5 ms
    from prisma_lint.syntax.sharing import map_shared

    work: list[tuple[str, str, int, int]] = []
    for source in files:
        cut = chunks.split(normalise_newlines(source.text))
        if cut is None:
            return None
        work.extend((chunk.text, source.display, chunk.line, chunk.column) for chunk in cut)
    ready_to_fork([source.display for source in files])
    parsed = map_shared(lambda i: parse_text(*work[i]), len(work))
    if any(errors for _, errors in parsed):
        return None
    return [block for blocks, _ in parsed for block in blocks]


def ready_to_fork(files: list[str]) -> None:
    """Build the parser and give the files their ids before a fork: the child then inherits the
    parser, and its spans name the files as this process's do (ids are per process)."""
    _parser()
    for file in files:
        ast.file_id(file)


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
