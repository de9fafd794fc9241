"""`check` and `sync` as teams run them: real git repositories, built with the git CLI.

Three layouts, each with an admin app whose schema went through versions
0..5 (each adds a field to Account; tests/gitrepos.py):

- checkout: admin/ and portal/ side by side, the config naming the admin
  schema by path (`../admin/prisma/schema.prisma`), so its history comes from
  that checkout;
- spec: the same, the config naming it as `../admin#main:prisma/schema.prisma`;
- mono: one repository with apps/admin and apps/portal; main holds admin v5
  and a synced copy, and a pull request branch changes the copy. `check` runs
  as the README recommends: `--canonical-ref main --merge-base`.

For each case: the verdict, the exit status, the finding codes, and the
commit the verdict names (the matching version when stale, the nearest when
edited, the baseline of a stale-and-edited copy).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from prisma_lint.cli import cli
from tests.gitrepos import SCHEMA, admin_repo, commit_file, git, init, portal_repo, version

ADMIN = "apps/admin/prisma/schema.prisma"
PORTAL = "apps/portal/prisma/schema.prisma"
EDIT = "  portalOnly Int\n"


def edited(n: int) -> str:
    """Version n with a field the admin never had."""
    return version(n).replace("  id Int @id\n", "  id Int @id\n" + EDIT)


def reordered(n: int) -> str:
    """Version n with Account's fields in reverse order (Prisma ignores order)."""
    text = version(n)
    head, _, rest = text.partition("model Account {\n")
    body, _, tail = rest.partition("}\n")
    lines = body.splitlines(keepends=True)
    return head + "model Account {\n" + "".join(reversed(lines)) + "}\n" + tail


def reformatted(n: int) -> str:
    """Version n with other spacing, blank lines and comments."""
    return "// the portal's copy\n" + version(n).replace(" String?", "    String?  // optional").replace(
        "{\n", "{\n\n"
    )


def crlf(n: int) -> str:
    return version(n).replace("\n", "\r\n")


@dataclass
class Layout:
    name: str
    root: Path  # where check runs
    commits: list[str]  # the admin schema's versions 0..5
    extra: tuple[str, ...]  # check's extra options in this layout

    def write_copy(self, text: str) -> None:
        """Put text in the portal copy and commit it, as a pull request would."""
        path = self.root / (PORTAL if self.name == "mono" else SCHEMA)
        path.write_bytes(text.encode())
        repo = self.root
        git(repo, "add", "-A")
        git(repo, "commit", "--quiet", "--allow-empty", "-m", "the copy", date="2026-10-25T12:00:00Z")

    def check(self, *args: str, cwd: Path | None = None) -> tuple[int, dict[str, object]]:
        return check_in(cwd or self.root, *self.extra, *args)


def check_in(cwd: Path, *args: str) -> tuple[int, dict[str, object]]:
    import os

    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli, ["check", "--format", "json", *args], catch_exceptions=False)
    finally:
        os.chdir(old)
    assert result.exit_code in (0, 1), result.stderr
    return result.exit_code, json.loads(result.stdout)


def build(name: str, tmp: Path) -> Layout:
    if name == "mono":
        repo = init(tmp / "mono")
        commits = []
        for n in range(6):
            commits.append(commit_file(repo, ADMIN, version(n), f"admin v{n}", day=2 * n + 1))
            commit_file(repo, "README.md", f"notes {n}\n", f"docs {n}", day=2 * n + 2)
        commit_file(repo, PORTAL, version(5), "portal synced", day=13)
        (repo / ".prisma-lint.toml").write_text(f'canonical = "{ADMIN}"\nportal = "{PORTAL}"\n')
        git(repo, "add", ".prisma-lint.toml")
        git(repo, "commit", "--quiet", "-m", "config", date="2026-10-14T12:00:00Z")
        git(repo, "checkout", "--quiet", "-b", "pr")
        return Layout(name, repo, commits, ("--canonical-ref", "main", "--merge-base"))
    commits = admin_repo(tmp / "admin")
    portal = portal_repo(tmp / "portal", version(5))
    canonical = f"../admin/{SCHEMA}" if name == "checkout" else f"../admin#main:{SCHEMA}"
    (portal / ".prisma-lint.toml").write_text(f'canonical = "{canonical}"\nportal = "{SCHEMA}"\n')
    return Layout(name, portal, commits, ())


@pytest.fixture(params=["checkout", "spec", "mono"])
def layout(request: pytest.FixtureRequest, tmp_path: Path) -> Layout:
    return build(request.param, tmp_path)


def codes(report: dict[str, object]) -> list[str]:
    return [c["code"] for c in report["changes"]]  # type: ignore[attr-defined]


def named_commit(report: dict[str, object]) -> str | None:
    verdict: dict[str, object] = report["history"] or {}  # type: ignore[assignment]
    if verdict.get("baseline"):
        return verdict["baseline"]  # type: ignore[return-value]
    for key in ("match", "nearest"):
        if verdict.get(key):
            return verdict[key]["commit"]  # type: ignore[index,no-any-return]
    return None


def verdict_of(report: dict[str, object]) -> str:
    return report["verdict"]  # type: ignore[index,no-any-return]


# ---- the cases, in every layout -----------------------------------------


@pytest.mark.parametrize(
    ("copy", "verdict", "exit_code", "found"),
    [
        (version(5), "clean", 0, []),
        (reordered(5), "clean", 0, []),
        (reformatted(5), "clean", 0, []),
        (crlf(5), "clean", 0, []),
    ],
    ids=["clean", "reordered", "reformatted", "crlf"],
)
def test_copies_that_mean_the_canonical_schema_are_clean(
    layout: Layout, copy: str, verdict: str, exit_code: int, found: list[str]
) -> None:
    layout.write_copy(copy)
    code, report = layout.check()
    assert (verdict_of(report), code, codes(report), named_commit(report)) == (
        verdict,
        exit_code,
        found,
        None,
    )


def test_stale(layout: Layout) -> None:
    layout.write_copy(version(3))
    code, report = layout.check()
    assert (verdict_of(report), code, codes(report)) == ("stale", 1, ["PORTAL_STALE"])
    assert named_commit(report) == layout.commits[3]
    message = report["changes"][0]["message"]  # type: ignore[index]
    assert f"at {layout.commits[3][:7]} (2026-10-07), 2 schema commits behind" in message


def test_edited(layout: Layout) -> None:
    layout.write_copy(edited(5))
    code, report = layout.check()
    assert (verdict_of(report), code, codes(report)) == ("edited", 1, ["FIELD_ADDED"])
    assert named_commit(report) == layout.commits[5]


def test_stale_and_edited(layout: Layout) -> None:
    layout.write_copy(edited(3))
    code, report = layout.check()
    assert (verdict_of(report), code, codes(report)) == ("edited", 1, ["FIELD_ADDED", "PORTAL_STALE"])
    assert named_commit(report) == layout.commits[3]
    stale = report["changes"][1]  # type: ignore[index]
    assert f"2 canonical changes since {layout.commits[3][:7]} were not synced" in stale["message"]
    assert [c["path"] for c in stale["upstream"]] == ["Account.field4", "Account.field5"]


def test_strict(layout: Layout) -> None:
    layout.write_copy(reordered(5))
    code, report = layout.check("--strict")
    assert (verdict_of(report), code, codes(report), named_commit(report)) == (
        "clean",
        1,
        ["MEMBER_ORDER_CHANGED"] * 5,
        None,
    )
    code, report = layout.check("--strict", "--fail-on", "error")
    assert (verdict_of(report), code) == ("clean", 0)


def test_run_from_a_subfolder(layout: Layout) -> None:
    layout.write_copy(version(2))
    sub = layout.root / "src" / "lib"
    sub.mkdir(parents=True)
    code, report = layout.check(cwd=sub)
    assert (verdict_of(report), code, codes(report), named_commit(report)) == (
        "stale",
        1,
        ["PORTAL_STALE"],
        layout.commits[2],
    )


def test_config_in_a_parent_folder(layout: Layout) -> None:
    """The config sits above the portal app: at the monorepo root, or the portal repository's root."""
    layout.write_copy(edited(5))
    app = layout.root / ("apps/portal" if layout.name == "mono" else "prisma")
    code, report = layout.check(cwd=app)
    assert (verdict_of(report), code, codes(report), named_commit(report)) == (
        "edited",
        1,
        ["FIELD_ADDED"],
        layout.commits[5],
    )


def test_sync_then_check_is_clean(layout: Layout) -> None:
    import os

    layout.write_copy(edited(3))

    old = Path.cwd()
    os.chdir(layout.root)
    try:
        assert CliRunner().invoke(cli, ["sync", "--check"]).exit_code == 1
        assert CliRunner().invoke(cli, ["sync"]).exit_code == 0
        assert CliRunner().invoke(cli, ["sync", "--check"]).exit_code == 0
    finally:
        os.chdir(old)
    code, report = layout.check()
    assert (verdict_of(report), code, codes(report)) == ("clean", 0, [])


# ---- monorepo pull requests ----------------------------------------------


@pytest.fixture
def mono(tmp_path: Path) -> Layout:
    return build("mono", tmp_path)


def test_admin_pr_that_syncs_the_portal_in_the_same_commit(mono: Layout) -> None:
    (mono.root / ADMIN).write_text(version(6))
    commit_file(mono.root, PORTAL, version(6), "admin v6, portal synced", day=20)
    code, report = mono.check()
    assert (verdict_of(report), code, codes(report), named_commit(report)) == ("clean", 0, [], None)


def test_admin_pr_that_forgets_the_portal(mono: Layout) -> None:
    commit_file(mono.root, ADMIN, version(6), "admin v6 only", day=20)
    code, report = mono.check()
    assert (verdict_of(report), code, codes(report), named_commit(report)) == (
        "stale",
        1,
        ["PORTAL_STALE"],
        mono.commits[5],
    )


def test_portal_pr_that_edits_the_copy(mono: Layout) -> None:
    commit_file(mono.root, PORTAL, edited(5), "portal edits its copy", day=20)
    code, report = mono.check()
    assert (verdict_of(report), code, codes(report), named_commit(report)) == (
        "edited",
        1,
        ["FIELD_ADDED"],
        mono.commits[5],
    )
    assert report["changes"][0]["path"] == "Account.portalOnly"  # type: ignore[index]
