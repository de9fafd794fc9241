"""Where a repository keeps command lines, and how to read them out of each kind of file.

Only places that run commands are read: package.json `scripts`, shell
scripts, GitHub workflow `run:` steps, Dockerfile RUN/CMD/ENTRYPOINT, Makefile
recipes, Procfile entries, docker-compose `command:`/`entrypoint:`, and the
build and release commands of hosting platforms (platform_files.py).
Descriptions, comments, heredoc bodies and documentation are never read as
commands.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from prisma_lint.check import platform_files
from prisma_lint.check.lines import CommandLine, exec_form, scalar_lines, shell_lines, yaml_values

MAKE_VAR = re.compile(r"^([A-Za-z_][A-Za-z0-9_.-]*)\s*[:?+]?=\s*(.*)$")
MAKE_REF = re.compile(r"\$[({]([A-Za-z_][A-Za-z0-9_.-]*)[)}]")
DOCKER_HEREDOC = re.compile(r"<<-?\s*['\"]?([A-Za-z_][A-Za-z0-9_]*)['\"]?")
DOCKER = re.compile(r"^\s*(RUN|CMD|ENTRYPOINT)\s+(.*)$", re.IGNORECASE)


NAMED = {
    "package.json": "package",
    "Dockerfile": "docker",
    "Makefile": "make",
    "makefile": "make",
    "GNUmakefile": "make",
    "Procfile": "Procfile",
    **{name: name for name in platform_files.READERS},
}
# DOTALL: a file name may hold a newline, and must not hide the file from the policy.
PATTERNS = [
    (re.compile(r".*\.(sh|bash)", re.DOTALL), "shell"),
    (re.compile(r"dockerfile\..*|.*\.dockerfile", re.DOTALL), "docker"),
    (re.compile(r".*\.mk", re.DOTALL), "make"),
    (re.compile(r"(docker-)?compose[\w.-]*\.ya?ml"), "compose"),
]


def kind_of(path: Path, in_workflows: bool) -> str | None:
    """Which reader a file needs, or None when it holds no commands."""
    lower = path.name.lower()
    if path.name in NAMED:
        return NAMED[path.name]
    if in_workflows and lower.endswith((".yml", ".yaml")):
        return "workflow"
    if path.name in ("action.yml", "action.yaml") and ".github" in path.parts[:-1]:
        return "workflow"  # a composite action's steps run: like a workflow's
    return next((kind for pattern, kind in PATTERNS if pattern.fullmatch(lower)), None)


def read_commands(kind: str, text: str) -> list[CommandLine]:
    return list(READERS[kind](text))


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
    for node in yaml_values(text, ("run",)):
        yield from scalar_lines(node, text)


def _compose(text: str) -> Iterator[CommandLine]:
    import yaml

    for node in yaml_values(text, ("command", "entrypoint")):
        if isinstance(node, yaml.SequenceNode):
            words = tuple(str(item.value) for item in node.value if isinstance(item, yaml.ScalarNode))
            line = node.start_mark.line
            yield from exec_form(words, line + 1, text.split("\n")[line])
        elif isinstance(node, yaml.ScalarNode):
            yield from scalar_lines(node, text)


def _docker(text: str) -> Iterator[CommandLine]:
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        match = DOCKER.match(lines[i])
        start = i
        heredoc = DOCKER_HEREDOC.fullmatch(match.group(2).strip()) if match else None
        if heredoc:  # RUN <<EOF: the lines up to EOF are the script
            end = next(
                (n for n in range(i + 1, len(lines)) if lines[n].strip() == heredoc.group(1)), len(lines)
            )
            yield from shell_lines("\n".join(lines[i + 1 : end]), i + 2)
            i = end
        elif match:
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
            yield from exec_form(tuple(words), line, shown)
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


READERS: dict[str, Callable[[str], Iterator[CommandLine]]] = {
    "package": _package,
    "shell": shell_lines,
    "workflow": _workflow,
    "compose": _compose,
    "docker": _docker,
    "make": _make,
    "Procfile": _procfile,
    **platform_files.READERS,
}
