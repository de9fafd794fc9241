"""Where a repository keeps command lines, and how to read them out of each kind of file.

Only places that run commands are read: package.json `scripts`, shell
scripts, GitHub workflow `run:` steps, Dockerfile RUN/CMD/ENTRYPOINT, Makefile
recipes, vercel.json and netlify.toml build commands, Procfile entries and
docker-compose `command:`/`entrypoint:`. Descriptions, comments, heredoc
bodies and documentation are never read as commands.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from prisma_lint.check.commands import Unparsable, commands

HEREDOC = re.compile(r"<<-?\s*['\"]?([A-Za-z_][A-Za-z0-9_]*)['\"]?")
MAKE_VAR = re.compile(r"^([A-Za-z_][A-Za-z0-9_.-]*)\s*[:?+]?=\s*(.*)$")
MAKE_REF = re.compile(r"\$[({]([A-Za-z_][A-Za-z0-9_.-]*)[)}]")
DOCKER = re.compile(r"^\s*(RUN|CMD|ENTRYPOINT)\s+(.*)$", re.IGNORECASE)


@dataclass(frozen=True)
class CommandLine:
    """One command line as written, where it stands, and its simple commands as words."""

    line: int  # 1-based, in its file
    text: str
    words: tuple[tuple[str, ...], ...]
    script: str | None = None  # the package.json script it is, if it is one


NAMED = {
    "package.json": "package",
    "Dockerfile": "docker",
    "Makefile": "make",
    "makefile": "make",
    "GNUmakefile": "make",
    "vercel.json": "vercel.json",
    "netlify.toml": "netlify.toml",
    "Procfile": "Procfile",
}
PATTERNS = [
    (re.compile(r".*\.(sh|bash)"), "shell"),
    (re.compile(r"dockerfile\..*|.*\.dockerfile"), "docker"),
    (re.compile(r".*\.mk"), "make"),
    (re.compile(r"(docker-)?compose[\w.-]*\.ya?ml"), "compose"),
]


def kind_of(path: Path, in_workflows: bool) -> str | None:
    """Which reader a file needs, or None when it holds no commands."""
    lower = path.name.lower()
    if path.name in NAMED:
        return NAMED[path.name]
    if in_workflows and lower.endswith((".yml", ".yaml")):
        return "workflow"
    return next((kind for pattern, kind in PATTERNS if pattern.fullmatch(lower)), None)


def read_commands(kind: str, text: str) -> list[CommandLine]:
    return list(READERS[kind](text))


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


def _package(text: str) -> Iterator[CommandLine]:
    try:
        scripts = json.loads(text).get("scripts")
    except (ValueError, AttributeError):
        return
    if not isinstance(scripts, dict):
        return
    lines = text.split("\n")
    after = next((n for n, line in enumerate(lines) if '"scripts"' in line), 0)
    for name, value in scripts.items():
        if not isinstance(value, str):
            continue
        key = json.dumps(name)
        number = next((n for n in range(after, len(lines)) if key in lines[n]), after)
        for found in shell_lines(value.replace("\n", " ")):
            yield CommandLine(number + 1, lines[number], found.words, script=name)


def _workflow(text: str) -> Iterator[CommandLine]:
    for node in _yaml_values(text, ("run",)):
        yield from _scalar_lines(node, text)


def _compose(text: str) -> Iterator[CommandLine]:
    import yaml

    for node in _yaml_values(text, ("command", "entrypoint")):
        if isinstance(node, yaml.SequenceNode):
            words = tuple(str(item.value) for item in node.value if isinstance(item, yaml.ScalarNode))
            line = node.start_mark.line
            yield from _exec_form(words, line + 1, text.split("\n")[line])
        elif isinstance(node, yaml.ScalarNode):
            yield from _scalar_lines(node, text)


def _yaml_values(text: str, keys: tuple[str, ...]) -> Iterator[Any]:
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


def _scalar_lines(node: Any, text: str) -> Iterator[CommandLine]:
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


def _exec_form(words: tuple[str, ...], line: int, shown: str) -> Iterator[CommandLine]:
    """A command given as a list of words (Dockerfile JSON form, compose lists): no shell."""
    if len(words) >= 3 and words[1] == "-c" and words[0].rsplit("/", 1)[-1] in ("sh", "bash"):
        yield CommandLine(line, shown, tuple(commands(words[2])))
    elif words:
        yield CommandLine(line, shown, (words,))


def _docker(text: str) -> Iterator[CommandLine]:
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        match = DOCKER.match(lines[i])
        start = i
        if match:
            body = match.group(2)
            while body.rstrip().endswith("\\") and i + 1 < len(lines):
                i += 1
                if not lines[i].lstrip().startswith("#"):  # comment lines inside are dropped
                    body = body.rstrip()[:-1] + " " + lines[i]
            yield from _docker_body(body, start + 1, lines[start])
        i += 1


def _docker_body(body: str, line: int, shown: str) -> Iterator[CommandLine]:
    if body.lstrip().startswith("["):
        try:
            words = json.loads(body)
        except ValueError:
            words = None
        if isinstance(words, list) and all(isinstance(w, str) for w in words):
            yield from _exec_form(tuple(words), line, shown)
            return
    for found in shell_lines(body, line):
        yield CommandLine(line, shown, found.words)


def _make(text: str) -> Iterator[CommandLine]:
    lines = text.split("\n")
    variables = {m.group(1): m.group(2) for m in map(MAKE_VAR.match, lines) if m}
    for number, line in enumerate(lines, start=1):
        if not line.startswith("\t"):
            continue
        recipe = line.lstrip("\t").lstrip("@-+ ")
        recipe = MAKE_REF.sub(lambda m: variables.get(m.group(1), "_"), recipe).replace("$$", "$")
        for found in shell_lines(recipe, number, make=True):
            yield CommandLine(number, line, found.words)


def _procfile(text: str) -> Iterator[CommandLine]:
    for number, line in enumerate(text.split("\n"), start=1):
        name, colon, command = line.partition(":")
        if colon and name.strip() and not name.lstrip().startswith("#"):
            for found in shell_lines(command, number):
                yield CommandLine(number, line, found.words)


def _vercel(text: str) -> Iterator[CommandLine]:
    try:
        data = json.loads(text)
    except ValueError:
        return
    if not isinstance(data, dict):
        return
    for key in ("buildCommand", "installCommand", "devCommand"):
        if isinstance(data.get(key), str):
            yield from _keyed(text, json.dumps(key), data[key])


def _netlify(text: str) -> Iterator[CommandLine]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10 only
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return
    contexts = data.get("context", {})
    tables = [data.get("build"), data.get("dev"), *(contexts.values() if isinstance(contexts, dict) else ())]
    for table in tables:
        if isinstance(table, dict) and isinstance(table.get("command"), str):
            yield from _keyed(text, "command", table["command"])


def _keyed(text: str, key: str, value: str) -> Iterator[CommandLine]:
    """A command stored under key: numbered at the line holding both (the first such)."""
    lines = text.split("\n")
    probe = json.dumps(value)[1:-1]
    number = next((n for n, line in enumerate(lines) if key in line and probe in line), 0)
    for found in shell_lines(value.replace("\n", " ")):
        yield CommandLine(number + 1, lines[number], found.words)


READERS: dict[str, Callable[[str], Iterator[CommandLine]]] = {
    "package": _package,
    "shell": shell_lines,
    "workflow": _workflow,
    "compose": _compose,
    "docker": _docker,
    "make": _make,
    "Procfile": _procfile,
    "vercel.json": _vercel,
    "netlify.toml": _netlify,
}
