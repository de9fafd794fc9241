"""How time and memory grow with the input. Run by hand, not in CI:

    python benchmarks/scaling.py            # every row below
    python benchmarks/scaling.py --factors 1,10 --models 8000 --no-shapes   # a quicker subset

Rows: civitai's schema 1x, 10x, 100x (parse, and diff against a copy with
three edits); N small models diffed against a formatting-only copy (every
block differs, so every chunk is parsed: the worst case for diff), for
8,000 (LF), 20,000 (the copy with CR-only line ends) and 100,000 models,
next to `parse` of both files; a 5 MB string literal; 2 million blank
lines; a 1.4 MB line; a 2,000-file folder.

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
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench import DEFAULT_SCHEMA, PEERS, byte_compile, corpus_dir, edited_copy, prisma_lint  # noqa: E402

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


CONFIG_BLOCK = re.compile(r"^(?:datasource|generator) \w+ \{.*?^\}\n?", flags=re.M | re.S)


def scaled(text: str, factor: int) -> str:
    """factor copies, blocks renamed; datasources and generators only in the first (a name
    defined twice is an error, and a schema has one datasource)."""
    body = CONFIG_BLOCK.sub("", text)
    copies = [text] + [
        re.sub(r"^(model|enum|view|type) (\w+)", rf"\1 \2X{i}", body, flags=re.M) for i in range(1, factor)
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


MODEL = (
    "model M{n} {{\n  id Int @id @default(autoincrement())\n  name String? @db.VarChar(100)\n"
    "  at DateTime @default(now())\n}}\n\n"
)


WASM_TIMEOUT = 90.0  # wasm lint (it validates too) grows faster than linearly on many models


def wasm_seconds(files: list[str]) -> float:
    """Wall time of the official wasm lint of files; inf past WASM_TIMEOUT (printed as ratio 0.00)."""
    start = time.perf_counter()
    try:
        subprocess.run(
            ["node", str(PEERS), "wasm-lint", *files], capture_output=True, timeout=WASM_TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired:
        return float("inf")
    return time.perf_counter() - start


def many_models(count: int) -> str:
    return "".join(MODEL.format(n=n) for n in range(count))


SHAPES = {
    "5 MB string literal": lambda: f'model A {{\n  id String @id @default("{"x" * 5_000_000}")\n}}\n',
    "2 million blank lines": lambda: (
        "model A {\n  id Int @id\n}\n" + "\n" * 2_000_000 + "model B {\n  id Int @id\n}\n"
    ),
    "1.4 MB line": lambda: "model A {\n  id Int @id" + " @unique" * 175_000 + "\n}\n",
}


def model_rows(counts: list[int], work: Path) -> None:
    """Formatting-only diffs of N models, against parse of both files and wasm lint of both."""
    for count in counts:
        canonical = many_models(count)
        portal = canonical.replace("  id Int", "  id  Int")
        style = "LF"
        if count == 20_000:
            portal, style = portal.replace("\n", "\r"), "CR-only copy"
        a, b = work / f"m{count}.prisma", work / f"m{count}-portal.prisma"
        a.write_text(canonical, encoding="utf-8", newline="")
        b.write_text(portal, encoding="utf-8", newline="")
        size = a.stat().st_size + b.stat().st_size
        both = measure([*prisma_lint(), "parse", str(a), str(b)], 1)
        diff = measure([*prisma_lint(), "diff", str(a), str(b)], 1)
        wasm = wasm_seconds([str(a), str(b)])
        print(row(f"parse both, {count:,} models", size, both, wasm, None))
        print(
            row(f"diff {count:,} models, {style}", size, diff, wasm, None)
            + f"  diff/parse {diff[0] / both[0]:.2f}"
        )


def shape_rows(work: Path) -> None:
    for name, make in SHAPES.items():
        path = work / "shape.prisma"
        path.write_text(make(), encoding="utf-8")
        size = path.stat().st_size
        parse = measure([*prisma_lint(), "parse", str(path)], 1)
        wasm = wasm_seconds([str(path)])
        print(row(f"parse, {name}", size, parse, wasm, None))


def row(name: str, size: int, ours: tuple[float, int], wasm: float, base: float | None) -> str:
    seconds, peak = ours
    budget = 150 * MIB + 20 * size
    growth = f"{seconds / base:6.1f}x" if base else "      "
    return (
        f"  {name:<34} {size / MIB:7.1f} MB {seconds:8.2f} s {seconds / (size / MIB):7.3f} s/MB {growth}"
        f" {peak / MIB:8.0f} MiB {'ok ' if peak <= budget else 'OVER'} (budget {budget / MIB:5.0f})"
        f" {seconds / wasm:6.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--factors", default="1,10,100")
    parser.add_argument(
        "--models", default="8000,20000,100000", help="model counts for formatting-only diffs"
    )
    parser.add_argument(
        "--no-shapes", action="store_true", help="skip the literal, blank-line and long-line rows"
    )
    parser.add_argument("--no-folder", action="store_true", help="skip the 2,000-file folder")
    args = parser.parse_args()
    source = (corpus_dir() / DEFAULT_SCHEMA).read_text(encoding="utf-8")
    print(f"  {byte_compile()}")
    print(
        f"  {'input':<34} {'size':>10} {'time':>10} {'per MB':>12} {'vs 1x':>7} {'peak RSS':>12}"
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
            schema.unlink()
        model_rows([int(c) for c in args.models.split(",") if c], work)
        if not args.no_shapes:
            shape_rows(work)
        if not args.no_folder:
            folder = folder_of(source, 2000, work / "folder")
            size = sum(p.stat().st_size for p in folder.rglob("*.prisma"))
            files = [str(p) for p in sorted(folder.rglob("*.prisma"))]
            parse = measure([*prisma_lint(), "parse", str(folder)], 3)
            wasm = measure(["node", str(PEERS), "wasm-lint", *files], 3)[0]
            print(row("parse 2,000-file folder", size, parse, wasm, None))
            shutil.rmtree(folder)
    print("  vs 1x: the time relative to the 1x time scaled up linearly (1.0x = exactly linear)")
    print(f"  ÷ wasm 0.00: wasm lint did not finish within {WASM_TIMEOUT:.0f} s")


if __name__ == "__main__":
    main()
