"""Where schemas come from and where files go: files and folders, source specs
(`PATH`, `REF:PATH`, `URL#REF:PATH`), git (`git.py`, the only module that
imports `git`), atomic writes, and `sync`.

May import: `prisma_lint.syntax` (for `SourceFile`), `prisma_lint.errors`, gitpython.
"""
