"""The click group, the entry point, and what every command shares.

The cli package is the only place that talks to the terminal: it parses
options, calls the core, prints, exits. Every error the core raises carries
its own exit code (errors.py): 0 clean, 1 drift, 2 error.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import signal
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import click

from prisma_lint import __version__
from prisma_lint.cli.failures import Guarded
from prisma_lint.cli.terminal import COLOR, color_enabled, make_style, print_error, say
from prisma_lint.errors import (
    EXIT_CLEAN,
    EXIT_DRIFT,
    EXIT_ERROR,
    Diagnostic,
    PrismaLintError,
    SchemaSyntaxError,
)

HELP = """Keep read-only copies of a Prisma schema honest.

One app owns schema.prisma and runs migrations; other apps keep a copy and must
never change it. prisma-lint parses both exactly as Prisma does, and reports
every model, field, enum, attribute and config entry that the copy adds,
removes or changes.

\b
Examples:
  prisma-lint diff ../admin/prisma/schema.prisma prisma/schema.prisma
  prisma-lint diff canonical.prisma portal.prisma --format json
  prisma-lint parse prisma/schema.prisma
  prisma-lint explain FIELD_TYPE_CHANGED

Exit status: 0 no drift, 1 drift found, 2 error (unreadable or invalid schema,
bad option or config). Set NO_COLOR to turn colour off.
"""


def _debug(ctx: click.Context, _: click.Parameter, value: bool) -> bool:
    ctx.meta["debug"] = value
    return value


@click.group(
    cls=Guarded,
    help=HELP,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "-V", "--version", prog_name="prisma-lint", message="%(prog)s %(version)s")
@click.option(
    "--debug",
    is_flag=True,
    expose_value=False,
    callback=_debug,
    is_eager=True,
    help="On an internal error, show the traceback (also PRISMA_LINT_DEBUG=1).",
)
def cli() -> None:
    pass


def main() -> None:
    """Console entry point: run the command, then leave without tearing the heap down.

    Freeing every AST node at interpreter exit costs ~20 ms on a large schema
    and does nothing useful; like mypy, we flush and exit at once. For the same
    reason the cycle collector stays off: one short run makes almost no cycles.
    """
    gc.disable()
    install_signal_handlers()
    try:
        cli()
        code: int | str | None = 0
    except SystemExit as stop:
        code = stop.code
    if isinstance(code, str):  # click reports some errors as a message
        say(code, err=True)
        code = EXIT_ERROR
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # `prisma-lint ... | head`: the reader left; not an error
        pass
    os._exit(code or 0)


def install_signal_handlers() -> None:
    """SIGTERM and SIGINT end the run as SystemExit(128 + signal), so a write in progress
    removes its temp file (writes.py) and no traceback is printed."""

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    for which in (signal.SIGTERM, signal.SIGINT):
        signal.signal(which, stop)


FORMATS = ["text", "json", "github", "sarif", "markdown"]


def _config(path: str | None, **overrides: Any) -> Any:
    """The config file's settings (found from here unless given), with the options that are set."""
    from dataclasses import replace

    from prisma_lint.config import find_config, load_config

    config = load_config(Path(path) if path else find_config(Path.cwd()))
    return replace(config, **{k: v for k, v in overrides.items() if v is not None})


@contextlib.contextmanager
def exit_on_error() -> Iterator[None]:
    """An error of ours raised inside is printed, and the command exits with its code."""
    try:
        yield
    except PrismaLintError as err:
        print_error(err)
        sys.exit(err.exit_code)


config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Config file (default: .prisma-lint.toml or [tool.prisma-lint] in pyproject.toml, "
    "looked up from here).",
)
cache_dir_option = click.option(
    "--cache-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Where remote repositories are fetched (default: ~/.cache/prisma-lint).",
)


Renderers = dict[str, Callable[..., str]]  # format -> render, for reports other than one diff


@dataclass(frozen=True)
class ReportOptions:
    """What to report, where, and when to fail: the options diff and check share."""

    fmt: str
    output: str | None
    writes: list[tuple[str, str]]
    strict: bool
    fail_on: str
    config_path: str | None


def report_options(function: Any) -> Any:
    """Add ReportOptions' options to a command; it receives them as one `report` argument."""

    @functools.wraps(function)
    def command(**kwargs: Any) -> Any:
        report = ReportOptions(**{name: kwargs.pop(name) for name in ReportOptions.__dataclass_fields__})
        return function(report=report, **kwargs)

    options: list[Callable[[Any], Any]] = [
        click.option(
            "--format",
            "fmt",
            type=click.Choice(FORMATS),
            default="text",
            show_default=True,
            help="text for people; json (schema_version 2), sarif, github (workflow annotations) "
            "and markdown (job summary or PR comment) for machines.",
        ),
        click.option(
            "-o",
            "--output",
            type=click.Path(dir_okay=False),
            default=None,
            help="Write the report to this file (atomically; missing folders are made) instead of stdout.",
        ),
        write_option,
        click.option("--strict", is_flag=True, help="Also report order changes, as notices."),
        color_option,
        click.option(
            "--fail-on",
            type=click.Choice(["drift", "error", "never"]),
            default="drift",
            show_default=True,
            help="drift: exit 1 on any finding. error: only on error-severity ones. never: exit 0.",
        ),
        config_option,
    ]
    from prisma_lint.cli.extras import OPTIONS

    for option in reversed(options + OPTIONS):
        command = option(command)
    return command


def _set_color(ctx: click.Context, param: click.Parameter, value: str) -> str:
    COLOR["mode"] = value
    return value


color_option = click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    expose_value=False,
    is_eager=True,
    callback=_set_color,
    help="Colour the text output: auto (on a terminal, unless NO_COLOR is set), always or never.",
)


def write_option(function: Any) -> Any:
    """--write FORMAT=PATH, repeatable: more reports from the same run (the Action uses it)."""
    return click.option(
        "--write",
        "writes",
        multiple=True,
        metavar="FORMAT=PATH",
        callback=_check_writes,
        help=f"Also write the report in FORMAT ({', '.join(FORMATS)}) to PATH, atomically. Repeatable.",
    )(function)


def _check_writes(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> list[tuple[str, str]]:
    pairs = []
    for value in values:
        fmt, sep, path = value.partition("=")
        if not sep or fmt not in FORMATS or not path:
            raise click.BadParameter(
                f"{value!r}: expected FORMAT=PATH with FORMAT one of {', '.join(FORMATS)}"
            )
        pairs.append((fmt, path))
    return pairs


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
    if renderers is None and not result.errors:
        result = with_baseline(result)
    if not stdout and output is None:
        pass
    elif fmt == "text" and output is None:
        say(_text(result, lookup, renderers is None), nl=False, color=color_enabled())
    elif output is None and fmt == "markdown":
        say(lookup(fmt)(result), nl=False)
    elif output is None:  # json and sarif escape every newline; github's escapes are its own
        click.echo(lookup(fmt)(_located(result, fmt)), nl=False)
    else:
        writes = [(fmt, output), *writes]
    from prisma_lint.sources.writes import write_atomic

    for kind, path in writes:
        with exit_on_error():
            rendered = lookup(kind)(_located(result, kind))
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
    from prisma_lint.drift.changes import DiffResult

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
