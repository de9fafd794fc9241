"""prisma-lint: keep read-only copies of a Prisma schema honest."""

__version__ = "0.1.0"
