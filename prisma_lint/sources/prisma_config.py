"""The `schema` and `migrations.path` values of a prisma.config.ts, read without running it.

The file is TypeScript (or JavaScript), parsed with tree-sitter's TypeScript
grammar: a real syntax tree, so comments, strings and other objects cannot be
mistaken for the config. The exported object is found through `export default
X`, `module.exports = X`, `defineConfig(X)`, `X satisfies PrismaConfig` and a
`const` named by the export. A value is read when it is a string literal, or
`path.join`/`path.resolve` (also `join`/`resolve`) of string literals and
`__dirname`; anything else is reported as unreadable, never guessed. Paths
are relative to the config's folder, except `resolve(...)` without
`__dirname`, which Node resolves against the folder Prisma runs in.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from prisma_lint.errors import ConfigError

if TYPE_CHECKING:  # tree-sitter is imported when a config file is read, not on every run
    from tree_sitter import Node

DIRNAME = ("__dirname", "import.meta.dirname")
JOINS = ("path.join", "join", "path.resolve", "resolve", "path.posix.join")
WRAPPERS = ("parenthesized_expression", "satisfies_expression", "as_expression", "non_null_expression")


@dataclass(frozen=True)
class ConfigValue:
    """A value of the config: a path relative to the config's folder, or why it is unreadable."""

    text: str | None
    line: int
    column: int
    source: str  # the expression as written
    from_cwd: bool = False  # path.resolve("x"): against the folder Prisma runs in, not the config's


@dataclass(frozen=True)
class PrismaConfig:
    path: Path
    schema: ConfigValue | None
    migrations: ConfigValue | None
    broken: bool = False  # tree-sitter found syntax errors: a missing key may hide in them


def read_prisma_config(path: Path) -> PrismaConfig:
    import tree_sitter_typescript
    from tree_sitter import Language, Parser

    try:
        data = path.read_bytes()
    except OSError as err:
        raise ConfigError(f"{path}: cannot read: {err.strerror or err}") from None
    root = Parser(Language(tree_sitter_typescript.language_typescript())).parse(data).root_node
    config = _exported_object(root)
    schema = _property(config, "schema")
    migrations = _property(config, "migrations")
    migrations_path = _property(migrations, "path") if migrations and migrations.type == "object" else None
    return PrismaConfig(path, _value(schema), _value(migrations_path), broken=root.has_error)


def unparsable(config: PrismaConfig, what: str, key: str) -> ConfigError:
    """The error for a value missing from a config that does not parse: it may be in the broken part."""
    return ConfigError(
        f"{config.path}: the file does not parse as TypeScript, so prisma-lint cannot read its {what}; "
        f"fix it, or set {key} in prisma-lint's config."
    )


def _text(node: Node | None) -> str:
    return node.text.decode(errors="replace") if node is not None and node.text is not None else ""


def _exported_object(root: Node) -> Node | None:
    """The object literal the module exports, or None."""
    for node in root.children:
        value = None
        if node.type == "export_statement":
            value = node.child_by_field_name("value") or node.child_by_field_name("declaration")
        elif node.type == "expression_statement" and node.named_children:
            assign = node.named_children[0]
            left = assign.child_by_field_name("left") if assign.type == "assignment_expression" else None
            if _text(left) == "module.exports":
                value = assign.child_by_field_name("right")
        if value is not None:
            return _object(value, root, depth=0)
    return None


def _object(node: Node | None, root: Node, depth: int) -> Node | None:
    """Follow wrappers, defineConfig(...) and a const name to an object literal."""
    while node is not None and node.type in WRAPPERS:
        node = node.named_children[0] if node.named_children else None
    if node is None or depth > 5:
        return None
    if node.type == "object":
        return node
    if node.type == "call_expression":
        args = node.child_by_field_name("arguments")
        first = args.named_children[0] if args is not None and args.named_children else None
        return _object(first, root, depth + 1)
    if node.type == "identifier":
        return _object(_const(root, _text(node)), root, depth + 1)
    return None


def _const(root: Node, name: str) -> Node | None:
    for node in root.children:
        decl = node.named_children[0] if node.type == "export_statement" and node.named_children else node
        if decl.type in ("lexical_declaration", "variable_declaration"):
            for item in decl.named_children:
                if item.type == "variable_declarator" and _text(item.child_by_field_name("name")) == name:
                    return item.child_by_field_name("value")
    return None


def _property(obj: Node | None, key: str) -> Node | None:
    """The value node of key in an object literal; a spread before it makes it unknowable."""
    if obj is None:
        return None
    found = None
    for item in obj.named_children:
        if item.type == "pair" and _text(item.child_by_field_name("key")).strip("'\"") == key:
            found = item.child_by_field_name("value")
        elif item.type == "shorthand_property_identifier" and _text(item) == key:
            found = item
        elif item.type == "spread_element" and found is None:
            found = item  # the key may come from the spread: not readable statically
    return found


def _value(node: Node | None) -> ConfigValue | None:
    if node is None:
        return None
    line, column = node.start_point[0] + 1, node.start_point[1] + 1
    return ConfigValue(_static(node), line, column, _text(node), _from_cwd(node))


def _from_cwd(node: Node) -> bool:
    """`path.resolve(...)` not anchored at __dirname resolves against the working directory."""
    if node.type != "call_expression" or not _text(node.child_by_field_name("function")).endswith("resolve"):
        return False
    args = node.child_by_field_name("arguments")
    first = args.named_children[0] if args is not None and args.named_children else None
    return first is None or _text(first) not in DIRNAME


def _static(node: Node) -> str | None:
    """A path from literals only, relative to the config's folder; None if it takes running code."""
    if node.type == "string":
        return "".join(_text(c) for c in node.named_children if c.type == "string_fragment")
    if node.type == "template_string":
        if any(c.type == "template_substitution" for c in node.named_children):
            return None
        return _text(node)[1:-1]
    if node.type in ("identifier", "member_expression") and _text(node) in DIRNAME:
        return "."
    if node.type == "call_expression" and _text(node.child_by_field_name("function")) in JOINS:
        args = node.child_by_field_name("arguments")
        parts = [_static(arg) for arg in (args.named_children if args is not None else [])]
        if parts and all(p is not None for p in parts):
            return str(Path(*[p for p in parts if p is not None]))
    return None
