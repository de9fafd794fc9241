"""`check` on a deep history against one `diff`. Run by hand, not in CI:

    python benchmarks/history.py               # 200 versions of civitai's schema
    python benchmarks/history.py --versions 60

Builds a temp git repository whose schema has `--versions` commits (each
adds a field to a different model of civitai's schema), and a portal copy
edited by hand, so the stale-or-edited search walks every version and finds
none. Prints the whole-process time of `check` and of one `diff` of the two
files, and their ratio (target: at most 3).

`check` runs twice: on the repository as the commits left it (each version a
loose object, which git inflates whole: ~1.2 ms per version of civitai's
schema, so the walk waits on git) and on a copy after `git gc` (packed, as a
clone is: git reads the versions as deltas, ~0.3 ms each).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench import DEFAULT_SCHEMA, byte_compile, corpus_dir, edited_copy, prisma_lint, run_once  # noqa: E402

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Admin",
    "GIT_AUTHOR_EMAIL": "admin@example.com",
    "GIT_COMMITTER_NAME": "Admin",
    "GIT_COMMITTER_EMAIL": "admin@example.com",
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env={**os.environ, **GIT_ENV}, check=True, capture_output=True)


def versions_of(source: str, count: int) -> list[str]:
    """`count` versions, oldest first: version v adds fields 0..v-1, each after a model's header."""
    cuts = [m.end() for m in re.finditer(r"^model \w+ \{\n", source, flags=re.M)][: count - 1]
    pieces = [source[i:j] for i, j in zip([0, *cuts], [*cuts, len(source)], strict=True)]
    out = []
    for v in range(count):
        fields = [f"  historyField{i} String?\n" if i < v else "" for i in range(len(cuts))]
        out.append("".join(p + f for p, f in zip(pieces, [*fields, ""], strict=True)))
    return out


def build_history(texts: list[str], repo: Path) -> None:
    (repo / "prisma").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    for v, text in enumerate(texts):
        (repo / "prisma" / "schema.prisma").write_text(text, encoding="utf-8")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", f"version {v}")


def timed(commands: list[tuple[list[str], Path]], runs: int) -> list[float]:
    """Medians of (command, where it runs); rounds interleave the commands, so a busy spell on
    a shared machine hits each alike."""
    samples: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for (command, cwd), times in zip(commands, samples, strict=True):
            times.append(run_once(command, cwd))
    return [statistics.median(times) for times in samples]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--versions", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(byte_compile())  # as bench.py: both commands run as an installed copy would
    source = (corpus_dir() / DEFAULT_SCHEMA).read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        build_history(versions_of(source, args.versions), repo)
        (repo / "portal").mkdir()
        portal = edited_copy(repo / "prisma" / "schema.prisma", repo / "portal")
        check = [*prisma_lint(), "check", "--canonical", "HEAD:prisma/schema.prisma", "--portal", str(portal)]
        out = subprocess.run(check, cwd=repo, capture_output=True, text=True, check=False).stdout
        if "EDITED" not in out.upper() or f"{args.versions}" not in out:
            print(f"note: check did not report EDITED after {args.versions} versions:\n{out[:600]}")
        diff = [*prisma_lint(), "diff", "prisma/schema.prisma", str(portal)]
        packed = Path(tmp) / "packed"
        shutil.copytree(repo, packed)
        git(packed, "gc", "-q")
        depth = ["--history-depth", str(args.versions)]
        runs = [([*check, *depth], repo), ([*check, *depth], packed), (diff, repo)]
        loose_s, packed_s, diff_s = timed(runs, args.runs)
    print(f"check, {args.versions} versions searched (median of {args.runs}):")
    print(f"  loose objects:                {loose_s:.3f} s")
    print(f"  packed (after git gc):        {packed_s:.3f} s")
    print(f"diff of the two files:          {diff_s:.3f} s")
    print(f"check / diff, loose:            {loose_s / diff_s:.2f} (target <= 3)")
    print(f"check / diff, packed:           {packed_s / diff_s:.2f} (target <= 3)")


if __name__ == "__main__":
    main()
