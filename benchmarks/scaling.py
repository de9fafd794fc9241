"""How time and memory grow with the input. Run by hand, not in CI:

    python benchmarks/scaling.py            # 1x, 10x and 100x civitai's schema, and a 2,000-file folder

Inputs are civitai's schema (283 KB) repeated with renamed blocks, and for
diff a copy with three edits. Each row is one whole process: wall time, and
its own peak RSS (wait4). Prints the time per MB, how 10x the input scales
the time (target: at most 11x), the memory against 150 MiB + 20x the input,
and the ratio to the official wasm `lint` of the same files.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench import DEFAULT_SCHEMA, PEERS, corpus_dir, edited_copy, prisma_lint  # noqa: E402

sys.path.insert(0, str(ROOT))
from tests.rss import run_measured  # noqa: E402

MIB = 1024 * 1024


def measure(command: list[str], runs: int) -> tuple[float, int]:
    """Median wall time, and the largest peak RSS, over runs of one command (tests/rss.py)."""
    times, peaks = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            out, err = os.path.join(tmp, "out"), os.path.join(tmp, "err")
            seconds, peak, status = run_measured(
                command, str(ROOT), {**os.environ, "NO_COLOR": "1"}, out, err
            )
            if status not in (0, 1):
                sys.exit(f"{' '.join(command[:3])} failed: {Path(err).read_text()[-1000:]}")
            times.append(seconds)
            peaks.append(peak)
    return statistics.median(times), max(peaks)


def scaled(text: str, factor: int) -> str:
    copies = [text] + [
        re.sub(r"^(model|enum|view|type) (\w+)", rf"\1 \2X{i}", text, flags=re.M) for i in range(1, factor)
    ]
    return "\n".join(copies)


def folder_of(text: str, count: int, folder: Path) -> Path:
    """The schema's blocks spread over `count` files in nested folders."""
    blocks = re.split(r"\n(?=(?:model|enum|view|type|datasource|generator) )", text)
    for i in range(count):
        part = folder / f"part{i % 40}" / f"file{i}.prisma"
        part.parent.mkdir(parents=True, exist_ok=True)
        chosen = blocks[i::count] if i < len(blocks) else []
        renamed = [re.sub(r"^(model|enum|view|type) (\w+)", rf"\1 \2F{i}", b, flags=re.M) for b in chosen]
        part.write_text("\n".join(renamed) or f"model Filler{i} {{\n  id Int @id\n}}\n")
    return folder


def row(name: str, size: int, ours: tuple[float, int], wasm: float, base: float | None) -> str:
    seconds, peak = ours
    budget = 150 * MIB + 20 * size
    growth = f"{seconds / base:6.1f}x" if base else "      "
    return (
        f"  {name:<26} {size / MIB:7.1f} MB {seconds:8.2f} s {seconds / (size / MIB):7.3f} s/MB {growth}"
        f" {peak / MIB:8.0f} MiB {'ok ' if peak <= budget else 'OVER'} (budget {budget / MIB:5.0f})"
        f" {seconds / wasm:6.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--factors", default="1,10,100")
    args = parser.parse_args()
    source = (corpus_dir() / DEFAULT_SCHEMA).read_text(encoding="utf-8")
    print(
        f"  {'input':<26} {'size':>10} {'time':>10} {'per MB':>12} {'vs 1x':>7} {'peak RSS':>12}"
        f" {'memory':>20} {'÷ wasm':>6}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        base: dict[str, float] = {}
        for factor in (int(f) for f in args.factors.split(",")):
            schema = work / f"x{factor}.prisma"
            schema.write_text(scaled(source, factor), encoding="utf-8")
            (work / f"edited{factor}").mkdir()
            portal = edited_copy(schema, work / f"edited{factor}")
            size, runs = schema.stat().st_size, 3 if factor == 1 else 1
            parse = measure([*prisma_lint(), "parse", str(schema)], runs)
            wasm = measure(["node", str(PEERS), "wasm-lint", str(schema)], runs)[0]
            print(row(f"parse {factor}x", size, parse, wasm, base.get("parse") and base["parse"] * factor))
            base.setdefault("parse", parse[0] / factor)
            diff = measure([*prisma_lint(), "diff", str(schema), str(portal)], runs)
            wasm2 = measure(["node", str(PEERS), "wasm-lint", str(schema), str(portal)], runs)[0]
            linear = base.get("diff") and base["diff"] * factor
            print(row(f"diff {factor}x (3 edits)", 2 * size, diff, wasm2, linear))
            base.setdefault("diff", diff[0] / factor)
        folder = folder_of(source, 2000, work / "folder")
        size = sum(p.stat().st_size for p in folder.rglob("*.prisma"))
        files = [str(p) for p in sorted(folder.rglob("*.prisma"))]
        parse = measure([*prisma_lint(), "parse", str(folder)], 3)
        wasm = measure(["node", str(PEERS), "wasm-lint", *files], 3)[0]
        print(row("parse 2,000-file folder", size, parse, wasm, None))
        shutil.rmtree(folder)
    print("  vs 1x: the time relative to the 1x time scaled up linearly (1.0x = exactly linear)")


if __name__ == "__main__":
    main()
