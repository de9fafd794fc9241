"""Cutting a schema file into independent chunks, one top-level block each.

A diff mostly compares a schema with a near copy of itself. Cutting both into
chunks lets the parser handle a chunk whose text appears on both sides once,
and never build its AST at all. A chunk runs from just after the previous
block's `}` to its own `}`, so it holds the comments above its block (they are
the block's documentation). A datasource or generator is merged into the next
chunk, because a `///` above one documents the next model.

The cutter is conservative: where it cannot be sure (a block comment whose
end it cannot place, a block that never closes) it gives up and the caller
parses the whole file. Parsing chunk by chunk gives the same AST as parsing
the file; tests/test_corpus_diff.py checks that over the whole corpus.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from prisma_lint.syntax.lexing import WHITESPACE

_WS = f"[{WHITESPACE}]*"
_HEADER = rf"{_WS}(model|view|type|enum|datasource|generator){_WS}([^\s{{}}]+){_WS}{{[^\n]*\n"
HEADER = re.compile(_HEADER)  # at the start of the text
# Elsewhere, from the line break before it (see CLOSE_OR_COMMENT on why not `^`). A header
# line right after another is missed, but it stands inside that block, which is skipped.
LINE_HEADER = re.compile(rf"\n{_HEADER}")
# A `}` opening a line (after indentation) closes a block; `/*` starts a comment
# that may run over lines and hide a `}`. Matched from the line break before,
# not with `^`: a pattern that starts with one of two characters is searched
# for by a fast scan, a `^` pattern is tried at every offset (3x slower).
CLOSE_OR_COMMENT = re.compile(rf"\n{_WS}(\}})|/\*")
CONFIG = {"datasource", "generator"}


@dataclass(frozen=True)
class Chunk:
    text: str
    line: int  # 1-based line and column where the chunk's text starts: the parser
    column: int  # starts counting there, so a chunk is never padded or copied


def split(text: str) -> list[Chunk] | None:
    """Chunks of newline-normalised text, or None where the cut is not certain."""
    pieces: list[tuple[int, int, str]] = []  # (start, end, keyword)
    start = 0
    for line_start, body, keyword in _headers(text):
        if line_start < start:
            continue  # a header-like line inside a block: the parser will judge it
        if text.find("/*", start, line_start) >= 0:
            return None  # a comment between blocks might hide or fake a header
        end = _close(text, body)
        if end is None:
            return None
        pieces.append((start, end, keyword))
        start = end
    if not pieces:
        return None
    return _merge(text, pieces)


def _headers(text: str) -> Iterator[tuple[int, int, str]]:
    """(line start, body start, keyword) of each block header line, in order."""
    first = HEADER.match(text)
    if first:
        yield 0, first.end(), first.group(1)
    for match in LINE_HEADER.finditer(text):
        yield match.start() + 1, match.end(), match.group(1)


def _close(text: str, i: int) -> int | None:
    """The index after the `}` that closes a block whose body starts at i (a line start)."""
    while (found := CLOSE_OR_COMMENT.search(text, i - 1)) is not None:
        if found.group(1) is not None:
            return found.end()
        close = text.find("*/", found.end())  # a block comment: skip past the line it ends on
        if close < 0:
            return None
        line_end = text.find("\n", close)
        if line_end < 0:
            return None
        i = line_end + 1
    return None


def _merge(text: str, pieces: list[tuple[int, int, str]]) -> list[Chunk]:
    chunks: list[Chunk] = []
    begin: int | None = None
    line = 1  # counted as we go: counting from the top for each chunk is quadratic
    for index, (start, end, keyword) in enumerate(pieces):
        begin = start if begin is None else begin
        last = index == len(pieces) - 1
        if keyword in CONFIG and not last:
            continue  # its doc comment may belong to the next model: keep them together
        stop = len(text) if last else end
        column = begin - (text.rfind("\n", 0, begin) + 1) + 1
        chunks.append(Chunk(text[begin:stop], line, column))
        line += text.count("\n", begin, stop)
        begin = None
    return chunks
