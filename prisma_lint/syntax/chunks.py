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
from dataclasses import dataclass

from prisma_lint.syntax.docs import WHITESPACE

_WS = f"[{WHITESPACE}]*"
HEADER = re.compile(
    rf"^{_WS}(model|view|type|enum|datasource|generator){_WS}([^\s{{}}]+){_WS}{{[^\n]*\n", re.MULTILINE
)
# A `}` opening a line (after indentation) closes a block; `/*` starts a comment
# that may run over lines and hide a `}`.
CLOSE_OR_COMMENT = re.compile(rf"^{_WS}(\}})|/\*", re.MULTILINE)
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
    for match in HEADER.finditer(text):
        if match.start() < start:
            continue  # a header-like line inside a block: the parser will judge it
        if "/*" in text[start : match.start()]:
            return None  # a comment between blocks might hide or fake a header
        end = _close(text, match.end())
        if end is None:
            return None
        pieces.append((start, end, match.group(1)))
        start = end
    if not pieces:
        return None
    return _merge(text, pieces)


def _close(text: str, i: int) -> int | None:
    """The index after the `}` that closes a block whose body starts at i."""
    while (found := CLOSE_OR_COMMENT.search(text, i)) is not None:
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
