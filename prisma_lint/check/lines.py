"""Command lines out of text: shell scripts, YAML strings, word lists, keyed values.

The primitives every reader in command_files.py and platform_files.py is built from.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from prisma_lint.check.commands import Unparsable, commands

HEREDOC = re.compile(r"<<-?\s*['\"]?([A-Za-z_][A-Za-z0-9_]*)['\"]?")


@dataclass(frozen=True)
class CommandLine:
    """One command line as written, where it stands, and its simple commands as words."""

    line: int  # 1-based, in its file
    text: str
    words: tuple[tuple[str, ...], ...]
    script: str | None = None  # the package.json script it is, if it is one


def shell_lines(text: str, first: int = 1, *, make: bool = False) -> Iterator[CommandLine]:
    """Logical lines of a script: continuations and open quotes joined, heredoc bodies skipped."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        start, chunk = i, lines[i]
        heredoc = HEREDOC.search(chunk)
        while True:
            if chunk.endswith("\\") and i + 1 < len(lines):
                i += 1
                chunk = chunk[:-1] + " " + (lines[i].lstrip("\t") if make else lines[i])
                continue
            try:
                words = tuple(commands(chunk))
                break
            except Unparsable:
                if i + 1 >= len(lines) or i - start > 50:
                    words = ()
                    break
                i += 1
                chunk += "\n" + lines[i]
        if words:
            yield CommandLine(first + start, lines[start], words)
        if heredoc:
            end = heredoc.group(1)
            while i + 1 < len(lines) and lines[i + 1].strip() != end:
                i += 1
            i += 1
        i += 1


def yaml_values(text: str, keys: tuple[str, ...]) -> Iterator[Any]:
    """The value nodes of every mapping key named in keys, anywhere in the document."""
    import yaml

    try:
        stack = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        return
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value in keys:
                    yield value
                else:
                    stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def scalar_lines(node: Any, text: str) -> Iterator[CommandLine]:
    """A YAML string as shell lines, numbered as they stand in the file."""
    if not isinstance(node.value, str):
        return
    literal = node.style == "|"
    first = node.start_mark.line + (2 if literal else 1)
    value = node.value if literal else " ".join(node.value.split("\n"))
    lines = text.split("\n")
    for found in shell_lines(value, first):
        shown = lines[found.line - 1] if found.line - 1 < len(lines) else found.text
        yield CommandLine(found.line, shown, found.words)


def exec_form(words: tuple[str, ...], line: int, shown: str) -> Iterator[CommandLine]:
    """A command given as a list of words (Dockerfile JSON form, compose lists): no shell."""
    if len(words) >= 3 and words[1] == "-c" and words[0].rsplit("/", 1)[-1] in ("sh", "bash"):
        try:
            yield CommandLine(line, shown, tuple(commands(words[2])))
        except Unparsable:
            return
    elif words:
        yield CommandLine(line, shown, (words,))


def keyed(text: str, key: str, value: str) -> Iterator[CommandLine]:
    """A command stored under key: numbered at the line holding both (the first such)."""
    lines = text.split("\n")
    probe = json.dumps(value)[1:-1]
    number = next((n for n, line in enumerate(lines) if key in line and probe in line), 0)
    for found in shell_lines(value.replace("\n", " ")):
        yield CommandLine(number + 1, lines[number], found.words)
