"""Long fuzz runs of the properties in tests/fuzzing.py. Run by hand, not in CI:

    python benchmarks/fuzz.py --count 100000            # split over the given properties
    python benchmarks/fuzz.py --count 50000 --seed 2    # another stream, e.g. on a second core

Each example is one input: a generated schema (every property), a generated
pair (mirror, reports), or a byte or token mutation of a seed (no crash,
mirror when both parse). Failures are written to fuzz-failures/ and counted.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fuzzing import mirrored, mutate_bytes, mutate_tokens, no_drift, parse_checked, reformat, schemas  # noqa: E402
from tests.test_fuzz import SEEDS  # noqa: E402

COUNTS = {"generated": 0, "pairs": 0, "mutations": 0}
FAILURES: list[str] = []


def record(kind: str, check: object, *inputs: str) -> None:
    COUNTS[kind] += 1
    try:
        check()  # type: ignore[operator]
    except Exception:  # a fuzzer records every failure and goes on
        folder = ROOT / "fuzz-failures"
        folder.mkdir(exist_ok=True)
        path = folder / f"{kind}-{len(FAILURES)}.txt"
        path.write_text("\n=====\n".join(inputs) + "\n=====\n" + traceback.format_exc())
        FAILURES.append(str(path))


def run(count: int, stream: int) -> None:
    per = count // 3
    # Generate only: failures are recorded, not raised, so there is nothing to shrink.
    options = settings(
        max_examples=per,
        deadline=None,
        database=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.generate],
    )
    random.seed(stream)

    @options
    @given(schemas(), st.randoms(use_true_random=False))
    def generated(text: str, rnd: random.Random) -> None:
        def check() -> None:
            schema = parse_checked(text)
            assert schema is not None
            no_drift(schema, schema)
            again = parse_checked(reformat(text, rnd))
            assert again is not None
            no_drift(schema, again)

        record("generated", check, text)

    @options
    @given(schemas(), schemas())
    def pairs(a: str, b: str) -> None:
        def check() -> None:
            left, right = parse_checked(a), parse_checked(b)
            assert left is not None and right is not None
            mirrored(left, right)

        record("pairs", check, a, b)

    @options
    @given(st.sampled_from(SEEDS), st.booleans(), st.randoms(use_true_random=False))
    def mutations(seed_text: str, by_bytes: bool, rnd: random.Random) -> None:
        mutated = mutate_bytes(seed_text, rnd) if by_bytes else mutate_tokens(seed_text, rnd)

        def check() -> None:
            schema, original = parse_checked(mutated), parse_checked(seed_text)
            if schema is not None and original is not None:
                mirrored(original, schema)

        record("mutations", check, seed_text, mutated)

    for test in (generated, pairs, mutations):
        seed(random.randrange(2**32))(test)()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    start = time.perf_counter()
    run(args.count, args.seed)
    total = sum(COUNTS.values())
    print(f"{total} inputs in {time.perf_counter() - start:.0f} s: {COUNTS}; {len(FAILURES)} failures")
    for path in FAILURES[:20]:
        print(f"  {path}")
    sys.exit(1 if FAILURES else 0)


if __name__ == "__main__":
    main()
