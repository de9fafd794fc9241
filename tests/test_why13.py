"""Issue 13's "Why", as a new user met it: each bug here was seen failing before its fix."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from prisma_lint.cli import cli
from tests.gitrepos import SCHEMA, init, version


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A portal repository whose copy equals the canonical schema at ../admin.prisma."""
    (tmp_path / "admin.prisma").write_text(version(2))
    repo = init(tmp_path / "portal")
    (repo / "prisma").mkdir()
    (repo / SCHEMA).write_text(version(2))
    monkeypatch.chdir(repo)
    return repo


def codes(*extra: str) -> tuple[int, list[str]]:
    """Change codes and where each points (`file:line`) of `check` in the portal; the policy tests
    name the copy."""
    code, out, err = run("check", "--canonical", "../admin.prisma", "--format", "json", *extra)
    assert code in (0, 1), err
    return code, [_where(c) for c in json.loads(out)["changes"]]


def _where(change: dict[str, Any]) -> str:
    at = change["portal"] or change["canonical"]
    if change["object"] == "policy" and change["code"] != "PORTAL_STALE" and "#" in change["path"]:
        return f"{change['code']} {at['file']}:{at['line']}"  # a command: its file and line
    return f"{change['code']} {change['path']}"


def scripts(repo: Path, **entries: str) -> None:
    (repo / "package.json").write_text(json.dumps({"name": "portal", "scripts": entries}, indent=2) + "\n")


def test_check_finds_the_default_schema_without_portal(portal: Path) -> None:
    assert codes() == (0, [])


def test_check_follows_the_schema_key_of_prisma_config_ts(portal: Path) -> None:
    (portal / "db").mkdir()
    (portal / SCHEMA).rename(portal / "db" / "main.prisma")
    (portal / "prisma.config.ts").write_text(
        'import { defineConfig } from "prisma/config";\n\nexport default defineConfig({\n'
        '  schema: "db/main.prisma",\n});\n'
    )
    assert codes() == (0, [])


def test_config_in_package_json(portal: Path) -> None:
    (portal / "package.json").write_text(json.dumps({"prisma-lint": {"canonical": "../admin.prisma"}}))
    code, out, err = run("check", "--format", "json")
    assert (code, err) == (0, "") and json.loads(out)["changes"] == []


def test_a_description_mentioning_migrate_is_no_command(portal: Path) -> None:
    (portal / "package.json").write_text(
        json.dumps({"description": "Never run prisma migrate here", "scripts": {"build": "next build"}})
    )
    assert codes("--portal", SCHEMA) == (0, [])


def test_a_grep_guard_is_no_command(portal: Path) -> None:
    (portal / "guard.sh").write_text("#!/bin/sh\nif grep -rn 'prisma migrate' .; then exit 1; fi\n")
    scripts(portal, guard="grep -q 'prisma db push' README.md && echo 'do not prisma db push'")
    assert codes("--portal", SCHEMA) == (0, [])


def test_migrate_status_is_read_only(portal: Path) -> None:
    scripts(portal, status="prisma migrate status", diff="prisma migrate diff --from-empty --to-schema x")
    assert codes("--portal", SCHEMA) == (0, [])


def test_db_pull_and_db_execute_are_found(portal: Path) -> None:
    scripts(portal, pull="prisma db pull", sql="prisma db execute --file x.sql")
    assert codes("--portal", SCHEMA) == (
        1,
        ["PORTAL_RUNS_DB_PULL package.json:4", "PORTAL_RUNS_DB_EXECUTE package.json:5"],
    )


def test_commands_in_a_dockerfile_makefile_vercel_json_and_procfile(portal: Path) -> None:
    (portal / "Dockerfile").write_text(
        "FROM node:22\nRUN npx prisma generate\nCMD npx prisma migrate deploy\n"
    )
    (portal / "Makefile").write_text("deploy:\n\tnpx prisma db push\n")
    (portal / "vercel.json").write_text('{\n  "buildCommand": "prisma migrate deploy && next build"\n}\n')
    (portal / "Procfile").write_text("release: npx prisma migrate deploy\nweb: node server.js\n")
    assert codes("--portal", SCHEMA) == (
        1,
        [
            "PORTAL_RUNS_MIGRATE Dockerfile:3",
            "PORTAL_RUNS_DB_PUSH Makefile:2",
            "PORTAL_RUNS_MIGRATE Procfile:1",
            "PORTAL_RUNS_MIGRATE vercel.json:2",
        ],
    )


def test_a_prisma_8_contract_is_refused_with_one_message(portal: Path) -> None:
    (portal / SCHEMA).write_text("// use prisma-8\n" + "contract {\n  model User { id: Int }\n}\n")
    code, out, err = run("check", "--canonical", "../admin.prisma", "--portal", SCHEMA)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Prisma 8 contracts are not supported yet" in err


def test_migrations_path_from_prisma_config_ts(portal: Path) -> None:
    (portal / "db" / "history").mkdir(parents=True)
    (portal / "prisma.config.ts").write_text(
        'import path from "node:path";\nimport { defineConfig } from "prisma/config";\n'
        "export default defineConfig({\n"
        '  schema: path.join("prisma", "schema.prisma"),\n'
        '  migrations: { path: path.join("db", "history") },\n});\n'
    )
    assert codes() == (1, ["PORTAL_HAS_MIGRATIONS db/history"])
