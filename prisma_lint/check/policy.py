"""Schema-ownership rules beyond the schema itself: a portal never migrates.

Two checks, each with its own code and config switch:

- PORTAL_HAS_MIGRATIONS (`check-migrations`): the portal repository has a
  `prisma/migrations/` folder, or a `migrations` folder beside its schema.
  Migrations belong to the admin app; a second set would fight the first.
- PORTAL_RUNS_MIGRATE (`check-migrate-commands`): a package.json script, a
  shell script or a GitHub workflow runs `prisma migrate ...` or
  `prisma db push`. Only the admin app may change the database.

Both report the file and line, relative to the repository root; the record's
path is the file (and the command), never a line number, so its fingerprint
survives edits around it.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path

from prisma_lint.drift.changes import Change, Code, Kind, Location, Obj

MIGRATE = re.compile(r"\bprisma\s+(?:migrate(?:\s+[a-z-]+)?|db\s+push)\b")
SKIP_DIRS = {".git", "node_modules", ".venv", "venv", "dist", "build", ".next", ".turbo", "coverage"}
SCRIPT_SUFFIXES = (".sh", ".bash")
MAX_FILE = 1024 * 1024  # a larger file is no script of ours


def find_migration_folders(root: Path, schema: Path, base: Path) -> list[Change]:
    """`prisma/migrations/` in the app's root, or `migrations/` beside the schema.

    Paths in the findings are relative to `base`, the repository root.
    """
    found = []
    schema_dir = schema if schema.is_dir() else schema.parent
    for folder in dict.fromkeys([root / "prisma" / "migrations", schema_dir / "migrations"]):
        if folder.is_dir():
            rel = _rel(folder, base)
            found.append(
                _change(
                    Code.PORTAL_HAS_MIGRATIONS,
                    rel,
                    f"The portal repository has a migrations folder, {rel}/. Migrations belong to the "
                    "admin app that owns the schema; delete this folder.",
                    Location(rel, 1, 1),
                )
            )
    return found


def find_migrate_commands(root: Path, base: Path) -> list[Change]:
    """Every `prisma migrate` or `prisma db push` in the app's scripts and package.json files,
    and in the repository's workflows when the app is the whole repository."""
    found = []
    for path in _candidate_files(root):
        try:
            if path.stat().st_size > MAX_FILE:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if path.name == "package.json" and not _has_scripts(text):
            continue
        rel = _rel(path, base)
        seen: Counter[str] = Counter()
        for number, line in enumerate(text.splitlines(), start=1):
            match = MIGRATE.search(line)
            if match and not line.lstrip().startswith("#"):
                command = " ".join(match.group(0).split())
                seen[command] += 1
                # A position-free key: the file and the command, `#2` for its second use there.
                key = f"{rel}#{command}" + (f"#{seen[command]}" if seen[command] > 1 else "")
                found.append(
                    _change(
                        Code.PORTAL_RUNS_MIGRATE,
                        key,
                        f"{rel} runs `{command}` on line {number}. Only the admin app may change the "
                        "database; the portal runs `prisma generate` only.",
                        Location(rel, number, match.start() + 1, line),
                    )
                )
    return found


def _candidate_files(root: Path) -> list[Path]:
    out = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
        here = Path(folder)
        in_workflows = here.name == "workflows" and here.parent.name == ".github"
        for name in sorted(files):
            if (
                name == "package.json"
                or name.endswith(SCRIPT_SUFFIXES)
                or (in_workflows and name.endswith((".yml", ".yaml")))
            ):
                out.append(here / name)
    return sorted(out, key=lambda p: p.relative_to(root).as_posix())


def _has_scripts(text: str) -> bool:
    try:
        return isinstance(json.loads(text).get("scripts"), dict)
    except (ValueError, AttributeError):
        return False


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _change(code: Code, path: str, message: str, where: Location) -> Change:
    return Change(
        code, Kind.ADDED, Obj.POLICY, path, code.info.severity, message, None, where
    ).with_fingerprint()
