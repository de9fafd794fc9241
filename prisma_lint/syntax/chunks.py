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
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate

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
    pieces = _pieces(text, 0, len(text))
    return _merge(text, pieces, len(text), 1) if pieces else None


def _pieces(text: str, begin: int, end: int) -> list[tuple[int, int, str]] | None:
    """(start, end, keyword) of the blocks in text[begin:end], where begin is 0 or just after
    a block's closing `}`; None where the cut is not certain (nothing found counts as that)."""
    pieces: list[tuple[int, int, str]] = []
    start = begin
    for line_start, body, keyword in _headers(text, begin, end):
        if line_start < start:
            continue  # a header-like line inside a block: the parser will judge it
        if text.find("/*", start, line_start) >= 0:
            return None  # a comment between blocks might hide or fake a header
        close = _close(text, body, end)
        if close is None:
            return None
        pieces.append((start, close, keyword))
        start = close
    return pieces or None


def _headers(text: str, begin: int, end: int) -> Iterator[tuple[int, int, str]]:
    """(line start, body start, keyword) of each block header line in text[begin:end], in order.
    No match runs across a block's closing `}`, so one from the middle finds what one from the
    top would."""
    first = HEADER.match(text, 0, end) if begin == 0 else None
    if first:
        yield 0, first.end(), first.group(1)
    for match in LINE_HEADER.finditer(text, begin, end):
        yield match.start() + 1, match.end(), match.group(1)


def _close(text: str, i: int, end: int) -> int | None:
    """The index after the `}` that closes a block whose body starts at i (a line start)."""
    while (found := CLOSE_OR_COMMENT.search(text, i - 1, end)) is not None:
        if found.group(1) is not None:
            return found.end()
        close = text.find("*/", found.end(), end)  # a block comment: skip past the line it ends on
        if close < 0:
            return None
        line_end = text.find("\n", close, end)
        if line_end < 0:
            return None
        i = line_end + 1
    return None


def _merge(text: str, pieces: list[tuple[int, int, str]], limit: int, line: int) -> list[Chunk]:
    """Pieces joined into chunks; the last runs to limit, the first starts on line."""
    chunks: list[Chunk] = []
    begin: int | None = None
    # line is counted as we go: counting from the top for each chunk is quadratic
    for index, (start, end, keyword) in enumerate(pieces):
        begin = start if begin is None else begin
        last = index == len(pieces) - 1
        if keyword in CONFIG and not last:
            continue  # its doc comment may belong to the next model: keep them together
        stop = limit if last else end
        column = begin - (text.rfind("\n", 0, begin) + 1) + 1
        chunks.append(Chunk(text[begin:stop], line, column))
        line += text.count("\n", begin, stop)
        begin = None
    return chunks


class Cutter:
    """Cuts successive versions of one file as split() does, but reuses the previous version's
    chunks before and after the region that changed and scans only that region (history.py:
    neighbouring versions differ in a few blocks). Only chunk texts are kept: their lines and
    columns follow from the texts. tests/test_chunks.py checks it against split()."""

    def __init__(self) -> None:
        self.text = ""
        self.texts: list[str] = []  # the previous version's chunk texts
        self.starts: list[int] = []  # and their offsets in it
        self.scanned = 0  # characters scanned for blocks, over all versions
        # What the last cut changed: its texts[start:stop] replaced the previous texts[start:end];
        # None when it cut afresh. (start, stop, end)
        self.change: tuple[int, int, int] | None = None

    def cut(self, text: str) -> list[str] | None:
        """The texts of split(text)'s chunks, or None where split declines."""
        self.change = None
        reused = self._reuse(text) if self.texts else None
        if reused is None:
            self.scanned += len(text)
            whole = split(text)
            texts = [c.text for c in whole] if whole else []
            reused = texts, _offsets(0, texts)
        self.text, (self.texts, self.starts) = text, reused
        return self.texts or None

    def _reuse(self, text: str) -> tuple[list[str], list[int]] | None:
        old, starts = self.texts, self.starts
        if text == self.text:
            self.change = (0, 0, 0)
            return old, starts
        k = self._top(text)  # old[:k] stand unchanged at the top (never the last: it runs to the end)
        shift = len(text) - len(self.text)
        # old[j:] stand unchanged at the bottom, shifted: never the first (see _headers), never
        # one that would start before starts[k] in text
        j = self._bottom(text, shift, max(k, 1, bisect_left(starts, starts[k] - shift)))
        begin, end = starts[k], starts[j] + shift if j < len(old) else len(text)
        self.scanned += max(end - begin, 0)
        pieces = _pieces(text, begin, end) if end > begin else None
        if pieces is None or (end < len(text) and (pieces[-1][1] != end or pieces[-1][2] in CONFIG)):
            return None  # the changed blocks do not end where the kept ones start: cut afresh
        middle = [c.text for c in _merge(text, pieces, end, 1)]
        kept = [start + shift for start in starts[j:]]
        self.change = (k, k + len(middle), j)
        return old[:k] + middle + old[j:], starts[:k] + _offsets(begin, middle) + kept

    # Both ends are found by bisection over runs of chunks, one `startswith` per step: comparing
    # chunk by chunk made ~430 calls per version of civitai's schema, ~0.5 ms of a 2.5 ms step.

    def _top(self, text: str) -> int:
        """The most chunks from the top (never the last) that stand unchanged in text."""
        old, starts = self.text, self.starts
        lo, hi = 0, len(starts) - 1  # chunks [0, lo) are checked; the answer is in [lo, hi]
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if text.startswith(old[starts[lo] : starts[mid]], starts[lo]):
                lo = mid
            else:
                hi = mid - 1
        return lo

    def _bottom(self, text: str, shift: int, lowest: int) -> int:
        """The first of the chunks, from lowest on, that stand unchanged to the end of text."""
        old, starts = self.text, [*self.starts, len(self.text)]
        lo, hi = lowest, len(starts) - 1  # chunks [hi, end) are checked; the answer is in [lo, hi]
        while lo < hi:
            mid = (lo + hi) // 2
            if text.startswith(old[starts[mid] : starts[hi]], starts[mid] + shift):
                hi = mid
            else:
                lo = mid + 1
        return hi


def _offsets(begin: int, texts: list[str]) -> list[int]:
    """Where each of texts starts, laid end to end from begin."""
    return list(accumulate((len(t) for t in texts[:-1]), initial=begin)) if texts else []
