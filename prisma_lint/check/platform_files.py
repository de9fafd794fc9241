"""Hosting platforms' build and release commands: vercel.json, netlify.toml, fly.toml,
railway.toml/railway.json and render.yaml. Each names its commands under known keys; only
those are read (a release command is where a Heroku-style app runs its migrations)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Any

from prisma_lint.check.lines import CommandLine, keyed, scalar_lines, yaml_values

RAILWAY_KEYS = ("buildCommand", "startCommand", "preDeployCommand")


def _toml(text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10 only
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return {}


def _json(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _table(data: Any, key: str) -> dict[str, Any]:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, dict) else {}


def _commands(text: str, key: str, value: Any, quoted: bool) -> Iterator[CommandLine]:
    """A string, or a list of strings (each a command line), stored under key."""
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            yield from keyed(text, json.dumps(key) if quoted else key, item)


def vercel(text: str) -> Iterator[CommandLine]:
    data = _json(text)
    for key in ("buildCommand", "installCommand", "devCommand"):
        yield from _commands(text, key, data.get(key), quoted=True)


def netlify(text: str) -> Iterator[CommandLine]:
    data = _toml(text)
    contexts = _table(data, "context")
    for table in (_table(data, "build"), _table(data, "dev"), *(_table(contexts, c) for c in contexts)):
        yield from _commands(text, "command", table.get("command"), quoted=False)


def fly(text: str) -> Iterator[CommandLine]:
    """`[deploy] release_command` and the `[processes]` command lines."""
    data = _toml(text)
    yield from _commands(text, "release_command", _table(data, "deploy").get("release_command"), quoted=False)
    for name, line in _table(data, "processes").items():
        yield from _commands(text, name, line, quoted=False)


def railway_toml(text: str) -> Iterator[CommandLine]:
    data = _toml(text)
    for table in (_table(data, "build"), _table(data, "deploy")):
        for key in RAILWAY_KEYS:
            yield from _commands(text, key, table.get(key), quoted=False)


def railway_json(text: str) -> Iterator[CommandLine]:
    data = _json(text)
    for table in (_table(data, "build"), _table(data, "deploy")):
        for key in RAILWAY_KEYS:
            yield from _commands(text, key, table.get(key), quoted=True)


def render(text: str) -> Iterator[CommandLine]:
    for node in yaml_values(text, RAILWAY_KEYS):
        yield from scalar_lines(node, text)


READERS = {
    "vercel.json": vercel,
    "netlify.toml": netlify,
    "fly.toml": fly,
    "railway.toml": railway_toml,
    "railway.json": railway_json,
    "render.yaml": render,
}
