"""`check`: the diff of a portal copy, then the verdict (clean, stale or edited,
from the canonical schema's history) and the ownership policy (`policy.py`:
migrations folders, and command lines split by `commands.py` out of the files
`command_files.py`, `platform_files.py` and `lines.py` read). Also the admin
side: several portals in one run (portals.py) and `impact`, what a schema
change does to each portal's stale client (impact.py, effects.py, effect_table.py).

May import: `prisma_lint.engine`, `prisma_lint.config`, `prisma_lint.drift`,
`prisma_lint.sources`, `prisma_lint.syntax`, `prisma_lint.errors`, `prisma_lint.words`, pyyaml.
"""
