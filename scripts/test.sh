#!/usr/bin/env bash
# The whole test suite, from nothing: installs what it needs, then checks.
#
#   .venv/          Python 3.10+ venv with prisma-lint (editable) and the test extra
#   node_modules/   the official Prisma parser, pinned in package.json (npm ci)
#
# Then: ruff (format and lint), mypy --strict, the action and workflow
# linters, and pytest. Extra arguments go
# to pytest. Oracle and corpus tests run when Node and the corpus are present
# (../shared/corpus or $PRISMA_LINT_CORPUS), and say why when they skip.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 - <<'PY' || { echo "prisma-lint needs Python 3.10 or newer as python3" >&2; exit 2; }
import sys
sys.exit(0 if sys.version_info >= (3, 10) else 1)
PY

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'

if command -v npm >/dev/null 2>&1; then
  npm ci --no-audit --no-fund --loglevel=error
else
  echo "npm not found: tests against the official Prisma parser will be skipped" >&2
fi

.venv/bin/ruff format --check .
.venv/bin/ruff check .
.venv/bin/mypy
.venv/bin/lint-imports --no-cache  # the layers and forbidden imports in pyproject.toml

# The action and workflows: schema-valid, actionlint-clean, and no zizmor findings (offline).
.venv/bin/check-jsonschema --builtin-schema vendor.github-actions action.yml
.venv/bin/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
.venv/bin/actionlint .github/workflows/*.yml
.venv/bin/zizmor --offline --quiet action.yml .github/workflows/

.venv/bin/pytest "$@"
