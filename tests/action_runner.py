"""Run action.yml, and workflows that use it, the way the GitHub runner does, for tests.

Loads the composite action, evaluates the `${{ }}` expressions it uses,
provides the runner's files and variables (GITHUB_OUTPUT, GITHUB_ENV,
GITHUB_PATH, GITHUB_STEP_SUMMARY, GITHUB_WORKSPACE, RUNNER_TEMP, RUNNER_OS,
github.action_path, github.event, ...), and runs each `run:` step with
`bash --noprofile --norc -eo pipefail`, as the runner does for `shell: bash`.
Step outputs feed later expressions and the action's outputs; what a step
appends to GITHUB_ENV and GITHUB_PATH reaches every later step of the job, as
on the runner, so a test can see what the action leaves behind.

Actions that cannot run here are stood in (tests/action_standins.py), each
doing to the job what the real one does.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tests import action_standins as standins
from tests.action_expressions import Expressions, as_string

ROOT = Path(__file__).resolve().parents[1]
STATUS_CHECK = re.compile(r"\b(?:success|failure|always|cancelled)\(\)")
# To watch a test fail on an older action: PRISMA_LINT_TEST_ACTION=/old/checkout/action.yml
ACTION = Path(os.environ.get("PRISMA_LINT_TEST_ACTION") or ROOT / "action.yml")


@dataclass
class ActionRun:
    status: int  # the job's result: 0, or the failing step's exit status
    stdout: str  # what all steps printed (annotations are lines of it)
    stderr: str
    summary: str  # everything written to $GITHUB_STEP_SUMMARY
    outputs: dict[str, str]  # the action's outputs (of the last use of the action in a job)
    steps: dict[str, dict[str, str]] = field(default_factory=dict)
    ran: list[str] = field(default_factory=list)  # names of the steps that ran
    exported: dict[str, str] = field(default_factory=dict)  # GITHUB_ENV: seen by every later step
    path_added: list[str] = field(default_factory=list)  # GITHUB_PATH: first on PATH for later steps
    seconds: dict[str, float] = field(default_factory=dict)  # wall time of each step, by name
    uploads: list[dict[str, Any]] = field(default_factory=list)  # SARIF files the upload stand-in took
    used: list[tuple[str, dict[str, str]]] = field(default_factory=list)  # stood-in actions and their inputs


class Job:
    """One job on one runner: the state its steps share (exports, PATH, results)."""

    def __init__(
        self,
        workspace: Path,
        runner_temp: Path,
        env: dict[str, str] | None = None,
        secrets: dict[str, str] | None = None,
    ) -> None:
        self.workspace, self.runner_temp = workspace, runner_temp
        self.base_env = {
            **os.environ,
            **(env or {}),
            "GITHUB_WORKSPACE": str(workspace),
            "RUNNER_TEMP": str(runner_temp),
            "GITHUB_ACTIONS": "true",
            "CI": "true",
        }
        self.base_env.setdefault("RUNNER_OS", "Linux")
        self.base_env.setdefault("RUNNER_ENVIRONMENT", "github-hosted")
        event_path = self.base_env.get("GITHUB_EVENT_PATH")
        self.github: dict[str, Any] = {
            "token": "ghs_harness-default-token",
            "workspace": str(workspace),
            "repository": self.base_env.get("GITHUB_REPOSITORY", ""),
            "event_name": self.base_env.get("GITHUB_EVENT_NAME", "pull_request"),
            "event": json.loads(Path(event_path).read_text()) if event_path else {},
            "action_ref": "",
            "base_ref": self.base_env.get("GITHUB_BASE_REF", ""),
        }
        self.secrets = secrets or {}
        self.cache_service = runner_temp.with_name(runner_temp.name + ".actions-cache")
        self.cache_service.mkdir(exist_ok=True)
        self.posts: list[Callable[[], None]] = []  # post steps of the actions used, run when the job ends
        self.result = ActionRun(0, "", "", "", {})
        self.counter = 0

    def env(self, step_env: dict[str, str]) -> dict[str, str]:
        """What a step's process sees: the runner's variables, the job's exports and PATH, the step's env."""
        path = os.pathsep.join([*reversed(self.result.path_added), self.base_env["PATH"]])
        return {**self.base_env, **self.result.exported, **step_env, "PATH": path}

    def context(self, **extra: Any) -> dict[str, Any]:
        return {
            "github": self.github,
            "runner": {
                "temp": str(self.runner_temp),
                "os": self.base_env["RUNNER_OS"],
                "arch": self.base_env.get("RUNNER_ARCH", "X64"),
            },
            "secrets": self.secrets,
            **extra,
        }

    def run_steps(self, steps: list[dict[str, Any]], context: dict[str, Any]) -> None:
        """Run steps in order; `context` holds their `steps` (and, in an action, `inputs`)."""
        for index, step in enumerate(steps):
            exprs = Expressions(context, failed=self.result.status != 0)
            condition = str(step.get("if", "success()")).replace("${{", "").replace("}}", "")
            if not STATUS_CHECK.search(condition):  # GitHub's rule: without one, success() && the condition
                condition = f"success() && ({condition})"
            if not exprs.evaluate(condition):
                continue
            name = step.get("name") or step.get("uses") or f"step {index}"
            self.result.ran.append(name)
            started = time.perf_counter()
            step_env = {k: exprs.substitute(as_string(v)) for k, v in step.get("env", {}).items()}
            if "uses" in step:
                inputs = {k: exprs.substitute(as_string(v)) for k, v in step.get("with", {}).items()}
                outputs = self._uses(step["uses"], inputs, step_env)
            else:
                outputs = self._run(step, exprs, step_env)
            self.result.seconds[name] = self.result.seconds.get(name, 0.0) + time.perf_counter() - started
            if "id" in step:
                context["steps"][step["id"]] = {"outputs": outputs}
                self.result.steps[step["id"]] = outputs

    def _uses(self, uses: str, inputs: dict[str, str], step_env: dict[str, str]) -> dict[str, str]:
        name, _, ref = uses.partition("@")
        if uses == "./" or name == "acme/prisma-lint":  # this repository's action, as a workflow uses it
            return self.run_action(ACTION, inputs, step_env)
        assert len(ref) == 40 and all(c in "0123456789abcdef" for c in ref), f"{uses}: not pinned by SHA"
        if name == "actions/checkout":
            return {}
        self.result.used.append((name, inputs))
        if name == "actions/setup-python":
            return standins.setup_python(self)
        if name == "actions/cache":
            return standins.cache(self, ref, inputs)
        if name == "github/codeql-action/upload-sarif":
            return standins.upload_sarif(self, inputs)
        raise AssertionError(f"{uses}: no stand-in for this action")

    def run_action(
        self, action: Path, given: dict[str, str], step_env: dict[str, str], until: str | None = None
    ) -> dict[str, str]:
        """Run the composite action; `until` stops after the step of that name (benchmarks/install.py)."""
        spec = yaml.safe_load(action.read_text(encoding="utf-8"))
        steps = spec["runs"]["steps"]
        if until is not None:
            steps = steps[: [step.get("name") for step in steps].index(until) + 1]
        defaults = {name: str(meta.get("default", "")) for name, meta in spec["inputs"].items()}
        unknown = set(given) - set(defaults)
        assert not unknown, f"inputs the action does not have: {unknown}"
        github = {**self.github, "action_path": str(action.parent)}
        context = self.context(github=github, steps={})
        context["inputs"] = {
            k: Expressions(context, False).substitute(v) for k, v in {**defaults, **given}.items()
        }
        saved, self.base_env = (
            self.base_env,
            {**self.base_env, **step_env, "GITHUB_ACTION_PATH": str(action.parent)},
        )
        try:
            self.run_steps(steps, context)
        finally:
            self.base_env = saved
        final = Expressions(context, failed=self.result.status != 0)
        outputs = {name: final.substitute(meta["value"]) for name, meta in spec["outputs"].items()}
        self.result.outputs = outputs
        return outputs

    def end(self) -> None:
        """The post steps, last used first, as the runner runs them."""
        for post in reversed(self.posts):
            post()

    def _run(self, step: dict[str, Any], exprs: Expressions, step_env: dict[str, str]) -> dict[str, str]:
        assert step.get("shell", "bash") == "bash", "every run step uses bash"
        assert "${{" not in step["run"], "no expressions inside run scripts: values go through env"
        self.counter += 1
        files = {
            kind: self.runner_temp / f"{kind}-{os.getpid()}-{self.counter}"
            for kind in ("output", "env", "path", "summary")
        }
        for file in files.values():
            file.write_text("")
        script = self.runner_temp / f"step-{os.getpid()}-{self.counter}.sh"
        script.write_text(step["run"])
        env = {
            **self.env(step_env),
            "GITHUB_OUTPUT": str(files["output"]),
            "GITHUB_ENV": str(files["env"]),
            "GITHUB_PATH": str(files["path"]),
            "GITHUB_STEP_SUMMARY": str(files["summary"]),
        }
        cwd = self.workspace / exprs.substitute(str(step.get("working-directory", ".")))
        proc = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        self.result.stdout += proc.stdout
        self.result.stderr += proc.stderr
        self.result.summary += files["summary"].read_text()
        self.result.exported.update(_parse_outputs(files["env"].read_text()))
        self.result.path_added += [line for line in files["path"].read_text().splitlines() if line]
        if proc.returncode != 0 and self.result.status == 0:
            self.result.status = proc.returncode
        return _parse_outputs(files["output"].read_text())


def run_action(
    inputs: dict[str, str],
    workspace: Path,
    runner_temp: Path,
    env: dict[str, str] | None = None,
    *,
    action: Path = ACTION,
    until: str | None = None,
) -> ActionRun:
    """A job whose only step uses the action with these inputs."""
    job = Job(workspace, runner_temp, env)
    job.run_action(action, inputs, {}, until)
    job.end()
    return job.result


def run_job(
    steps: list[dict[str, Any]],
    workspace: Path,
    runner_temp: Path,
    env: dict[str, str] | None = None,
    secrets: dict[str, str] | None = None,
) -> ActionRun:
    """The steps of a workflow job; `uses: ./` or `acme/prisma-lint@...` runs this repository's action."""
    job = Job(workspace, runner_temp, env, secrets)
    job.run_steps(steps, job.context(steps={}))
    job.end()
    return job.result


def _parse_outputs(text: str) -> dict[str, str]:
    """GITHUB_OUTPUT's (and GITHUB_ENV's) format: name=value lines, and name<<DELIMITER blocks."""
    outputs: dict[str, str] = {}
    lines = iter(text.splitlines())
    for line in lines:
        if "<<" in line and "=" not in line.split("<<", 1)[0]:
            name, delimiter = line.split("<<", 1)
            block = []
            for inner in lines:
                if inner == delimiter:
                    break
                block.append(inner)
            outputs[name] = "\n".join(block)
        elif "=" in line:
            name, value = line.split("=", 1)
            outputs[name] = value
    return outputs
