"""The portal policy's command reading: every forbidden and allowed Prisma command, in every
place a repository keeps command lines, and the look-alikes that are no commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from prisma_lint.check.commands import commands, invocation
from prisma_lint.check.policy import find_migrate_commands, find_migration_folders
from tests.policy_records import line_and_command

FORBIDDEN = [
    ("prisma migrate dev --name init", "PORTAL_RUNS_MIGRATE"),
    ("prisma migrate deploy", "PORTAL_RUNS_MIGRATE"),
    ("prisma migrate reset --force", "PORTAL_RUNS_MIGRATE"),
    ("prisma migrate resolve --applied 20260101_init", "PORTAL_RUNS_MIGRATE"),
    ("prisma db push --accept-data-loss", "PORTAL_RUNS_DB_PUSH"),
    ("prisma db pull", "PORTAL_RUNS_DB_PULL"),
    ("prisma db execute --file fix.sql", "PORTAL_RUNS_DB_EXECUTE"),
    ("prisma db init", "PORTAL_RUNS_PRISMA8_DB"),
    ("prisma db update", "PORTAL_RUNS_PRISMA8_DB"),
    ("prisma db migrate", "PORTAL_RUNS_PRISMA8_DB"),
    ("prisma db sign", "PORTAL_RUNS_PRISMA8_DB"),
]
ALLOWED = [
    "prisma generate",
    "prisma validate",
    "prisma format",
    "prisma migrate status",
    "prisma migrate diff --from-empty --to-schema-datamodel prisma/schema.prisma --script",
    "prisma db seed",
    "prisma studio",
    "prisma version",
    "prisma --version",
]


def found(root: Path) -> list[str]:
    return [f"{c.code.value} {line_and_command(c)[0]}" for c in find_migrate_commands(root, base=root)]


def package(root: Path, scripts: dict[str, str], **extra: object) -> None:
    (root / "package.json").write_text(json.dumps({"name": "p", **extra, "scripts": scripts}, indent=2))


@pytest.mark.parametrize(("command", "code"), FORBIDDEN)
def test_each_forbidden_command_has_its_code(tmp_path: Path, command: str, code: str) -> None:
    package(tmp_path, {"build": "next build", "db": command})
    assert found(tmp_path) == [f"{code} package.json:5"]


@pytest.mark.parametrize("command", ALLOWED)
def test_each_allowed_command_passes(tmp_path: Path, command: str) -> None:
    package(tmp_path, {"db": command, "also": f"npx {command} && pnpm dlx {command}"})
    assert found(tmp_path) == []


@pytest.mark.parametrize(
    "line",
    [
        "npx prisma migrate deploy",
        "npx --yes prisma@6.19.0 migrate deploy",
        "pnpm prisma migrate deploy",
        "pnpm dlx prisma migrate deploy",
        "pnpm exec prisma migrate deploy",
        "pnpm --filter web exec prisma migrate deploy",
        "yarn prisma migrate deploy",
        "yarn dlx prisma migrate deploy",
        "bunx prisma migrate deploy",
        "bun x prisma migrate deploy",
        "npm exec -- prisma migrate deploy",
        "dotenv -e .env.production -- prisma migrate deploy",
        "cross-env NODE_ENV=production DATABASE_URL=x npx prisma migrate deploy",
        "./node_modules/.bin/prisma migrate deploy",
        "next build && prisma migrate deploy",
        "prisma generate; prisma migrate deploy",
        "true || prisma migrate deploy",
        "prisma migrate deploy | tee log.txt",
        "echo $(prisma migrate deploy)",
        'echo "`prisma migrate deploy`"',
        "sh -c 'prisma migrate deploy'",
        "(cd apps/web && prisma migrate deploy)",
        "DATABASE_URL=postgres://x prisma migrate deploy 2>&1 > out.log",
        "if true; then prisma migrate deploy; fi",
        "docker compose exec -T api npx prisma migrate deploy",
        "docker-compose run --rm -e DATABASE_URL=x web prisma migrate deploy",
        "docker run --rm -v $PWD:/app -w /app node:22 npx prisma migrate deploy",
        "docker exec portal-api npx prisma migrate deploy",
        "kubectl exec deploy/api -c api -- npx prisma migrate deploy",
    ],
)
def test_prefixes_and_operators_are_seen_through(line: str) -> None:
    runs = [invocation(c) for c in commands(line)]
    assert any(r is not None and r.prisma and r.prisma[:2] == ("migrate", "deploy") for r in runs), runs


@pytest.mark.parametrize(
    "line",
    [
        "grep -rn 'prisma migrate deploy' .",
        "echo 'never run prisma db push here'",
        "echo prisma db push",
        "# prisma migrate deploy",
        "next build # then prisma db push by hand",
        "echo '$(prisma db push)'",
        "printf '%s' \"prisma migrate reset\"",
        "git commit -m 'prisma migrate deploy'",
        "docker compose up -d prisma",
        "docker build -t prisma-migrate-deploy .",
        "kubectl logs prisma migrate deploy",
    ],
)
def test_strings_comments_and_greps_are_no_commands(line: str) -> None:
    runs = [invocation(c) for c in commands(line)]
    assert all(r is None for r in runs), runs


def test_script_indirection_is_reported_with_its_chain(tmp_path: Path) -> None:
    package(
        tmp_path,
        {
            "db:deploy": "prisma migrate deploy",
            "release": "npm run db:deploy",
            "ship": "pnpm release && yarn run build",
            "build": "next build",
            "loop": "npm run loop",
        },
    )
    changes = find_migrate_commands(tmp_path, base=tmp_path)
    assert [line_and_command(c) for c in changes] == [
        ("package.json:4", "prisma migrate deploy"),
        ("package.json:5", "db:deploy > prisma migrate deploy"),
        ("package.json:6", "release > db:deploy > prisma migrate deploy"),
    ]
    assert changes[2].message == (
        "package.json runs `prisma migrate deploy` on line 6 (script `ship`) through script `release`, "
        "which runs script `db:deploy`: it applies migrations to the database. Only the admin app may "
        "change the database; the portal runs `prisma generate` only."
    )


def test_workflow_run_steps_follow_scripts_and_skip_names(tmp_path: Path) -> None:
    package(tmp_path, {"db:deploy": "prisma migrate deploy"}, description="Never run prisma migrate here")
    wf = tmp_path / ".github" / "workflows"
    wf.mkdir(parents=True)
    (wf / "ci.yml").write_text(
        "name: prisma migrate deploy\non: push\njobs:\n  ci:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - name: Do not prisma db push\n        run: npx prisma generate\n"
        "      - run: |\n          npm ci\n          # prisma db push\n          npm run db:deploy\n"
        '      - run: "npx prisma db pull"\n'
    )
    assert found(tmp_path) == [
        "PORTAL_RUNS_DB_PULL .github/workflows/ci.yml:13",
        "PORTAL_RUNS_MIGRATE .github/workflows/ci.yml:12",
        "PORTAL_RUNS_MIGRATE package.json:5",
    ]


def test_composite_actions_are_read_like_workflows(tmp_path: Path) -> None:
    action = tmp_path / ".github" / "actions" / "db"
    action.mkdir(parents=True)
    (action / "action.yml").write_text(
        "name: db\ndescription: Runs prisma migrate deploy? No.\nruns:\n  using: composite\n  steps:\n"
        "    - shell: bash\n      run: npx prisma generate && npx prisma db push\n"
    )
    (tmp_path / "action.yml").write_text(
        "runs:\n  steps:\n    - run: npx prisma db push\n"
    )  # not under .github
    assert found(tmp_path) == ["PORTAL_RUNS_DB_PUSH .github/actions/db/action.yml:7"]


def test_shell_scripts_skip_heredocs_and_join_continuations(tmp_path: Path) -> None:
    (tmp_path / "deploy.sh").write_text(
        "#!/bin/bash\ncat <<EOF\nRun prisma migrate deploy yourself.\nEOF\n"
        "npx prisma \\\n  db push\necho 'done: prisma migrate reset'\n"
    )
    assert found(tmp_path) == ["PORTAL_RUNS_DB_PUSH deploy.sh:5"]


def test_dockerfile_forms(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(
        "FROM node:22\n# RUN prisma db push\nRUN npm ci && \\\n    npx prisma generate\n"
        'ENTRYPOINT ["npx", "prisma", "migrate", "deploy"]\n'
        'CMD ["sh", "-c", "npx prisma db push && node server.js"]\n'
        'LABEL note="prisma db pull"\n'
    )
    (tmp_path / "web.Dockerfile").write_text(
        "FROM node:22\nRUN npx prisma db execute --file x.sql\nRUN <<EOF\nnpm ci\nnpx prisma db pull\nEOF\n"
        "RUN echo done\n"
    )
    assert found(tmp_path) == [
        "PORTAL_RUNS_MIGRATE Dockerfile:5",
        "PORTAL_RUNS_DB_PUSH Dockerfile:6",
        "PORTAL_RUNS_DB_EXECUTE web.Dockerfile:2",
        "PORTAL_RUNS_DB_PULL web.Dockerfile:5",
    ]


def test_makefile_recipes_and_variables(tmp_path: Path) -> None:
    (tmp_path / "Makefile").write_text(
        "PRISMA := npx prisma\n# prisma db push\nhelp:\n\t@echo 'make db: prisma migrate dev'\n"
        "db:\n\t-$(PRISMA) migrate dev\nok:\n\t$(PRISMA) generate\n"
    )
    assert found(tmp_path) == ["PORTAL_RUNS_MIGRATE Makefile:6"]


def test_vercel_netlify_procfile_and_compose(tmp_path: Path) -> None:
    (tmp_path / "vercel.json").write_text(
        '{\n  "installCommand": "npm ci",\n  "buildCommand": "prisma generate && prisma db push"\n}\n'
    )
    (tmp_path / "netlify.toml").write_text(
        '[build]\n  command = "prisma migrate deploy && next build"\n'
        '[context.preview]\n  command = "prisma generate && next build"\n'
    )
    (tmp_path / "Procfile").write_text("web: node server.js\nrelease: npx prisma migrate deploy\n")
    (tmp_path / "docker-compose.yml").write_text(
        "services:\n  web:\n    image: node\n    command: npx prisma db push\n"
        '  job:\n    image: node\n    entrypoint: ["npx", "prisma", "db", "pull"]\n'
        "    environment:\n      NOTE: prisma migrate reset\n"
    )
    assert found(tmp_path) == [
        "PORTAL_RUNS_MIGRATE Procfile:2",
        "PORTAL_RUNS_DB_PULL docker-compose.yml:7",
        "PORTAL_RUNS_DB_PUSH docker-compose.yml:4",
        "PORTAL_RUNS_MIGRATE netlify.toml:2",
        "PORTAL_RUNS_DB_PUSH vercel.json:3",
    ]


def test_documentation_and_node_modules_are_not_read(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("Run `prisma migrate deploy` in the admin app only.\n")
    (tmp_path / "node_modules" / "x").mkdir(parents=True)
    package(tmp_path / "node_modules" / "x", {"postinstall": "prisma migrate deploy"})
    (tmp_path / "notes.txt").write_text("prisma db push\n")
    assert found(tmp_path) == []


def test_migration_folders_where_prisma_looks(tmp_path: Path) -> None:
    schema = tmp_path / "db" / "schema.prisma"
    for folder in ("prisma/migrations", "db/migrations", "migrations/app", "sql/history", "other/migrations"):
        (tmp_path / folder).mkdir(parents=True)
    schema.write_text("")
    paths = [c.path for c in find_migration_folders(tmp_path, schema, tmp_path, tmp_path / "sql/history")]
    assert paths == ["sql/history", "prisma/migrations", "db/migrations", "migrations/app"]


def test_forwarded_words_concurrently_run_all_and_cross_env_strings(tmp_path: Path) -> None:
    package(
        tmp_path,
        {
            "prisma": "dotenv -e .env -- prisma",
            "db:deploy": "npm run prisma -- migrate deploy",
            "db:status": "pnpm prisma migrate status",
            "dev": 'concurrently -n db,web "prisma db push" "npm:web:*"',
            "web:next": "next dev",
            "web:pull": "prisma db pull",
            "all": "run-s build:*",
            "build:db": "yarn prisma db execute --file x.sql",
            "start": 'cross-env NODE_ENV=production "npm run db:deploy && node server.js"',
        },
    )
    assert [line_and_command(c) for c in find_migrate_commands(tmp_path, base=tmp_path)] == [
        ("package.json:5", "prisma > dotenv -e .env -- prisma migrate deploy"),
        ("package.json:7", "prisma db push"),
        ("package.json:7", "web:pull > prisma db pull"),
        ("package.json:9", "prisma db pull"),
        # yarn runs the script named prisma, not the binary, and passes the words on
        ("package.json:10", "build:db > prisma > dotenv -e .env -- prisma db execute --file x.sql"),
        ("package.json:11", "prisma > dotenv -e .env -- prisma db execute --file x.sql"),
        ("package.json:12", "db:deploy > prisma > dotenv -e .env -- prisma migrate deploy"),
    ]


def test_findings_point_at_the_command_or_the_script_that_leads_to_it(tmp_path: Path) -> None:
    package(
        tmp_path,
        {"db": "npx prisma generate && npx prisma migrate deploy", "db:ship": "next build && npm run db"},
    )
    where = [
        (c.portal.line, c.portal.column) for c in find_migrate_commands(tmp_path, base=tmp_path) if c.portal
    ]
    line4 = '    "db": "npx prisma generate && npx prisma migrate deploy",'
    line5 = '    "db:ship": "next build && npm run db"'
    assert where == [(4, line4.index("npx prisma migrate") + 1), (5, line5.index('db"') + 1)]


def test_empty_words_are_words_not_operators() -> None:
    assert commands('prisma db push "" --force') == [("prisma", "db", "push", "", "--force")]
    assert commands("'' prisma migrate deploy") == [("", "prisma", "migrate", "deploy")]


def test_hosting_platform_release_and_start_commands(tmp_path: Path) -> None:
    (tmp_path / "fly.toml").write_text(
        'app = "portal"\n[deploy]\n  release_command = "npx prisma migrate deploy"\n'
        '[processes]\n  app = "node server.js"\n  worker = "npx prisma db push && node worker.js"\n'
        '[env]\n  NOTE = "prisma migrate reset"\n'
    )
    (tmp_path / "railway.toml").write_text(
        '[build]\nbuildCommand = "npx prisma generate && npm run build"\n'
        '[deploy]\nstartCommand = "npx prisma migrate deploy && npm start"\n'
    )
    (tmp_path / "railway.json").write_text(
        '{\n  "deploy": {\n    "preDeployCommand": ["npx prisma db execute --file x.sql"]\n  }\n}\n'
    )
    (tmp_path / "render.yaml").write_text(
        "services:\n  - type: web\n    name: portal\n    buildCommand: npm ci && npx prisma generate\n"
        "    preDeployCommand: npx prisma migrate deploy\n    envVars:\n      - key: NOTE\n"
        "        value: prisma db push\n"
    )
    assert found(tmp_path) == [
        "PORTAL_RUNS_MIGRATE fly.toml:3",
        "PORTAL_RUNS_DB_PUSH fly.toml:6",
        "PORTAL_RUNS_DB_EXECUTE railway.json:3",
        "PORTAL_RUNS_MIGRATE railway.toml:4",
        "PORTAL_RUNS_MIGRATE render.yaml:5",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "curl http://localhost/#health && npx prisma migrate deploy",
        "git log --format=%H#%s && npx prisma migrate deploy",
        "echo a#b; npx prisma migrate deploy # the comment starts here",
    ],
)
def test_a_hash_inside_a_word_starts_no_comment(line: str) -> None:
    runs = [invocation(c) for c in commands(line)]
    assert any(r is not None and r.prisma == ("migrate", "deploy") for r in runs), commands(line)
