"""The workflows docs/github-action.md shows are valid, and do what it says when the runner runs them.

Each YAML block with `jobs:` is checked by actionlint; the scheduled staleness
check, the fork pattern, the monorepo recipe and the SARIF upload are run step
by step through tests/action_runner.py (`acme/prisma-lint@v0.1.0` is this
repository's action), on real git repositories made for the test.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.action_runner import ROOT, run_job
from tests.gitrepos import SCHEMA, admin_repo, commit_file, git, init, portal_repo, version
from tests.private_git import PrivateGitHost

DOC = ROOT / "docs" / "github-action.md"

# Each test runs the action's steps, and so builds prisma-lint in a venv.
pytestmark = pytest.mark.slow


def documented_blocks() -> dict[str, str]:
    """Each workflow in the doc, as written, by the heading of its section."""
    found: dict[str, str] = {}
    for section in DOC.read_text(encoding="utf-8").split("\n## ")[1:]:
        heading = section.split("\n", 1)[0]
        for block in re.findall(r"```yaml\n(.*?)```", section, re.S):
            if "\njobs:" in block:
                found[heading] = block
    return found


def documented_workflows() -> dict[str, dict[str, Any]]:
    return {heading: yaml.safe_load(block) for heading, block in documented_blocks().items()}


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    return workflow.get("on", workflow.get(True))  # type: ignore[call-overload,no-any-return]  # YAML 1.1 reads `on` as true


@pytest.fixture(scope="module")
def runner_temp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("runner-temp")


def steps_of(heading: str) -> list[dict[str, Any]]:
    (job,) = documented_workflows()[heading]["jobs"].values()
    steps: list[dict[str, Any]] = job["steps"]
    return steps


def env_for(tmp_path: Path, event_name: str, **extra: str) -> dict[str, str]:
    return {
        "PRISMA_LINT_ALLOW_FILE_URLS": "1",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "GITHUB_REPOSITORY": "acme/portal",
        "GITHUB_EVENT_NAME": event_name,
        **extra,
    }


def with_config(portal: Path, canonical: str) -> Path:
    (portal / "pyproject.toml").write_text(
        f'[tool.prisma-lint]\ncanonical = "{canonical}"\nportal = "{SCHEMA}"\n'
    )
    return portal


def test_every_documented_workflow_passes_actionlint(tmp_path: Path) -> None:
    workflows = documented_blocks()
    assert {"Scheduled staleness check", "Fork pull requests", "Code scanning (SARIF)"} <= set(workflows)
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    for index, text in enumerate(workflows.values()):
        (folder / f"w{index}.yml").write_text(text)
    actionlint = shutil.which("actionlint", path=str(Path(sys.executable).parent))
    assert actionlint
    proc = subprocess.run(
        [actionlint, *sorted(str(p) for p in folder.iterdir())], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stdout


@pytest.mark.parametrize("event_name", ["schedule", "repository_dispatch"])
def test_scheduled_staleness_check_finds_a_stale_copy(
    tmp_path: Path, runner_temp: Path, event_name: str
) -> None:
    on = triggers(documented_workflows()["Scheduled staleness check"])
    assert on["schedule"][0]["cron"] and on["repository_dispatch"] == {"types": ["canonical-schema-changed"]}
    admin_repo(tmp_path / "admin")
    canonical = f"{(tmp_path / 'admin').as_uri()}#main:{SCHEMA}"
    stale = with_config(portal_repo(tmp_path / "stale", version(3)), canonical)
    run = run_job(steps_of("Scheduled staleness check"), stale, runner_temp, env_for(tmp_path, event_name))
    assert run.status == 1
    assert run.summary.startswith("## ❌ prisma-lint: the portal copy is out of date")
    assert not [
        line for line in run.stdout.splitlines() if line.startswith("::error file=")
    ]  # annotations off
    clean = with_config(portal_repo(tmp_path / "clean", version(5)), canonical)
    assert (
        run_job(
            steps_of("Scheduled staleness check"), clean, runner_temp, env_for(tmp_path, event_name)
        ).status
        == 0
    )


def test_fork_pattern_skips_the_fork_and_checks_pushes(tmp_path: Path, runner_temp: Path) -> None:
    on = triggers(documented_workflows()["Fork pull requests"])
    assert set(on) == {"pull_request", "push"}
    portal = portal_repo(tmp_path / "portal", version(5))
    event = tmp_path / "event.json"
    event.write_text(
        json.dumps({"pull_request": {"number": 3, "head": {"repo": {"full_name": "mallory/portal"}}}})
    )
    with PrivateGitHost(tmp_path / "host") as host:
        with_config(portal, f"{host.url}/acme/admin.git#main:{SCHEMA}")
        env = env_for(tmp_path, "pull_request", GITHUB_EVENT_PATH=str(event), **host.env)
        run = run_job(steps_of("Fork pull requests"), portal, runner_temp, env, secrets={})
    assert run.status == 0
    (line,) = [line for line in run.stdout.splitlines() if line.startswith("::")]
    assert line.startswith(
        "::warning title=prisma-lint::This pull request comes from the fork mallory/portal"
    )


def test_monorepo_recipe_compares_at_the_merge_base(tmp_path: Path, runner_temp: Path) -> None:
    origin = init(tmp_path / "origin")
    commit_file(origin, "apps/admin/prisma/schema.prisma", version(3), "admin v3", day=1)
    commit_file(origin, "apps/portal/prisma/schema.prisma", version(3), "portal copy v3", day=2)
    git(origin, "branch", "feature")
    commit_file(origin, "apps/admin/prisma/schema.prisma", version(4), "admin v4 merged meanwhile", day=3)
    workspace = tmp_path / "workspace"
    git(tmp_path, "clone", "--quiet", "--branch", "feature", str(origin), str(workspace))
    run = run_job(
        steps_of("Monorepo: both apps in one repository"),
        workspace,
        runner_temp,
        env_for(tmp_path, "pull_request", GITHUB_BASE_REF="main"),
    )
    assert (run.status, run.outputs["verdict"]) == (0, "clean"), run.stderr


def test_sarif_recipe_uploads_the_report(tmp_path: Path, runner_temp: Path) -> None:
    admin_repo(tmp_path / "admin")
    portal = portal_repo(tmp_path / "portal", version(5).replace("field5 String?", "field5 Int"))
    with_config(portal, f"{(tmp_path / 'admin').as_uri()}#main:{SCHEMA}")
    run = run_job(steps_of("Code scanning (SARIF)"), portal, runner_temp, env_for(tmp_path, "pull_request"))
    assert run.status == 1
    assert [r["ruleId"] for r in run.uploads[0]["runs"][0]["results"]] == ["FIELD_TYPE_CHANGED"]
