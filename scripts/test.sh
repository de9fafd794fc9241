#!/usr/bin/env bash
# The whole test suite, from nothing: installs what it needs, then checks.
#
#   .venv/          Python 3.10+ venv with prisma-lint (editable) and the test extra
#   node_modules/   the official Prisma parser, pinned in package.json (npm ci)
#
# Then: ruff (format and lint), mypy --strict, lint-imports, the action and
# workflow linters, and pytest. Extra arguments go to pytest: `-m "not slow"`
# is the quick inner loop (under a minute); .ci/run runs everything. Oracle
# and corpus tests run when Node and the corpus are present (../shared/corpus
# or $PRISMA_LINT_CORPUS), and say why when they skip.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 - <<'PY' || { echo "prisma-lint needs Python 3.10 or newer as python3" >&2; exit 2; }
import sys
sys.exit(0 if sys.version_info >= (3, 10) else 1)
PY

# Each install runs only when what it depends on changed since the last one: a
# stamp inside .venv/ or node_modules/ holds the hash of those files. A fresh
# clone has neither folder, so it installs everything.
fingerprint() { cat "$@" | sha256sum | cut -d' ' -f1; }
up_to_date() { [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]; }

[ -x .venv/bin/python ] || python3 -m venv .venv
python_deps="$(fingerprint pyproject.toml prisma_lint/__init__.py)"  # dependencies and version
if ! up_to_date .venv/.prisma-lint-installed "$python_deps"; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
  echo "$python_deps" >.venv/.prisma-lint-installed
fi

if command -v npm >/dev/null 2>&1; then
  node_deps="$(fingerprint package.json package-lock.json)"
  if ! up_to_date node_modules/.prisma-lint-installed "$node_deps"; then
    npm ci --no-audit --no-fund --loglevel=error
    echo "$node_deps" >node_modules/.prisma-lint-installed
  fi
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

# One worker per core (`-n 0` among the arguments runs in this process); a worker takes
# whole files, so a module's fixtures (a warm install cache, say) serve all its tests.
.venv/bin/pytest -n auto --dist loadfile "$@"
