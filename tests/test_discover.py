"""Schema discovery as Prisma 7 does it, the Prisma config read statically, config in
package.json, and the Prisma 8 refusal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from prisma_lint.cli import cli
from prisma_lint.config import find_config, load_config
from prisma_lint.errors import ConfigError, SourceError
from prisma_lint.sources.discover import CONFIG_NAMES, discover_schema, migrations_folder
from tests.gitrepos import init, version

DEFINE = 'import {{ defineConfig }} from "prisma/config";\n\nexport default defineConfig({{\n{body}}});\n'


def put(root: Path, relative: str, text: str = "") -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


@pytest.mark.parametrize("name", CONFIG_NAMES)
def test_every_config_file_name_is_read(tmp_path: Path, name: str) -> None:
    put(tmp_path, "db/main.prisma", version(1))
    put(tmp_path, "prisma/schema.prisma", version(1))  # the default, which the config overrides
    schema = '"../db/main.prisma"' if name.startswith(".config/") else '"db/main.prisma"'
    put(tmp_path, name, DEFINE.format(body=f"  schema: {schema},\n"))
    found = discover_schema(tmp_path)
    assert found.schema.resolve() == (tmp_path / "db/main.prisma").resolve()
    assert found.through == f"the schema key of {name}"


def test_prisma_config_ts_wins_over_the_other_names(tmp_path: Path) -> None:
    put(tmp_path, "a.prisma")
    put(tmp_path, "b.prisma")
    put(tmp_path, "prisma.config.ts", DEFINE.format(body='  schema: "a.prisma",\n'))
    put(tmp_path, "prisma.config.js", 'module.exports = { schema: "b.prisma" };\n')
    assert discover_schema(tmp_path).schema == tmp_path / "a.prisma"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('"prisma/schema"', "prisma/schema"),
        ("'prisma/schema'", "prisma/schema"),
        ("`prisma/schema`", "prisma/schema"),
        ('path.join("prisma", "schema")', "prisma/schema"),
        ('path.join(__dirname, "prisma", "schema")', "prisma/schema"),
        ('join("prisma", "schema")', "prisma/schema"),
        ('path.resolve(import.meta.dirname, "prisma/schema")', "prisma/schema"),
    ],
)
def test_literal_values_and_a_folder_schema(tmp_path: Path, value: str, expected: str) -> None:
    put(tmp_path, "prisma/schema/user.prisma", version(1))
    put(
        tmp_path,
        "prisma.config.ts",
        'import path from "node:path";\n' + DEFINE.format(body=f"  schema: {value},\n"),
    )
    assert discover_schema(tmp_path).schema == tmp_path / expected


@pytest.mark.parametrize(
    "text",
    [
        'import type { PrismaConfig } from "prisma";\n'
        'export default {\n  schema: "s.prisma",\n} satisfies PrismaConfig;\n',
        'const config = defineConfig({ schema: "s.prisma" });\nexport default config;\n',
        'export default ({ schema: "s.prisma" }) as PrismaConfig;\n',
        '// schema: "wrong.prisma"\nconst other = { schema: "wrong.prisma" };\n'
        'module.exports = { schema: "s.prisma" };\n',
    ],
)
def test_export_shapes(tmp_path: Path, text: str) -> None:
    put(tmp_path, "s.prisma", version(1))
    put(tmp_path, "wrong.prisma", version(1))
    put(tmp_path, "prisma.config.ts", text)
    assert discover_schema(tmp_path).schema == tmp_path / "s.prisma"


@pytest.mark.parametrize(
    "value",
    ["process.env.PRISMA_SCHEMA", "`${base}/schema.prisma`", "path.join(root, 'schema.prisma')", "pick()"],
)
def test_a_dynamic_value_is_reported_not_guessed(tmp_path: Path, value: str) -> None:
    put(tmp_path, "prisma/schema.prisma", version(1))
    put(tmp_path, "prisma.config.ts", DEFINE.format(body=f"  schema: {value},\n"))
    with pytest.raises(ConfigError) as err:
        discover_schema(tmp_path)
    assert str(err.value) == (
        f"{tmp_path}/prisma.config.ts:4:11: the schema value `{value}` cannot be read without running the "
        "config (prisma-lint reads string literals and path.join of literals only). Set "
        'portal = "…" in prisma-lint\'s config instead.'
    )


def test_an_empty_value_is_unset_as_prisma_takes_it(tmp_path: Path) -> None:
    put(tmp_path, "prisma/schema.prisma", version(1))
    put(tmp_path, "prisma/migrations/1_init/migration.sql", "")
    put(tmp_path, "prisma.config.ts", DEFINE.format(body='  schema: "",\n  migrations: { path: "" },\n'))
    assert discover_schema(tmp_path).schema == tmp_path / "prisma/schema.prisma"
    assert migrations_folder(tmp_path) is None


def test_a_spread_hides_the_schema_key(tmp_path: Path) -> None:
    put(tmp_path, "prisma.config.ts", DEFINE.format(body="  ...shared,\n"))
    with pytest.raises(ConfigError, match=r"the schema value `\.\.\.shared` cannot be read"):
        discover_schema(tmp_path)


def test_resolve_without_dirname_is_against_the_app_folder(tmp_path: Path) -> None:
    put(tmp_path, "prisma/schema.prisma", version(1))
    put(tmp_path, ".config/prisma/schema.prisma", version(1))  # where a config-relative reading would go
    put(tmp_path, ".config/prisma.ts", DEFINE.format(body='  schema: resolve("prisma"),\n'))
    assert discover_schema(tmp_path).schema == tmp_path / "prisma"
    put(tmp_path, ".config/prisma.ts", DEFINE.format(body='  schema: resolve(__dirname, "prisma"),\n'))
    assert discover_schema(tmp_path).schema == tmp_path / ".config/prisma"


def test_a_config_without_schema_falls_back_to_the_defaults(tmp_path: Path) -> None:
    put(tmp_path, "schema.prisma", version(1))
    put(tmp_path, "prisma.config.ts", DEFINE.format(body='  datasource: { url: env("DATABASE_URL") },\n'))
    found = discover_schema(tmp_path)
    assert (found.schema, found.through) == (
        tmp_path / "schema.prisma",
        "Prisma's default location schema.prisma",
    )


def test_defaults_in_prismas_order(tmp_path: Path) -> None:
    put(tmp_path, "prisma/schema/a.prisma", version(1))
    assert discover_schema(tmp_path).schema == tmp_path / "prisma/schema"
    put(tmp_path, "schema.prisma", version(1))
    assert discover_schema(tmp_path).schema == tmp_path / "schema.prisma"
    put(tmp_path, "prisma/schema.prisma", version(1))
    assert discover_schema(tmp_path).schema == tmp_path / "prisma/schema.prisma"


def test_nothing_found_and_a_missing_named_schema(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"no portal schema found in .*; give --portal"):
        discover_schema(tmp_path)
    put(tmp_path, "prisma.config.ts", DEFINE.format(body='  schema: "db/gone.prisma",\n'))
    with pytest.raises(
        ConfigError, match=r"prisma.config.ts:4:11: the schema 'db/gone.prisma' named here does"
    ):
        discover_schema(tmp_path)


def test_a_broken_config_says_so(tmp_path: Path) -> None:
    put(tmp_path, "prisma.config.ts", "export default defineConfig({ datasource: {\n")
    with pytest.raises(
        ConfigError, match="does not parse as TypeScript, so prisma-lint cannot read its schema key"
    ):
        discover_schema(tmp_path)
    with pytest.raises(ConfigError, match=r"cannot read its migrations\.path; fix it, or set migrations in"):
        migrations_folder(tmp_path)


def test_migrations_path(tmp_path: Path) -> None:
    assert migrations_folder(tmp_path) is None
    put(
        tmp_path,
        "prisma.config.ts",
        DEFINE.format(body='  migrations: { path: path.join("db", "m"), seed: "tsx s.ts" },\n'),
    )
    assert migrations_folder(tmp_path) == tmp_path / "db/m"
    put(tmp_path, "prisma.config.ts", DEFINE.format(body="  migrations: { path: process.env.DIR },\n"))
    with pytest.raises(
        ConfigError, match=r'migrations\.path value `process\.env\.DIR`.*Set migrations = "…"'
    ):
        migrations_folder(tmp_path)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_text_report_names_the_file_the_schema_was_found_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    put(tmp_path, "admin.prisma", version(2))
    repo = init(tmp_path / "portal")
    put(repo, "db/schema.prisma", version(2))
    put(repo, ".config/prisma.ts", DEFINE.format(body='  schema: path.join("..", "db", "schema.prisma"),\n'))
    monkeypatch.chdir(repo)
    code, out, _ = run("check", "--canonical", "../admin.prisma")
    assert code == 0
    assert out == (
        "Portal schema db/schema.prisma: found through the schema key of .config/prisma.ts.\n"
        "No drift: db/schema.prisma matches the canonical schema ../admin.prisma.\n"
    )


def test_a_monorepo_app_folder_on_either_side(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = init(tmp_path / "mono")
    put(repo, "apps/admin/prisma/schema.prisma", version(2))
    put(repo, "apps/admin/prisma/migrations/1_init/migration.sql", "")
    put(repo, "apps/portal/package.json", "{}")
    put(repo, "apps/portal/prisma/schema.prisma", version(2))
    monkeypatch.chdir(repo)
    code, out, err = run("check", "--canonical", "apps/admin", "--portal", "apps/portal")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Canonical schema apps/admin/prisma/schema.prisma: found through Prisma's default location "
        "prisma/schema.prisma.",
        "Portal schema apps/portal/prisma/schema.prisma: found through Prisma's default location "
        "prisma/schema.prisma.",
        "No drift: apps/portal/prisma/schema.prisma matches the canonical schema "
        "apps/admin/prisma/schema.prisma.",
    ]


@pytest.mark.parametrize("marker", ["// use prisma-8", "// use prisma-next"])
def test_prisma_8_contracts_are_refused(tmp_path: Path, marker: str) -> None:
    put(tmp_path, "contract.prisma", f"{marker}\nmodel User {{\n  id Int @id\n}}\n")
    code, out, err = run("parse", str(tmp_path / "contract.prisma"))
    assert (code, out) == (2, "")
    assert err == (
        f"error: {tmp_path}/contract.prisma:1:1: this is a Prisma 8 contract ({marker!r}), and Prisma 8 "
        "contracts are not supported yet. prisma-lint reads Prisma 6 and 7 schemas: point it at the "
        "portal's Prisma 7 schema instead, for example the file in prisma7Schema('prisma/schema.prisma').\n"
    )


def test_a_comment_mentioning_prisma_8_later_is_fine(tmp_path: Path) -> None:
    put(tmp_path, "s.prisma", "// the admin app will use prisma-8 next year\n" + version(1))
    assert run("parse", str(tmp_path / "s.prisma"))[0] == 0
    with pytest.raises(SourceError):
        from prisma_lint.sources.files import refuse_prisma_8
        from prisma_lint.syntax.ast import SourceFile

        refuse_prisma_8([SourceFile("x.prisma", "  // use prisma-8  \nmodel A {}\n")])


def test_config_in_package_json_is_validated_like_toml(tmp_path: Path) -> None:
    package = put(
        tmp_path,
        "package.json",
        json.dumps({"name": "portal", "prisma-lint": {"portal": "p.prisma", "strict": True}}),
    )
    assert find_config(tmp_path) == package
    config = load_config(package)
    assert (config.portal, config.strict, config.source) == ("p.prisma", True, str(package))
    put(tmp_path, "package.json", json.dumps({"prisma-lint": {"portl": "x"}}))
    with pytest.raises(ConfigError, match="unknown key 'portl'"):
        load_config(package)
    put(tmp_path, "package.json", json.dumps({"prisma-lint": {"strict": "yes"}}))
    with pytest.raises(ConfigError, match="strict must be true or false"):
        load_config(package)
    put(tmp_path, "package.json", json.dumps({"prisma-lint": ["strict"]}))
    with pytest.raises(ConfigError, match='"prisma-lint" must be an object'):
        find_config(tmp_path)
    put(tmp_path, "package.json", "{ not json")
    with pytest.raises(ConfigError, match="invalid JSON"):
        find_config(tmp_path)


def test_lookup_order_within_a_folder_and_nearest_wins(tmp_path: Path) -> None:
    init(tmp_path)
    put(tmp_path, "package.json", json.dumps({"prisma-lint": {}}))
    assert find_config(tmp_path) == tmp_path / "package.json"
    put(tmp_path, "pyproject.toml", "[tool.prisma-lint]\n")
    assert find_config(tmp_path) == tmp_path / "pyproject.toml"
    put(tmp_path, ".prisma-lint.toml", "")
    assert find_config(tmp_path) == tmp_path / ".prisma-lint.toml"
    put(tmp_path, "apps/web/package.json", json.dumps({"name": "web"}))
    assert find_config(tmp_path / "apps/web") == tmp_path / ".prisma-lint.toml"  # no key: not a config
    put(tmp_path, "apps/web/package.json", json.dumps({"prisma-lint": {}}))
    assert find_config(tmp_path / "apps/web") == tmp_path / "apps/web/package.json"


def test_a_computed_migrations_path_is_set_in_prisma_lints_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    put(tmp_path, "admin.prisma", version(2))
    repo = init(tmp_path / "portal")
    put(repo, "prisma/schema.prisma", version(2))
    put(repo, "db/history/1_init/migration.sql", "")
    put(repo, "prisma.config.ts", DEFINE.format(body="  migrations: { path: process.env.MIGRATIONS },\n"))
    monkeypatch.chdir(repo)
    code, out, err = run("check", "--canonical", "../admin.prisma", "--format", "json")
    assert code == 2  # and the JSON report says why (issue 12: every format on every run)
    (error,) = json.loads(out)["errors"]
    assert "migrations.path value `process.env.MIGRATIONS` cannot be read" in error["message"]
    assert "migrations.path value `process.env.MIGRATIONS` cannot be read" in err
    put(repo, ".prisma-lint.toml", 'migrations = "db/history"\n')
    code, out, err = run("check", "--canonical", "../admin.prisma", "--format", "json")
    assert code == 1, err
    assert [c["path"] for c in json.loads(out)["changes"]] == ["db/history"]


def test_sync_writes_to_the_schema_prisma_would_use(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    put(tmp_path, "admin.prisma", version(3))
    repo = init(tmp_path / "portal")
    put(repo, "db/schema.prisma", version(1))
    put(repo, "prisma.config.ts", DEFINE.format(body='  schema: "db/schema.prisma",\n'))
    monkeypatch.chdir(repo)
    code, out, _ = run("sync", "../admin.prisma")
    assert (code, out) == (0, "updated db/schema.prisma\n")
    assert (repo / "db/schema.prisma").read_text() == version(3)


def test_a_schema_folder_with_files_only_in_subfolders_is_still_a_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    put(tmp_path, "admin/models/a.prisma", version(2))
    repo = init(tmp_path / "portal")
    put(repo, "prisma/schema/models/a.prisma", version(2))
    monkeypatch.chdir(repo)
    code, out, err = run("check", "--canonical", "../admin", "--portal", "prisma/schema")
    assert (code, err) == (0, "")
    assert out == "No drift: prisma/schema matches the canonical schema ../admin.\n"
