"""Prebuilt LALR tables for grammar/prisma.lark, so a run neither imports Lark
nor rebuilds them.

Lark reads the grammar and builds the LALR automaton and the contextual
lexer's terminal sets; `compile_lark` turns what Lark built into plain data
(actions per state, rules and how their children are shaped, terminals per
lexer state in Lark's matching order) that lalr.py runs. `prisma.lark.tables`
beside the grammar holds that data as JSON, with a copy of the grammar text,
the options and this format, compared exactly on load (a digest would cost a
run 10 ms of importing OpenSSL). If they differ (grammar edited), the tables
are built from the grammar with Lark: slower (importing Lark and building
take ~80 ms), never wrong. Nothing is written at run time.

Regenerate after editing the grammar (a test fails until you do):

    python -m prisma_lint.syntax.tables
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

FORMAT = 3  # of the data below; bump when compile_lark changes what it writes
OPTIONS: dict[str, Any] = {
    "parser": "lalr",
    "lexer": "contextual",
    "start": ["start", "model_line", "enum_line", "config_line"],
    "maybe_placeholders": False,
    "propagate_positions": False,
}
Tables = dict[str, Any]


def grammar_dir() -> Path:
    """grammar/ ships inside the package (pyproject.toml); a checkout has it at the top."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "grammar"
    return packaged if packaged.is_dir() else package.parent / "grammar"


def stamp(grammar: str) -> dict[str, Any]:
    """What the tables were built from; they are used only if this is unchanged."""
    return {"format": FORMAT, "options": repr(sorted(OPTIONS.items())), "grammar": grammar}


def is_current(tables: Tables, grammar: str) -> bool:
    return all(tables.get(key) == value for key, value in stamp(grammar).items())


def build(transformer: Any = None) -> Any:
    """Lark's own parser for the grammar (imports Lark: to build tables, and for tests)."""
    from lark import Lark

    return Lark.open(str(grammar_dir() / "prisma.lark"), transformer=transformer, **OPTIONS)


def load() -> Tables:
    """The prebuilt tables when they match the grammar, else tables built from it."""
    folder = grammar_dir()
    try:
        grammar = (folder / "prisma.lark").read_text(encoding="utf-8")
        tables: Tables = json.loads((folder / "prisma.lark.tables").read_bytes())
    except (OSError, ValueError):
        return compile_lark(build())
    if not isinstance(tables, dict) or not is_current(tables, grammar):
        return compile_lark(build())
    return tables


def compile_lark(lark: Any) -> Tables:
    """What Lark built, as plain data for lalr.Driver."""
    from lark.parsers.lalr_analysis import Shift

    frontend = lark.parser
    table = frontend.parser.parser.parse_table
    if sorted(table.states) != list(range(len(table.states))):
        raise ValueError("LALR states are not numbered 0..n-1")
    rules = list(lark.rules)
    index = {id(rule): i for i, rule in enumerate(rules)}
    lexers: dict[int, int] = {}
    specs: list[dict[str, Any]] = []
    state_lexer = []
    for state in range(len(table.states)):
        lexer = frontend.lexer.lexers[state]
        if id(lexer) not in lexers:
            lexers[id(lexer)] = len(specs)
            specs.append(_lexer_spec(lexer))
        state_lexer.append(lexers[id(lexer)])
    (ignore,) = lark.lexer_conf.ignore
    return {
        "lark": lark_version(),
        "terminals": {t.name: t.pattern.to_regexp() for t in lark.terminals},
        "ignore": ignore,
        "lexers": specs,
        "root_lexer": _lexer_spec(frontend.lexer.root_lexer),
        "state_lexer": state_lexer,
        "actions": [
            {sym: arg if kind is Shift else ~index[id(arg)] for sym, (kind, arg) in row.items()}
            for _, row in sorted(table.states.items())
        ],
        "rules": [_rule_spec(rule) for rule in rules],
        "start_states": table.start_states,
        "end_states": table.end_states,
        "kept": sorted(_kept_terminals(rules)),
        "newline_types": sorted(set().union(*(x.newline_types for x in frontend.lexer.lexers.values()))),
    }


def lark_version() -> str:
    import lark

    return str(lark.__version__)


def _lexer_spec(lexer: Any) -> dict[str, Any]:
    """One lexer state: terminals in Lark's matching order, and keywords hidden in a
    terminal (Lark's "unless": `model` matched by IDENT where MODEL is also accepted)."""
    scanner = lexer.scanner
    keywords = {}
    for name, callback in lexer.callback.items():
        strings = callback.scanner.terminals
        if any(t.pattern.type != "str" or t.pattern.flags for t in strings):
            raise ValueError(f"unsupported lexer callback on {name}")
        keywords[name] = {t.pattern.value: t.name for t in strings}
    return {"order": [t.name for t in scanner.terminals], "keywords": keywords}


def _rule_spec(rule: Any) -> list[Any]:
    """[rule name, callback name, children, kept children (index, splice) or None, expand single]."""
    expansion = rule.expansion
    keep_all = rule.options.keep_all_tokens
    include = [
        [i, not sym.is_term and sym.name.startswith("_")]
        for i, sym in enumerate(expansion)
        if keep_all or not (sym.is_term and sym.filter_out)
    ]
    shaped = len(include) < len(expansion) or any(splice for _, splice in include)
    name = rule.alias or rule.options.template_source or rule.origin.name
    expand1 = bool(rule.options.expand1 and not rule.alias)
    return [rule.origin.name, name, len(expansion), include if shaped else None, expand1]


def _kept_terminals(rules: list[Any]) -> set[str]:
    """Terminals some rule keeps as a child; the others need no Token."""
    kept = set()
    for rule in rules:
        for symbol in rule.expansion:
            if symbol.is_term and (rule.options.keep_all_tokens or not symbol.filter_out):
                kept.add(symbol.name)
    return kept


def write(path: Path) -> None:
    """Write fresh tables atomically (a temp file in the same folder, then rename)."""
    import tempfile  # only here: it costs a run ~4 ms of imports

    grammar = (grammar_dir() / "prisma.lark").read_text(encoding="utf-8")
    tables = {**compile_lark(build()), **stamp(grammar)}
    body = json.dumps(tables, sort_keys=True, separators=(",", ":")).encode()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tables-")
    try:
        os.fchmod(fd, 0o644)  # mkstemp makes 0600; the file ships in the wheel
        with os.fdopen(fd, "wb") as out:
            out.write(body + b"\n")
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


if __name__ == "__main__":
    target = grammar_dir() / "prisma.lark.tables"
    write(target)
    print(f"wrote {target}", file=sys.stderr)
