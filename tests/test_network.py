"""What goes over the network, to whom, for how long: git fetches and the GitHub API.

Every server is started on 127.0.0.1 by its test and stopped after it; every
wait is bounded. A URL of a host the tests cannot reach is rewritten with
git's own `url.<base>.insteadOf`, from the environment, as a user would.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from prisma_lint.github import comment
from prisma_lint.sources import gitenv
from tests.fake_github import FakeGitHub
from tests.gitrepos import SCHEMA, admin_repo, bare_clone, portal_repo, version
from tests.servers import Drip, Recorder, Redirector, Silent

TOKEN = "ghs_0123456789abcdef"


@pytest.fixture
def admin(tmp_path: Path) -> dict[str, object]:
    admin_repo(tmp_path / "admin")
    url = bare_clone(tmp_path / "admin").as_uri()
    portal = portal_repo(tmp_path / "portal", version(5))
    return {"url": url, "portal": portal, "cache": tmp_path / "cache"}


def user_config(*pairs: tuple[str, str]) -> dict[str, str]:
    env = {"GIT_CONFIG_COUNT": str(len(pairs))}
    for n, (key, value) in enumerate(pairs):
        env[f"GIT_CONFIG_KEY_{n}"], env[f"GIT_CONFIG_VALUE_{n}"] = key, value
    return env


def check(portal: Path, canonical: str, cache: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`prisma-lint check` in a child process (bounded), with exactly the environment given."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "GITHUB_", "PRISMA_LINT_"))}
    args = [sys.executable, "-m", "prisma_lint", "check", "--format", "json", "--cache-dir", str(cache)]
    return subprocess.run(
        [*args, "--canonical", canonical, "--portal", SCHEMA],
        check=False,
        cwd=portal,
        env={**base, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_users_git_config_survives_a_token(admin: dict[str, object]) -> None:
    """An `insteadOf` rewrite from the environment still applies when a token is set."""
    canonical = f"https://github.com/acme/admin.git#main:{SCHEMA}"
    rewrite = user_config((f"url.{admin['url']}.insteadOf", "https://github.com/acme/admin.git"))
    run = check(admin["portal"], canonical, admin["cache"], GITHUB_TOKEN=TOKEN, **rewrite)  # type: ignore[arg-type]
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["verdict"] == "clean"


def test_a_git_server_that_never_answers_is_given_up_on(admin: dict[str, object]) -> None:
    with Silent() as server:
        canonical = f"https://127.0.0.1:{server.port}/acme/admin.git#main:{SCHEMA}"
        run = check(admin["portal"], canonical, admin["cache"], PRISMA_LINT_GIT_TIMEOUT="2")  # type: ignore[arg-type]
    assert run.returncode == 2
    assert f"127.0.0.1:{server.port}" in run.stderr and "no answer within 2 s" in run.stderr
    assert "Traceback" not in run.stderr


def test_the_token_goes_only_to_the_github_host_of_the_run(admin: dict[str, object]) -> None:
    """A host the repository's config names gets no token: only GITHUB_SERVER_URL's, or the workflow's."""
    with Recorder() as server:
        for host, allowed in (
            ("git.evil.example", ""),
            ("github.com", ""),
            ("git.corp.example", "git.corp.example"),
        ):
            canonical = f"https://{host}/acme/admin.git#main:{SCHEMA}"
            rewrite = user_config((f"url.{server.url}/{host}/.insteadOf", f"https://{host}/"))
            extra = {"PRISMA_LINT_TOKEN_HOSTS": allowed} if allowed else {}
            check(admin["portal"], canonical, admin["cache"], GITHUB_TOKEN=TOKEN, **rewrite, **extra)  # type: ignore[arg-type]
    hosts = [path.split("/")[1] for path, _ in server.seen]
    assert sorted(set(hosts)) == ["git.corp.example", "git.evil.example", "github.com"]  # all three asked
    assert {path.split("/")[1] for path, auth in server.seen if auth} == set()  # the header is scoped


def test_git_never_carries_the_token_through_a_redirect(tmp_path: Path) -> None:
    """With a token, git does not follow a redirect at all.

    The libcurl of git 2.39 builds differs: 7.88 drops Authorization on a change of host
    or port, older ones send it along. Not following is safe with any of them.
    """
    with Recorder(host="localhost") as elsewhere, Redirector(elsewhere.url) as canonical_host:
        env = gitenv.with_config({**os.environ}, gitenv.auth_pairs(canonical_host.url + "/", TOKEN))
        env.update(GIT_TERMINAL_PROMPT="0", GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL="/dev/null")
        fetch = subprocess.run(
            ["git", "ls-remote", f"{canonical_host.url}/acme/admin.git"],
            check=False,
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert fetch.returncode != 0
    assert canonical_host.seen and canonical_host.seen[0][1] == f"Basic {gitenv.basic_auth(TOKEN)}"
    assert elsewhere.seen == []  # never asked, so never told


def test_which_hosts_get_the_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    monkeypatch.delenv("PRISMA_LINT_TOKEN", raising=False)
    monkeypatch.delenv("PRISMA_LINT_TOKEN_HOSTS", raising=False)
    monkeypatch.delenv("GITHUB_SERVER_URL", raising=False)
    assert gitenv.token_for("https://github.com/acme/admin.git") == TOKEN
    assert gitenv.token_for("https://x:y@GitHub.com/acme/admin.git") == TOKEN
    assert gitenv.token_for("https://github.com.evil.example/acme/admin.git") is None
    assert gitenv.token_for("ssh://github.com/acme/admin.git") is None
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://ghe.corp.example:8443")
    assert gitenv.token_for("https://github.com/acme/admin.git") is None
    assert gitenv.token_for("https://ghe.corp.example:8443/acme/admin.git") == TOKEN
    monkeypatch.setenv("PRISMA_LINT_TOKEN_HOSTS", "git.corp.example, other.example")
    assert gitenv.token_for("https://other.example/a.git") == TOKEN
    env = gitenv.fetch_env("https://git.corp.example/a.git")
    keys = [env[f"GIT_CONFIG_KEY_{n}"] for n in range(int(env["GIT_CONFIG_COUNT"]))]
    assert "http.https://git.corp.example/.extraHeader" in keys and "http.followRedirects" in keys
    assert "http.extraHeader" not in keys  # never unscoped


def test_the_api_token_is_dropped_when_a_redirect_changes_host() -> None:
    with Recorder(host="localhost", status=200, body=b"[]") as elsewhere, Redirector(elsewhere.url) as api:
        github = comment.GitHub(api.url, "acme/portal", TOKEN)
        assert github.request("GET", "/repos/acme/portal/issues/7/comments") == []
    assert api.seen[0][1] == f"Bearer {TOKEN}"
    assert elsewhere.seen and [auth for _, auth in elsewhere.seen if auth] == []


@pytest.mark.parametrize("identity", ["prisma-bot", None])
def test_only_our_own_comment_is_edited(identity: str | None) -> None:
    """Another user's comment that quotes the marker is left alone; ours is found by author."""
    ours = identity or "github-actions[bot]"
    with FakeGitHub(identity=identity) as api:
        api.comments += [
            {"id": 2, "body": f"{comment.MARKER}\nspoofed", "user": {"login": "mallory"}},
            {"id": 3, "body": f"{comment.MARKER}\nold report", "user": {"login": ours}},
        ]
        github = comment.GitHub(api.url, "acme/portal", TOKEN)
        assert comment.sync_comment(github, 7, "## drift", drift=True).action == "updated"
    assert api.writes() == [("PATCH", "/repos/acme/portal/issues/comments/3")]
    assert api.comments[1]["body"].endswith("spoofed")


def test_a_marker_in_someone_elses_comment_makes_us_post_our_own() -> None:
    with FakeGitHub(identity="prisma-bot") as api:
        api.comments.append({"id": 2, "body": f"{comment.MARKER}\nspoofed", "user": {"login": "mallory"}})
        github = comment.GitHub(api.url, "acme/portal", TOKEN)
        assert comment.sync_comment(github, 7, "## drift", drift=True).action == "created"
    assert api.writes() == [("POST", "/repos/acme/portal/issues/7/comments")]


def test_an_api_call_has_an_overall_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    """A server sending one byte every 0.25 s never trips a per-read timeout; the deadline does."""
    monkeypatch.setenv("PRISMA_LINT_API_TIMEOUT", "1")
    with Drip(size=40, pause=0.25) as api, pytest.raises(comment.ApiError) as caught:
        comment.GitHub(api.url, "acme/portal", TOKEN).request("GET", "/user")
    assert "127.0.0.1" in str(caught.value) and "within 1 s" in str(caught.value)


def test_an_api_reply_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(comment, "MAX_REPLY", 1000)
    with (
        Recorder(status=200, body=b"[" + b" " * 5000 + b"]") as api,
        pytest.raises(comment.ApiError) as caught,
    ):
        comment.GitHub(api.url, "acme/portal", TOKEN).request("GET", "/user")
    assert "127.0.0.1" in str(caught.value) and "larger than" in str(caught.value)


def test_pr_comment_against_a_hung_api_exits_2_naming_the_host(tmp_path: Path) -> None:
    (tmp_path / "event.json").write_text('{"pull_request": {"number": 7}}')
    (tmp_path / "report.json").write_text('{"drift": true}')
    (tmp_path / "summary.md").write_text("## drift\n")
    with Drip(size=40, pause=0.25) as api:
        env = {
            **os.environ,
            "GITHUB_API_URL": api.url,
            "GITHUB_REPOSITORY": "acme/portal",
            "GITHUB_EVENT_PATH": str(tmp_path / "event.json"),
            "GITHUB_TOKEN": TOKEN,
            "PRISMA_LINT_API_TIMEOUT": "1",
        }
        run = subprocess.run(
            [sys.executable, "-m", "prisma_lint", "pr-comment", "report.json", "summary.md"],
            check=False,
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert run.returncode == 2, run.stdout + run.stderr
    assert "127.0.0.1" in run.stderr and "within 1 s" in run.stderr
