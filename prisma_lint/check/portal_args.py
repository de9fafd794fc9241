"""Which portals a command compares: `--portal [NAME=]SPEC` values, else the config's.

Apart from portals.py so that a one-portal `diff` need not import the
machinery for several portals (history, check's plan and policy: ~25 ms).
"""

from __future__ import annotations

import re
from pathlib import Path

from prisma_lint.config import Config, Portal
from prisma_lint.errors import ConfigError

NAMED = re.compile(r"^([A-Za-z0-9][\w.-]*)=(.+)$")  # --portal NAME=SPEC


def portals_from(given: tuple[str, ...], config: Config) -> tuple[Portal, ...]:
    """The portals to compare: --portal values (NAME=SPEC, or a SPEC named by itself), else the config's."""
    if given:
        out = []
        for value in given:
            match = NAMED.match(value)
            named = match is not None and not Path(value).exists()
            out.append(Portal(match.group(1), match.group(2)) if named and match else Portal(value, value))
        return tuple(out)
    if config.portals:
        return config.portals
    if config.portal:
        return (Portal("portal", config.portal),)
    raise ConfigError("no portal schema: give --portal (repeatable), or set portals in [tool.prisma-lint]")
