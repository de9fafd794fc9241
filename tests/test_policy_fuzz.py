"""Whatever a command file holds, reading it never raises: a crash would be a traceback, not a finding."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prisma_lint.check.command_files import READERS, read_commands
from prisma_lint.check.commands import Unparsable, commands, invocation

PIECES = st.sampled_from(
    [
        "prisma",
        "migrate",
        "deploy",
        "db",
        "push",
        "npx",
        "pnpm",
        "dlx",
        "yarn",
        "bun",
        "x",
        "run",
        "cross-env",
        "A=1",
        "dotenv",
        "--",
        "-e",
        "sh",
        "-c",
        "concurrently",
        "npm:a:*",
        "run-s",
        "&&",
        "||",
        ";",
        "|",
        "&",
        "(",
        ")",
        "$(",
        "`",
        "'",
        '"',
        "\\",
        "#",
        "<<EOF",
        "EOF",
        ">",
        "2>&1",
        "\n",
        "\t",
        " ",
        '""',
        "''",
        "{",
        "}",
        "[",
        "]",
        ":",
        "=",
        "$((1))",
        "\x00",
        "é",
    ]
)
TEXT = st.lists(PIECES, max_size=30).map(" ".join) | st.text(max_size=200)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_command_lines_split_or_say_why(line: str) -> None:
    try:
        found = commands(line)
    except Unparsable:
        return
    for words in found:
        invocation(words, frozenset({"a", "a:b", "build"}))


@pytest.mark.parametrize("kind", sorted(READERS))
@settings(max_examples=120, deadline=None)
@given(text=TEXT)
def test_every_reader_takes_any_text(kind: str, text: str) -> None:
    read_commands(kind, text)


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("netlify.toml", 'context = "x"\n[build]\ncommand = 3\n'),
        ("netlify.toml", "[context]\nproduction = 1\n"),
        ("vercel.json", '["buildCommand"]'),
        ("package", '{"scripts": ["prisma db push"]}'),
        ("package", '{"scripts": {"a": 1, "b": null, "c": ""}}'),
        ("compose", "services: [1, 2]\ncommand: {a: b}\n"),
        ("workflow", "jobs:\n  a:\n    steps:\n      - run: 12\n"),
        ("docker", 'CMD ["npx", 1]\nRUN \\\n'),
        ("shell", "prisma db push \"\" ''\n"),
    ],
)
def test_odd_shapes_are_no_commands_and_no_crash(kind: str, text: str) -> None:
    assert all(isinstance(line.words, tuple) for line in read_commands(kind, text))


TS = st.lists(
    st.sampled_from(
        [
            "export",
            "default",
            "defineConfig",
            "(",
            ")",
            "{",
            "}",
            "schema",
            ":",
            "migrations",
            "path",
            '"a.prisma"',
            "'b'",
            "`c${d}`",
            "path.join",
            "resolve",
            "__dirname",
            ",",
            "...x",
            "satisfies",
            "PrismaConfig",
            "module.exports",
            "=",
            "const",
            "config",
            ";",
            "\n",
            "//",
            "/*",
            "*/",
            "as",
        ]
    ),
    max_size=40,
).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(TS | st.text(max_size=100))
def test_the_prisma_config_reader_answers_or_says_why(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    from prisma_lint.errors import ConfigError
    from prisma_lint.sources.prisma_config import read_prisma_config

    path = tmp_path_factory.mktemp("cfg") / "prisma.config.ts"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        config = read_prisma_config(path)
    except ConfigError:
        return
    for value in (config.schema, config.migrations):
        assert value is None or value.text is None or isinstance(value.text, str)
