"""AST to changes: change codes (one table), normal forms, the `find_*_changes`
functions per level, order changes, and the semantic facts `check` compares.

May import: `prisma_lint.syntax`, `prisma_lint.errors`.
"""
