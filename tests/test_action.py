"""The GitHub Action, run step by step as the runner runs it (tests/action_runner.py).

Scenarios: a clean copy, a stale copy, an edited copy, an invalid schema, more
than ten changes (GitHub's annotation cap), and a fork-like run whose comment
is refused. The PR comment is also tested on its own against a fake GitHub
API on 127.0.0.1: created once, then updated in place, then resolved.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from prisma_lint import __version__
from prisma_lint.github import comment as ghcomment
from tests import admin_scenario
from tests.action_runner import ActionRun, run_action
from tests.contracts import check_json
from tests.fake_github import FakeGitHub
from tests.gitrepos import SCHEMA, admin_repo, commit_file, init, portal_repo, remote_of, version

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def runner_temp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Shared by the scenarios, like runs of one repository, whose install cache is warm."""
    return tmp_path_factory.mktemp("runner-temp")


@pytest.fixture
def admin(tmp_path: Path) -> dict[str, object]:
    commits = admin_repo(tmp_path / "admin")
    return {"commits": commits, "canonical": remote_of(tmp_path / "admin")}


def event(tmp_path: Path, number: int | None = 7) -> str:
    path = tmp_path / "event.json"
    path.write_text(
        json.dumps({"pull_request": {"number": number}} if number else {"ref": "refs/heads/main"})
    )
    return str(path)


def act(workspace: Path, runner_temp: Path, inputs: dict[str, str], **env: str) -> ActionRun:
    base = {
        "PRISMA_LINT_ALLOW_FILE_URLS": "1",
        "XDG_CACHE_HOME": str(workspace.parent / "cache"),
        "GITHUB_REPOSITORY": "acme/portal",
    }
    return run_action(inputs, workspace, runner_temp, env={**base, **env})


def annotations(run: ActionRun) -> list[str]:
    return [line for line in run.stdout.splitlines() if line.startswith("::")]


@pytest.mark.slow  # the action's install step builds prisma-lint in a venv
def test_clean_copy(tmp_path: Path, runner_temp: Path, admin: dict[str, object]) -> None:
    portal = portal_repo(tmp_path / "portal", version(5))
    run = act(portal, runner_temp, {"canonical": str(admin["canonical"]), "portal": SCHEMA})
    assert run.status == 0, run.stderr
    assert run.outputs == {
        "drift": "false",
        "verdict": "clean",
        "changes": "0",
        "report": run.outputs["report"],
        "sarif": "",
    }
    report = Path(run.outputs["report"])
    assert report.name == "report.json" and report.parent.parent.parent == runner_temp
    assert json.loads(report.read_text())["drift"] is False
    assert annotations(run) == []
    assert f"prisma-lint {__version__}\n" in run.stdout  # the action runs the version of its own ref
    assert run.summary.startswith("## ✅ prisma-lint: no drift")
    assert "Comment on the pull request" not in run.ran  # comment defaults to false


@pytest.mark.slow  # the action's install step builds prisma-lint in a venv
def test_stale_copy(tmp_path: Path, runner_temp: Path, admin: dict[str, object]) -> None:
    portal = portal_repo(tmp_path / "portal", version(3))
    run = act(portal, runner_temp, {"canonical": str(admin["canonical"]), "portal": SCHEMA})
    assert run.status == 1
    assert (run.outputs["drift"], run.outputs["verdict"], run.outputs["changes"]) == ("true", "stale", "1")
    commit = str(admin["commits"][3])  # type: ignore[index]
    assert annotations(run) == [
        f"::error file={SCHEMA},line=1,col=1,title=PORTAL_STALE::The portal copy matches the canonical "
        f"schema at {commit[:7]} (2026-10-07), 2 schema commits behind. "
        f"Run `prisma-lint sync '{admin['canonical']}' {SCHEMA}`."  # the inputs, not a config, named them
    ]
    assert run.summary.startswith("## ❌ prisma-lint: the portal copy is out of date (1 change)")
    assert json.loads(Path(run.outputs["report"]).read_text())["verdict"] == "stale"


@pytest.mark.slow  # the action's install step builds prisma-lint in a venv
def test_edited_copy_with_config_in_working_directory(
    tmp_path: Path, runner_temp: Path, admin: dict[str, object]
) -> None:
    portal = portal_repo(tmp_path / "portal", version(5).replace("field5 String?", "field5 Int"))
    (portal / "pyproject.toml").write_text(
        f'[tool.prisma-lint]\ncanonical = "{admin["canonical"]}"\nportal = "{SCHEMA}"\n'
    )
    run = act(portal, runner_temp, {})
    assert run.status == 1
    assert (run.outputs["verdict"], run.outputs["changes"]) == ("edited", "1")
    assert annotations(run) == [
        f"::error file={SCHEMA},line=11,col=3,title=FIELD_TYPE_CHANGED::Field Account.field5 changed type "
        "from String? to Int in the portal copy."
    ]
    assert "| 🔴 error | `FIELD_TYPE_CHANGED` | `Account.field5` |" in run.summary


@pytest.mark.slow  # the action's install step builds prisma-lint in a venv
def test_invalid_schema(tmp_path: Path, runner_temp: Path, admin: dict[str, object]) -> None:
    portal = portal_repo(tmp_path / "portal", version(2).replace("field1 String?", "field1 String!"))
    run = act(portal, runner_temp, {"canonical": str(admin["canonical"]), "portal": SCHEMA})
    assert run.status == 2
    report = run.outputs.pop("report")
    assert run.outputs == {"drift": "false", "verdict": "error", "changes": "0", "sarif": ""}
    assert f"{SCHEMA}:7:10: error: Fields are required by default" in run.stderr
    # A failed run still writes its report, annotations and summary, each saying what failed.
    (error,) = check_json(Path(report).read_text())["errors"]
    assert (error["file"], error["line"], error["column"]) == (SCHEMA, 7, 10)
    (line,) = annotations(run)
    assert line.startswith(f"::error file={SCHEMA},line=7,col=10,title=prisma-lint::Fields are required")
    assert run.summary.startswith("## ⚠️ prisma-lint: the check could not run")
    assert "Fields are required by default" in run.summary


@pytest.mark.slow  # the action's install step builds prisma-lint in a venv
def test_an_error_cannot_close_the_summary_code_block(
    tmp_path: Path, runner_temp: Path, admin: dict[str, object]
) -> None:
    # A pull request chose the bad line to end a code block and render HTML in the job summary.
    evil = "  ```\n<img src=https://evil.example/x.png>\n"
    portal = portal_repo(tmp_path / "portal", version(2).replace("  field1 String?\n", evil))
    run = act(portal, runner_temp, {"canonical": str(admin["canonical"]), "portal": SCHEMA})
    assert run.status == 2
    assert "```" not in run.summary.splitlines() and "<img" not in run.summary
    assert "stop-commands" not in run.summary


def test_the_summary_code_block_outlasts_any_fence_in_its_text() -> None:
    # When prisma-lint could not write its own report, the Action shows its stderr in a code block.
    spec = importlib.util.spec_from_file_location("block", ROOT / "scripts" / "action_code_block.py")
    assert spec is not None and spec.loader is not None
    block = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(block)
    guard = "0123456789abcdef" * 2
    text = f"::stop-commands::{guard}\nbad line\n```\n<img src=x>\n::{guard}::\n"
    assert block.code_block(text) == "````text\nbad line\n```\n<img src=x>\n````\n"
    assert block.code_block("no fences") == "```text\nno fences\n```\n"


@pytest.mark.slow  # the action's install step builds prisma-lint in a venv
def test_more_than_ten_changes_are_capped(
    tmp_path: Path, runner_temp: Path, admin: dict[str, object]
) -> None:
    extra = "".join(f"  portal{i} Int?\n" for i in range(13))
    portal = portal_repo(tmp_path / "portal", version(5).replace("  id Int @id\n", "  id Int @id\n" + extra))
    run = act(
        portal, runner_temp, {"canonical": str(admin["canonical"]), "portal": SCHEMA, "fail-on": "error"}
    )
    assert run.status == 1
    assert run.outputs["changes"] == "13"
    lines = annotations(run)
    assert sum(line.startswith("::error file=") for line in lines) == 10
    assert lines[-1].startswith("::notice title=prisma-lint::3 more changes are not shown as annotations")


@pytest.mark.slow  # the action's install step builds prisma-lint in a venv
def test_fork_like_run_whose_comment_is_refused(
    tmp_path: Path, runner_temp: Path, admin: dict[str, object]
) -> None:
    portal = portal_repo(tmp_path / "portal", version(5).replace("field5", "renamed5"))
    with FakeGitHub(refuse_writes=True) as api:
        run = act(
            portal,
            runner_temp,
            {
                "canonical": str(admin["canonical"]),
                "portal": SCHEMA,
                "comment": "true",
                "fail-on": "never",
                "token": "ghs_readonly",
            },
            GITHUB_API_URL=api.url,
            GITHUB_EVENT_PATH=event(tmp_path),
        )
    assert run.status == 0  # fail-on never, and a refused comment never fails the job
    assert "Comment on the pull request" in run.ran
    assert "::notice title=prisma-lint::This token may not comment on the pull request" in run.stdout
    assert api.writes() == [("POST", "/repos/acme/portal/issues/7/comments")]
    assert all(auth == "Bearer ghs_readonly" for *_, auth in api.requests)
    assert run.summary.startswith("## ❌ prisma-lint")  # the report is still in the job summary


def test_comment_created_updated_then_resolved(tmp_path: Path) -> None:
    with FakeGitHub() as api:
        github = ghcomment.GitHub(api.url, "acme/portal", "t0ken")
        assert ghcomment.sync_comment(github, 7, "## drift v1", drift=True).action == "created"
        assert ghcomment.sync_comment(github, 7, "## drift v1", drift=True).action == "unchanged"
        assert ghcomment.sync_comment(github, 7, "## drift v2", drift=True).action == "updated"
        assert ghcomment.sync_comment(github, 7, "", drift=False).action == "resolved"
        assert ghcomment.sync_comment(github, 7, "", drift=False).action == "unchanged"
    assert api.writes() == [
        ("POST", "/repos/acme/portal/issues/7/comments"),
        ("PATCH", "/repos/acme/portal/issues/comments/101"),
        ("PATCH", "/repos/acme/portal/issues/comments/101"),
    ]
    assert len(api.comments) == 2 and api.comments[0]["body"] == "Looks good to me!"  # one comment of ours
    assert api.comments[1]["body"].startswith(ghcomment.MARKER)
    assert "resolved" in api.comments[1]["body"]


def test_no_comment_outside_a_pull_request(tmp_path: Path) -> None:
    assert ghcomment.pull_request_number(event(tmp_path, None)) is None
    assert ghcomment.pull_request_number(event(tmp_path, 12)) == 12


@pytest.mark.slow  # the action's install step builds prisma-lint in a venv
def test_impact_mode_on_the_admin_scenario(tmp_path: Path, runner_temp: Path) -> None:
    admin = admin_scenario.build(tmp_path)
    run = act(admin, runner_temp, {"mode": "impact", "fail-on": "breaking"})
    assert run.status == 1, run.stderr
    assert "Check the schema copy" not in run.ran
    report = Path(run.outputs.pop("report"))
    assert report.is_file() and report.parent.parent.parent == runner_temp  # this use's own folder
    assert run.outputs == {"drift": "true", "verdict": "will break", "changes": "6", "sarif": ""}
    assert run.summary.startswith("## ❌ prisma-lint impact: 1 will break, 1 stale but safe, 1 in sync\n")
    for row in (
        "| insync | ✅ in sync | 0 | 0 | 0 |",
        "| safe | 🟡 stale but safe | 0 | 0 | 2 |",
        "| breaking | ❌ will break | 1 | 1 | 2 |",
    ):
        assert row in run.summary
    assert sum(line.startswith("::error ") for line in annotations(run)) == 2
    assert "The schema change fails the impact gate (fail-on: breaking)" in run.stdout


@pytest.mark.slow  # the action's install step builds prisma-lint in a venv
def test_impact_mode_passes_when_no_portal_breaks(tmp_path: Path, runner_temp: Path) -> None:
    admin = admin_scenario.build(tmp_path)
    portals = "insync=../insync/prisma/schema.prisma\nsafe=../safe#main:prisma/schema.prisma\n"
    run = act(admin, runner_temp, {"mode": "impact", "fail-on": "breaking", "portal": portals})
    assert run.status == 0, run.stderr
    assert (run.outputs["verdict"], run.outputs["changes"]) == ("stale but safe", "2")
    assert "| safe | 🟡 stale but safe | 0 | 0 | 2 |" in run.summary


@pytest.mark.slow  # the action's install step builds prisma-lint in a venv
def test_impact_mode_comments_on_the_pull_request(tmp_path: Path, runner_temp: Path) -> None:
    admin = admin_scenario.build(tmp_path)
    with FakeGitHub() as api:
        run = act(
            admin,
            runner_temp,
            {"mode": "impact", "fail-on": "never", "comment": "true"},
            GITHUB_API_URL=api.url,
            GITHUB_EVENT_PATH=event(tmp_path),
        )
    assert run.status == 0, run.stderr
    assert api.writes() == [("POST", "/repos/acme/portal/issues/7/comments")]
    body = api.comments[-1]["body"]
    assert body.startswith(ghcomment.MARKER)
    assert "| breaking | ❌ will break | 1 | 1 | 2 |" in body


@pytest.mark.slow  # the action's install step builds prisma-lint in a venv
def test_an_unknown_mode_is_a_clear_error(tmp_path: Path, runner_temp: Path) -> None:
    admin = admin_scenario.build(tmp_path)
    run = act(admin, runner_temp, {"mode": "impacts"})
    assert run.status == 2
    assert annotations(run) == [
        "::error title=prisma-lint::The mode input must be check or impact, not 'impacts'."
    ]
    assert (
        "Check the schema copy" not in run.ran and "Impact of the schema change on each portal" not in run.ran
    )


def test_action_yaml_rules() -> None:
    """Every run step uses bash and no expression; the one action used is pinned by full SHA."""
    import yaml

    spec = yaml.safe_load((Path(__file__).resolve().parents[1] / "action.yml").read_text())
    for step in spec["runs"]["steps"]:
        if "run" in step:
            assert step["shell"] == "bash" and "${{" not in step["run"]
        else:
            name, _, ref = step["uses"].partition("@")
            assert name == "actions/cache" and len(ref) == 40
    assert set(spec["outputs"]) == {"drift", "verdict", "changes", "report", "sarif"}
    assert {"icon", "color"} <= set(spec["branding"])


@pytest.mark.slow  # the action's install step builds prisma-lint in a venv
def test_working_directory_annotations_are_relative_to_the_repository_root(
    tmp_path: Path, runner_temp: Path, admin: dict[str, object]
) -> None:
    """A monorepo: the portal app in apps/portal, the Action run there. GitHub attaches an
    annotation only when its file= is relative to the repository root: every one must be."""
    mono = init(tmp_path / "mono")
    app = "apps/portal"
    commit_file(mono, f"{app}/{SCHEMA}", version(5).replace("field5 String?", "field5 Int"), "copy", day=20)
    scripts = '{\n  "name": "portal",\n  "scripts": {\n    "deploy": "prisma migrate deploy"\n  }\n}\n'
    commit_file(mono, f"{app}/package.json", scripts, "scripts", day=21)
    run = act(
        mono,
        runner_temp,
        {"canonical": str(admin["canonical"]), "portal": SCHEMA, "working-directory": app},
    )
    assert run.status == 1, run.stderr
    files = [re.search(r"file=([^,]*)", line) for line in annotations(run)]
    paths = [m.group(1) for m in files if m]
    assert sorted(paths) == [f"{app}/package.json", f"{app}/{SCHEMA}"]
    assert all((mono / p).is_file() for p in paths)
