"""Run action.yml the way the GitHub runner does, for tests.

Loads the composite action, evaluates the `${{ }}` expressions it uses,
provides the runner's files and variables (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY,
GITHUB_WORKSPACE, RUNNER_TEMP, github.action_path, ...), and runs each `run:`
step with `bash --noprofile --norc -eo pipefail`, as the runner does for
`shell: bash`. Step outputs feed later expressions and the action's outputs.

One step is stood in: `actions/setup-python` is replaced by the interpreter
running the tests (put first on PATH as `python`), since the runner's Python
downloads are not reachable here.
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

ROOT = Path(__file__).resolve().parents[1]
TOKEN = re.compile(r"\s*(?:(\|\||&&|==|!=|\(|\)|!)|'((?:[^']|'')*)'|([A-Za-z_][\w.-]*))")


@dataclass
class ActionRun:
    status: int  # the job's result: 0, or the failing step's exit status
    stdout: str  # what all steps printed (annotations are lines of it)
    stderr: str
    summary: str  # everything written to $GITHUB_STEP_SUMMARY
    outputs: dict[str, str]  # the action's outputs
    steps: dict[str, dict[str, str]] = field(default_factory=dict)
    ran: list[str] = field(default_factory=list)  # names of the steps that ran


class Expressions:
    """The subset of GitHub's expression language that action.yml uses."""

    def __init__(self, context: dict[str, Any], failed: bool) -> None:
        self.context = context
        self.failed = failed

    def substitute(self, text: str) -> str:
        return re.sub(r"\$\{\{(.*?)\}\}", lambda m: _string(self.evaluate(m.group(1))), text)

    def evaluate(self, source: str) -> Any:
        """Tokens are (kind, text): kind is "op", "str" or "name"."""
        self.tokens: list[tuple[str, str]] = []
        for match in TOKEN.finditer(source.strip()):
            op, literal, name = match.groups()
            kind = "op" if op else "str" if literal is not None else "name"
            self.tokens.append((kind, op or (literal if literal is not None else name)))
        self.pos = 0
        value = self._or()
        assert self.pos == len(self.tokens), f"cannot evaluate {source!r}"
        return value

    def _peek(self) -> str | None:
        if self.pos < len(self.tokens) and self.tokens[self.pos][0] == "op":
            return self.tokens[self.pos][1]
        return None

    def _or(self) -> Any:
        value = self._and()
        while self._peek() == "||":
            self.pos += 1
            right = self._and()
            value = value or right
        return value

    def _and(self) -> Any:
        value = self._compare()
        while self._peek() == "&&":
            self.pos += 1
            right = self._compare()
            value = value and right
        return value

    def _compare(self) -> Any:
        left = self._unary()
        op = self._peek()
        if op in ("==", "!="):
            self.pos += 1
            right = self._unary()
            equal = _string(left).lower() == _string(right).lower()  # GitHub compares strings loosely
            return equal if op == "==" else not equal
        return left

    def _unary(self) -> Any:
        kind, text = self.tokens[self.pos]
        self.pos += 1
        if kind == "op" and text == "!":
            return not self._unary()
        if kind == "op" and text == "(":
            value = self._or()
            self.pos += 1  # ")"
            return value
        if kind == "str":
            return text.replace("''", "'")
        name = text
        if self._peek() == "(":  # a status function
            self.pos += 2
            return {"always": True, "success": not self.failed, "failure": self.failed}[name]
        value: Any = self.context
        for part in name.split("."):
            value = value.get(part, "") if isinstance(value, dict) else ""
        return value


def _string(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def run_action(
    inputs: dict[str, str],
    workspace: Path,
    runner_temp: Path,
    env: dict[str, str] | None = None,
    action: Path = ROOT / "action.yml",
) -> ActionRun:
    spec = yaml.safe_load(action.read_text(encoding="utf-8"))
    defaults = {name: str(meta.get("default", "")) for name, meta in spec["inputs"].items()}
    context: dict[str, Any] = {
        "github": {
            "action_path": str(action.parent),
            "token": "ghs_harness-default-token",
            "workspace": str(workspace),
        },
        "runner": {"temp": str(runner_temp)},
        "steps": {},
    }
    context["inputs"] = {
        k: Expressions(context, False).substitute(v) for k, v in {**defaults, **inputs}.items()
    }
    python_bin = _python_stand_in(runner_temp)
    base_env = {
        **os.environ,
        **(env or {}),
        "GITHUB_WORKSPACE": str(workspace),
        "RUNNER_TEMP": str(runner_temp),
        "GITHUB_ACTION_PATH": str(action.parent),
        "GITHUB_ACTIONS": "true",
        "CI": "true",
        "PATH": f"{python_bin}{os.pathsep}{os.environ['PATH']}",
    }
    result = ActionRun(0, "", "", "", {})
    for index, step in enumerate(spec["runs"]["steps"]):
        exprs = Expressions(context, failed=result.status != 0)
        condition = step.get("if", "success()")
        if not exprs.evaluate(str(condition).replace("${{", "").replace("}}", "")):
            continue
        result.ran.append(step.get("name", f"step {index}"))
        if "uses" in step:
            assert "actions/setup-python@" in step["uses"], step["uses"]  # the only action used: stood in
            continue
        outputs = _run_step(step, exprs, base_env, workspace, runner_temp, index, result)
        if "id" in step:
            context["steps"][step["id"]] = {"outputs": outputs}
            result.steps[step["id"]] = outputs
    final = Expressions(context, failed=result.status != 0)
    result.outputs = {name: final.substitute(meta["value"]) for name, meta in spec["outputs"].items()}
    return result


def _python_stand_in(runner_temp: Path) -> Path:
    """`python` on PATH is the test interpreter: the stand-in for actions/setup-python."""
    folder = runner_temp / "python-stand-in"
    folder.mkdir(parents=True, exist_ok=True)
    link = folder / "python"
    if not link.exists():
        link.symlink_to(sys.executable)
    return folder


def _run_step(  # noqa: PLR0917 - one call site, each argument a different part of the runner's state
    step: dict[str, Any],
    exprs: Expressions,
    base_env: dict[str, str],
    workspace: Path,
    runner_temp: Path,
    index: int,
    result: ActionRun,
) -> dict[str, str]:
    assert step.get("shell") == "bash", "every run step declares shell: bash"
    assert "${{" not in step["run"], "no expressions inside run scripts: values go through env"
    output_file, summary_file = runner_temp / f"output-{index}", runner_temp / f"summary-{index}"
    output_file.write_text("")
    summary_file.write_text("")
    script = runner_temp / f"step-{index}.sh"
    script.write_text(step["run"])
    env = {
        **base_env,
        **{k: exprs.substitute(str(v)) for k, v in step.get("env", {}).items()},
        "GITHUB_OUTPUT": str(output_file),
        "GITHUB_STEP_SUMMARY": str(summary_file),
    }
    cwd = workspace / exprs.substitute(str(step.get("working-directory", ".")))
    proc = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    result.stdout += proc.stdout
    result.stderr += proc.stderr
    result.summary += summary_file.read_text()
    if proc.returncode != 0 and result.status == 0:
        result.status = proc.returncode
    return _parse_outputs(output_file.read_text())


def _parse_outputs(text: str) -> dict[str, str]:
    """GITHUB_OUTPUT's format: name=value lines, and name<<DELIMITER blocks."""
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
