"""Reading schemas from disk: folders, and a clear one-line error for anything odd."""

from __future__ import annotations

from pathlib import Path

import pytest

from prisma_lint.engine import parse_path
from prisma_lint.errors import SourceError
from prisma_lint.sources.files import read_schema

SCHEMA = "model A {\n  id Int @id\n}\n"


def error_of(path: Path | str) -> str:
    with pytest.raises(SourceError) as info:
        read_schema(str(path))
    assert info.value.exit_code == 2
    message = str(info.value)
    assert "\n" not in message
    return message


def test_missing_file(tmp_path: Path) -> None:
    assert error_of(tmp_path / "nope.prisma") == f"{tmp_path / 'nope.prisma'}: no such file or folder"


def test_folder_without_schema_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    assert error_of(tmp_path).endswith("folder contains no .prisma files")


def test_invalid_utf8_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "s.prisma"
    path.write_bytes(b"model A {\n  n\xc3\xa9 Int \xff\n}\n")
    assert error_of(path) == f"{path}:2:10: invalid UTF-8 (byte 0xff)"


def test_nul_byte(tmp_path: Path) -> None:
    path = tmp_path / "s.prisma"
    path.write_bytes(b"model A {\n  id Int\x00\n}\n")
    assert error_of(path) == f"{path}:2:9: NUL byte: this is a binary file, not a Prisma schema"


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "s.prisma"
    path.write_bytes(bytes(range(256)))
    assert "binary file" in error_of(path)


def test_utf16_file(tmp_path: Path) -> None:
    path = tmp_path / "s.prisma"
    path.write_bytes(SCHEMA.encode("utf-16"))
    assert "UTF-16" in error_of(path)


def test_byte_order_mark(tmp_path: Path) -> None:
    # Prisma's parser rejects a BOM (every line fails), so we say so plainly.
    path = tmp_path / "s.prisma"
    path.write_bytes(b"\xef\xbb\xbf" + SCHEMA.encode())
    assert "byte order mark" in error_of(path)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "s.prisma"
    path.write_text(SCHEMA)

    # chmod cannot lock root out (CI runs as root), so the denial is simulated.
    def deny(self: Path, *args: object, **kwargs: object) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", deny)
    assert error_of(path) == f"{path}: permission denied"


def test_multi_file_folder_is_one_schema(tmp_path: Path) -> None:
    (tmp_path / "nested" / "deeper").mkdir(parents=True)
    (tmp_path / "schema.prisma").write_text('datasource db {\n  provider = "postgresql"\n}\n')
    (tmp_path / "nested" / "user.prisma").write_text(SCHEMA.replace("A", "User"))
    (tmp_path / "nested" / "deeper" / "post.prisma").write_text(SCHEMA.replace("A", "Post"))
    (tmp_path / "nested" / "README.md").write_text("not a schema")
    schema = parse_path(str(tmp_path))
    assert sorted(b.name for b in schema.blocks) == ["Post", "User", "db"]
    files = {b.name: Path(b.span.file).relative_to(tmp_path).as_posix() for b in schema.blocks}
    assert files == {"db": "schema.prisma", "User": "nested/user.prisma", "Post": "nested/deeper/post.prisma"}
    assert len(schema.files) == 3


def test_symlink_loop_in_folder(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "s.prisma").write_text(SCHEMA)
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a", target_is_directory=True)
    assert [b.name for b in parse_path(str(tmp_path)).blocks] == ["A"]
