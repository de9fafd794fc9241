"""Where a schema is when the command line and the config do not name it: as Prisma 7 finds it.

An app folder (a Prisma config, a package.json or a prisma/ folder, and no
.prisma files of its own: a monorepo's apps/admin) has its schema looked up in
it, as Prisma would; the portal, when nothing names it, in the working directory.
"""

from __future__ import annotations

from pathlib import Path

from prisma_lint.errors import ConfigError
from prisma_lint.sources.discover import discover_schema, find_prisma_config
from prisma_lint.sources.specs import parse_spec


def app_schema(given: str | None, key: str, cwd: Path) -> tuple[str, str]:
    """The schema to read, and how it was found when Prisma's own lookup found it.

    Nothing given: the portal is looked up in the working directory. A local
    folder that looks like an app (a Prisma config, a package.json or a prisma/
    folder, and no .prisma files of its own: a monorepo's apps/admin) has its
    schema looked up in it, as Prisma would; any other folder is a schema folder.
    """
    if given is not None:
        if parse_spec(given, cwd) is not None or not _is_app(cwd / given):
            return given, ""
        app = cwd / given
    elif key == "portal":
        app = cwd
    else:
        raise ConfigError("no canonical schema: give --canonical, or set canonical in prisma-lint's config")
    found = discover_schema(app, key)
    path = _relative_to(found.schema, cwd)
    return path, f"{key.capitalize()} schema {path}: found through {found.through}."


def _is_app(folder: Path) -> bool:
    if not folder.is_dir() or any(folder.glob("*.prisma")):
        return False
    markers = (folder / "package.json").is_file() or (folder / "prisma").is_dir()
    return markers or find_prisma_config(folder) is not None


def _relative_to(path: Path, cwd: Path) -> str:
    try:
        return path.relative_to(cwd).as_posix()
    except ValueError:
        return str(path)
