"""Fingerprint what prisma-lint prints, to prove a refactor changes no behaviour.

Runs the CLI in-process (click's test runner) on the README example in every
format and on every corpus pair with ``--format json``, and prints one line per
run: a SHA-256 of exit code and output, then the run's arguments. Run it on two
commits and ``diff`` the outputs: no line may differ.

    python scripts/output_snapshot.py [CORPUS] > before.txt
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from click.testing import CliRunner

from prisma_lint.cli import cli

FORMATS = ("text", "json", "github", "sarif", "markdown")
EXAMPLE = ("examples/admin/prisma/schema.prisma", "examples/portal/prisma/schema.prisma")


def runs(corpus: Path | None) -> list[list[str]]:
    out = [["diff", *EXAMPLE, "--format", fmt] for fmt in FORMATS]
    out.append(["parse", EXAMPLE[0], "--format", "json"])
    if corpus is not None:
        for before in sorted(corpus.glob("pairs/*/*/before.prisma")):
            out.append(["diff", str(before), str(before.with_name("after.prisma")), "--format", "json"])
    return out


def main() -> None:
    env_corpus = os.environ.get("PRISMA_LINT_CORPUS")
    arg = sys.argv[1] if len(sys.argv) > 1 else env_corpus
    corpus = Path(arg) if arg else None
    runner = CliRunner()
    for args in runs(corpus):
        result = runner.invoke(cli, args, catch_exceptions=False)
        digest = hashlib.sha256(f"{result.exit_code}\n{result.output}".encode()).hexdigest()
        print(digest[:16], *args)


if __name__ == "__main__":
    main()
