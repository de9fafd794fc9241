"""[tool.prisma-lint] and .prisma-lint.toml: ignore rules, severities, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from prisma_lint.config import Config, IgnoreRule, find_config, load_config
from prisma_lint.drift.changes import Code, Severity
from prisma_lint.engine import diff_paths
from prisma_lint.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]
ADMIN = str(ROOT / "examples/admin/prisma/schema.prisma")
PORTAL = str(ROOT / "examples/portal/prisma/schema.prisma")


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text)
    return path


def test_pyproject_table(tmp_path: Path) -> None:
    write(
        tmp_path,
        "pyproject.toml",
        """
[project]
name = "portal"

[tool.prisma-lint]
portal = "prisma/schema.prisma"
strict = true
ignore = ["DOCUMENTATION_CHANGED", { code = "GENERATOR_CHANGED", path = "client.output" }, { path = "Log.*" }]

[tool.prisma-lint.severity]
GENERATOR_CHANGED = "error"
""",
    )
    config = load_config(find_config(tmp_path))
    assert config.portal == "prisma/schema.prisma" and config.strict is True
    assert config.ignore == (
        IgnoreRule(code=Code.DOCUMENTATION_CHANGED),
        IgnoreRule(code=Code.GENERATOR_CHANGED, path="client.output"),
        IgnoreRule(path="Log.*"),
    )
    assert config.severity == {Code.GENERATOR_CHANGED: Severity.ERROR}


def test_dotfile_wins_and_lookup_goes_up_to_the_git_root(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, ".prisma-lint.toml", 'portal = "a.prisma"\n')
    write(tmp_path, "pyproject.toml", '[tool.prisma-lint]\nportal = "b.prisma"\n')
    nested = tmp_path / "apps" / "portal"
    nested.mkdir(parents=True)
    assert find_config(nested) == tmp_path / ".prisma-lint.toml"
    assert load_config(find_config(nested)).portal == "a.prisma"


def test_no_config_above_the_git_root(tmp_path: Path) -> None:
    write(tmp_path, ".prisma-lint.toml", 'portal = "x"\n')
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    assert find_config(repo) is None
    assert load_config(None) == Config()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("colour = true\n", "unknown key 'colour'"),
        ("strict = 'yes'\n", "strict must be true or false"),
        ("ignore = 'FIELD_ADDED'\n", "ignore must be a list"),
        ("ignore = ['FIELD_MOVED']\n", "unknown change code 'FIELD_MOVED'"),
        ("ignore = [{ kode = 'FIELD_ADDED' }]\n", "each ignore entry is a code, or a table"),
        ("ignore = [{ path = 3 }]\n", "ignore path must be a string glob"),
        ("[severity]\nFIELD_ADDED = 'fatal'\n", "severity of FIELD_ADDED must be error, warning or notice"),
        ("portal = 3\n", "portal must be a string"),
        ("strict = \n", "invalid TOML"),
        ("history-depth = 2147483648\n", "history-depth must be a whole number from 1 to 100000"),
    ],
)
def test_bad_config_is_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, ".prisma-lint.toml", text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)
    assert info.value.exit_code == 2


def test_ignore_and_severity_apply_to_results(tmp_path: Path) -> None:
    config = load_config(
        write(
            tmp_path,
            ".prisma-lint.toml",
            """
ignore = [{ code = "FIELD_ATTRIBUTE_REMOVED" }, { path = "InvoiceStatus.*" }]
[severity]
FIELD_ADDED = "warning"
""",
        )
    )
    plain = diff_paths(ADMIN, PORTAL)
    tuned = diff_paths(ADMIN, PORTAL, config=config)
    assert [c.code for c in plain.changes] == [
        Code.FIELD_ADDED,
        Code.FIELD_TYPE_CHANGED,
        Code.FIELD_ATTRIBUTE_REMOVED,
        Code.ENUM_VALUE_REMOVED,
    ]
    assert [(c.code, c.severity) for c in tuned.changes] == [
        (Code.FIELD_ADDED, Severity.WARNING),
        (Code.FIELD_TYPE_CHANGED, Severity.ERROR),
    ]
    assert tuned.ignored == 2
