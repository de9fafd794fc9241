"""Where a command's report goes: stdout, --output, every --write; a failed run's report too;
and the exit status --fail-on asks for."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn

import click

from prisma_lint.cli.app import Renderers, ReportOptions, exit_on_error
from prisma_lint.cli.terminal import color_enabled, make_style, print_error, say
from prisma_lint.errors import EXIT_CLEAN, EXIT_DRIFT, Diagnostic, PrismaLintError, SchemaSyntaxError


def emit_report(result: Any, report: ReportOptions, renderers: Renderers | None = None) -> NoReturn:
    """Emit the report as ReportOptions say, then exit as --fail-on says."""
    result = emit(result, report.fmt, report.output, report.writes, renderers)
    sys.exit(verdict_exit_code(result, report.fail_on))


@contextlib.contextmanager
def failure_reported(report: ReportOptions, sources: tuple[str, str]) -> Iterator[None]:
    """An error of ours raised inside is reported in every format asked for (see `fail`)."""
    try:
        yield
    except PrismaLintError as err:
        fail(err, report.fmt, report.output, report.writes, sources)


def emit(
    result: Any,
    fmt: str,
    output: str | None,
    writes: list[tuple[str, str]],
    renderers: Renderers | None = None,
    *,
    stdout: bool = True,
) -> Any:
    """Print the report (or write it to --output), then every --write report. Returns the
    result as reported (without baselined findings), for the exit status.

    `renderers` (format -> render) for reports other than one diff: several portals, impact."""
    from prisma_lint.cli.extras import with_baseline
    from prisma_lint.report import reporter

    lookup: Callable[[str], Callable[..., str]] = renderers.__getitem__ if renderers is not None else reporter
    one_diff = renderers is None  # several portals and impact have reports of their own
    if one_diff and not result.errors:
        result = with_baseline(result)
    if not stdout and output is None:
        pass
    elif fmt == "text" and output is None:
        say(_text(result, lookup, one_diff), nl=False, color=color_enabled())
    elif output is None and fmt == "markdown":
        say(lookup(fmt)(result), nl=False)
    elif output is None:  # json and sarif escape every newline; github's escapes are its own
        click.echo(lookup(fmt)(_located(result, fmt) if one_diff else result), nl=False)
    else:
        writes = [(fmt, output), *writes]
    from prisma_lint.sources.writes import write_atomic

    for kind, path in writes:
        with exit_on_error():
            rendered = lookup(kind)(_located(result, kind) if one_diff else result)
            write_atomic(path, rendered.encode("utf-8"), parents=True)
    return result


def _text(result: Any, lookup: Callable[[str], Callable[..., str]], one_diff: bool) -> str:
    style = make_style(color_enabled())
    if not one_diff:
        return lookup("text")(result, style)
    from prisma_lint.cli.extras import setting

    return lookup("text")(result, style, quiet=bool(setting("quiet")), verbose=bool(setting("verbose")))


def _located(result: Any, fmt: str) -> Any:
    """Annotations and SARIF name files from the repository root, wherever we ran."""
    if fmt not in ("github", "sarif"):
        return result
    from prisma_lint.report.paths import rebase, repository_root

    cwd = Path.cwd()
    return rebase(result, cwd, repository_root(cwd, os.environ.get("GITHUB_WORKSPACE")))


def fail(
    err: PrismaLintError,
    fmt: str,
    output: str | None,
    writes: list[tuple[str, str]],
    sources: tuple[str, str],
) -> NoReturn:
    """Say what failed on stderr, and in every machine format asked for, then exit 2.

    A SARIF upload or an annotation step after a failed run still finds its file."""
    from prisma_lint.drift.result import DiffResult

    print_error(err)
    unplaced = (Diagnostic("", 0, 0, str(err)),)  # a missing file, a bad config: no line to point at
    diagnostics = err.diagnostics if isinstance(err, SchemaSyntaxError) else unplaced
    from prisma_lint.sources.redact import redact

    shown = tuple(redact(source) for source in sources)
    result = DiffResult(shown[0], shown[1], (), errors=diagnostics)
    if fmt == "text" and output is None:
        fmt, output = "", None  # the text is already on stderr
    if fmt or writes:
        emit(result, fmt or "text", output, writes, stdout=bool(fmt))
    sys.exit(err.exit_code)


def verdict_exit_code(result: Any, fail_on: str) -> int:
    """A result's exit status under --fail-on; for several portals, the worst of theirs."""
    from prisma_lint.drift.changes import Severity

    if hasattr(result, "portals"):
        return max((verdict_exit_code(p.result, fail_on) for p in result.portals), default=EXIT_CLEAN)

    if fail_on == "never" or not result.drift:
        return EXIT_CLEAN
    if fail_on == "error" and not result.count(Severity.ERROR):
        return EXIT_CLEAN
    return EXIT_DRIFT
