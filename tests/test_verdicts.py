"""Issue 10: `check` and `sync` verdicts in real repository layouts, one test per wrong answer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from prisma_lint.cli import cli
from tests.gitrepos import HEADER, SCHEMA, admin_repo, bare_clone, git, portal_repo, version


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def admin(tmp_path: Path) -> list[str]:
    """admin/: six schema versions, each adding a field to Account."""
    return admin_repo(tmp_path / "admin")


def two_models(first: str, second: str) -> str:
    blocks = {
        "A": "model A {\n  id Int @id\n}\n",
        "B": "model B {\n  id Int @id\n}\n",
    }
    return HEADER + blocks[first] + "\n" + blocks[second]


def codes(report: dict[str, object]) -> list[str]:
    return [c["code"] for c in report["changes"]]  # type: ignore[attr-defined]


# ---- 1. --strict on an up-to-date copy ---------------------------------


def test_strict_order_change_against_head_is_not_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.gitrepos import commit_file, init

    admin = init(tmp_path / "admin")
    commit_file(admin, SCHEMA, two_models("A", "B"), "schema", day=1)
    portal = portal_repo(tmp_path / "portal", two_models("B", "A"))
    monkeypatch.chdir(portal)
    args = ("check", "--canonical", f"../admin#main:{SCHEMA}", "--portal", SCHEMA, "--strict")
    code, out, _ = run(*args, "--format", "json")
    report = json.loads(out)
    assert codes(report) == ["BLOCK_ORDER_CHANGED"]
    assert report["verdict"] == "clean"
    assert code == 1  # --fail-on drift: a notice is still a finding
    code, out, _ = run(*args, "--fail-on", "error")
    assert code == 0 and "PORTAL_STALE" not in out


# ---- 2. config reaches PORTAL_STALE ------------------------------------


def test_config_ignore_and_severity_reach_portal_stale(
    admin: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    portal = portal_repo(tmp_path / "portal", version(3))
    monkeypatch.chdir(portal)
    args = ("check", "--canonical", f"../admin#main:{SCHEMA}", "--portal", SCHEMA, "--format", "json")
    (portal / ".prisma-lint.toml").write_text('[severity]\nPORTAL_STALE = "warning"\n')
    code, out, _ = run(*args)
    report = json.loads(out)
    assert code == 1 and [(c["code"], c["severity"]) for c in report["changes"]] == [
        ("PORTAL_STALE", "warning")
    ]
    code, _, _ = run(*args, "--fail-on", "error")
    assert code == 0
    (portal / ".prisma-lint.toml").write_text('ignore = ["PORTAL_STALE"]\n')
    code, out, _ = run(*args)
    report = json.loads(out)
    assert code == 0 and codes(report) == [] and report["verdict"] == "stale"


# ---- 3. config paths are relative to the config file -------------------


def test_config_paths_are_relative_to_the_config_file(
    admin: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    portal = portal_repo(tmp_path / "portal", version(5))
    (portal / "pyproject.toml").write_text(
        f'[tool.prisma-lint]\ncanonical = "../admin/{SCHEMA}"\nportal = "{SCHEMA}"\n'
    )
    (portal / "src" / "lib").mkdir(parents=True)
    monkeypatch.chdir(portal / "src" / "lib")
    code, out, err = run("check")
    assert (code, err) == (0, "") and "No drift" in out
    # On the command line, paths are relative to the working directory.
    code, out, err = run("check", "--portal", f"../../{SCHEMA}")
    assert (code, err) == (0, "")


# ---- 5. stale and edited ----------------------------------------------


def test_stale_and_edited_lists_only_the_edits(
    admin: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edited = version(3).replace("  field3 String?\n", "  field3 String?\n  portalOnly Int\n")
    portal = portal_repo(tmp_path / "portal", edited)
    monkeypatch.chdir(portal)
    args = ("check", "--canonical", f"../admin#main:{SCHEMA}", "--portal", SCHEMA)
    code, out, _ = run(*args, "--format", "json")
    report = json.loads(out)
    assert code == 1
    assert [(c["code"], c["path"], c["severity"]) for c in report["changes"]] == [
        ("FIELD_ADDED", "Account.portalOnly", "error"),
        ("PORTAL_STALE", SCHEMA, "error"),
    ]
    stale = report["changes"][1]
    assert f"and 2 canonical changes since {admin[3][:7]} were not synced" in stale["message"]
    # As the copy lacks them: what `check` would list against HEAD, minus the copy's own edit.
    assert [(c["code"], c["path"]) for c in stale["upstream"]] == [
        ("FIELD_REMOVED", "Account.field4"),
        ("FIELD_REMOVED", "Account.field5"),
    ]
    assert report["verdict"] == "edited"
    assert report["history"]["baseline"] == admin[3]
    _, text, _ = run(*args)
    assert f"measured against the canonical schema at {admin[3][:7]}" in text
    _, markdown, _ = run(*args, "--format", "markdown")
    assert f"measured against the canonical schema at {admin[3][:7]}" in markdown


def test_a_changed_field_is_measured_against_the_version_it_was_changed_from(
    admin: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Version 5 with field5's type changed is as far from version 4 (no field5) by facts, but one
    field differs from either: the newer wins, and the change is a type change, not an added field."""
    portal = portal_repo(tmp_path / "portal", version(5).replace("field5 String?", "field5 Int"))
    monkeypatch.chdir(portal)
    _, out, _ = run("check", "--canonical", f"../admin#main:{SCHEMA}", "--portal", SCHEMA, "--format", "json")
    report = json.loads(out)
    assert codes(report) == ["FIELD_TYPE_CHANGED"]
    assert report["history"]["nearest"]["commit"] == admin[5] and report["history"]["baseline"] is None


# ---- 6. a plain path inside another checkout has history ---------------


def test_plain_path_canonical_in_a_git_checkout_uses_its_history(
    admin: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    portal = portal_repo(tmp_path / "portal", version(2))
    monkeypatch.chdir(portal)
    code, out, _ = run("check", "--canonical", f"../admin/{SCHEMA}", "--portal", SCHEMA, "--format", "json")
    report = json.loads(out)
    assert code == 1 and codes(report) == ["PORTAL_STALE"]
    assert report["history"]["match"]["commit"] == admin[2]
    code, out, _ = run(
        "check",
        "--canonical",
        f"../admin/{SCHEMA}",
        "--portal",
        SCHEMA,
        "--canonical-ref",
        "HEAD~4",
        "--format",
        "json",
    )
    report = json.loads(out)
    assert code == 1 and codes(report) == ["PORTAL_STALE"]
    # HEAD~4 is the docs commit after version 3: one schema commit ahead of the copy.
    assert report["history"]["match"] == {
        "commit": admin[2],
        "date": "2026-10-05T12:00:00+00:00",
        "behind": 1,
    }


# ---- 10. conflicting flags ---------------------------------------------


def test_conflicting_flags_are_refused(
    admin: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    portal = portal_repo(tmp_path / "portal", version(5))
    monkeypatch.chdir(portal)
    code, out, err = run("check", "--canonical", f"../admin/{SCHEMA}", "--portal", SCHEMA, "--merge-base")
    assert (code, out) == (2, "") and "--merge-base needs --canonical-ref" in err
    code, out, err = run(
        "check", "--canonical", f"../admin#main:{SCHEMA}", "--portal", SCHEMA, "--canonical-ref", "main"
    )
    assert (code, out) == (2, "") and "already names a ref (main)" in err and "drop --canonical-ref" in err


# ---- 12. the stale advice names a command that works -------------------


def test_stale_advice_names_the_sync_command_of_this_run(
    admin: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    portal = portal_repo(tmp_path / "portal", version(2))
    monkeypatch.chdir(portal)
    _, out, _ = run("check", "--canonical", f"../admin#main:{SCHEMA}", "--portal", SCHEMA)
    assert f"Run `prisma-lint sync '../admin#main:{SCHEMA}' {SCHEMA}`." in out
    code, _, err = run("sync", f"../admin#main:{SCHEMA}", SCHEMA)
    assert (code, err) == (0, "") and (portal / SCHEMA).read_text() == version(5)
    (portal / SCHEMA).write_text(version(2))
    (portal / ".prisma-lint.toml").write_text(f'canonical = "../admin#main:{SCHEMA}"\nportal = "{SCHEMA}"\n')
    _, out, _ = run("check")
    assert "Run `prisma-lint sync`." in out


# ---- 13. monorepo: an admin PR that syncs the portal in the same commit -


def test_monorepo_admin_pr_that_syncs_the_portal_is_clean(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.gitrepos import commit_file, init

    repo = init(tmp_path / "mono")
    commit_file(repo, "apps/admin/prisma/schema.prisma", version(1), "admin v1", day=1)
    commit_file(repo, "apps/portal/prisma/schema.prisma", version(1), "portal v1", day=2)
    git(repo, "checkout", "--quiet", "-b", "admin-pr")
    (repo / "apps/admin/prisma/schema.prisma").write_text(version(2))
    commit_file(repo, "apps/portal/prisma/schema.prisma", version(2), "admin v2, portal synced", day=3)
    monkeypatch.chdir(repo)
    args = (
        "check",
        "--canonical",
        "apps/admin/prisma/schema.prisma",
        "--portal",
        "apps/portal/prisma/schema.prisma",
        "--canonical-ref",
        "main",
        "--merge-base",
        "--format",
        "json",
    )
    code, out, err = run(*args)
    assert (code, err) == (0, "") and json.loads(out)["verdict"] == "clean"
    # The same PR without the sync: the copy is one version behind the commit's canonical schema.
    git(repo, "checkout", "--quiet", "-b", "admin-pr-unsynced", "main")
    commit_file(repo, "apps/admin/prisma/schema.prisma", version(2), "admin v2 only", day=4)
    code, out, _ = run(*args)
    report = json.loads(out)
    assert code == 1 and codes(report) == ["PORTAL_STALE"]


# ---- 7. a local file never stands in for a remote spec -----------------


@pytest.mark.parametrize(
    "spec",
    [
        "https://github.com/acme/admin.git#main:prisma/schema.prisma",
        "git@github.com:acme/admin.git#main:prisma/schema.prisma",
    ],
)
def test_a_file_named_like_a_url_is_never_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spec: str
) -> None:
    portal = portal_repo(tmp_path / "portal", version(1))
    decoy = portal / spec  # https:/github.com/... once the path is normalised
    decoy.parent.mkdir(parents=True, exist_ok=True)
    decoy.write_text(version(1))
    monkeypatch.chdir(portal)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("GIT_SSH_COMMAND", "false")  # no network: the fetch fails at once
    monkeypatch.setenv("GIT_TERMINAL_PROMPT", "0")
    monkeypatch.setattr("prisma_lint.sources.git._fetch", _refuse_fetch)
    code, out, err = run("check", "--canonical", spec, "--portal", SCHEMA)
    assert code == 2 and "No drift" not in out and "fetch refused in this test" in err


def _refuse_fetch(*_: object) -> None:
    from prisma_lint.errors import SourceError

    raise SourceError("fetch refused in this test")


def test_specs_parse_once_into_a_tagged_value(tmp_path: Path) -> None:
    from prisma_lint.sources.specs import GitSpec, PathSpec, parse_source

    (tmp_path / "a:b.prisma").write_text("")
    assert parse_source("a:b.prisma", tmp_path) == PathSpec("a:b.prisma")
    assert parse_source("prisma/schema.prisma", tmp_path) == PathSpec("prisma/schema.prisma")
    assert parse_source("main:x.prisma", tmp_path) == GitSpec(None, "main", "x.prisma")
    url = "https://github.com/acme/admin.git"
    assert parse_source(f"{url}#main:x.prisma", tmp_path) == GitSpec(url, "main", "x.prisma")


# ---- 9. one notion of equality for facts and the diff ------------------


def test_duplicated_attribute_is_drift_for_facts_and_diff(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prisma_lint.drift.diff import diff
    from prisma_lint.drift.semantic import facts
    from prisma_lint.syntax.ast import SourceFile
    from prisma_lint.syntax.parser import parse_sources
    from tests.gitrepos import commit_file, init

    def parse_schema(text: str):  # type: ignore[no-untyped-def]
        return parse_sources([SourceFile("schema.prisma", text)])

    canonical = HEADER + "model A {\n  id Int @id\n  n Int @default(1)\n  @@index([n])\n}\n"
    doubled = canonical.replace("@default(1)", "@default(1) @default(1)")
    index_twice = canonical.replace("  @@index([n])\n", "  @@index([n])\n  @@index([n])\n")
    for copy in (doubled, index_twice):
        assert diff(parse_schema(canonical), parse_schema(copy)).changes
        assert facts(parse_schema(canonical)) != facts(parse_schema(copy))
    admin = init(tmp_path / "admin")
    commit_file(admin, SCHEMA, canonical, "schema", day=1)
    portal = portal_repo(tmp_path / "portal", doubled)
    monkeypatch.chdir(portal)
    code, out, _ = run(
        "check", "--canonical", f"../admin#main:{SCHEMA}", "--portal", SCHEMA, "--format", "json"
    )
    report = json.loads(out)
    assert code == 1 and "PORTAL_STALE" not in codes(report) and report["verdict"] == "edited"


# ---- 4. sync agrees with check -----------------------------------------

GENERATOR = 'generator client {\n  provider = "prisma-client-js"\n  output   = "%s"\n}\n\n'
OUTPUT_RULE = 'ignore = [{ code = "GENERATOR_CHANGED", path = "client.output" }]\n'


def test_sync_keeps_what_the_config_ignores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    canonical, portal = tmp_path / "admin.prisma", tmp_path / "portal.prisma"
    canonical.write_text(GENERATOR % "../admin-client" + version(3))
    portal.write_text(GENERATOR % "../portal-client" + version(3))
    (tmp_path / ".prisma-lint.toml").write_text(OUTPUT_RULE)
    monkeypatch.chdir(tmp_path)
    assert run("diff", "admin.prisma", "portal.prisma")[0] == 0
    assert run("check", "--canonical", "admin.prisma", "--portal", "portal.prisma")[0] == 0
    assert run("sync", "admin.prisma", "portal.prisma", "--check")[0] == 0
    assert run("sync", "admin.prisma", "portal.prisma")[0] == 0
    assert portal.read_text() == GENERATOR % "../portal-client" + version(3)
    # Behind the canonical schema too: sync brings the fields, the portal's output stays.
    canonical.write_text(GENERATOR % "../admin-client" + version(5))
    assert run("sync", "admin.prisma", "portal.prisma", "--check")[0] == 1
    assert run("sync", "admin.prisma", "portal.prisma")[0] == 0
    assert portal.read_text() == GENERATOR % "../portal-client" + version(5)
    assert run("check", "--canonical", "admin.prisma", "--portal", "portal.prisma")[0] == 0


def test_sync_keeps_ignored_settings_the_copy_adds_or_lacks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gen = 'generator client {\n  provider = "prisma-client-js"\n%s}\n\n'
    canonical, portal = tmp_path / "admin.prisma", tmp_path / "portal.prisma"
    canonical.write_text(gen % '  binaryTargets = ["native"]\n' + version(5))
    portal.write_text(gen % '  previewFeatures = ["views"]\n' + version(2))
    (tmp_path / ".prisma-lint.toml").write_text(
        'ignore = [{ path = "client.previewFeatures" }, { path = "client.binaryTargets" }]\n'
    )
    monkeypatch.chdir(tmp_path)
    assert run("sync", "admin.prisma", "portal.prisma")[0] == 0
    assert portal.read_text() == gen % '  previewFeatures = ["views"]\n' + version(5)


def test_sync_keeps_the_copys_line_endings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    canonical, portal = tmp_path / "admin.prisma", tmp_path / "portal.prisma"
    canonical.write_text(version(3))
    crlf = version(3).replace("\n", "\r\n").encode()
    portal.write_bytes(crlf)
    monkeypatch.chdir(tmp_path)
    assert run("check", "--canonical", "admin.prisma", "--portal", "portal.prisma")[0] == 0
    assert run("sync", "admin.prisma", "portal.prisma", "--check") == (
        0,
        "portal.prisma is in sync with admin.prisma.\n",
        "",
    )
    assert run("sync", "admin.prisma", "portal.prisma")[0] == 0
    assert portal.read_bytes() == crlf


def test_sync_reads_config_paths_relative_to_the_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "admin.prisma").write_text(version(3))
    (tmp_path / "portal.prisma").write_text(version(1))
    (tmp_path / ".prisma-lint.toml").write_text('canonical = "admin.prisma"\nportal = "portal.prisma"\n')
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    code, _, err = run("sync")
    assert (code, err) == (0, "") and (tmp_path / "portal.prisma").read_text() == version(3)


# ---- 11. sync refuses portal paths of the wrong kind or shape ----------


def test_sync_refuses_a_git_spec_or_a_mismatched_shape_as_portal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.prisma").write_text(version(1))
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "schema.prisma").write_text(version(1))
    monkeypatch.chdir(tmp_path)
    code, out, err = run("sync", "a.prisma", "HEAD:x.prisma")
    assert (code, out) == (2, "") and "HEAD:x.prisma: the portal of sync must be a local path" in err
    assert not (tmp_path / "HEAD:x.prisma").exists()
    code, out, err = run("sync", "folder", "single.prisma")
    assert (code, out) == (2, "") and "the canonical schema is a folder" in err
    assert not (tmp_path / "single.prisma").exists()
    code, out, err = run("sync", "a.prisma", "newdir/")
    assert (code, out) == (2, "") and "the canonical schema is one file" in err
    assert not (tmp_path / "newdir").exists()


# ---- 8. numbers compare exactly, at any length -------------------------


def _default_schema(value: str) -> str:
    return HEADER + f"model A {{\n  id Int @id\n  x Decimal @default({value})\n}}\n"


@pytest.mark.parametrize(
    ("a", "b", "equal"),
    [
        ("0.123456789012345678901234567891", "0.123456789012345678901234567899", False),
        ("1.5", "1.50", True),
        ("007", "7", True),
        ("-0", "0", True),
        ("-0.0", "0.000", True),
        ("-1", "1", False),
        ("10", "1", False),
        ("100", "100.000", True),
        ("1" * 60 + ".5", "1" * 60 + ".50", True),
        ("1" * 60, "1" * 59 + "2", False),
    ],
)
def test_numbers_compare_exactly(a: str, b: str, equal: bool) -> None:
    from prisma_lint.drift.normalize import value_key
    from prisma_lint.syntax.ast import NumberValue

    assert (value_key(NumberValue(a)) == value_key(NumberValue(b))) is equal


def test_long_decimals_are_drift_and_huge_ones_do_not_crash(tmp_path: Path) -> None:
    a, b = tmp_path / "a.prisma", tmp_path / "b.prisma"
    a.write_text(_default_schema("0.123456789012345678901234567891"))
    b.write_text(_default_schema("0.123456789012345678901234567899"))
    code, out, _ = run("diff", str(a), str(b))
    assert code == 1 and "FIELD_ATTRIBUTE_CHANGED" in out
    huge = "9" * 1_000_001
    a.write_text(_default_schema(huge))
    b.write_text(_default_schema(huge[:-1] + "8"))
    code, out, err = run("diff", str(a), str(b), "--format", "json")
    assert code == 1 and json.loads(out)["changes"][0]["code"] == "FIELD_ATTRIBUTE_CHANGED"
    b.write_text(_default_schema("000" + huge + ".000"))
    code, out, err = run("diff", str(a), str(b))
    assert (code, err) == (0, "")


# ---- 14. every failure is exit 2 with one line --------------------------


def _one_line_error(code: int, out: str, err: str) -> None:
    assert (code, out) == (2, ""), err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1 and err.startswith("error: ")


def test_odd_refs_fail_with_one_line(
    admin: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    portal = portal_repo(tmp_path / "portal", version(5))
    monkeypatch.chdir(portal)
    specs = [
        f"{where}{ref}:{SCHEMA}" for where in ("../admin#", "") for ref in ("HEAD@{50}", "nope@{upstream}")
    ]
    for spec in [*specs, f"HEAD@{{5}}:{SCHEMA}"]:  # the portal's reflog has one entry
        _one_line_error(*run("check", "--canonical", spec, "--portal", SCHEMA, "--fail-on", "never"))
    # What git itself resolves works: HEAD@{1} of the admin checkout is its version 5 commit.
    code, out, err = run("check", "--canonical", f"../admin#HEAD@{{1}}:{SCHEMA}", "--portal", SCHEMA)
    assert (code, err) == (0, "") and "No drift" in out
    code, _, err = run("check", "--canonical", f"../admin#HEAD@{{yesterday}}:{SCHEMA}", "--portal", SCHEMA)
    assert code in (0, 1) and "Traceback" not in err


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("pyproject.toml", b"tool = 5\n", "pyproject.toml: [tool] must be a table, not 5"),
        ("pyproject.toml", b"[tool]\nprisma-lint = 3\n", "[tool.prisma-lint] must be a table, not 3"),
        (".prisma-lint.toml", b'portal = "caf\xe9"\n', ".prisma-lint.toml: not UTF-8 text"),
        ("pyproject.toml", b'[project]\nname = "\xff"\n', "pyproject.toml: not UTF-8 text"),
    ],
)
def test_bad_config_files_fail_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, data: bytes, message: str
) -> None:
    (tmp_path / name).write_bytes(data)
    (tmp_path / "a.prisma").write_text(version(1))
    monkeypatch.chdir(tmp_path)
    code, out, err = run("check", "--canonical", "a.prisma", "--portal", "a.prisma", "--fail-on", "never")
    _one_line_error(code, out, err)
    assert message in err


def test_a_damaged_cache_folder_is_rebuilt_not_a_traceback(
    admin: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Once exit 1 with a traceback. Issue 11 asks more than a clear error: a half-made cache
    # repository left by an interrupted run is rebuilt, and the run gives its right verdict.
    from prisma_lint.sources import cache as git_cache

    url = bare_clone(tmp_path / "admin").as_uri()
    monkeypatch.setenv("PRISMA_LINT_ALLOW_FILE_URLS", "1")
    portal = portal_repo(tmp_path / "portal", version(5))
    monkeypatch.chdir(portal)
    cache = tmp_path / "cache"
    folder = git_cache.repo_folder(cache, url)
    folder.mkdir(parents=True)
    (folder / "HEAD").write_text("garbage\n")  # an interrupted first run
    args = ("check", "--canonical", f"{url}#main:{SCHEMA}", "--portal", SCHEMA, "--cache-dir", str(cache))
    code, out, err = run(*args)
    assert (code, err) == (0, "")
    assert out.startswith("No drift")


def test_an_internal_error_says_so_and_asks_for_a_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.prisma").write_text(version(1))
    monkeypatch.chdir(tmp_path)

    def broken(*_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("prisma_lint.check.run.run_check", broken)
    monkeypatch.delenv("PRISMA_LINT_DEBUG", raising=False)
    code, out, err = run("check", "--canonical", "a.prisma", "--portal", "a.prisma", "--fail-on", "never")
    _one_line_error(code, out, err)
    assert "internal error" in err and "RuntimeError: boom" in err and "please report" in err
    code, _, err = run("--debug", "check", "--canonical", "a.prisma", "--portal", "a.prisma")
    assert code == 2 and "Traceback" in err and "RuntimeError: boom" in err
    monkeypatch.setenv("PRISMA_LINT_DEBUG", "1")
    code, _, err = run("check", "--canonical", "a.prisma", "--portal", "a.prisma")
    assert code == 2 and "Traceback" in err


def test_library_use_gets_the_nesting_bound_of_the_cli(tmp_path: Path) -> None:
    import subprocess
    import sys

    ok, other = tmp_path / "ok.prisma", tmp_path / "other.prisma"
    ok.write_text("model A {\n  id Int @default(" + "[" * 1800 + "]" * 1800 + ")\n}\n")
    other.write_text("model A {\n  id Int? @default(" + "[" * 1800 + "1" + "]" * 1800 + ")\n}\n")
    program = (
        "import sys\nfrom prisma_lint import engine\n"
        "result = engine.diff_paths(sys.argv[1], sys.argv[2])\n"
        "print(sorted({c.code.value for c in result.changes}))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", program, str(ok), str(other)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-500:]
    assert proc.stdout.strip() == "['FIELD_ATTRIBUTE_CHANGED', 'FIELD_OPTIONALITY_CHANGED']"


# ---- 15. wording ---------------------------------------------------------


def test_a_move_to_the_same_position_names_its_neighbours(tmp_path: Path) -> None:
    a, b = tmp_path / "a.prisma", tmp_path / "b.prisma"
    fields = ["id Int @id", "a Int", "b Int", "c Int"]
    a.write_text("model M {\n" + "".join(f"  {f}\n" for f in fields) + "}\n")
    # id, a, b, c -> b, a, id, c? no: swap the neighbours of "a" so it keeps position 2.
    b.write_text(
        "model M {\n" + "".join(f"  {f}\n" for f in [fields[2], fields[1], fields[0], fields[3]]) + "}\n"
    )
    _, out, _ = run("diff", str(a), str(b), "--strict", "--format", "json")
    messages = [c["message"] for c in json.loads(out)["changes"]]
    assert messages and all(
        "from position 2 to 2" not in m and "from position 3 to 3" not in m for m in messages
    )
    for m in messages:
        if "moved from position" not in m:
            assert "now comes" in m


def test_strict_text_lists_each_block_under_one_heading(tmp_path: Path) -> None:
    a, b = tmp_path / "a.prisma", tmp_path / "b.prisma"
    a.write_text("model M {\n  id Int @id\n  x Int\n  y Int\n}\n\nmodel N {\n  id Int @id\n}\n")
    b.write_text("model N {\n  id Int @id\n  z Int\n}\n\nmodel M {\n  id Int @id\n  y Int\n  x String\n}\n")
    code, out, _ = run("diff", str(a), str(b), "--strict")
    lines = out.splitlines()
    assert code == 1 and lines.count("M") == 1 and lines.count("N") == 1, out
    # M's notice is listed with M's other change.
    assert lines.index("N") > lines.index("M") + 4 and "M.y" in "\n".join(lines[: lines.index("N")])


def test_a_policy_finding_alone_is_not_called_drift(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "schema.prisma").write_text(version(1))
    (tmp_path / "package.json").write_text('{"scripts": {"db": "prisma migrate deploy"}}\n')
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("check", "--canonical", "schema.prisma", "--portal", "schema.prisma")
    assert code == 1 and "PORTAL_RUNS_MIGRATE" in out
    last = out.strip().splitlines()[-1]
    assert not last.startswith("Drift") and "1 policy finding (1 error)" in last
    assert "schema.prisma matches the canonical schema" in last


def test_counts_are_singular_when_one(
    admin: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    portal = portal_repo(tmp_path / "portal", version(4) + "model X {\n  id Int @id\n}\n")
    monkeypatch.chdir(portal)
    _, out, _ = run(
        "check", "--canonical", f"../admin#main:{SCHEMA}", "--portal", SCHEMA, "--history-depth", "1"
    )
    assert "1 schema commits" not in out and "last 1 versions" not in out
    assert "does not match the only version" in out


# ---- 16. error messages that say what is wrong and what to do ----------


def test_a_missing_repository_folder_is_named_as_missing(
    admin: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    portal = portal_repo(tmp_path / "portal", version(5))
    monkeypatch.chdir(portal)
    code, out, err = run("check", "--canonical", f"../admn#main:{SCHEMA}", "--portal", SCHEMA)
    assert (code, out) == (2, "")
    assert "../admn: no such folder" in err and "not inside a git repository" not in err


def test_missing_refs_get_the_right_hint(
    admin: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    git(tmp_path / "admin", "branch", "release-2026")
    git(tmp_path / "admin", "tag", "v1.0.0")
    monkeypatch.chdir(tmp_path / "admin")
    for name in ("CI", "GITHUB_ACTIONS"):
        monkeypatch.delenv(name, raising=False)
    code, _, err = run("check", "--canonical", f"relase-2026:{SCHEMA}", "--portal", SCHEMA)
    assert code == 2 and "no commit or ref 'relase-2026'" in err
    assert "did you mean release-2026?" in err.lower() and "shallow" not in err
    code, _, err = run("check", "--canonical", f"v1.0:{SCHEMA}", "--portal", SCHEMA)
    assert code == 2 and "v1.0.0" in err
    monkeypatch.setenv("GITHUB_ACTIONS", "true")  # in CI, a missing ref may be an unfetched one
    code, _, err = run("check", "--canonical", f"origin/main:{SCHEMA}", "--portal", SCHEMA)
    assert code == 2 and "fetch-depth: 0" in err


def test_an_unclosed_block_names_where_it_opened(tmp_path: Path) -> None:
    schema = tmp_path / "schema.prisma"
    schema.write_text("model A {\n  id Int @id\n\nmodel B {\n  id Int @id\n}\n")
    code, _, err = run("parse", str(schema))
    assert code == 2
    assert f"{schema}:4:1: error: This line is not a valid field or attribute definition." in err
    assert "note: model A, opened on line 1, is not closed: add `}` before line 4." in err
    schema.write_text("model A {\n  id Int @id\n")
    code, _, err = run("parse", str(schema))
    assert (
        code == 2 and "note: model A, opened on line 1, is not closed: add `}` at the end of the file." in err
    )


def test_an_untracked_canonical_file_in_a_checkout_has_no_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.gitrepos import init

    repo = init(tmp_path / "repo")
    (repo / "admin.prisma").write_text(version(3))  # never committed
    (repo / "portal.prisma").write_text(version(2))
    monkeypatch.chdir(repo)
    code, out, _ = run(
        "check", "--canonical", "admin.prisma", "--portal", "portal.prisma", "--format", "json"
    )
    report = json.loads(out)
    assert code == 1 and codes(report) == ["FIELD_REMOVED"] and report["verdict"] is None


def test_stale_advice_keeps_an_explicit_config(
    admin: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    portal = portal_repo(tmp_path / "portal", version(2))
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "lint.toml").write_text(
        f'canonical = "../admin#main:{SCHEMA}"\nportal = "../portal/{SCHEMA}"\n'
    )
    monkeypatch.chdir(portal)
    _, out, _ = run("check", "--config", "../conf/lint.toml")
    assert "Run `prisma-lint sync --config ../conf/lint.toml`." in out
    code, _, err = run("sync", "--config", "../conf/lint.toml")
    assert (code, err) == (0, "") and (portal / SCHEMA).read_text() == version(5)
