"""The chunk cache, and parsing both sides of a diff with it, on both cores.

Each file is cut into chunks (chunks.py), one top-level block each. Versions
of one schema share most of their chunks, so `ChunkCache` parses each distinct
chunk text once: `check`'s history walk keeps one for all the versions it
compares (filled first by the diff before it: which chunks parse, and the
blocks of the unshared ones), and `parse_pair` one per diff.

In a diff, a chunk whose text appears on both sides cannot differ, so it is
only checked for syntax, once, with no AST built (checking.py), and stands in
the ASTs of both sides as one set of hollow blocks (keyword and name only)
that the diff skips by identity.
Chunks found on one side only are parsed in full, at their own line and
column. The checking of shared chunks is shared with a forked process
(sharing.py) when the machine has two cores and there is enough of it to be
worth a fork.

Any syntax error anywhere sends both sides through the plain whole-file
parser, so errors are reported exactly as `parse_sources` reports them.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator

from prisma_lint.errors import Diagnostic, SchemaSyntaxError
from prisma_lint.syntax import ast, chunks
from prisma_lint.syntax.ast import SourceFile
from prisma_lint.syntax.checking import Names, check_text
from prisma_lint.syntax.lexing import normalise_newlines
from prisma_lint.syntax.parser import gc_paused, parse_sources, parse_text, ready_to_fork
from prisma_lint.syntax.sharing import map_shared, worth_sharing

Check = tuple[bool, Names]  # (parses cleanly, its names)
Blocks = tuple[ast.Block, ...]


class ChunkCache:
    """Chunk texts parsed once each (at line 1 of a file named `label`), and texts known to
    parse cleanly without being parsed here: a diff checked them, or history.py found them
    changed from a clean text only in lines that parse (splice.py)."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.memo: dict[str, Blocks | None] = {}
        self.clean: set[str] = set()

    def parses(self, text: str) -> bool:
        """Whether text parses cleanly, parsing it only if nobody checked it before."""
        return text in self.clean or self.get(text) is not None

    def get(self, text: str) -> Blocks | None:
        """One chunk text's blocks, or None if it has syntax errors."""
        if text not in self.memo:
            blocks, errors = parse_text(text, self.label)
            self.memo[text] = None if errors else blocks
        return self.memo[text]

    def put(self, text: str, blocks: Blocks) -> None:
        """blocks parsed elsewhere from text (a diff parses in place: their spans name its file
        and lines, and the walk reads no span)."""
        self.memo.setdefault(text, blocks)


def parse_pair(
    canonical: list[SourceFile],
    portal: list[SourceFile],
    *,
    shortcut: bool = True,
    keep: ChunkCache | None = None,
) -> tuple[ast.Schema, ast.Schema, tuple[Diagnostic, ...]]:
    """Both schemas and the errors of both. With shortcut=False, full ASTs on both sides.

    With keep (check's history cache), the walk that follows a drifted copy learns what the
    diff learnt: which shared chunks parse cleanly, and the blocks of the others."""
    with gc_paused():
        if shortcut:
            fast = _chunked_pair(canonical, portal, keep)
            if fast is not None:
                return fast[0], fast[1], ()
        return _full_pair(canonical, portal)


def _full_pair(
    canonical: list[SourceFile], portal: list[SourceFile]
) -> tuple[ast.Schema, ast.Schema, tuple[Diagnostic, ...]]:
    schemas = []
    errors: list[Diagnostic] = []
    for files in (canonical, portal):
        try:
            schemas.append(parse_sources(files))
        except SchemaSyntaxError as err:
            errors.extend(err.diagnostics)
            schemas.append(ast.Schema(()))
    return schemas[0], schemas[1], tuple(errors)


Cut = tuple[SourceFile, str, "array[int]"]  # a file, its normalised text, its chunks' places


def _chunked_pair(
    canonical: list[SourceFile], portal: list[SourceFile], keep: ChunkCache | None
) -> tuple[ast.Schema, ast.Schema] | None:
    first, second = _cut(canonical), _cut(portal)
    if first is None or second is None:
        return None  # one file could not be cut with certainty: parse everything plainly
    sides = (first, second)
    maybe = _hashes(first) & _hashes(second)  # the texts of these may be on both sides
    texts = [set(_texts(side, maybe)) for side in sides]
    shared = sorted(texts[0] & texts[1], key=len, reverse=True)
    checks = dict(zip(shared, _check_all(shared), strict=True))
    if not all(ok for ok, _ in checks.values()):
        return None
    if keep is not None:
        keep.clean.update(shared)
    hollow = {
        text: tuple(_hollow(kind, name) for kind, name in blocks) for text, (_, blocks) in checks.items()
    }
    schemas = []
    for files, side in zip((canonical, portal), sides, strict=True):
        blocks = _side_blocks(side, maybe, hollow, keep)
        if blocks is None or _names_repeat(blocks):
            return None  # the full parse reports them, at their places
        schemas.append(ast.Schema(tuple(blocks), tuple(f.display for f in files)))
    return schemas[0], schemas[1]


def _cut(files: list[SourceFile]) -> list[Cut] | None:
    """Each file's chunks as (start, end, line, column, hash of the text) in an array: the
    chunk texts themselves are not kept (the 100,000-model diff held ~80 MiB of them)."""
    out: list[Cut] = []
    for source in files:
        text = normalise_newlines(source.text)
        cut = chunks.split(text)
        if cut is None:
            return None
        places, start = array("q"), 0
        for chunk in cut:  # chunks tile the text, in order
            places.extend((start, start + len(chunk.text), chunk.line, chunk.column, hash(chunk.text)))
            start += len(chunk.text)
        if start != len(text):
            return None
        out.append((source, text, places))
    return out


def _hashes(side: list[Cut]) -> set[int]:
    return {key for _, _, places in side for key in places[4::5]}


def _texts(side: list[Cut], hashes: set[int]) -> Iterator[str]:
    """The texts of a side's chunks whose hash is in hashes."""
    for _, text, places in side:
        for i in range(0, len(places), 5):
            if places[i + 4] in hashes:
                yield text[places[i] : places[i + 1]]


def _side_blocks(
    side: list[Cut],
    maybe: set[int],
    hollow: dict[str, tuple[ast.Block, ...]],
    keep: ChunkCache | None,
) -> list[ast.Block] | None:
    """One side's blocks: hollow ones for shared chunks, the others parsed in place (and put
    in keep, for check's walk)."""
    blocks: list[ast.Block] = []
    for source, text, places in side:
        for i in range(0, len(places), 5):
            start, end, line, column, key = places[i : i + 5]
            part = text[start:end]
            if key in maybe and part in hollow:
                blocks.extend(hollow[part])
                continue
            parsed, errors = parse_text(part, source.display, line, column)
            if errors:
                return None
            if keep is not None:
                keep.put(part, parsed)
            blocks.extend(parsed)
    return blocks


def _names_repeat(blocks: list[ast.Block]) -> bool:
    keys = [(b.kind, b.name) if isinstance(b, ast.ConfigBlock) else ("", b.name) for b in blocks]
    return len(set(keys)) != len(keys)


def _hollow(kind: str, name: str) -> ast.Block:
    if kind == "enum":
        return ast.Enum(name, (), ())
    if kind in ("datasource", "generator"):
        return ast.ConfigBlock(kind, name, ())  # type: ignore[arg-type]
    return ast.Model(kind, name, (), ())  # type: ignore[arg-type]


def _check(text: str) -> Check:
    names = check_text(text)  # distinct texts, nobody needs their blocks: no AST is built
    return names is not None, names or ()


def _check_all(texts: list[str]) -> list[Check]:
    """Check every text; on two cores, shared with a forked child (sharing.py)."""
    if not worth_sharing(sum(map(len, texts))):
        return [_check(t) for t in texts]
    ready_to_fork([])  # no file names to register: a check makes no spans
    return map_shared(lambda i: _check(texts[i]), len(texts))
