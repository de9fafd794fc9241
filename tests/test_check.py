"""`prisma-lint check` with real git repositories: sources, stale vs edited, policy."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from prisma_lint.cli import cli
from prisma_lint.drift.changes import Code
from tests.gitrepos import SCHEMA, admin_repo, bare_clone, commit_file, git, init, portal_repo, version


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def repos(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """admin/ (6 schema versions), remote.git (its bare clone), and a cache folder."""
    commits = admin_repo(tmp_path / "admin")
    url = bare_clone(tmp_path / "admin").as_uri()
    monkeypatch.setenv("PRISMA_LINT_ALLOW_FILE_URLS", "1")  # file:// remotes: tests only
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    monkeypatch.delenv("PRISMA_LINT_TOKEN", raising=False)
    return {"root": tmp_path, "commits": commits, "url": url}


def check_json(portal: Path, canonical: str, *extra: str) -> tuple[int, dict[str, object]]:
    code, out, err = run(
        "check", "--canonical", canonical, "--portal", str(portal / SCHEMA), "--format", "json", *extra
    )
    assert code in (0, 1), err
    return code, json.loads(out)


def test_clean_copy(repos: dict[str, object], monkeypatch: pytest.MonkeyPatch) -> None:
    portal = portal_repo(Path(repos["root"]) / "portal", version(5))  # type: ignore[arg-type]
    monkeypatch.chdir(portal)
    code, report = check_json(portal, f"{repos['url']}#main:{SCHEMA}")
    assert code == 0
    assert report["changes"] == [] and report["verdict"] == "clean"  # type: ignore[index]


@pytest.mark.parametrize("n", [4, 2, 0])
def test_stale_copy_at_several_depths(
    repos: dict[str, object], monkeypatch: pytest.MonkeyPatch, n: int
) -> None:
    portal = portal_repo(Path(repos["root"]) / "portal", version(n))  # type: ignore[arg-type]
    monkeypatch.chdir(portal)
    code, report = check_json(portal, f"{repos['url']}#main:{SCHEMA}")
    commit = repos["commits"][n]  # type: ignore[index]
    behind = 5 - n
    assert code == 1
    (change,) = report["changes"]  # type: ignore[misc]
    assert change["code"] == "PORTAL_STALE"
    assert change["message"] == (
        f"The portal copy matches the canonical schema at {commit[:7]} (2026-10-{2 * n + 1:02d}), "
        f"{behind} schema commit{'s' if behind != 1 else ''} behind. "
        f"Run `prisma-lint sync '{repos['url']}#main:{SCHEMA}' {portal / SCHEMA}`."
    )
    assert report["history"]["match"] == {  # type: ignore[index]
        "commit": commit,
        "date": f"2026-10-{2 * n + 1:02d}T12:00:00+00:00",
        "behind": behind,
    }


def test_stale_from_a_local_repository_path(
    repos: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    portal = portal_repo(Path(repos["root"]) / "portal", version(3))  # type: ignore[arg-type]
    monkeypatch.chdir(portal)
    code, out, _ = run("check", "--canonical", f"../admin#main:{SCHEMA}", "--portal", SCHEMA)
    assert code == 1
    assert "PORTAL_STALE" in out and "2 schema commits behind" in out


def test_edited_copy_lists_changes_and_names_the_nearest_version(
    repos: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Edited from the newest version; an edit of an older one is in test_verdicts.py."""
    edited = version(5).replace("  field3 String?\n", "  field3 String?\n  portalOnly Int\n")
    portal = portal_repo(Path(repos["root"]) / "portal", edited)  # type: ignore[arg-type]
    monkeypatch.chdir(portal)
    code, report = check_json(portal, f"{repos['url']}#main:{SCHEMA}")
    assert code == 1
    assert [(c["code"], c["path"]) for c in report["changes"]] == [  # type: ignore[attr-defined]
        ("FIELD_ADDED", "Account.portalOnly"),
    ]
    assert report["verdict"] == "edited"
    verdict = report["history"]
    assert verdict["nearest"]["commit"] == repos["commits"][5]  # type: ignore[index]
    assert verdict["nearest_distance"] == 1  # type: ignore[index]
    assert verdict["baseline"] is None  # type: ignore[index]
    _, text, _ = run("check", "--canonical", f"{repos['url']}#main:{SCHEMA}", "--portal", SCHEMA)
    nearest = repos["commits"][5][:7]  # type: ignore[index]
    assert (
        f"the nearest is {nearest} (2026-10-11, 0 schema commits behind), "
        "1 schema fact (fields, attributes, entries) apart." in text
    )


def test_history_depth_bounds_the_walk(repos: dict[str, object], monkeypatch: pytest.MonkeyPatch) -> None:
    portal = portal_repo(Path(repos["root"]) / "portal", version(1))  # type: ignore[arg-type]
    monkeypatch.chdir(portal)
    # The last 5 commits hold versions 5, 4 and 3 (each followed by a docs commit).
    _, report = check_json(portal, f"{repos['url']}#main:{SCHEMA}", "--history-depth", "5")
    assert report["verdict"] == "edited"  # type: ignore[index]
    assert report["history"]["versions"] == 3  # type: ignore[index]
    _, report = check_json(portal, f"{repos['url']}#main:{SCHEMA}", "--history-depth", "12")
    assert report["verdict"] == "stale"  # type: ignore[index]


def test_stale_despite_an_ignored_difference(
    repos: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = version(2) + 'generator client {\n  provider = "prisma-client-js"\n}\n'
    portal = portal_repo(Path(repos["root"]) / "portal", copy)  # type: ignore[arg-type]
    (portal / ".prisma-lint.toml").write_text('ignore = ["GENERATOR_ADDED"]\n')
    monkeypatch.chdir(portal)
    _, report = check_json(portal, f"{repos['url']}#main:{SCHEMA}")
    assert [c["code"] for c in report["changes"]] == ["PORTAL_STALE"]  # type: ignore[attr-defined]


def test_ref_path_in_this_repository_and_merge_base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A monorepo: the admin and portal apps live side by side."""
    repo = init(tmp_path / "mono")
    commit_file(repo, "apps/admin/schema.prisma", version(1), "admin v1", day=1)
    commit_file(repo, "apps/portal/schema.prisma", version(1), "portal v1", day=2)
    git(repo, "checkout", "--quiet", "-b", "feature")
    commit_file(repo, "apps/portal/schema.prisma", version(2), "portal edits its copy", day=3)
    git(repo, "checkout", "--quiet", "main")
    commit_file(repo, "apps/admin/schema.prisma", version(3), "admin moves on", day=4)
    git(repo, "checkout", "--quiet", "feature")
    monkeypatch.chdir(repo)
    args = ("check", "--canonical", "apps/admin/schema.prisma", "--portal", "apps/portal/schema.prisma")
    code, out, _ = run(*args, "--canonical-ref", "main", "--merge-base", "--format", "json")
    changes = json.loads(out)["changes"]
    assert code == 1 and [(c["code"], c["path"]) for c in changes] == [("FIELD_ADDED", "Account.field2")]
    # Against main itself, the copy is simply behind: version 2 of 3 never existed there, so edited.
    code, out, _ = run(*args, "--canonical-ref", "main", "--format", "json")
    assert code == 1 and json.loads(out)["verdict"] == "edited"
    code, out, _ = run(
        "check", "--canonical", "main:apps/admin/schema.prisma", "--portal", "apps/portal/schema.prisma"
    )
    assert code == 1


def test_missing_ref_says_how_to_fetch(repos: dict[str, object], monkeypatch: pytest.MonkeyPatch) -> None:
    root = Path(repos["root"])  # type: ignore[arg-type]
    git(root, "clone", "--quiet", "--depth", "1", f"{repos['url']}", str(root / "shallow"))
    monkeypatch.chdir(root / "shallow")
    code, out, err = run("check", "--canonical", f"HEAD~3:{SCHEMA}", "--portal", SCHEMA)
    assert (code, out) == (2, "")
    assert "no commit or ref 'HEAD~3'" in err and "fetch-depth: 0" in err and "git fetch origin main" in err


def test_missing_path_and_remote_ref(repos: dict[str, object], monkeypatch: pytest.MonkeyPatch) -> None:
    portal = portal_repo(Path(repos["root"]) / "portal", version(5))  # type: ignore[arg-type]
    monkeypatch.chdir(portal)
    code, _, err = run("check", "--canonical", f"{repos['url']}#main:prisma/nope.prisma", "--portal", SCHEMA)
    assert code == 2 and "prisma/nope.prisma: no such file or folder at main" in err
    code, _, err = run("check", "--canonical", f"{repos['url']}#no-such-branch:{SCHEMA}", "--portal", SCHEMA)
    assert code == 2 and "git fetch failed" in err and "\n" not in err.strip()


def test_token_never_appears_in_any_output(repos: dict[str, object], monkeypatch: pytest.MonkeyPatch) -> None:
    token = "ghp_SECRETsecretSECRET1234567890"
    monkeypatch.setenv("GITHUB_TOKEN", token)
    portal = portal_repo(Path(repos["root"]) / "portal", version(2))  # type: ignore[arg-type]
    monkeypatch.chdir(portal)
    encoded = base64.b64encode(f"x-access-token:{token}".encode()).decode()
    outputs = []
    for canonical in (
        f"https://127.0.0.1:9/acme/admin.git#main:{SCHEMA}",  # nothing listens: fetch fails
        f"https://user:{token}@127.0.0.1:9/admin.git#main:{SCHEMA}",
        f"{repos['url']}#main:{SCHEMA}",
    ):
        for fmt in ("text", "json", "github", "sarif", "markdown"):
            _, out, err = run("check", "--canonical", canonical, "--portal", SCHEMA, "--format", fmt)
            outputs.append(out + err)
    assert any("git fetch failed" in o for o in outputs)
    for output in outputs:
        assert token not in output and encoded not in output


@pytest.mark.parametrize(
    ("canonical", "message"),
    [
        (
            "ext::sh -c touch% /tmp/pwned#main:x.prisma",
            "remote helper transports (such as ext::) are not allowed",
        ),
        ("--upload-pack=touch /tmp/pwned#main:x.prisma", "not a repository URL"),
        ("https://example.com/a.git#--output=/tmp/x:x.prisma", "may not start with '-'"),
        ("http://example.com/a.git#main:x.prisma", "only https://, ssh:// and git@host: URLs"),
    ],
)
def test_dangerous_sources_are_refused(
    canonical: str, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(portal_repo(tmp_path / "portal", version(1)))
    code, _, err = run("check", "--canonical", canonical, "--portal", SCHEMA)
    assert code == 2 and message in err
    assert not Path("/tmp/pwned").exists()


def test_file_urls_need_the_test_setting(repos: dict[str, object], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PRISMA_LINT_ALLOW_FILE_URLS")
    monkeypatch.chdir(portal_repo(Path(repos["root"]) / "portal", version(5)))  # type: ignore[arg-type]
    code, _, err = run("check", "--canonical", f"{repos['url']}#main:{SCHEMA}", "--portal", SCHEMA)
    assert code == 2 and "file:// URLs are not allowed" in err


def test_policy_violations_name_file_and_line(
    repos: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    portal = portal_repo(Path(repos["root"]) / "portal", version(5))  # type: ignore[arg-type]
    (portal / "prisma" / "migrations" / "20260101_init").mkdir(parents=True)
    (portal / "package.json").write_text(
        '{\n  "name": "portal",\n  "scripts": {\n    "build": "prisma generate && next build",\n'
        '    "db:deploy": "prisma migrate deploy"\n  }\n}\n'
    )
    (portal / ".github" / "workflows").mkdir(parents=True)
    (portal / ".github" / "workflows" / "deploy.yml").write_text(
        "on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npx prisma db push\n"
    )
    (portal / "scripts").mkdir()
    (portal / "scripts" / "reset.sh").write_text(
        "#!/bin/sh\n# prisma migrate reset is not for us\nprisma migrate reset --force\n"
    )
    monkeypatch.chdir(portal)
    code, report = check_json(portal, f"{repos['url']}#main:{SCHEMA}")
    assert code == 1
    found = [(c["code"], c["path"], c["portal"]["line"]) for c in report["changes"]]  # type: ignore[attr-defined]
    assert found == [
        ("PORTAL_HAS_MIGRATIONS", "prisma/migrations", 1),
        ("PORTAL_RUNS_DB_PUSH", ".github/workflows/deploy.yml#npx prisma db push", 6),
        ("PORTAL_RUNS_MIGRATE", "package.json#prisma migrate deploy", 5),
        ("PORTAL_RUNS_MIGRATE", "scripts/reset.sh#prisma migrate reset --force", 3),
    ]
    assert {c["object"] for c in report["changes"]} == {"policy"}  # type: ignore[attr-defined]
    messages = [c["message"] for c in report["changes"]]  # type: ignore[attr-defined]
    assert messages[2] == (
        "package.json runs `prisma migrate deploy` on line 5 (script `db:deploy`): it applies migrations "
        "to the database. Only the admin app may change the database; the portal runs `prisma generate` only."
    )
    # Lines moving around a finding keep its fingerprint: no position goes into it.
    prints = [c["fingerprint"] for c in report["changes"]]  # type: ignore[attr-defined]
    (portal / "scripts" / "reset.sh").write_text("#!/bin/sh\n\n\necho hi\nprisma migrate reset --force\n")
    moved = check_json(portal, f"{repos['url']}#main:{SCHEMA}")[1]
    assert [c["fingerprint"] for c in moved["changes"]] == prints  # type: ignore[index]
    (portal / ".prisma-lint.toml").write_text("check-migrations = false\ncheck-migrate-commands = false\n")
    assert check_json(portal, f"{repos['url']}#main:{SCHEMA}")[0] == 0


def test_check_codes_are_the_ones_documented() -> None:
    # The codes only `check` makes say so in their entry, and docs/changes.md explains each.
    check_only = {code for code in Code if "(`check` only" in code.info.summary}
    assert check_only == {
        Code.PORTAL_STALE,
        Code.PORTAL_HAS_MIGRATIONS,
        Code.PORTAL_RUNS_MIGRATE,
        Code.PORTAL_RUNS_DB_PUSH,
        Code.PORTAL_RUNS_DB_PULL,
        Code.PORTAL_RUNS_DB_EXECUTE,
        Code.PORTAL_RUNS_PRISMA8_DB,
    }
    doc = (Path(__file__).resolve().parents[1] / "docs" / "changes.md").read_text(encoding="utf-8")
    for code in check_only:
        assert f"\n### {code.value}\n" in doc, code


def test_check_without_a_canonical_schema_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(portal_repo(tmp_path / "portal", version(1)))
    code, _, err = run("check")
    assert code == 2 and "no canonical schema" in err


def test_diff_and_parse_accept_git_sources_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    admin_repo(tmp_path / "admin", versions=3)
    monkeypatch.chdir(tmp_path / "admin")
    code, out, _ = run("diff", f"HEAD~2:{SCHEMA}", SCHEMA, "--format", "json")
    assert code == 1
    assert [c["path"] for c in json.loads(out)["changes"]] == ["Account.field2"]  # added since version 1
    code, out, _ = run("parse", f"HEAD~4:{SCHEMA}")
    assert (
        code == 0
        and out
        == f"HEAD~4:{SCHEMA}: 2 blocks (1 datasource, 1 model), 1 field, 0 enum values, no syntax errors\n"
    )
