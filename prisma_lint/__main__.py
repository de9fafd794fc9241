"""`python -m prisma_lint` runs the CLI."""

from prisma_lint.cli import main

main()
