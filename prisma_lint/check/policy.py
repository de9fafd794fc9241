"""Schema-ownership rules beyond the schema itself: a portal never migrates.

- PORTAL_HAS_MIGRATIONS (`check-migrations`): a migrations folder where
  Prisma would look for one. Migrations belong to the admin app.
- PORTAL_RUNS_* (`check-migrate-commands`): a command line that changes the
  database or overwrites the copy. Command lines are split into words
  (commands.py) and read only from places that run them (command_files.py);
  a script that runs another package.json script is followed, and the finding
  names the chain.

Findings name the file and line, relative to the repository root; the record's path
is the file and the command (with the scripts leading to it), never a line number, so
its fingerprint survives edits around it.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from prisma_lint.check.command_files import kind_of, read_commands
from prisma_lint.check.commands import Unparsable, commands, invocation, prisma_command, quote
from prisma_lint.check.lines import CommandLine
from prisma_lint.drift.changes import Change, Code, Kind, Location, Obj
from prisma_lint.sources.files import read_inside

SKIP_DIRS = {".git", "node_modules", ".venv", "venv", "dist", "build", ".next", ".turbo", "coverage"}
MAX_FILE = 1024 * 1024  # a larger file is no script of ours
MAX_CHAIN = 20  # scripts followed through `npm run` before giving up (a loop, or worse)

# (subcommand words) -> code and what the command does, for the message.
FORBIDDEN: dict[tuple[str, ...], tuple[Code, str]] = {
    **{
        ("migrate", sub): (Code.PORTAL_RUNS_MIGRATE, what)
        for sub, what in [
            ("dev", "creates and applies migrations"),
            ("deploy", "applies migrations to the database"),
            ("reset", "drops and recreates the database"),
            ("resolve", "rewrites the database's migration history"),
        ]
    },
    ("db", "push"): (Code.PORTAL_RUNS_DB_PUSH, "writes the schema to the database"),
    ("db", "pull"): (Code.PORTAL_RUNS_DB_PULL, "overwrites the read-only schema copy"),
    ("db", "execute"): (Code.PORTAL_RUNS_DB_EXECUTE, "runs SQL against the database"),
    **{
        ("db", sub): (Code.PORTAL_RUNS_PRISMA8_DB, "changes the database (Prisma 8)")
        for sub in ("init", "update", "migrate", "sign")
    },
}


@dataclass(frozen=True)
class Hit:
    """A forbidden Prisma command, and the package.json scripts it was reached through."""

    code: Code
    command: str
    what: str
    chain: tuple[str, ...] = ()


def find_migration_folders(
    root: Path, schema: Path, base: Path, migrations: Path | None = None
) -> list[Change]:
    """Migrations folders where Prisma looks: the configured path, beside the schema,
    `prisma/migrations/`, and Prisma 8's `migrations/app/`. Paths relative to `base`."""
    schema_dir = schema if schema.is_dir() else schema.parent
    candidates = [root / "prisma" / "migrations", schema_dir / "migrations", root / "migrations" / "app"]
    found = []
    for folder in dict.fromkeys([*([migrations] if migrations else []), *candidates]):
        if folder.is_dir():
            rel = _rel(folder, base)
            message = (
                f"The portal repository has a migrations folder, {rel}/. Migrations belong to the "
                "admin app that owns the schema; delete this folder."
            )
            found.append(_change(Code.PORTAL_HAS_MIGRATIONS, rel, message, Location(rel, 1, 1)))
    return found


def find_migrate_commands(root: Path, base: Path) -> list[Change]:
    """Every forbidden Prisma command in the app's command lines (see command_files.py)."""
    files = [
        (path, kind, text) for path, kind in _candidate_files(root) if (text := _read(path, root)) is not None
    ]
    scripts = {path.parent: _scripts(text) for path, kind, text in files if kind == "package"}
    found = []
    for path, kind, text in files:
        scope = _scope(path.parent, root, scripts)
        rel = _rel(path, base)
        seen: Counter[str] = Counter()  # a command's second use in a file gets `#2` in its path
        for line in read_commands(kind, text):
            for hit in _hits(line, scope):
                found.append(_finding(hit, line, rel, seen))
    return found


def _hits(line: CommandLine, scripts: dict[str, CommandLine]) -> Iterator[Hit]:
    yield from _walk(line.words, scripts, (), set())


def _walk(
    words: tuple[tuple[str, ...], ...],
    scripts: dict[str, CommandLine],
    chain: tuple[str, ...],
    seen: set[str],
) -> Iterator[Hit]:
    names = frozenset(scripts)
    for command in words:
        run = invocation(command, names)
        if run is None:
            continue
        if run.prisma is not None:
            sub = prisma_command(run.prisma)
            if sub in FORBIDDEN:
                code, what = FORBIDDEN[sub]
                yield Hit(code, quote(command), what, chain)
        for line in run.lines:
            yield from _walk(_commands(line), scripts, chain, seen)
        for name in run.scripts:
            if name in scripts and name not in seen and len(chain) < MAX_CHAIN:
                target = _with_args(scripts[name].words, run.args)
                yield from _walk(target, scripts, (*chain, name), seen | {name})


def _with_args(words: tuple[tuple[str, ...], ...], args: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The package manager appends a script's extra words to its command line: to its last command."""
    if not args or not words:
        return words
    return (*words[:-1], (*words[-1], *args))


def _commands(line: str) -> tuple[tuple[str, ...], ...]:
    try:
        return tuple(commands(line))
    except Unparsable:
        return ()


def _finding(hit: Hit, line: CommandLine, rel: str, seen: Counter[str]) -> Change:
    via = ""
    if hit.chain:
        steps = ", which runs ".join(f"script `{name}`" for name in hit.chain)
        via = f" through {steps},"
    own = f" (script `{line.script}`)" if line.script else ""
    message = (
        f"{rel} runs `{hit.command}` on line {line.line}{own}{via.rstrip(',')}: it {hit.what}. "
        "Only the admin app may change the database; the portal runs `prisma generate` only."
    )
    where = Location(rel, line.line, _column(line.text, hit), line.text)
    key = f"{rel}#" + " > ".join((*hit.chain, hit.command))  # position-free: the file and the command
    seen[key] += 1
    return _change(hit.code, key + (f"#{seen[key]}" if seen[key] > 1 else ""), message, where)


def _column(text: str, hit: Hit) -> int:
    """Where the command, or the first script of its chain, stands in the line (else 1).

    In a package.json line the search starts after the key, which may share the name."""
    start = max(text.find('": '), 0)
    for probe in (hit.chain[0] if hit.chain else hit.command, hit.command.split(" ", 1)[0]):
        found = text.find(probe, start)
        if found >= 0:
            return found + 1
    return 1


def _candidate_files(root: Path) -> list[tuple[Path, str]]:
    out = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
        here = Path(folder)
        in_workflows = here.name == "workflows" and here.parent.name == ".github"
        for name in files:
            kind = kind_of(here / name, in_workflows)
            if kind is not None:
                out.append((here / name, kind))
    return sorted(out, key=lambda p: p[0].relative_to(root).as_posix())


def _read(path: Path, root: Path) -> str | None:
    """The file's text; a link out of the app, a device or a huge file is not ours to read."""
    data = read_inside(path, root, MAX_FILE)
    return None if data is None else data.decode("utf-8", errors="replace")


def _scripts(text: str) -> dict[str, CommandLine]:
    return {line.script: line for line in read_commands("package", text) if line.script}


def _scope(folder: Path, root: Path, scripts: dict[Path, dict[str, CommandLine]]) -> dict[str, CommandLine]:
    """The scripts of the nearest package.json at or above folder, within the app."""
    for candidate in (folder, *folder.parents):
        if candidate in scripts:
            return scripts[candidate]
        if candidate == root:
            break
    return {}


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _change(code: Code, path: str, message: str, where: Location) -> Change:
    return Change(
        code, Kind.ADDED, Obj.POLICY, path, code.info.severity, message, None, where
    ).with_fingerprint()
