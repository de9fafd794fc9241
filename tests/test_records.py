"""The record rule: (object, path) names the thing, kind is what happened to it.

Each case here is one of the ways the v1 records broke the rule (issue 12):
an attribute change that read as its field changing, a doc comment that read
as its field being added, two attributes removed giving one record twice.
"""

from __future__ import annotations

from collections import Counter

from prisma_lint.drift.changes import CODES, Change, Code, Kind, Obj, Parent
from prisma_lint.drift.diff import diff
from prisma_lint.syntax import ast
from prisma_lint.syntax.parser import parse_text
from tests.test_changes import BASE, edit


def changes(old: str, new: str, strict: bool = False) -> list[Change]:
    a, errors_a = parse_text(old, "canonical.prisma")
    b, errors_b = parse_text(new, "portal.prisma")
    assert errors_a == () and errors_b == ()
    return list(
        diff(ast.Schema(a, ("canonical.prisma",)), ast.Schema(b, ("portal.prisma",)), strict=strict).changes
    )


def records(old: str, new: str, strict: bool = False) -> list[tuple[str, str, str, Parent | None]]:
    return [(c.object, c.path, c.kind.value, c.parent) for c in changes(old, new, strict)]


def assert_unique(found: list[Change]) -> None:
    counts = Counter((c.object, c.path, c.kind) for c in found)
    assert [k for k, n in counts.items() if n > 1] == []


def test_a_removed_field_attribute_is_not_a_removed_field() -> None:
    found = records(BASE, edit("  email String  @unique", "  email String"))
    assert found == [("field_attribute", "User.email@unique", "removed", Parent(Obj.FIELD, "User.email"))]


def test_two_attributes_removed_from_one_field_are_two_things() -> None:
    found = records(BASE, edit("@id @default(autoincrement())", ""))
    assert [(o, p, k) for o, p, k, _ in found] == [
        ("field_attribute", "User.id@id", "removed"),
        ("field_attribute", "User.id@default", "removed"),
    ]


def test_a_documentation_added_to_a_field_is_about_the_documentation() -> None:
    found = records(BASE, edit("  tags  String[]", "  /// Free-form labels.\n  tags  String[]"))
    assert found == [("documentation", "User.tags", "added", Parent(Obj.FIELD, "User.tags"))]


def test_a_removed_datasource_setting_is_a_setting() -> None:
    found = records(BASE, edit('  url      = env("DATABASE_URL")\n', ""))
    assert found == [("setting", "db.url", "removed", Parent(Obj.DATASOURCE, "db"))]


def test_an_enum_value_attribute_and_its_documentation_are_two_things() -> None:
    found = records(BASE, edit('ADMIN @map("admin")', '/// Boss.\n  ADMIN @map("root")'))
    assert found == [
        ("enum_value_attribute", "Role.ADMIN@map", "changed", Parent(Obj.ENUM_VALUE, "Role.ADMIN")),
        ("documentation", "Role.ADMIN", "added", Parent(Obj.ENUM_VALUE, "Role.ADMIN")),
    ]


def test_order_notices_are_moves_and_never_share_a_record_with_a_type_change() -> None:
    portal = edit("  email String  @unique\n", "").replace(
        "  posts Post[]\n", "  posts Post[]\n  email Int  @unique\n"
    )
    found = records(BASE, portal, strict=True)
    assert ("field", "User.email", "changed", Parent(Obj.MODEL, "User")) in found
    assert ("field", "User.email", "moved", Parent(Obj.MODEL, "User")) in found
    assert_unique(changes(BASE, portal, strict=True))


def test_attribute_order_is_a_move_of_the_attribute() -> None:
    found = records(BASE, edit("@id @default(autoincrement())", "@default(autoincrement()) @id"), strict=True)
    assert [(o, p, k) for o, p, k, _ in found] == [("field_attribute", "User.id@default", "moved")]


def test_block_attribute_paths_have_no_dot_before_the_at_signs() -> None:
    found = records(BASE, edit('  @@map("users")\n', ""))
    assert found == [("block_attribute", "User@@map", "removed", Parent(Obj.MODEL, "User"))]


def test_the_table_gives_each_code_its_object_and_kinds() -> None:
    for code, info in CODES.items():
        assert info.objects and info.kinds, code
    assert CODES[Code.FIELD_ATTRIBUTE_REMOVED].objects == (Obj.FIELD_ATTRIBUTE,)
    assert CODES[Code.FIELD_ATTRIBUTE_REMOVED].kinds == (Kind.REMOVED,)
    assert CODES[Code.MEMBER_ORDER_CHANGED].kinds == (Kind.MOVED,)


def test_every_record_agrees_with_its_code_in_the_table() -> None:
    portal = edit("/// A person.", "").replace("  email String  @unique", "  email String? @unique @db.Text")
    for change in changes(BASE, portal, strict=True):
        info = change.code.info
        assert change.object in info.objects and change.kind in info.kinds, change


def test_fingerprints_hold_no_positions_and_tell_attributes_apart() -> None:
    found = changes(BASE, edit("@id @default(autoincrement())", ""))
    shifted = changes("\n\n" + BASE, "\n" + edit("@id @default(autoincrement())", ""))
    assert [c.fingerprint for c in found] == [c.fingerprint for c in shifted]
    assert len({c.fingerprint for c in found}) == 2
