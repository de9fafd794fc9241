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

from tests.action_expressions import Expressions, as_string
from tests.action_runner import ActionRun, Job

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
    shell = spec.get("defaults", {}).get("run", {}).get("shell") or "bash"
    venv_bin = Path(sys.executable).parent  # `python` and `prisma-lint` of the test interpreter
    path = f"{venv_bin}{os.pathsep}{os.environ['PATH']}"
    runner = Job(
        workspace, runner_temp, {"NO_COLOR": "1", "GITHUB_REPOSITORY": "acme/admin", "PATH": path}, secrets
    )
    context = runner.context(matrix=matrix, steps={})
    out = WorkflowRun(runner.result)
    for index, step in enumerate(spec["steps"]):
        if out.run.status != 0:
            break
        exprs = Expressions(context, failed=False)
        if "uses" in step:
            _stand_in(step, exprs, repos, workspace, out)
        elif step["run"].startswith("pip install"):
            out.run.ran.append(f"{step.get('name', index)} (stood in: prisma-lint is on PATH)")
        else:
            out.run.ran.append(step.get("name", f"step {index}"))
            step_env = {k: exprs.substitute(as_string(v)) for k, v in step.get("env", {}).items()}
            outputs = runner._run({"shell": shell, **step}, exprs, step_env)
            if "id" in step:
                context["steps"][step["id"]] = {"outputs": outputs}
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
