"""Stand-ins for the actions that cannot run here, each doing to the job what the real one does.

- actions/setup-python: puts the test interpreter first on PATH (GITHUB_PATH).
- actions/cache v5.0.5: restores the newest entry of the job's cache service
  (a folder beside RUNNER_TEMP, so tests sharing a RUNNER_TEMP share a cache,
  like runs of one repository) whose key is `key`, else starts with
  `restore-keys`; on a miss its post step, after a job that succeeded, saves
  the path under `key`. Like the real one it only sets outputs.
- github/codeql-action/upload-sarif: validates the file against the SARIF 2.1.0
  schema and records it; a missing or invalid file fails the step.
(actions/checkout needs none: the workspace is already checked out.)
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.action_runner import Job

ROOT = Path(__file__).resolve().parents[1]
CACHE_SHA = "27d5ce7f107fe9357f9df03efb73ab90386fccae"  # v5.0.5


def setup_python(job: Job) -> dict[str, str]:
    folder = job.runner_temp / "python-stand-in"
    folder.mkdir(parents=True, exist_ok=True)
    link = folder / "python"
    if not link.exists():
        link.symlink_to(sys.executable)
    job.result.path_added.append(str(folder))
    return {"python-version": f"{sys.version_info.major}.{sys.version_info.minor}"}


def cache(job: Job, ref: str, inputs: dict[str, str]) -> dict[str, str]:
    assert ref == CACHE_SHA, "the stand-in does what actions/cache v5.0.5 does"
    path, key = Path(inputs["path"]), inputs["key"]
    entries = sorted(job.cache_service.glob("*"), key=lambda entry: entry.stat().st_mtime, reverse=True)
    exact = [entry for entry in entries if entry.name == key]
    prefixes = [p for p in inputs.get("restore-keys", "").splitlines() if p]
    partial = [entry for entry in entries for p in prefixes if entry.name.startswith(p)]
    found = (exact or partial or [None])[0]
    if found is not None:
        shutil.copytree(found, path, symlinks=True, dirs_exist_ok=True)
    if not exact:
        job.posts.append(lambda: _save(job, path, job.cache_service / key))
    return {"cache-hit": "true" if exact else "false"}


def _save(job: Job, path: Path, entry: Path) -> None:
    if job.result.status == 0 and path.exists() and not entry.exists():  # post-if: success()
        shutil.copytree(path, entry, symlinks=True)


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
