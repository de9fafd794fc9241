"""Configuration: `[tool.prisma-lint]` in pyproject.toml, or a `.prisma-lint.toml`.

Looked up from the working directory upwards (stopping at a git root), or
given with --config. Every key is checked: an unknown key or a bad value is a
ConfigError (exit 2), never silently ignored.

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

`check` also reads: check-migrations and check-migrate-commands (policy
checks, on by default), history-depth (commits of canonical history searched
for a stale match, 200) and cache-dir (where remote repositories are fetched).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from prisma_lint.drift.changes import Change, Code, DiffResult, Severity
from prisma_lint.errors import ConfigError

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
}


@dataclass(frozen=True)
class IgnoreRule:
    code: Code | None = None
    path: str | None = None  # an fnmatch glob over change paths, case-sensitive

    def matches(self, change: Change) -> bool:
        if self.code is not None and change.code is not self.code:
            return False
        return self.path is None or fnmatchcase(change.path, self.path)


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


def find_config(start: Path) -> Path | None:
    """`.prisma-lint.toml`, or a pyproject.toml with [tool.prisma-lint], nearest first."""
    for folder in (start, *start.parents):
        candidate = folder / ".prisma-lint.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "prisma-lint" in _read(pyproject).get("tool", {}):
            return pyproject
        if (folder / ".git").exists():
            return None
    return None


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    data = _read(path)
    table = data.get("tool", {}).get("prisma-lint", {}) if path.name == "pyproject.toml" else data
    return parse_config(table, str(path))


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


def parse_config(table: dict[str, Any], source: str) -> Config:
    unknown = sorted(set(table) - KEYS)
    if unknown:
        raise ConfigError(
            f"{source}: unknown key {unknown[0]!r} in prisma-lint config{_did_you_mean(unknown[0], KEYS)} "
            f"(known keys: {', '.join(sorted(KEYS))})"
        )
    return Config(
        source=source,
        canonical=_string(table, "canonical", source),
        portal=_string(table, "portal", source),
        strict=_bool(table, "strict", source),
        check_migrations=_bool(table, "check-migrations", source, default=True),
        check_migrate_commands=_bool(table, "check-migrate-commands", source, default=True),
        history_depth=_count(table, "history-depth", source, default=200),
        cache_dir=_string(table, "cache-dir", source),
        ignore=tuple(_ignore_rule(item, source) for item in _list(table, "ignore", source)),
        severity=_severities(table.get("severity", {}), source),
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


def _count(table: dict[str, Any], key: str, source: str, default: int) -> int:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"{source}: {key} must be a whole number of 1 or more, not {value!r}")
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


def _did_you_mean(key: str, known: set[str]) -> str:
    """`history_depth` -> history-depth: TOML users reach for underscores, and typos."""
    import difflib

    near = difflib.get_close_matches(key.replace("_", "-"), sorted(known), n=1, cutoff=0.6)
    return f"; did you mean {near[0]!r}?" if near else ""
