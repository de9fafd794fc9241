"""`check`: the diff of a portal copy, then the verdict (clean, stale or edited,
from the canonical schema's history) and the ownership policy.

May import: `prisma_lint.engine`, `prisma_lint.config`, `prisma_lint.drift`,
`prisma_lint.sources`, `prisma_lint.syntax`, `prisma_lint.errors`, `prisma_lint.words`.
"""
