"""No credential in a URL ever reaches a report, a message or the terminal.

A property over generated URLs (a user alone, user:password, `@`, `%40` and
`:` in passwords) and every output: each report format, the parse summary, and
every error about a malformed source. The secrets carry markers that nothing
else prints, so finding any piece of one is a leak.
"""

from __future__ import annotations

import json
import string
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from prisma_lint.cli import cli
from prisma_lint.config import Config
from prisma_lint.engine import diff_sources
from prisma_lint.errors import PrismaLintError
from prisma_lint.report import REPORTERS, reporter
from prisma_lint.sources.redact import redact, scrub_secret
from prisma_lint.sources.specs import parse_spec
from prisma_lint.syntax.ast import SourceFile
from tests.gitrepos import init

USER_MARK, PASS_MARK, PASS_END = "Qx7", "Zk9", "Vw3"
SAFE = string.ascii_letters + string.digits + "-._~!$&'()*+,;="
CANONICAL = 'datasource db {\n  provider = "postgresql"\n}\n\nmodel A {\n  id Int @id\n  name String\n}\n'
PORTAL = CANONICAL.replace("  name String\n", "  name String?\n")

users = st.text(SAFE + "%", min_size=0, max_size=6).map(lambda s: USER_MARK + s)
passwords = st.lists(st.sampled_from([*SAFE, "@", "%40", ":", "%3A"]), max_size=8).map(
    lambda parts: PASS_MARK + "".join(parts) + PASS_END
)
userinfo = st.one_of(users, st.tuples(users, passwords).map(lambda up: f"{up[0]}:{up[1]}"))
schemes = st.sampled_from(["https://", "ssh://", "file://", "http://"])
hosts = st.sampled_from(["github.com", "git.example.com:8443", "127.0.0.1"])


def leaked(text: str) -> list[str]:
    return [mark for mark in (USER_MARK, PASS_MARK, PASS_END) if mark in text]


@st.composite
def urls(draw: st.DrawFn) -> str:
    return f"{draw(schemes)}{draw(userinfo)}@{draw(hosts)}/acme/admin.git"


@given(urls())
def test_redact_strips_userinfo_and_keeps_the_rest(url: str) -> None:
    scheme, _, rest = url.partition("://")
    host = rest.rsplit("@", 1)[1]
    assert redact(url) == f"{scheme}://{host}"
    assert (
        redact(f"fatal: unable to access '{url}/': 403")
        == f"fatal: unable to access '{scheme}://{host}/': 403"
    )


@settings(max_examples=60, deadline=None)
@given(urls().filter(lambda url: not url.startswith("http://")))  # http:// is refused
def test_no_format_shows_a_credential(url: str) -> None:
    label = f"{url}#main:prisma/schema.prisma"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PRISMA_LINT_ALLOW_FILE_URLS", "1")
        spec = parse_spec(label, Path("/nonexistent"))
    assert spec is not None
    files = [SourceFile(spec.display(), CANONICAL)]  # as sources.git names what it reads
    portal = [SourceFile("portal.prisma", PORTAL)]
    result = diff_sources(files, portal, label, "portal.prisma", config=Config())
    assert result.drift
    for name in REPORTERS:
        out = reporter(name)(result)
        assert leaked(out) == [], (name, out)
    assert "acme/admin.git#main:prisma/schema.prisma" in reporter("text")(result)


@settings(max_examples=60, deadline=None)
@given(urls(), st.sampled_from(["#main", "#main:", "#-x:schema.prisma", "#main:-x", "", "#:schema.prisma"]))
def test_no_source_error_shows_a_credential(url: str, tail: str) -> None:
    with pytest.MonkeyPatch.context() as patch, pytest.raises(PrismaLintError) as caught:
        patch.setenv("PRISMA_LINT_ALLOW_FILE_URLS", "0")
        parse_spec(url + tail, Path("/nonexistent"))
    assert leaked(str(caught.value)) == [], str(caught.value)


@pytest.mark.parametrize(
    "source",
    [
        "https://alice:pw@example.invalid/admin.git#main",  # no :PATH
        "https://alice:pw@example.invalid/admin.git#main:-x",  # a path starting with -
        "file://alice:pw@example.invalid/admin.git#main:schema.prisma",  # file:// not allowed
        "https://u:pw@example.invalid/x",  # no #
        "https://alice:p@ss:pw@example.invalid/admin.git#main",  # @ in the password
    ],
)
def test_cli_errors_never_print_the_password(
    source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(init(tmp_path / "repo"))  # in a repository, REF:PATH is read from git
    monkeypatch.delenv("PRISMA_LINT_ALLOW_FILE_URLS", raising=False)
    Path("portal.prisma").write_text(PORTAL)
    for args in (["check", "--canonical", source, "--portal", "portal.prisma"], ["parse", source]):
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 2
        assert "pw" not in result.output and "alice" not in result.output, result.output
        assert "ss:" not in result.output


def test_a_report_file_and_the_parse_json_never_hold_the_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    source = "https://alice:pw@example.invalid/admin.git#main"
    result = CliRunner().invoke(cli, ["parse", "--format", "json", source], catch_exceptions=False)
    assert result.exit_code == 2
    assert json.loads(result.stdout)["errors"] and "pw" not in result.output


@pytest.mark.parametrize(
    ("token", "text", "expected"),
    [
        ("h", "fetch https://host failed", "fetch https://host failed"),  # too short to be a token
        ("ghs_abcdefgh", "token ghs_abcdefgh leaked", "token *** leaked"),
        ("ghs_abcdefgh", "ghs_abcdefghij is another word", "ghs_abcdefghij is another word"),
    ],
)
def test_scrub_replaces_whole_tokens_only(token: str, text: str, expected: str) -> None:
    assert scrub_secret(text, token) == expected
