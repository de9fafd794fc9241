"""The admin side, for the impact, several-portal and Action tests.

An admin repository whose schema went through two versions (OLD, then ADMIN),
with a config naming three portals, each a folder beside it:
- insync: a copy of ADMIN (a plain path);
- safe: a git repository holding OLD, named `../safe#main:…` (stale but safe:
  the admin only added an optional column and a column with a database default);
- breaking: OLD edited by hand, with a column and an enum value the admin
  never had (will break).

Built with the git command line (tests/gitrepos.py), not with the code under test.
"""

from __future__ import annotations

from pathlib import Path

from tests.gitrepos import SCHEMA, commit_file, init

OLD = """datasource db {
  provider = "postgresql"
}

model User {
  id    Int    @id @default(autoincrement())
  email String @unique
  role  Role   @default(MEMBER)
}

enum Role {
  ADMIN
  MEMBER
}
"""

ADMIN = """datasource db {
  provider = "postgresql"
}

model User {
  id        Int      @id @default(autoincrement())
  email     String   @unique
  nickname  String?
  createdAt DateTime @default(now())
  role      Role     @default(MEMBER)
}

enum Role {
  ADMIN
  MEMBER
}
"""

BREAKING = OLD.replace(
    "  role  Role   @default(MEMBER)\n", "  role  Role   @default(MEMBER)\n  legacy String?\n"
).replace("  MEMBER\n}", "  MEMBER\n  OWNER\n}")

CONFIG = f"""[tool.prisma-lint]
canonical = "{SCHEMA}"

[[tool.prisma-lint.portals]]
name = "insync"
schema = "../insync/{SCHEMA}"

[[tool.prisma-lint.portals]]
name = "safe"
schema = "../safe#main:{SCHEMA}"

[[tool.prisma-lint.portals]]
name = "breaking"
schema = "../breaking/{SCHEMA}"
"""


def build(root: Path) -> Path:
    """The admin repository (returned) and the three portals beside it."""
    admin = init(root / "admin")
    commit_file(admin, SCHEMA, OLD, "schema v1", day=1)
    commit_file(admin, SCHEMA, ADMIN, "schema v2: nickname, createdAt", day=3)
    (admin / "pyproject.toml").write_text(CONFIG)
    for name, text in (("insync", ADMIN), ("breaking", BREAKING)):
        target = root / name / SCHEMA
        target.parent.mkdir(parents=True)
        target.write_text(text)
    safe = init(root / "safe")
    commit_file(safe, SCHEMA, OLD, "portal copy", day=2)
    return admin
