"""The Action inside a job, as the runner runs it (tests/action_runner.py).

What the action leaves to later steps (PATH, Python, exports), a step that
planted a prisma-lint in RUNNER_TEMP, two uses in one job, the inputs that
used to need a hand-written step (canonical-ref, merge-base, strict, version,
sarif then an upload step), Windows runners, and fork pull requests whose
workflow has no token that can read a private canonical repository.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.action_runner import ROOT, ActionRun, run_action, run_job
from tests.action_standins import CACHE_SHA
from tests.gitrepos import SCHEMA, admin_repo, commit_file, git, init, portal_repo, remote_of, version
from tests.private_git import PrivateGitHost

UPLOAD = "github/codeql-action/upload-sarif@8aad20d150bbac5944a9f9d289da16a4b0d87c1e"  # v4.36.2

# Each test runs the action's steps, and so builds prisma-lint in a venv.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def runner_temp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Shared, like runs of one repository, whose install cache is warm."""
    return tmp_path_factory.mktemp("runner-temp")


@pytest.fixture
def canonical(tmp_path: Path) -> str:
    admin_repo(tmp_path / "admin")
    return remote_of(tmp_path / "admin")


def base_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        "PRISMA_LINT_ALLOW_FILE_URLS": "1",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "GITHUB_REPOSITORY": "acme/portal",
        **extra,
    }


def annotations(run: ActionRun) -> list[str]:
    return [line for line in run.stdout.splitlines() if line.startswith("::")]


def lint(inputs: dict[str, str], step_id: str = "lint", **extra: Any) -> dict[str, Any]:
    return {"uses": "./", "id": step_id, "with": inputs, **extra}


def test_a_planted_prisma_lint_in_runner_temp_is_never_run(
    tmp_path: Path, runner_temp: Path, canonical: str
) -> None:
    """Issue 11, item 11: an earlier step of the job may write to RUNNER_TEMP; the token must not reach it."""
    marker = tmp_path / "planted-ran"
    for name in ("prisma-lint", "python"):
        planted = runner_temp / "prisma-lint-venv" / "bin" / name
        planted.parent.mkdir(parents=True, exist_ok=True)
        planted.write_text(f'#!/bin/sh\necho "$GITHUB_TOKEN" >>"{marker}"\nexit 0\n')
        planted.chmod(0o755)
    portal = portal_repo(tmp_path / "portal", version(5).replace("field5", "renamed5"))
    run = run_action({"canonical": canonical, "portal": SCHEMA}, portal, runner_temp, base_env(tmp_path))
    assert not marker.exists(), "the planted executable ran with the token"
    assert (run.status, run.outputs["verdict"]) == (1, "edited")
    assert not Path(run.outputs["report"]).is_relative_to(runner_temp / "prisma-lint-venv")


@pytest.mark.parametrize("planted", ["json.py", "sitecustomize.py"])
def test_a_python_module_in_the_checked_out_repository_is_never_imported(
    tmp_path: Path, runner_temp: Path, canonical: str, planted: str
) -> None:
    """The action's Python runs in working-directory, the pull request's tree, with the token:
    a module there must not shadow the standard library's."""
    marker = tmp_path / "planted-ran"
    portal = portal_repo(tmp_path / "portal", version(5).replace("field5", "renamed5"))
    code = f"import os\nopen({str(marker)!r}, 'a').write(os.environ.get('GITHUB_TOKEN', ''))\n"
    (portal / planted).write_text(code)
    for kind in ("error", "clean"):  # the outputs step, and the summary of a failed run
        inputs = {"canonical": canonical if kind == "clean" else "missing.prisma", "portal": SCHEMA}
        run = run_action(inputs, portal, runner_temp, base_env(tmp_path))
        assert run.outputs["verdict"] in ("edited", "error"), run.stderr
    assert not marker.exists(), "a module from the repository ran with the token"


def test_two_uses_in_one_job_keep_their_own_reports(
    tmp_path: Path, runner_temp: Path, canonical: str
) -> None:
    portal = portal_repo(tmp_path / "portal", version(5))
    commit_file(portal, "copy/schema.prisma", version(5).replace("field5", "renamed5"), "second", day=21)
    steps = [
        lint({"canonical": canonical, "portal": SCHEMA}, "clean"),
        lint({"canonical": canonical, "portal": "copy/schema.prisma", "fail-on": "never"}, "edited"),
    ]
    run = run_job(steps, portal, runner_temp, base_env(tmp_path))
    assert run.status == 0, run.stderr
    first, second = Path(run.steps["clean"]["report"]), Path(run.steps["edited"]["report"])
    assert first != second and first.parent != second.parent
    assert json.loads(first.read_text())["drift"] is False  # not overwritten by the second use
    assert json.loads(second.read_text())["drift"] is True


def test_later_steps_see_the_original_path_python_and_environment(
    tmp_path: Path, runner_temp: Path, canonical: str
) -> None:
    # Each step has its own OUT and runner files (GITHUB_OUTPUT, GITHUB_ENV, ...); the rest is the job's.
    own = "-e ^OUT= -e ^GITHUB_OUTPUT= -e ^GITHUB_ENV= -e ^GITHUB_PATH= -e ^GITHUB_STEP_SUMMARY="
    env = f"env | grep -v {own} | sort"
    probe = f'echo "$PATH" >"$OUT.path"; command -v python3 >"$OUT.python"; {env} >"$OUT.env"'
    portal = portal_repo(tmp_path / "portal", version(5))
    steps = [
        {"run": probe, "env": {"OUT": str(tmp_path / "before")}},
        lint({"canonical": canonical, "portal": SCHEMA}),
        {"run": probe, "env": {"OUT": str(tmp_path / "after")}},
    ]
    run = run_job(steps, portal, runner_temp, base_env(tmp_path))
    assert run.status == 0, run.stderr
    for kind in ("path", "python", "env"):
        assert (tmp_path / f"after.{kind}").read_text() == (tmp_path / f"before.{kind}").read_text(), kind
    assert (run.path_added, run.exported) == ([], {})


def monorepo(path: Path) -> Path:
    """Admin and portal in one repository; admin changed on main after the portal's branch forked."""
    init(path)
    commit_file(path, "apps/admin/schema.prisma", version(3), "admin v3", day=1)
    commit_file(path, "apps/portal/schema.prisma", version(3), "portal copy v3", day=2)
    git(path, "branch", "feature")
    commit_file(path, "apps/admin/schema.prisma", version(4), "admin v4", day=3)
    git(path, "checkout", "--quiet", "feature")
    commit_file(path, "README.md", "portal work\n", "unrelated portal change", day=4)
    return path


def test_monorepo_with_canonical_ref_and_merge_base(tmp_path: Path, runner_temp: Path) -> None:
    repo = monorepo(tmp_path / "mono")
    inputs = {
        "canonical": "apps/admin/schema.prisma",
        "portal": "apps/portal/schema.prisma",
        "canonical-ref": "main",
    }
    at_merge_base = run_action({**inputs, "merge-base": "true"}, repo, runner_temp, base_env(tmp_path))
    assert (at_merge_base.status, at_merge_base.outputs["verdict"]) == (0, "clean"), at_merge_base.stderr
    # In a monorepo the copy is compared with the admin schema of the same commit (issue 10): the
    # refs only choose where the history starts. That both inputs reach the command shows in what
    # the command refuses.
    at_main = run_action(inputs, repo, runner_temp, base_env(tmp_path))
    assert (at_main.status, at_main.outputs["verdict"]) == (0, "clean"), at_main.stderr
    alone = {k: v for k, v in inputs.items() if k != "canonical-ref"}
    no_ref = run_action({**alone, "merge-base": "true"}, repo, runner_temp, base_env(tmp_path))
    assert no_ref.status == 2 and "--merge-base needs --canonical-ref" in no_ref.stderr
    bad_ref = run_action({**inputs, "canonical-ref": "no-such-branch"}, repo, runner_temp, base_env(tmp_path))
    assert bad_ref.status == 2 and "no-such-branch" in bad_ref.stderr


def test_strict_and_history_depth(tmp_path: Path, runner_temp: Path, canonical: str) -> None:
    lines = version(5).splitlines(keepends=True)
    swapped = "".join([*lines[:6], lines[7], lines[6], *lines[8:]])  # field1 and field2 swap places
    portal = portal_repo(tmp_path / "portal", swapped)
    (portal / "canonical.prisma").write_text(version(5))  # a plain file: strict alone decides
    inputs = {"canonical": "canonical.prisma", "portal": SCHEMA}
    assert run_action(inputs, portal, runner_temp, base_env(tmp_path)).outputs["verdict"] == "clean"
    strict = run_action({**inputs, "strict": "true"}, portal, runner_temp, base_env(tmp_path))
    assert (strict.status, strict.outputs["changes"]) == (1, "1")
    assert [a.split(",title=")[1].split("::")[0] for a in annotations(strict)] == ["MEMBER_ORDER_CHANGED"]
    stale = portal_repo(tmp_path / "stale", version(2))
    remote = {"canonical": canonical, "portal": SCHEMA}
    shallow = run_action({**remote, "history-depth": "2"}, stale, runner_temp, base_env(tmp_path))
    deep = run_action(remote, stale, runner_temp, base_env(tmp_path))
    assert (shallow.outputs["verdict"], deep.outputs["verdict"]) == ("edited", "stale")


def test_sarif_output_feeds_the_upload_step(tmp_path: Path, runner_temp: Path, canonical: str) -> None:
    portal = portal_repo(tmp_path / "portal", version(5).replace("field5 String?", "field5 Int"))
    steps = [
        lint({"canonical": canonical, "portal": SCHEMA, "sarif": "true"}),
        {"uses": UPLOAD, "if": "${{ always() }}", "with": {"sarif_file": "${{ steps.lint.outputs.sarif }}"}},
    ]
    run = run_job(steps, portal, runner_temp, base_env(tmp_path))
    assert run.status == 1  # the drift fails the job; the upload still ran
    assert UPLOAD in run.ran and len(run.uploads) == 1
    (result,) = run.uploads[0]["runs"][0]["results"]
    assert result["ruleId"] == "FIELD_TYPE_CHANGED"
    location = result["locations"][0]["physicalLocation"]
    assert (location["artifactLocation"]["uri"], location["region"]["startLine"]) == (SCHEMA, 11)
    relative = run_action(
        {"canonical": canonical, "portal": SCHEMA, "sarif": "out/lint.sarif"},
        portal,
        runner_temp,
        base_env(tmp_path),
    )
    assert relative.outputs["sarif"] == str(portal / "out/lint.sarif")
    assert json.loads((portal / "out/lint.sarif").read_text())["version"] == "2.1.0"


def test_version_input_picks_the_prisma_lint_to_run(
    tmp_path: Path, runner_temp: Path, canonical: str
) -> None:
    other = tmp_path / "other-release"
    for name in ("prisma_lint", "grammar"):
        shutil.copytree(ROOT / name, other / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, other / name)
    init_py = other / "prisma_lint/__init__.py"
    init_py.write_text(init_py.read_text().replace('__version__ = "', '__version__ = "9.9.9+'))
    portal = portal_repo(tmp_path / "portal", version(5))
    run = run_action(
        {"canonical": canonical, "portal": SCHEMA, "version": str(other)},
        portal,
        runner_temp,
        base_env(tmp_path),
    )
    assert run.status == 0, run.stderr
    assert "prisma-lint 9.9.9+" in run.stdout
    default = run_action({"canonical": canonical, "portal": SCHEMA}, portal, runner_temp, base_env(tmp_path))
    assert "prisma-lint 9.9.9" not in default.stdout


def test_windows_fails_in_the_first_step_with_one_line(tmp_path: Path, runner_temp: Path) -> None:
    portal = portal_repo(tmp_path / "portal", version(5))
    run = run_action({}, portal, runner_temp, base_env(tmp_path, RUNNER_OS="Windows"))
    assert run.status == 1
    assert run.ran == ["Prepare"]
    assert annotations(run) == [
        "::error title=prisma-lint::The prisma-lint action does not support Windows runners; "
        "run it on ubuntu-latest or macos-latest."
    ]


def pull_request_event(tmp_path: Path, head: str) -> str:
    path = tmp_path / "event.json"
    path.write_text(json.dumps({"pull_request": {"number": 7, "head": {"repo": {"full_name": head}}}}))
    return str(path)


@pytest.mark.parametrize(
    ("fallback", "status", "level"), [("fail", 2, "error"), ("skip", 0, "warning"), ("", 2, "error")]
)
def test_fork_pull_request_without_a_token_for_a_private_canonical(
    tmp_path: Path, runner_temp: Path, fallback: str, status: int, level: str
) -> None:
    portal = portal_repo(tmp_path / "portal", version(5))
    inputs = {"portal": SCHEMA, "token": ""}  # `${{ secrets.X }}` is empty in a fork's pull request
    if fallback:
        inputs["fork-fallback"] = fallback
    with PrivateGitHost(tmp_path / "host") as host:
        inputs["canonical"] = f"{host.url}/acme/admin.git#main:{SCHEMA}"
        env = base_env(tmp_path, **host.env, GITHUB_EVENT_PATH=pull_request_event(tmp_path, "mallory/portal"))
        run = run_action(inputs, portal, runner_temp, env)
        assert host.requests, "git asked the private host"
    message = (
        "This pull request comes from the fork mallory/portal, and GitHub gives a fork's pull requests no "
        "secrets, so no token could read the canonical repository: the schema was not checked "
        f"(fork-fallback: {fallback or 'fail'})."
    )
    assert annotations(run) == [f"::{level} title=prisma-lint::{message}"]
    assert run.summary == f"## ⚠️ prisma-lint did not check the schema\n\n{message}\n"
    assert (run.status, run.outputs["verdict"], run.outputs["report"]) == (status, "error", "")


def test_same_repository_pull_request_with_an_unreadable_canonical_is_an_ordinary_error(
    tmp_path: Path, runner_temp: Path
) -> None:
    portal = portal_repo(tmp_path / "portal", version(5))
    with PrivateGitHost(tmp_path / "host") as host:
        inputs = {
            "portal": SCHEMA,
            "canonical": f"{host.url}/acme/admin.git#main:{SCHEMA}",
            "fork-fallback": "skip",
        }
        env = base_env(tmp_path, **host.env, GITHUB_EVENT_PATH=pull_request_event(tmp_path, "acme/portal"))
        run = run_action(inputs, portal, runner_temp, env)
    assert run.status == 2
    # The run failed: prisma-lint's own annotation says why (issue 12: every format on every run).
    (line,) = annotations(run)
    assert line.startswith("::error title=prisma-lint::") and "git fetch failed" in line
    assert "git fetch failed" in run.summary


def test_bad_fork_fallback_is_refused_before_anything_runs(tmp_path: Path, runner_temp: Path) -> None:
    run = run_action({"fork-fallback": "maybe"}, tmp_path, runner_temp, base_env(tmp_path))
    assert (run.status, run.ran) == (2, ["Prepare"])
    assert annotations(run) == ["::error title=prisma-lint::fork-fallback must be fail or skip, not 'maybe'."]


def test_every_action_used_is_pinned_by_sha() -> None:
    import yaml

    spec = yaml.safe_load((ROOT / "action.yml").read_text())
    uses = [step["uses"] for step in spec["runs"]["steps"] if "uses" in step]
    assert uses == [f"actions/cache@{CACHE_SHA}"]
    for workflow in (ROOT / ".github/workflows").glob("*.yml"):
        for job in yaml.safe_load(workflow.read_text())["jobs"].values():
            for step in job["steps"]:
                ref = step.get("uses", "x@" + "0" * 40).partition("@")[2]
                assert step.get("uses") == "./" or len(ref) == 40, (workflow.name, step["uses"])
