"""Options every reporting command takes besides the format (baseline, quiet, verbose), and
the progress line for slow work.

They take effect in `emit`, through the click context, so the commands need
not pass them along.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from prisma_lint.errors import PrismaLintError


def _store(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    ctx.meta[f"prisma_lint.{param.name}"] = value
    return value


def _option(*names: str, **kwargs: Any) -> Any:
    return click.option(*names, expose_value=False, callback=_store, **kwargs)


OPTIONS = [
    _option(
        "--baseline",
        "baseline",
        type=click.Path(dir_okay=False),
        default=None,
        help="Ignore findings whose fingerprints are in this file (from --write-baseline); "
        "every format counts them.",
    ),
    _option(
        "--write-baseline",
        "write_baseline",
        type=click.Path(dir_okay=False),
        default=None,
        help="Write the fingerprints of this run's findings to this file, to adopt the gate on a "
        "copy that already drifted.",
    ),
    _option("-q", "--quiet", "quiet", is_flag=True, help="Text: only the findings, no summary."),
    _option(
        "-v",
        "--verbose",
        "verbose",
        is_flag=True,
        help="Text: also each finding's object, path and fingerprint.",
    ),
]


def setting(name: str) -> Any:
    ctx = click.get_current_context(silent=True)
    return None if ctx is None else ctx.meta.get(f"prisma_lint.{name}")


def with_baseline(result: Any) -> Any:
    """Write the baseline if asked (all findings of the run), then drop the baselined ones."""
    from prisma_lint.engine import apply_baseline, baseline_text, read_baseline
    from prisma_lint.sources.writes import write_atomic

    try:
        if setting("write_baseline"):
            write_atomic(setting("write_baseline"), baseline_text(result).encode("utf-8"), parents=True)
        if setting("baseline"):
            result = apply_baseline(result, read_baseline(setting("baseline")))
    except PrismaLintError as err:
        from prisma_lint.cli.terminal import print_error

        print_error(err)
        sys.exit(err.exit_code)
    return result


def progress_wanted(fmt: str, stream: Any = None) -> bool:
    """A progress line only for people: text format, and stderr a terminal."""
    stream = stream or sys.stderr
    return fmt == "text" and bool(getattr(stream, "isatty", lambda: False)())


@contextmanager
def progress(message: str, enabled: bool, *, stream: Any = None, after: float = 1.0) -> Iterator[None]:
    """Show `message` on stderr if the work takes longer than `after` seconds; erase it when done."""
    if not enabled:
        yield
        return
    out = stream or sys.stderr
    lock = threading.Lock()
    state = {"shown": False, "done": False}

    def show() -> None:
        with lock:
            if not state["done"]:
                out.write(f"\r{message}")
                out.flush()
                state["shown"] = True

    timer = threading.Timer(after, show)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            state["done"] = True
            if state["shown"]:
                out.write("\r\x1b[2K")  # erase the line: the report follows
                out.flush()
