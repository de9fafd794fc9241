"""The pre-commit hook runs when any file `check` reads changes, not only `.prisma` files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from prisma_lint.check.command_files import READERS, kind_of

ROOT = Path(__file__).resolve().parents[1]
HOOK = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())[0]
FILES = re.compile(HOOK["files"])  # pre-commit matches with re.search on the repo-relative path

READ = [
    "prisma/schema.prisma",
    "apps/portal/prisma/schema/user.prisma",
    "prisma/migrations/20260101_init/migration.sql",
    "migrations/app/0001/ops.json",
    "prisma.config.ts",
    "apps/web/prisma.config.mjs",
    ".config/prisma.cts",
    "package.json",
    "apps/web/package.json",
    ".prisma-lint.toml",
    "pyproject.toml",
    "scripts/deploy.sh",
    "bin/release.bash",
    ".github/workflows/ci.yml",
    ".github/workflows/deploy.yaml",
    ".github/actions/setup-db/action.yml",
    "Dockerfile",
    "docker/Dockerfile.prod",
    "web.dockerfile",
    "Makefile",
    "build/rules.mk",
    "vercel.json",
    "netlify.toml",
    "Procfile",
    "fly.toml",
    "apps/api/railway.toml",
    "railway.json",
    "render.yaml",
    "docker-compose.yml",
    "compose.prod.yaml",
]
NOT_READ = ["README.md", "src/index.ts", "docs/migrate.md", "tsconfig.json", ".github/dependabot.yml"]


@pytest.mark.parametrize("path", READ)
def test_the_hook_runs_for_files_check_reads(path: str) -> None:
    assert FILES.search(path), path


@pytest.mark.parametrize("path", NOT_READ)
def test_the_hook_skips_other_files(path: str) -> None:
    assert not FILES.search(path), path


def test_every_kind_of_command_file_is_among_the_cases() -> None:
    """So the cases above cover each reader of the policy (command_files.READERS)."""
    kinds = set()
    for path in map(Path, READ):
        in_workflows = path.parent.name == "workflows" and path.parent.parent.name == ".github"
        kinds.add(kind_of(path, in_workflows))
    assert set(READERS) <= kinds
