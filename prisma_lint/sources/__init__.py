"""Where schemas come from and where files go: files and folders, source specs
(`PATH`, `REF:PATH`, `URL#REF:PATH`), git (`git.py`, the only module that
imports `git`; `plaingit.py` and `catfile.py` read a file in this repository and
its history with the git command line), atomic writes, `sync`, finding an app's schema as Prisma 7
does (`discover.py`, reading prisma.config.ts with tree-sitter in
`prisma_config.py`), and the `"prisma-lint"` key of package.json.

May import: `prisma_lint.syntax` (for `SourceFile`), `prisma_lint.errors`, gitpython,
tree-sitter.
"""
