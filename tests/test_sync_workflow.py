"""The sync-PR workflow documented in docs/github-action.md, run on a checked-out portal.

Its prisma-lint steps run for real; checkout and create-pull-request are stood in
(tests/workflow_runner.py). Checked: the synced file, and the pull request it would open.
"""

from __future__ import annotations

from pathlib import Path

from tests.admin_scenario import ADMIN, BREAKING, build
from tests.gitrepos import SCHEMA, commit_file, git, init
from tests.workflow_runner import run_job, workflow_from_markdown

ROOT = Path(__file__).resolve().parents[1]
CREATE_PR = "peter-evans/create-pull-request@271a8d0340265f705b14b6d32b9829c1cb33d45e"


def test_sync_workflow_opens_a_pull_request_with_the_impact_report(tmp_path: Path) -> None:
    admin = build(tmp_path / "repos")
    partner = init(tmp_path / "repos" / "partner")
    commit_file(partner, SCHEMA, BREAKING, "portal copy", day=4)
    workflow = workflow_from_markdown(ROOT / "docs/github-action.md", "sync-workflow")
    assert workflow["jobs"]["sync"]["strategy"]["matrix"]["portal"] == ["clientportal", "partner"]
    assert CREATE_PR in [step.get("uses") for step in workflow["jobs"]["sync"]["steps"]]

    workspace = tmp_path / "workspace"
    workspace.mkdir()
    runner_temp = tmp_path / "runner-temp"
    runner_temp.mkdir()
    done = run_job(
        workflow,
        "sync",
        matrix={"portal": "partner"},
        repos={"acme/admin": admin, "acme/partner": partner},
        workspace=workspace,
        runner_temp=runner_temp,
        secrets={"PORTAL_REPOS_TOKEN": "ghs_portal-token"},
    )
    assert done.run.status == 0, done.run.stderr

    synced = workspace / "portal" / SCHEMA
    assert synced.read_bytes() == ADMIN.encode()  # byte for byte the admin's schema
    assert (workspace / "admin" / SCHEMA).read_text() == ADMIN

    [pr] = done.pull_requests
    assert pr.changed == [f" M {SCHEMA}"]  # the one file it would commit
    assert pr.inputs["path"] == "portal"
    assert pr.inputs["branch"] == "prisma-lint/sync-schema"
    assert pr.inputs["token"] == "ghs_portal-token"
    assert pr.inputs["body-path"] == str(runner_temp / "sync-body.md")
    assert pr.body.startswith("Syncs `prisma/schema.prisma` from the admin app.")
    assert "## ❌ prisma-lint impact: 1 will break" in pr.body
    assert "| partner | ❌ will break | 1 | 1 | 2 |" in pr.body
    assert (
        "| breaks-writes | `ENUM_VALUE_ADDED` | `Role.OWNER` | The admin schema drops enum value Role.OWNER;"
        in pr.body
    )
    assert git(partner, "status", "--porcelain") == ""  # the portal's own repository is untouched


def test_sync_workflow_on_a_portal_already_in_sync(tmp_path: Path) -> None:
    admin = build(tmp_path / "repos")
    clientportal = init(tmp_path / "repos" / "clientportal")
    commit_file(clientportal, SCHEMA, ADMIN, "portal copy", day=4)
    workflow = workflow_from_markdown(ROOT / "docs/github-action.md", "sync-workflow")
    workspace, runner_temp = tmp_path / "workspace", tmp_path / "runner-temp"
    workspace.mkdir()
    runner_temp.mkdir()
    done = run_job(
        workflow,
        "sync",
        matrix={"portal": "clientportal"},
        repos={"acme/admin": admin, "acme/clientportal": clientportal},
        workspace=workspace,
        runner_temp=runner_temp,
        secrets={"PORTAL_REPOS_TOKEN": "t"},
    )
    assert done.run.status == 0, done.run.stderr
    [pr] = done.pull_requests
    assert pr.changed == []  # nothing to commit: create-pull-request opens no pull request
    assert "## ✅ prisma-lint impact: 1 in sync" in pr.body
