"""Configuration: `.prisma-lint.toml`, `[tool.prisma-lint]` in pyproject.toml, or a
`"prisma-lint"` object in package.json (same keys, same checks).

Looked up from the working directory upwards (stopping at a git root), or
given with --config. The nearest folder with any of the three wins; within a
folder, the first in that order wins and the others are not read. Every key is
checked: an unknown key or a bad value is a ConfigError (exit 2), never
silently ignored.

    [tool.prisma-lint]
    canonical = "../admin/prisma/schema.prisma"
    portal = "prisma/schema.prisma"
    strict = false
    ignore = [
      "DOCUMENTATION_CHANGED",                         # a code
      { code = "GENERATOR_CHANGED", path = "client.output" },
      { path = "AuditLog.*" },                         # a path glob
    ]
    [tool.prisma-lint.severity]
    GENERATOR_CHANGED = "error"

`[[tool.prisma-lint.portals]]` tables (each a `name` and a `schema`) name several
copies for one run of `check`, `diff` or `impact`. `check` also reads:
check-migrations and check-migrate-commands (policy checks, on by default),
history-depth (commits of canonical history searched for a stale match, 200),
cache-dir (where remote repositories are fetched) and
migrations (the portal's migrations folder, for when prisma.config.ts computes
`migrations.path`; otherwise it is read from there).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from prisma_lint.drift.changes import Change, Code, Severity
from prisma_lint.drift.result import DiffResult
from prisma_lint.errors import ConfigError
from prisma_lint.sources.package_json import package_config
from prisma_lint.words import did_you_mean

KEYS = {
    "canonical",
    "portal",
    "strict",
    "ignore",
    "severity",
    "check-migrations",
    "check-migrate-commands",
    "history-depth",
    "cache-dir",
    "portals",
    "migrations",
}


MAX_HISTORY_DEPTH = 100_000  # git refuses depths of 2**31 and more; no history is this long


@dataclass(frozen=True)
class IgnoreRule:
    code: Code | None = None
    path: str | None = None  # an fnmatch glob over change paths, case-sensitive

    def matches(self, change: Change) -> bool:
        if self.code is not None and change.code is not self.code:
            return False
        return self.path is None or fnmatchcase(change.path, self.path)


@dataclass(frozen=True)
class Portal:
    """One portal copy among several: a name for reports and a schema spec (path, REF:PATH, URL#REF:PATH)."""

    name: str
    schema: str


@dataclass(frozen=True)
class Config:
    source: str = ""  # where it was read from; "" for the defaults
    canonical: str | None = None
    portal: str | None = None
    strict: bool = False
    ignore: tuple[IgnoreRule, ...] = ()
    severity: dict[Code, Severity] = field(default_factory=dict)
    check_migrations: bool = True  # `check`: a migrations folder in the portal repository
    check_migrate_commands: bool = True  # `check`: scripts that run prisma migrate / db push
    history_depth: int = 200  # `check`: commits of canonical history searched for a stale match
    cache_dir: str | None = None  # `check`: where remote repositories are fetched
    portals: tuple[Portal, ...] = ()  # several copies, each named: [[tool.prisma-lint.portals]]
    migrations: str | None = None  # `check`: the portal's migrations folder, when its prisma.config.ts
    # computes `migrations.path` (otherwise read from there)

    def apply(self, result: DiffResult) -> DiffResult:
        """Drop ignored changes and re-grade severities."""
        kept = []
        for change in result.changes:
            if any(rule.matches(change) for rule in self.ignore):
                continue
            severity = self.severity.get(change.code, change.severity)
            kept.append(replace(change, severity=severity) if severity is not change.severity else change)
        dropped = len(result.changes) - len(kept)
        return replace(result, changes=tuple(kept), ignored=result.ignored + dropped)

    def resolve(self, value: str | None, cwd: Path) -> str | None:
        """A source this config names, relative to the working directory (see config_relative)."""
        if value is None or not self.source:
            return value
        return config_relative(value, Path(self.source).parent, cwd)


def config_relative(value: str, folder: Path, cwd: Path) -> str:
    """A source named in a config file, made relative to the working directory.

    Paths in a config file are relative to its folder (as in ruff); so is the
    repository path of a local `PATH#REF:FILE` spec. REF:PATH and remote URLs
    are left alone.
    """
    import os

    from prisma_lint.sources.specs import is_remote, parse_spec

    spec = parse_spec(value, folder)
    if spec is None:
        return value if Path(value).is_absolute() else os.path.relpath(folder / value, cwd)
    if spec.url is None or is_remote(spec.url) or Path(spec.url).is_absolute():
        return value
    local = os.path.relpath(folder / spec.url, cwd)
    return f"{local}#{spec.ref}:{spec.path}"


def find_config(start: Path) -> Path | None:
    """`.prisma-lint.toml`, a pyproject.toml with [tool.prisma-lint], or a package.json
    with "prisma-lint", nearest first."""
    for folder in (start, *start.parents):
        candidate = folder / ".prisma-lint.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "prisma-lint" in _tool(_read(pyproject), pyproject):
            return pyproject
        package = folder / "package.json"
        if package.is_file() and package_config(package) is not None:
            return package
        if (folder / ".git").exists():
            return None
    return None


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    if path.name == "package.json":
        return parse_config(package_config(path) or {}, str(path))
    data = _read(path)
    table = _tool(data, path).get("prisma-lint", {}) if path.name == "pyproject.toml" else data
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.prisma-lint] must be a table, not {table!r}")
    return parse_config(table, str(path))


def _tool(data: dict[str, Any], path: Path) -> dict[str, Any]:
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: [tool] must be a table, not {tool!r}")
    return tool


def _read(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):  # imported here: most runs have no config file
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        with path.open("rb") as f:
            data: dict[str, Any] = tomllib.load(f)
            return data
    except OSError as err:
        raise ConfigError(f"{path}: cannot read: {err.strerror or err}") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: invalid TOML: {err}") from None
    except UnicodeDecodeError as err:
        raise ConfigError(f"{path}: not UTF-8 text (byte {err.start + 1}); TOML files are UTF-8") from None


def parse_config(table: dict[str, Any], source: str) -> Config:
    unknown = sorted(set(table) - KEYS)
    if unknown:
        raise ConfigError(
            f"{source}: unknown key {unknown[0]!r} in prisma-lint config{did_you_mean(unknown[0], KEYS)} "
            f"(known keys: {', '.join(sorted(KEYS))})"
        )
    return Config(
        source=source,
        canonical=_string(table, "canonical", source),
        portal=_string(table, "portal", source),
        strict=_bool(table, "strict", source),
        check_migrations=_bool(table, "check-migrations", source, default=True),
        check_migrate_commands=_bool(table, "check-migrate-commands", source, default=True),
        history_depth=_count(table, "history-depth", source, default=200, most=MAX_HISTORY_DEPTH),
        cache_dir=_string(table, "cache-dir", source),
        migrations=_string(table, "migrations", source),
        ignore=tuple(_ignore_rule(item, source) for item in _list(table, "ignore", source)),
        severity=_severities(table.get("severity", {}), source),
        portals=_portals(table, source),
    )


def _string(table: dict[str, Any], key: str, source: str) -> str | None:
    value = table.get(key)
    if value is not None and not isinstance(value, str):
        raise ConfigError(f"{source}: {key} must be a string, not {value!r}")
    return value


def _bool(table: dict[str, Any], key: str, source: str, default: bool = False) -> bool:
    value = table.get(key, default)
    if not isinstance(value, bool):
        raise ConfigError(f"{source}: {key} must be true or false, not {value!r}")
    return value


def _count(table: dict[str, Any], key: str, source: str, default: int, most: int | None = None) -> int:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1 or (most and value > most):
        wanted = f"from 1 to {most}" if most else "of 1 or more"
        raise ConfigError(f"{source}: {key} must be a whole number {wanted}, not {value!r}")
    return value


def _list(table: dict[str, Any], key: str, source: str) -> list[Any]:
    value = table.get(key, [])
    if not isinstance(value, list):
        raise ConfigError(f"{source}: {key} must be a list, not {value!r}")
    return value


def _code(value: Any, source: str) -> Code:
    try:
        return Code(value)
    except ValueError:
        raise ConfigError(
            f"{source}: unknown change code {value!r} (`prisma-lint codes` lists them)"
        ) from None


def _ignore_rule(item: Any, source: str) -> IgnoreRule:
    if isinstance(item, str):
        return IgnoreRule(code=_code(item, source))
    if not isinstance(item, dict) or not item or set(item) - {"code", "path"}:
        raise ConfigError(
            f"{source}: each ignore entry is a code, or a table with code and/or path: {item!r}"
        )
    path = item.get("path")
    if path is not None and not isinstance(path, str):
        raise ConfigError(f"{source}: ignore path must be a string glob, not {path!r}")
    code = _code(item["code"], source) if "code" in item else None
    return IgnoreRule(code=code, path=path)


def _severities(table: Any, source: str) -> dict[Code, Severity]:
    if not isinstance(table, dict):
        raise ConfigError(f'{source}: severity must be a table of CODE = "error" | "warning" | "notice"')
    out = {}
    for key, value in table.items():
        try:
            out[_code(key, source)] = Severity(value)
        except ValueError:
            raise ConfigError(
                f"{source}: severity of {key} must be error, warning or notice, not {value!r}"
            ) from None
    return out


PORTAL_KEYS = {"name", "schema"}


def _portals(table: dict[str, Any], source: str) -> tuple[Portal, ...]:
    """`[[portals]]`: each a table of exactly name and schema, names unique; not with `portal`."""
    entries = _list(table, "portals", source)
    if entries and table.get("portal") is not None:
        raise ConfigError(f"{source}: set portal (one copy) or portals (several), not both")
    portals: list[Portal] = []
    for index, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or set(entry) != PORTAL_KEYS:
            raise ConfigError(
                f"{source}: portals entry {index} must be a table with exactly name and schema: {entry!r}"
            )
        name, schema = entry["name"], entry["schema"]
        for key, value in (("name", name), ("schema", schema)):
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(f"{source}: portals entry {index}: {key} must be a non-empty string")
        if any(p.name == name for p in portals):
            raise ConfigError(f"{source}: portals entry {index}: the name {name!r} is used twice")
        portals.append(Portal(name, schema))
    return tuple(portals)
