"""Discovery and the policy over layouts modelled on 22 public repositories.

Each folder in tests/fixtures/layouts/<owner>__<repo>/ was written by hand after reading that
repository's Prisma config, package.json scripts and workflow/Docker files (its NOTE says what
was modelled); nothing is copied. The expected answers below were worked out from the fixture
files and Prisma's rules, line by line, not taken from prisma-lint's output.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from prisma_lint.check.policy import find_migrate_commands, find_migration_folders
from prisma_lint.errors import ConfigError
from prisma_lint.sources.discover import discover_schema, migrations_folder
from tests.policy_records import line_and_command

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"
M, PUSH, PULL = "PORTAL_RUNS_MIGRATE", "PORTAL_RUNS_DB_PUSH", "PORTAL_RUNS_DB_PULL"
CONFIG, DOTCONFIG = "the schema key of prisma.config.ts", "the schema key of .config/prisma.ts"
DEFAULT = "Prisma's default location prisma/schema.prisma"


@dataclass(frozen=True)
class Layout:
    repo: str
    schema: str  # relative to the app folder; or, after "error: ", the start of the error message
    through: str = ""
    app: str = ""  # the Prisma app's folder inside the repository
    migrations: tuple[str, ...] = ()  # PORTAL_HAS_MIGRATIONS paths, relative to the repository
    commands: tuple[tuple[str, str, str], ...] = ()  # (code, file:line, what ran, through which scripts)


CASES = [
    Layout(
        "andreqko69/nuxt-blog",
        "prisma",
        CONFIG,
        migrations=("prisma/migrations",),
        commands=(
            (M, "package.json:7", "prisma migrate dev"),
            (M, "package.json:8", "prisma migrate deploy"),
            (PULL, "package.json:9", "prisma db pull"),
            (PUSH, "package.json:10", "prisma db push"),
        ),
    ),
    Layout(
        "discord-void-project/bot",
        "prisma",
        CONFIG,
        migrations=("prisma/migrations",),
        commands=((PUSH, "package.json:7", "npx prisma db push"),),
    ),
    Layout("juliosulato/aix-dance", "prisma", CONFIG),
    Layout("naru70o/Fullstack-LMS-project", "prisma/schema", CONFIG, app="server"),
    Layout(
        "ghostfolio/ghostfolio",
        "prisma/schema.prisma",
        DOTCONFIG,
        migrations=("prisma/migrations",),
        commands=(
            (M, "docker/entrypoint.sh:6", "npx prisma migrate deploy"),
            (M, "package.json:8", "prisma migrate deploy"),
            (PUSH, "package.json:9", "prisma db push"),
            (PUSH, "package.json:11", "database:push > prisma db push"),
            (M, "package.json:14", "database:migrate > prisma migrate deploy"),
        ),
    ),
    # './prisma/schema.prisma' in .config/prisma.ts names .config/prisma/schema.prisma
    Layout(
        "pixie-cheeks/hello-prisma",
        "error: .config/prisma.ts:5:11: the schema './prisma/schema.prisma' named",
    ),
    Layout("w3ctag/w3ctagbot", "prisma/schema.prisma", DOTCONFIG, migrations=("prisma/migrations",)),
    Layout("haus23/tipprunde", "database/schema.prisma", DOTCONFIG),
    Layout(
        "Aloklok/blinko",
        "prisma/schema.prisma",
        DEFAULT,
        migrations=("prisma/migrations",),
        commands=(
            (M, "package.json:7", "prisma migrate dev"),
            (M, "package.json:8", "prisma migrate deploy"),
        ),
    ),
    # migrate dev/deploy run through a tsx wrapper script that runs its arguments: code, not followed
    Layout(
        "NanashiTheNameless/muse",
        "schema.prisma",
        "the schema key of prisma.config.mjs",
        migrations=("migrations",),
    ),
    Layout(
        "FunctionDJ/WarsWorld",
        "prisma/schema.prisma",
        DOTCONFIG,
        commands=(
            (PUSH, "package.json:4", "bunx --bun prisma db push"),
            (M, "package.json:5", "bunx --bun prisma migrate reset"),
            (PUSH, "package.json:9", "prisma:push > bunx --bun prisma db push"),
            (PUSH, "package.json:10", "prisma:push > bunx --bun prisma db push"),
        ),
    ),
    Layout(
        "0PandaDEV/Ziit",
        "prisma/schema.prisma",
        CONFIG,
        migrations=("prisma/migrations",),
        commands=((M, "Dockerfile:7", "bunx prisma migrate deploy"),),
    ),
    Layout(
        "ABC-TransitionBasCarbone/bilan-carbone",
        "prisma/schema",
        CONFIG,
        app="packages/db",
        migrations=("packages/db/prisma/schema/migrations",),
        commands=((M, "packages/db/package.json:4", "prisma migrate dev"),),
    ),
    Layout(
        "Act962/portal-app",
        "prisma/schema",
        CONFIG,
        app="packages/db",
        migrations=("packages/db/prisma/migrations",),
        commands=(
            (PUSH, "packages/db/package.json:4", "prisma db push"),
            (M, "packages/db/package.json:6", "prisma migrate dev"),
        ),
    ),
    Layout("86d-app/86d", "prisma", CONFIG, app="packages/db"),
    Layout(
        "36node/stargate-next",
        "prisma/schema.prisma",
        CONFIG,
        app="packages/db",
        migrations=("packages/db/prisma/migrations",),
        commands=(
            (PUSH, "packages/db/package.json:6", "prisma db push --force-reset"),
            (M, "packages/db/package.json:7", "prisma migrate deploy"),
        ),
    ),
    Layout(
        "AnasX7/nestjs-monorepo",
        "prisma/schema/schema.prisma",
        CONFIG,
        app="packages/db",
        commands=((M, "packages/db/package.json:7", "prisma migrate dev"),),
    ),
    Layout("doodlezucc/dungeonclub", "prisma/schema.prisma", DEFAULT),
    Layout("ilaipi-freedom/backend-starter", "prisma", DOTCONFIG),
    Layout(
        "0-don/coding.global-bot",
        "prisma/schema.prisma",
        DEFAULT,
        commands=(
            (M, "docker-compose.yml:4", "start:migrate:prod > npx prisma migrate deploy"),
            (M, "package.json:5", "npx prisma migrate deploy"),
            (M, "package.json:6", "npx prisma migrate dev --name init"),
        ),
    ),
    Layout(
        "Clickadelic/api.webdev-hq.com",
        "prisma/schema.prisma",
        "the schema key of prisma.config.mjs",
        migrations=("prisma/migrations",),
    ),
    Layout(
        "yurapa/tea",
        "prisma/schema",
        DOTCONFIG,
        migrations=("prisma/migrations",),
        commands=(
            (M, "package.json:7", "npx prisma migrate dev --name"),
            (M, "package.json:8", "npx prisma migrate deploy"),
            (PUSH, "package.json:9", "npx prisma db push"),
            (M, "package.json:10", "prisma:wipe > npx prisma migrate reset --force"),
            (PUSH, "package.json:10", "prisma:wipe > npx prisma db push"),
            (M, "package.json:13", "npx prisma migrate reset --force"),
            (PUSH, "package.json:13", "npx prisma db push"),
        ),
    ),
]


def test_there_are_at_least_twenty_layouts_and_each_has_a_note() -> None:
    folders = sorted(p.name for p in LAYOUTS.iterdir())
    assert folders == sorted(c.repo.replace("/", "__") for c in CASES)
    assert len(CASES) >= 20
    for case in CASES:
        note = (LAYOUTS / case.repo.replace("/", "__") / "NOTE").read_text()
        assert note.startswith(f"Modelled on https://github.com/{case.repo} ")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.repo)
def test_discovery(case: Layout) -> None:
    app = LAYOUTS / case.repo.replace("/", "__") / case.app
    if case.schema.startswith("error: "):
        with pytest.raises(ConfigError) as err:
            discover_schema(app)
        assert str(err.value).startswith(f"{app}/{case.schema.removeprefix('error: ')}")
        return
    found = discover_schema(app)
    assert (found.schema, found.through) == (app / case.schema, case.through)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.repo)
def test_policy(case: Layout) -> None:
    repo = LAYOUTS / case.repo.replace("/", "__")
    app = repo / case.app
    try:
        schema = discover_schema(app).schema
    except ConfigError:
        schema = app / "prisma" / "schema.prisma"  # what the user would then set in prisma-lint's config
    folders = find_migration_folders(app, schema, repo, migrations_folder(app))
    assert tuple(c.path for c in folders) == case.migrations
    found = tuple((c.code.value, *line_and_command(c)) for c in find_migrate_commands(app, base=repo))
    assert found == case.commands
