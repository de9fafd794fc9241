"""Run one job of a documented workflow the way the GitHub runner does, for tests.

The `run:` steps run for real (with tests/action_runner.py's expression
evaluator and step runner); the steps that need GitHub are stood in:
- `actions/checkout`: a `git clone` of a local repository named in `repos`
  (the workflow's own repository when `with.repository` is absent);
- `actions/setup-python`, and a `pip install` of prisma-lint: the test
  interpreter's environment, put first on PATH (it has prisma-lint);
- `peter-evans/create-pull-request`: records what it would send (its inputs,
  the body read from `body-path`, and the files it would commit).
Every `uses:` must be pinned by a full commit SHA.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tests.action_runner import ActionRun, Expressions, _python_stand_in, _run_step

PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$")


@dataclass
class PullRequest:
    inputs: dict[str, str]
    body: str
    changed: list[str]  # `git status --porcelain` of the checkout it would commit


@dataclass
class WorkflowRun:
    run: ActionRun
    pull_requests: list[PullRequest] = field(default_factory=list)


def workflow_from_markdown(path: Path, marker: str) -> dict[str, Any]:
    """The YAML block that follows `<!-- marker` in a Markdown file."""
    text = path.read_text(encoding="utf-8")
    after = text[text.index(f"<!-- {marker}") :]
    block = after[after.index("```yaml\n") + len("```yaml\n") :]
    loaded: dict[str, Any] = yaml.safe_load(block[: block.index("\n```")])
    return loaded


def run_job(
    workflow: dict[str, Any],
    job: str,
    *,
    matrix: dict[str, str],
    repos: dict[str, Path],
    workspace: Path,
    runner_temp: Path,
    secrets: dict[str, str],
) -> WorkflowRun:
    spec = workflow["jobs"][job]
    context: dict[str, Any] = {
        "matrix": matrix,
        "secrets": secrets,
        "runner": {"temp": str(runner_temp)},
        "github": {"workspace": str(workspace), "repository": "acme/admin"},
        "steps": {},
    }
    shell = spec.get("defaults", {}).get("run", {}).get("shell")
    venv_bin = Path(sys.executable).parent
    env = {
        **os.environ,
        "GITHUB_WORKSPACE": str(workspace),
        "RUNNER_TEMP": str(runner_temp),
        "GITHUB_ACTIONS": "true",
        "CI": "true",
        "NO_COLOR": "1",
        "PATH": f"{venv_bin}{os.pathsep}{_python_stand_in(runner_temp)}{os.pathsep}{os.environ['PATH']}",
    }
    out = WorkflowRun(ActionRun(0, "", "", "", {}))
    for index, step in enumerate(spec["steps"]):
        exprs = Expressions(context, failed=out.run.status != 0)
        if out.run.status != 0:
            break
        if "uses" in step:
            _stand_in(step, exprs, repos, workspace, out)
        elif step["run"].startswith("pip install"):
            out.run.ran.append(f"{step.get('name', index)} (stood in: prisma-lint is on PATH)")
        else:
            out.run.ran.append(step.get("name", f"step {index}"))
            _run_step({"shell": shell, **step}, exprs, env, workspace, runner_temp, index, out.run)
    return out


def _stand_in(
    step: dict[str, Any], exprs: Expressions, repos: dict[str, Path], workspace: Path, out: WorkflowRun
) -> None:
    uses = step["uses"]
    assert PINNED.match(uses), f"{uses}: pin every action by a full commit SHA"
    name = uses.split("@")[0]
    inputs = {k: exprs.substitute(str(v)) for k, v in step.get("with", {}).items()}
    out.run.ran.append(f"{name} (stood in)")
    if name == "actions/checkout":
        source = repos[inputs.get("repository", "acme/admin")]
        target = workspace / inputs.get("path", ".")
        subprocess.run(["git", "clone", "--quiet", str(source), str(target)], check=True, capture_output=True)
    elif name == "peter-evans/create-pull-request":
        checkout = workspace / inputs.get("path", ".")
        status = subprocess.run(
            ["git", "status", "--porcelain"], cwd=checkout, check=True, capture_output=True, text=True
        ).stdout
        body = Path(inputs["body-path"]).read_text(encoding="utf-8")
        out.pull_requests.append(PullRequest(inputs, body, status.splitlines()))
    else:
        assert name == "actions/setup-python", f"no stand-in for {name}"
