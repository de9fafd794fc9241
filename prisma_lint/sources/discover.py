"""Find an app's schema the way Prisma 7 does, when neither the command line nor the config names it.

In order: the `schema` key of the app's Prisma config (prisma.config.ts, or
.config/prisma.ts, each also as .mts/.cts/.js/.mjs/.cjs, in the order of
Prisma's loader), resolved against the config file's own folder; then prisma/schema.prisma;
then schema.prisma; then a prisma/schema/ folder. The config also names the
migrations folder (`migrations.path`), which the policy checks.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from prisma_lint.errors import ConfigError
from prisma_lint.sources.prisma_config import ConfigValue, read_prisma_config, unparsable

EXTENSIONS = ("ts", "mts", "cts", "js", "mjs", "cjs")
CONFIG_NAMES = tuple(f"prisma.config.{e}" for e in EXTENSIONS) + tuple(
    f".config/prisma.{e}" for e in EXTENSIONS
)
DEFAULTS = ("prisma/schema.prisma", "schema.prisma", "prisma/schema")


@dataclass(frozen=True)
class Discovered:
    schema: Path
    through: str  # how it was found, for the text report
    config: Path | None = None  # the app's Prisma config file, if it has one


def find_prisma_config(app: Path) -> Path | None:
    return next((app / name for name in CONFIG_NAMES if (app / name).is_file()), None)


def discover_schema(app: Path, key: str = "portal") -> Discovered:
    """The schema of the app in folder `app`; `key` names the prisma-lint setting to suggest."""
    config = find_prisma_config(app)
    if config is not None:
        read = read_prisma_config(config)
        value = read.schema
        if value is None and read.broken:
            raise unparsable(read, "schema key", key)
        if value is not None and value.text != "":  # Prisma takes "" for unset
            schema = _resolve(config, value, "schema", key, app)
            if not schema.exists():
                raise ConfigError(
                    f"{_where(config, value)}: the schema {value.text!r} named here does not exist "
                    f"({schema}). Fix the config, or set {key} in prisma-lint's config."
                )
            return Discovered(schema, f"the schema key of {_name(config, app)}", config)
    for default in DEFAULTS:
        candidate = app / default
        if candidate.is_file() or (candidate.is_dir() and any(candidate.rglob("*.prisma"))):
            return Discovered(candidate, f"Prisma's default location {default}", config)
    looked = ", ".join(("a schema key in prisma.config.ts or .config/prisma.ts", *DEFAULTS))
    where = "the working directory" if str(app) == "." else str(app)
    raise ConfigError(
        f"no {key} schema found in {where} (looked for {looked}); give --{key}, or set {key} in "
        "prisma-lint's config"
    )


def migrations_folder(app: Path) -> Path | None:
    """`migrations.path` of the app's Prisma config, resolved; None when it sets none."""
    config = find_prisma_config(app)
    if config is None:
        return None
    read = read_prisma_config(config)
    value = read.migrations
    if value is None and read.broken:
        raise unparsable(read, "migrations.path", "migrations")
    if value is None or value.text == "":  # Prisma takes "" for unset
        return None
    return _resolve(config, value, "migrations.path", "migrations", app)


def _resolve(config: Path, value: ConfigValue, what: str, key: str, app: Path) -> Path:
    if value.text is None:
        raise ConfigError(
            f"{_where(config, value)}: the {what} value `{value.source}` cannot be read without running "
            f"the config (prisma-lint reads string literals and path.join of literals only). Set "
            f'{key} = "…" in prisma-lint\'s config instead.'
        )
    # Prisma's loader resolves the config's paths against the config file's folder
    # (path.resolve(path.dirname(configFile), value)); a path.resolve() in the config itself
    # has already made it absolute against the folder Prisma runs in, the app's.
    base = app if value.from_cwd else config.parent
    return Path(os.path.normpath(base / value.text))


def _where(config: Path, value: ConfigValue) -> str:
    return f"{config}:{value.line}:{value.column}"


def _name(config: Path, app: Path) -> str:
    try:
        return config.relative_to(app).as_posix()
    except ValueError:
        return str(config)
