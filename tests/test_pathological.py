"""Hostile and huge inputs: each gets a clear answer, in linear work, never a traceback.

Nothing here is timed. Linearity is shown by counting work (lexer matches,
lines the recovery walk visits) at two sizes; memory by the child process's
peak RSS against the budget of 150 MiB + 20x the input.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from prisma_lint.engine import parse_path
from prisma_lint.syntax import recovery
from prisma_lint.syntax.ast import SourceFile
from prisma_lint.syntax.lalr import Driver, LexState
from prisma_lint.syntax.pairparse import parse_pair
from prisma_lint.syntax.parser import _parser, parse_text
from tests.rss import run_measured

ROOT = Path(__file__).resolve().parents[1]
MODEL = (
    "model M{n} {{\n  id Int @id @default(autoincrement())\n  name String? @db.VarChar(100)\n"
    "  at DateTime @default(now())\n}}\n\n"
)


def cli(*args: str) -> tuple[int, str, str, int]:
    """Run prisma-lint in a child: status, stdout, stderr, and the child's own peak RSS in bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        out, err = os.path.join(tmp, "out"), os.path.join(tmp, "err")
        _, peak, status = run_measured(
            [sys.executable, "-m", "prisma_lint", *args], str(ROOT), {**os.environ, "NO_COLOR": "1"}, out, err
        )
        with open(out, encoding="utf-8") as o, open(err, encoding="utf-8") as e:
            return status, o.read(), e.read(), peak


def many_models(count: int) -> str:
    return "".join(MODEL.format(n=n) for n in range(count))


def test_merge_conflict_markers(tmp_path: Path) -> None:
    path = tmp_path / "schema.prisma"
    path.write_text(
        "model A {\n  id Int @id\n<<<<<<< HEAD\n  a String\n=======\n  b Int\n>>>>>>> feature\n}\n"
    )
    code, out, err, _ = cli("parse", str(path))
    assert code == 2 and out == ""
    assert f"{path}:3:1: error: unresolved merge conflict at line 3" in err
    assert "Found 3 syntax errors in 1 file." in err


def realistic(size: int) -> str:
    """At least `size` characters of schema: the bundled admin schema's models and enums, renamed per copy."""
    admin = (ROOT / "examples/admin/prisma/schema.prisma").read_text(encoding="utf-8")
    body = admin[admin.index("/// A customer") :]
    copies = size // len(body) + 1
    return "".join(re.sub(r"\b(model|enum) (\w+)", rf"\1 \g<2>{i}", body) for i in range(copies))


@pytest.mark.slow
def test_fifty_megabytes_parse_within_the_memory_budget(tmp_path: Path) -> None:
    path = tmp_path / "huge.prisma"
    path.write_text(realistic(50 * 1024 * 1024))
    size = path.stat().st_size
    copies = path.read_text().count("model Account")
    code, out, err, rss = cli("parse", str(path))
    assert code == 0, err[-500:]
    assert f": {7 * copies} blocks ({4 * copies} models, {3 * copies} enums), {27 * copies} fields" in out
    assert rss <= 150 * 1024 * 1024 + 20 * size, f"peak RSS {rss / 2**20:.0f} MiB for {size / 2**20:.0f} MiB"


def test_a_one_megabyte_line(tmp_path: Path) -> None:
    long_value = "x" * (1024 * 1024)
    good = tmp_path / "good.prisma"
    good.write_text(f'model A {{\n  id String @id @default("{long_value}")\n}}\n')
    assert cli("parse", str(good))[0] == 0
    bad = tmp_path / "bad.prisma"
    bad.write_text(f"model A {{\n  id String @id {long_value}\n}}\n")
    code, _, err, _ = cli("parse", str(bad))
    assert code == 2 and "2:3: error: This line is not a valid field or attribute definition." in err
    assert len(err) < 2000  # the line is shown cut down around the error, not a megabyte of it


def test_deep_nesting(tmp_path: Path) -> None:
    deep = tmp_path / "deep.prisma"
    deep.write_text("model A {\n  id Int @default(" + "[" * 10_000 + "]" * 10_000 + ")\n}\n")
    code, _, err, _ = cli("parse", str(deep))
    assert code == 2 and "may nest at most 1900 levels deep" in err and "Traceback" not in err
    # As deep as Prisma's own parser accepts still works, end to end.
    ok = tmp_path / "ok.prisma"
    ok.write_text("model A {\n  id Int @default(" + "[" * 1500 + "]" * 1500 + ")\n}\n")
    other = tmp_path / "other.prisma"
    other.write_text("model A {\n  id Int? @default(" + "[" * 1500 + "1" + "]" * 1500 + ")\n}\n")
    code, out, err, _ = cli("diff", str(ok), str(other), "--format", "json")
    assert code == 1 and "Traceback" not in err and '"FIELD_ATTRIBUTE_CHANGED"' in out


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('model A {\n  id String @default("never closed)\n}\n', 2),
        ("model A {\n  id Int @id\n}\n/* never closed\n", 4),
        (
            'model A {\n  id String @default("ends at EOF',
            1,
        ),  # the block never closes: its header is the error
    ],
)
def test_unterminated_string_or_comment(text: str, line: int) -> None:
    _, errors = parse_text(text)
    assert errors and errors[0].line == line


def test_empty_and_comment_only_files(tmp_path: Path) -> None:
    (tmp_path / "empty.prisma").write_text("")
    (tmp_path / "notes.prisma").write_text("// nothing here\n/// nor here\n/* nor\n here */\n")
    for name in ("empty.prisma", "notes.prisma"):
        assert parse_path(str(tmp_path / name)).blocks == ()
    code, out, _, _ = cli("diff", str(tmp_path / "empty.prisma"), str(tmp_path / "notes.prisma"))
    assert code == 0 and out.startswith("No drift")


def test_two_thousand_file_folder(tmp_path: Path) -> None:
    for side in ("canonical", "portal"):
        folder = tmp_path / side
        for n in range(2000):
            sub = folder / f"part{n % 20}"
            sub.mkdir(parents=True, exist_ok=True)
            (sub / f"m{n}.prisma").write_text(MODEL.format(n=n))
    (tmp_path / "portal" / "part3" / "m3.prisma").write_text(MODEL.format(n=3).replace("String?", "String"))
    schema = parse_path(str(tmp_path / "canonical"))
    assert len(schema.blocks) == 2000 and len(schema.files) == 2000
    code, out, _, _ = cli("diff", str(tmp_path / "canonical"), str(tmp_path / "portal"), "--format", "github")
    assert code == 1
    assert out.strip().splitlines() == [
        f"::error file={tmp_path / 'portal' / 'part3' / 'm3.prisma'},line=3,col=3,"
        "title=FIELD_OPTIONALITY_CHANGED::Field M3.name changed from optional (String?) "
        "to required (String) in the portal copy."
    ]


# ---- linear work, counted --------------------------------------------------------------------


def _lexer_matches(text: str) -> int:
    """How many times the lexer matched a token (whitespace is folded into the next token)."""
    driver, builder = _parser()
    count = 0

    def counted(lex: LexState) -> LexState:
        def counting(text: str, pos: int, _match: Any = lex.match) -> Any:
            nonlocal count
            count += 1
            return _match(text, pos)

        return replace(lex, match=counting)

    master = driver.master
    driver.master = counted(master)
    for state in range(len(driver.lex_states)):
        driver.lex_states[state] = counted(driver.lex_state(state))
    try:
        builder.begin("f", text)
        driver.parse(text, "start")
    finally:
        driver.master = master
        driver.lex_states[:] = [None] * len(driver.lex_states)
    assert count >= text.count("\n"), "every line end is a token: the count missed the lexer"
    return count


def test_lexing_work_grows_linearly() -> None:
    small, large = many_models(100), many_models(1000)
    assert _lexer_matches(large) == 10 * _lexer_matches(small)


def test_recovery_work_grows_linearly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unclosed blocks make Prisma's PEG walk re-read the rest of the file from each header;
    ours remembers where such a walk ended, so each line is read a bounded number of times."""
    calls = 0
    original = recovery._Walk.member

    def counting(self: recovery._Walk, i: int, kind: str, found: list[object]) -> int:
        nonlocal calls
        calls += 1
        return original(self, i, kind, found)  # type: ignore[arg-type]

    monkeypatch.setattr(recovery._Walk, "member", counting)
    work = []
    for count in (200, 2000):
        calls = 0
        text = "".join(f"model M{n} {{\n  id Int @id\n  x String\n" for n in range(count))  # never closed
        _, errors = parse_text(text)
        assert len(errors) == 3 * count  # every line of every unclosed block is reported
        work.append(calls)
    assert work[1] <= 10 * work[0] + 10


def test_regex_terminals_have_no_nested_overlapping_repeats() -> None:
    """The grammar's regexes cannot backtrack catastrophically: within each, repeated parts are
    disjoint alternatives. Feeding each its worst near-miss input of 100,000 characters must
    come back (a backtracking regex would not, in any test run's lifetime)."""
    driver = _parser()[0]
    # Each near miss, and how much of it the terminal must take (None: no match at all).
    near_misses: dict[str, tuple[str, int | None]] = {
        "STRING": ('"' + "\\\\a" * 50_000, None),  # never closed
        "BLOCK_COMMENT": ("/*" + "*" * 100_000, None),  # never closed
        "IDENT": ("a." * 50_000 + "-", 100_000),  # all but the `-` (a part cannot start with it)
        "NUMBER": ("-" + "1" * 100_000 + ".", 100_001),  # a `.` needs digits after it
        "COMMENT": ("//" + "/" * 100_000, 100_002),  # all of it
        "TRAILING_COMMA": ("," + " " * 100_000, None),  # no `)` follows
        "WS": (" " * 100_000 + "x", 100_000),
        "_NL": ("\n " * 50_000 + "x", 100_000),
        "BLOCK_OPEN": ("{" + "x" * 100_000, None),  # no line end
    }
    import re

    for name, (sample, taken) in near_misses.items():
        pattern = re.compile(driver.terminals[name])
        match = pattern.match(sample)
        assert (match.end() if match else None) == taken, name


def test_diff_hands_the_lexer_linear_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """A formatting-only copy makes every chunk differ, so each is parsed in full, with its
    real positions: the characters lexed stay a small multiple of the two files, however far
    down the file a chunk stands (padding chunks with blank lines made this quadratic)."""
    lexed = 0
    original = Driver.parse

    def counting(self: Driver, text: str, *args: Any) -> Any:
        nonlocal lexed
        lexed += len(text)
        return original(self, text, *args)

    monkeypatch.setattr(Driver, "parse", counting)
    canonical = many_models(1000)
    portal = canonical.replace("  id Int", "  id  Int").replace("\n", "\r")  # reformatted, CR line ends
    sides = [SourceFile("canonical.prisma", canonical)], [SourceFile("portal.prisma", portal)]
    schemas = parse_pair(*sides)
    assert len(schemas[0].blocks) == len(schemas[1].blocks) == 1000 and schemas[2] == ()
    assert lexed <= 3 * (len(canonical) + len(portal)), f"{lexed} characters lexed"
