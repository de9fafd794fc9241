"""Whole-process timings of prisma-lint and its peers on the same files, in one run.

Run by hand, never in CI or the test suite:

    python benchmarks/bench.py              # parse and diff on civitai's 290 KB schema
    python benchmarks/bench.py --runs 21    # more runs, steadier medians

prisma_lint is byte-compiled first (`byte_compile`; --source-only skips it).
Peers: the official parser (`@prisma/prisma-schema-wasm` `lint`) and the most
used JS parser (`@mrleebo/prisma-ast` `getSchema`), both through Node, both
from the repo's package.json (`npm ci`). Each timing is a whole process, start
to exit, like a developer or CI job sees it. Prints medians and ratios.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PEERS = ROOT / "benchmarks" / "peers.js"
DEFAULT_SCHEMA = "real/civitai__civitai/packages__civitai-db-schema__prisma__schema.full.prisma"


def corpus_dir() -> Path:
    env = os.environ.get("PRISMA_LINT_CORPUS")
    return Path(env) if env else ROOT.parent / "shared" / "corpus"


def run_once(command: list[str], cwd: Path = ROOT) -> float:
    """Wall time of one whole-process run; a status other than 0 or 1 (drift) stops the script."""
    start = time.perf_counter()
    proc = subprocess.run(
        command, capture_output=True, env={**os.environ, "NO_COLOR": "1"}, cwd=cwd, check=False
    )
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed ({proc.returncode}):\n{proc.stderr.decode()[-2000:]}")
    return seconds


def median_seconds(command: list[str], runs: int) -> float:
    return statistics.median(run_once(command) for _ in range(runs))


def byte_compile() -> str:
    """Write prisma_lint's .pyc files, as pip does when it installs the wheel.

    Without them (this machine sets PYTHONDONTWRITEBYTECODE=1, and an editable
    install has none), every timed run compiles ~60 modules from source first
    (~35-50 ms of a ~0.4 s diff): a cost no installed copy pays.
    """
    import compileall

    compileall.compile_dir(str(ROOT / "prisma_lint"), quiet=1)
    return "prisma_lint byte-compiled first (.pyc, as an installed wheel has)"


def no_bytecode() -> str:
    """Remove prisma_lint's .pyc files: each run then compiles every module from source
    (if PYTHONDONTWRITEBYTECODE is set, as here; else the first run writes them again)."""
    for cache in (ROOT / "prisma_lint").rglob("__pycache__"):
        shutil.rmtree(cache)
    return "prisma_lint run from source: its .pyc files removed first"


def prisma_lint() -> list[str]:
    exe = shutil.which("prisma-lint")
    return [exe] if exe else [sys.executable, "-m", "prisma_lint"]


def edited_copy(schema: Path, folder: Path) -> Path:
    """The schema with three edits a portal team might make: retype, add, remove."""
    lines = schema.read_text(encoding="utf-8").split("\n")
    fields = [i for i, line in enumerate(lines) if line.startswith("  ") and " String" in line]
    first, middle, last = fields[0], fields[len(fields) // 2], fields[-1]
    lines[first] = lines[first].replace(" String", " Int", 1)
    lines.insert(middle, "  portalOnly String?")
    del lines[last + 1]
    out = folder / "portal.prisma"
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


def report(title: str, rows: list[tuple[str, float]], baseline: str) -> None:
    ours = dict(rows)[baseline]
    print(f"\n{title}")
    print(f"  {'command':<44} {'median':>9} {'ours / it':>10}")
    for name, seconds in rows:
        ratio = "" if name == baseline else f"{ours / seconds:10.2f}"
        print(f"  {name:<44} {seconds:8.3f}s {ratio}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--schema", type=Path, default=None, help="default: civitai's schema.full.prisma")
    parser.add_argument(
        "--source-only", action="store_true", help="do not byte-compile prisma_lint first (see byte_compile)"
    )
    args = parser.parse_args()
    schema = args.schema or corpus_dir() / DEFAULT_SCHEMA
    if not schema.is_file():
        sys.exit(f"no schema at {schema}: set PRISMA_LINT_CORPUS or pass --schema")
    size_kb, lines = schema.stat().st_size / 1024, schema.read_text().count("\n")
    print(f"{schema.name}: {size_kb:.0f} KB, {lines} lines, {args.runs} runs each")
    print(no_bytecode() if args.source_only else byte_compile())
    run: Callable[[list[str]], float] = lambda cmd: median_seconds(cmd, args.runs)  # noqa: E731
    node0 = run(["node", "-e", "0"])
    parse_rows = [
        ("prisma-lint parse", run([*prisma_lint(), "parse", str(schema)])),
        ("node @mrleebo/prisma-ast getSchema", run(["node", str(PEERS), "mrleebo", str(schema)])),
        ("node prisma-schema-wasm lint", run(["node", str(PEERS), "wasm-lint", str(schema)])),
    ]
    report("parse one schema", [*parse_rows, ("node -e 0 (Node start-up alone)", node0)], "prisma-lint parse")
    with tempfile.TemporaryDirectory() as tmp:
        portal = edited_copy(schema, Path(tmp))
        diff_rows = [
            ("prisma-lint diff (3 edits)", run([*prisma_lint(), "diff", str(schema), str(portal)])),
            (
                "node prisma-schema-wasm lint, both files",
                run(["node", str(PEERS), "wasm-lint", str(schema), str(portal)]),
            ),
        ]
    report("diff canonical against an edited copy", diff_rows, "prisma-lint diff (3 edits)")


if __name__ == "__main__":
    main()
