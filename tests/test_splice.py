"""What changed in a block, parsed only where its lines differ (syntax/splice.py).

Whenever `line_change` answers, parsing the new text whole must give a block
that parses cleanly and holds the old block's members with `gone` taken out
and `came` put in (as multisets: members compare without their spans), under
the same header and documentation. Checked over every one-line and two-line
edit of hand-written blocks, with lines chosen to trip it (comments, docs,
block comments, braces, junk), and over the corpus's schemas and real pairs.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from prisma_lint.syntax import ast, chunks
from prisma_lint.syntax.chunks import Cutter
from prisma_lint.syntax.lexing import normalise_newlines
from prisma_lint.syntax.parser import parse_text
from prisma_lint.syntax.splice import line_change
from tests.corpus import pairs, real_units, unit_files

BLOCKS = [
    "\n\n/// A user.\n/// Two lines.\nmodel User {\n  id    Int     @id @default(autoincrement())\n"
    "  /// Their email.\n  email String  @unique\n  // not a doc\n  name  String? /// trailing\n\n"
    '  posts Post[]\n  @@index([email])\n  /// above an attribute\n  @@map("users")\n  role Role\n}',
    '\n\nenum Role {\n  ADMIN\n  /// a member\n  MEMBER @map("member")\n  // plain\n\n  GUEST /// guest\n'
    '  @@map("roles")\n}',
    "\nview Active {\n  id Int @unique\n  at DateTime @default(now())\n}",
    "\n// leading comment\ntype Address {\n  street String\n  city   String\n}",
    '\nmodel Post {\n  id Int @id\n  url String @default("http://x//y")\n  @@unique([id, url])\n}',
]
LINES = [
    "",
    "  ",
    "\u3000",
    "  added Int",
    '  other String? @default("a")',
    "  MORE",
    "  /// new doc",
    "  // new comment",
    "  /* block */",
    "  /*",
    "  */",
    "  @@index([id])",
    "  @@id([a, b])",
    "  broken Int @@@",
    "  x Int }",
    "}",
    "model Inner {",
    "  field Int /// with a trailing doc",
    "  tab\tInt",
    "<<<<<<< HEAD",
]


def members(block: ast.Block) -> Counter[object]:
    assert isinstance(block, (ast.Model, ast.Enum))
    return Counter((*block.attributes, *(block.fields if isinstance(block, ast.Model) else block.values)))


def agrees(old: str, new: str) -> bool:
    """Whether line_change answered; if it did, it must be what parsing new whole gives."""
    change = line_change(old, new)
    if change is None:
        return False
    (before,), errors = parse_text(old)
    assert not errors
    parsed, errors = parse_text(new)
    assert not errors and len(parsed) == 1, (old, new, errors)
    after = parsed[0]
    assert type(after) is type(before) and after.name == before.name
    assert after.documentation == before.documentation
    assert change.name == before.name or not (change.gone or change.came)
    expected = members(before)
    expected.subtract(change.gone)
    assert all(count >= 0 for count in expected.values()), (old, new)
    expected.update(change.came)
    assert +expected == members(after), (old, new)
    return True


def edits(text: str, pool: list[str], rng: random.Random | None = None) -> list[str]:
    """Every deletion, insertion and replacement of one line of text (with lines from pool),
    and of two neighbouring lines; a sample of them with rng."""
    lines = text.split("\n")
    out = []
    for i in range(len(lines) + 1):
        if i < len(lines):
            out.append(lines[:i] + lines[i + 1 :])
            out.append(lines[:i] + lines[i + 2 :])
        for line in pool:
            out.append([*lines[:i], line, *lines[i:]])
            if i < len(lines):
                out.append([*lines[:i], line, *lines[i + 1 :]])
                out.append([*lines[:i], line, line, *lines[i + 2 :]])
    texts = ["\n".join(edited) for edited in out]
    return rng.sample(texts, min(len(texts), 60)) if rng else texts


@pytest.mark.parametrize("block", BLOCKS)
def test_every_edit_of_a_block_is_what_parsing_it_gives(block: str) -> None:
    assert not parse_text(block)[1]
    answered = sum(agrees(block, new) for new in edits(block, LINES))
    parse = sum(not parse_text(new)[1] for new in edits(block, LINES))
    assert answered > parse / 5, "edits inside a body, away from comments, are answered"


def test_it_answers_only_where_the_lines_alone_tell() -> None:
    model = "\nmodel A {\n  id Int @id\n  /// doc of b\n  b Int\n  c Int\n}"
    assert line_change(model, model.replace("  c Int\n", "")) is not None
    assert line_change(model, model.replace("  c Int\n", "  c Int\n  d Int\n")) is not None
    # the doc above `b` goes with whatever comes first after it
    assert line_change(model, model.replace("  b Int\n", "")) is None
    assert line_change(model, model.replace("  b Int\n", "  @@index([id])\n  b Int\n")) is None
    assert line_change(model, model.replace("  id Int @id\n", "  id Int @id\n  // note\n")) is None
    assert line_change(model, model.replace("model A {", "model B {")) is None  # the header
    assert line_change(model, model.replace("  c Int\n}", "  c Int }")) is None  # the closing line
    assert line_change(model, model.replace("  c Int", "  c Int /* x */")) is None
    config = '\ndatasource db {\n  provider = "postgresql"\n}\n\nmodel A {\n  id Int @id\n}'
    assert line_change(config, config.replace("  id Int @id\n", "")) is None  # two blocks
    assert line_change(model, model.replace("  c Int", "  c Int @@@")) is None  # does not parse
    # The file's last chunk runs on after its `}`: a member line there stands outside any body.
    last = model + "\n"
    assert not parse_text(last)[1] and parse_text(last + "  x Int\n")[1]
    assert line_change(last, last + "  x Int\n") is None


def test_a_chunk_of_two_blocks_is_never_answered() -> None:
    """The cutter finds headers at the start of a line only, so `} model B {` keeps B and the
    block after it in one chunk: lines of C (or between the two) are not B's body."""
    old = chunks.split("model A {\n} model B {\n}\nmodel C {\n}")
    assert old is not None and old[1].text == " model B {\n}\nmodel C {\n}"
    assert line_change(old[1].text, " model B {\n}\nmodel C {\n  x Int\n}") is None
    assert line_change(old[1].text, " model B {\n}\n  x Int\nmodel C {\n}") is None
    assert line_change(" enum B {\n}\nenum C {\n  X\n}", " enum B {\n}\nenum C {\n  X\n  Y\n}") is None


def test_texts_with_a_carriage_return_are_never_answered() -> None:
    """The parser reads a lone CR as a line end; line_change splits on LF only."""
    old = "model A {\n  a Int\n  @@index([a])\n  b Int\n}"
    assert line_change(old, old.replace("  @@index([a])", "  @@index([a])\r  /// doc")) is None
    assert line_change(old, old.replace("  a Int", "  a Int\r\n  c Int")) is None


def test_an_edit_that_does_not_parse_is_never_answered() -> None:
    model = "\nmodel A {\n  id Int @id\n}"
    for line in ["  broken Int @@@", "  x Int }", "model B {", "<<<<<<< HEAD", "  a: Int", "  b Int,"]:
        new = model.replace("  id Int @id\n", f"  id Int @id\n{line}\n")
        assert parse_text(new)[1], line
        assert line_change(model, new) is None, line


def model_chunks(text: str) -> list[str]:
    """The chunks of text that are one model, view, type or enum and parse."""
    out = []
    for chunk in chunks.split(normalise_newlines(text)) or []:
        parsed, errors = parse_text(chunk.text)
        if not errors and len(parsed) == 1 and isinstance(parsed[0], (ast.Model, ast.Enum)):
            out.append(chunk.text)
    return out


@pytest.mark.corpus
@pytest.mark.slow
def test_edits_of_the_corpus_blocks_are_what_parsing_them_gives(corpus: Path) -> None:
    rng, answered = random.Random(15), 0
    for unit in real_units(corpus)[::3]:
        for path in unit_files(unit):
            text = path.read_text(encoding="utf-8")
            pool = [line for line in text.split("\n") if line.startswith(" ")][:40] + LINES
            for block in model_chunks(text)[:6]:
                answered += sum(agrees(block, new) for new in edits(block, rng.sample(pool, 6), rng))
    assert answered > 1000


@pytest.mark.corpus
def test_the_corpus_pairs_changed_blocks_are_what_parsing_them_gives(corpus: Path) -> None:
    """Real schema evolutions: each chunk the Cutter says replaced one, in both directions."""
    answered = 0
    for pair in pairs(corpus):
        sides = [pair / "before.prisma", pair / "after.prisma"]
        texts = [normalise_newlines(side.read_text(encoding="utf-8")) for side in sides]
        for old, new in (texts, texts[::-1]):
            cutter = Cutter()
            before = cutter.cut(old) or []
            after = cutter.cut(new) or []
            if cutter.change is None:
                continue
            start, stop, end = cutter.change
            if stop - start != end - start:
                continue
            for was, now in zip(before[start:end], after[start:stop], strict=True):
                if was != now and not parse_text(was)[1]:
                    answered += agrees(was, now)
    assert answered > 50
