"""The `"prisma-lint"` key of a package.json: prisma-lint's config where a JavaScript team keeps it.

Only reads; config.py validates the table exactly as it validates the TOML ones.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from prisma_lint.errors import ConfigError

KEY = "prisma-lint"


def package_config(path: Path) -> dict[str, Any] | None:
    """The `"prisma-lint"` object of a package.json, or None when it has none."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise ConfigError(f"{path}: cannot read: {err.strerror or err}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except ValueError as err:
        raise ConfigError(f"{path}: invalid JSON: {err}") from None
    if not isinstance(data, dict) or KEY not in data:
        return None
    table = data[KEY]
    if not isinstance(table, dict):
        raise ConfigError(f'{path}: "{KEY}" must be an object of prisma-lint settings, not {table!r}')
    return table
