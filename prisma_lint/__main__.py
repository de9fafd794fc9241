"""`python -m prisma_lint` runs the CLI."""

from .cli import main

main()
