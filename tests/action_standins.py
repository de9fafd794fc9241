"""Stand-ins for the actions that cannot run here, each doing to the job what the real one does.

- actions/setup-python: puts the test interpreter first on PATH (GITHUB_PATH).
- astral-sh/setup-uv v10.0.1: hands over the uv of the test venv (the release
  the action pins) as its `uv-path` output, and exports what the real one
  exports (src/setup-uv.ts at that tag): UV_PYTHON_INSTALL_DIR always,
  UV_CACHE_DIR when caching (each keeps a value the job already had), and its
  folders on PATH unless UV_NO_MODIFY_PATH is set.
- github/codeql-action/upload-sarif: validates the file against the SARIF 2.1.0
  schema and records it; a missing or invalid file fails the step.
(actions/checkout needs none: the workspace is already checked out.)
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.action_runner import Job

ROOT = Path(__file__).resolve().parents[1]
SETUP_UV_SHA = "20cfd1bf945f4377ade1205e4dbc17946fc9a30d"  # v10.0.1


def setup_python(job: Job) -> dict[str, str]:
    folder = job.runner_temp / "python-stand-in"
    folder.mkdir(parents=True, exist_ok=True)
    link = folder / "python"
    if not link.exists():
        link.symlink_to(sys.executable)
    job.result.path_added.append(str(folder))
    return {"python-version": f"{sys.version_info.major}.{sys.version_info.minor}"}


def setup_uv(job: Job, ref: str, inputs: dict[str, str], step_env: dict[str, str]) -> dict[str, str]:
    assert ref == SETUP_UV_SHA, "the stand-in does what setup-uv v10.0.1 does"
    uv = shutil.which("uv", path=str(Path(sys.executable).parent))
    assert uv, "uv is in the test extra"
    version = subprocess.run([uv, "--version"], capture_output=True, text=True, check=True).stdout.split()[1]
    assert version == inputs["version"], "the test venv's uv is the release the action pins"
    seen, temp = {**job.env({}), **step_env}, str(job.runner_temp)
    job.result.exported["UV_PYTHON_INSTALL_DIR"] = seen.get("UV_PYTHON_INSTALL_DIR", f"{temp}/uv-python-dir")
    enable = inputs.get("enable-cache", "auto")
    if enable == "true" or (enable == "auto" and job.github["event_name"] != "pull_request_target"):
        job.result.exported["UV_CACHE_DIR"] = seen.get("UV_CACHE_DIR", f"{temp}/setup-uv-cache")
    if "UV_NO_MODIFY_PATH" not in seen:
        home = job.base_env.get("HOME", "")
        job.result.path_added += [str(Path(uv).parent), f"{home}/.local/bin", f"{temp}/uv-python-dir"]
    return {"uv-path": uv, "uvx-path": str(Path(uv).parent / "uvx"), "uv-version": version}


def upload_sarif(job: Job, inputs: dict[str, str]) -> dict[str, str]:
    import jsonschema

    path = Path(inputs.get("sarif_file", "results.sarif"))
    path = path if path.is_absolute() else job.workspace / path
    schema = json.loads((ROOT / "tests/schemas/sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.validate(document, schema)
    except (OSError, ValueError, jsonschema.ValidationError) as err:
        job.result.stdout += f"::error::upload-sarif: {path}: {err}\n"
        job.result.status = job.result.status or 1
        return {}
    job.result.uploads.append(document)
    return {"sarif-id": str(len(job.result.uploads))}
