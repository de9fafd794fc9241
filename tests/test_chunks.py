"""Chunking (syntax/chunks.py) and the chunk cache (syntax/pairparse.py) change no AST.

Parsing a file chunk by chunk, each chunk at its own line and column, must give
the blocks that parsing the whole file gives, spans included; where the cutter
is not sure it must say so (None) rather than cut.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from prisma_lint.syntax import ast, chunks, pairparse, sharing
from prisma_lint.syntax.ast import SourceFile
from prisma_lint.syntax.lexing import normalise_newlines
from prisma_lint.syntax.pairparse import ChunkCache
from prisma_lint.syntax.parser import parse_sources, parse_text
from tests.corpus import real_units, unit_files

ROOT = Path(__file__).resolve().parents[1]
# (file, whether the cutter cuts it): constructs.prisma has a block comment between
# blocks, where the cutter declines and the whole file is parsed.
FIXTURES = [
    (ROOT / "tests" / "fixtures" / "constructs.prisma", False),
    (ROOT / "examples" / "admin" / "prisma" / "schema.prisma", True),
    (ROOT / "examples" / "portal" / "prisma" / "schema.prisma", True),
]


def spans(node: Any) -> Iterator[ast.Span]:
    """Every node's span in a tree of AST nodes (equality ignores them, so they are compared apart)."""
    if isinstance(node, tuple):
        for item in node:
            yield from spans(item)
    elif isinstance(node, ast.Placed):
        yield node.span
        for f in dataclasses.fields(node):  # type: ignore[arg-type]
            yield from spans(getattr(node, f.name))


def chunked(text: str, file: str) -> tuple[ast.Block, ...] | None:
    """The blocks of text parsed chunk by chunk, or None where the cutter declines."""
    cut = chunks.split(text)
    if cut is None:
        return None
    blocks: list[ast.Block] = []
    for chunk in cut:
        parsed, errors = parse_text(chunk.text, file, chunk.line, chunk.column)
        assert not errors, (file, chunk.line)
        blocks.extend(parsed)
    return tuple(blocks)


def assert_chunks_parse_like_the_file(text: str, file: str) -> bool:
    """True if the file was cut (and its chunks agreed with it), False if the cutter declined."""
    whole, errors = parse_text(text, file)
    assert not errors, file
    parts = chunked(text, file)
    if parts is None:
        return False
    assert parts == whole, file
    assert list(spans(parts)) == list(spans(whole)), file
    assert "".join(c.text for c in chunks.split(text) or ()) == text  # nothing lost, nothing doubled
    return True


@pytest.mark.parametrize(("path", "cut"), FIXTURES, ids=lambda p: getattr(p, "parent", p))
def test_chunk_by_chunk_equals_whole_file_on_the_fixtures(path: Path, cut: bool) -> None:
    text = normalise_newlines(path.read_text(encoding="utf-8"))
    assert assert_chunks_parse_like_the_file(text, str(path.relative_to(ROOT))) is cut
    without_block_comments = re.sub(r"/\*[\s\S]*?\*/", "", text)  # which the cutter always cuts
    assert assert_chunks_parse_like_the_file(without_block_comments, "f.prisma")


@pytest.mark.corpus
@pytest.mark.slow
def test_chunk_by_chunk_equals_whole_file_over_the_corpus(corpus: Path) -> None:
    cut = declined = 0
    for unit in real_units(corpus):
        for path in unit_files(unit):
            text = normalise_newlines(path.read_text(encoding="utf-8"))
            if parse_text(text)[1]:
                continue  # invalid schemas take the whole-file path anyway
            if assert_chunks_parse_like_the_file(text, str(path)):
                cut += 1
            else:
                declined += 1
    assert cut > 10 * declined  # the fast path covers nearly every real schema


def test_a_doc_comment_above_a_datasource_stays_with_the_next_model() -> None:
    text = 'datasource db {\n  provider = "sqlite"\n}\n/// Users.\nmodel User {\n  id Int @id\n}\n'
    cut = chunks.split(text)
    assert cut is not None and len(cut) == 1  # the datasource is merged into the model's chunk
    assert assert_chunks_parse_like_the_file(text, "f.prisma")


def test_each_chunk_starts_where_the_previous_one_ended() -> None:
    text = "model A {\n  id Int @id\n}\n\n// about B\nmodel B {\n  id Int @id\n}\n"
    cut = chunks.split(text)
    assert cut is not None
    assert [(c.line, c.column, c.text) for c in cut] == [
        (1, 1, "model A {\n  id Int @id\n}"),
        (3, 2, "\n\n// about B\nmodel B {\n  id Int @id\n}\n"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "model A {\n  id Int @id\n}\n/* a } comment\n*/\nmodel B {\n  id Int @id\n}\n",  # comment between
        "model A {\n  id Int @id\n",  # never closed
        "model A {\n  /* never closed\n}\n",  # a comment whose end cannot be placed
        "// only a comment\n",  # no block at all
    ],
)
def test_the_cutter_declines_when_unsure(text: str) -> None:
    assert chunks.split(text) is None


def cached_schema(files: list[SourceFile], cache: ChunkCache) -> ast.Schema | None:
    """A whole schema, chunk by chunk through cache; None if any chunk has syntax errors."""
    blocks: list[ast.Block] = []
    for source in files:
        text = normalise_newlines(source.text)
        for part in chunks.split(text) or [chunks.Chunk(text, 1, 1)]:
            parsed = cache.get(part.text)
            if parsed is None:
                return None
            blocks.extend(parsed)
    return ast.Schema(tuple(blocks))


def test_the_cache_parses_each_chunk_text_once_and_gives_the_files_ast() -> None:
    model = "model {name} {{\n  id Int @id\n}}\n"
    versions = [
        [SourceFile("v1.prisma", model.format(name="A") + model.format(name="B"))],
        [SourceFile("v2.prisma", model.format(name="A") + model.format(name="C"))],
    ]
    cache = ChunkCache("<test>")
    for files in versions:
        assert cached_schema(files, cache) == parse_sources(files)
    # A is shared: three distinct chunk texts (A, B and C, each with what follows it) were parsed.
    assert len(cache.memo) == 3


def test_a_version_with_a_syntax_error_has_no_cached_schema() -> None:
    cache = ChunkCache("<test>")
    assert cached_schema([SourceFile("bad.prisma", "model A {\n  id Int @@@\n}\n")], cache) is None


def test_checking_shared_chunks_in_a_forked_child_gives_what_checking_here_gives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = [
        "model Large {\n" + "".join(f"  f{i} Int\n" for i in range(40)) + "}\n",
        "model Bad {\n  id Int @@@\n}\n",  # a syntax error
        "enum E {\n  A\n  A\n}\n",  # a value defined twice: checked as an error too
        'datasource db {\n  provider = "postgresql"\n}\nmodel M {\n  id Int @id\n}\n',
        "view V {\n  id Int\n}\n",
    ]
    expected = [
        (True, (("model", "Large"),)),
        (False, ()),
        (False, ()),
        (True, (("datasource", "db"), ("model", "M"))),
        (True, (("view", "V"),)),
    ]
    assert pairparse._check_all(texts) == expected  # small: checked in this process
    monkeypatch.setattr(sharing, "FORK_THRESHOLD", 0)
    assert pairparse._check_all(texts) == expected  # the largest here, then half each side of a fork


def test_blocks_survive_pickling_whole_spans_included() -> None:
    """A schema parsed on both cores comes back from the forked child through pickle
    (parser.py): its blocks must come back equal, and with every span, which equality ignores."""
    import pickle

    text = FIXTURES[0][0].read_text(encoding="utf-8")
    blocks, errors = parse_text(text, "fixture.prisma", 3, 5)
    assert blocks and not errors
    back = pickle.loads(pickle.dumps(blocks, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == blocks
    assert list(spans(back)) == list(spans(blocks))
    assert {type(b) for b in back} == {type(b) for b in blocks}


def test_a_schema_parsed_on_both_cores_is_the_schema_parsed_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """parse_sources shares a large schema's chunks with a forked child (parser.py): the blocks,
    their spans and the files they name are those of the plain parse, errors included."""
    import itertools

    from prisma_lint.errors import SchemaSyntaxError
    from prisma_lint.syntax import parser

    children: list[int] = []
    real = sharing._fork
    monkeypatch.setattr(sharing, "_fork", lambda work: children.append(1) or real(work))
    fresh = itertools.count()  # file names this process has never seen: their ids are made now
    admin = FIXTURES[1][0].read_text(encoding="utf-8")
    extra = "".join(f"/// Extra {i}.\nmodel Extra{i} {{\n  id Int @id\n}}\n" for i in range(40))
    cases = [
        [SourceFile(f"one-{next(fresh)}.prisma", admin)],
        [SourceFile(f"a-{next(fresh)}.prisma", admin), SourceFile(f"b-{next(fresh)}.prisma", extra)],
    ]
    for files in cases:
        monkeypatch.setattr(sharing, "FORK_THRESHOLD", 0)
        monkeypatch.setattr(sharing.os, "cpu_count", lambda: 2)
        shared = parser.parse_sources(files)
        monkeypatch.setattr(sharing, "FORK_THRESHOLD", 10**12)
        plain = parser.parse_sources(files)
        assert shared == plain and shared.files == plain.files
        assert list(spans(shared.blocks)) == list(spans(plain.blocks))
        assert {s.file for s in spans(shared.blocks)} == {f.display for f in files}
    assert len(children) == len(cases), "each was shared with a child"
    broken = [SourceFile("broken.prisma", admin.replace("}", "}\nmodel {", 1))]
    errors = []
    for threshold in (0, 10**12):
        monkeypatch.setattr(sharing, "FORK_THRESHOLD", threshold)
        with pytest.raises(SchemaSyntaxError) as caught:
            parser.parse_sources(broken)
        errors.append(caught.value.diagnostics)
    assert errors[0] == errors[1] and errors[0]
