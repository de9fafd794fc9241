"""Text to AST: the grammar's tables, lexing helpers, prechecks, the AST builder,
doc-comment attachment, recovery, the parser, chunking and the chunk cache.

May import: `prisma_lint.errors`, and lark only to build the parse tables (tables.py).
Nothing else of prisma_lint.
"""
