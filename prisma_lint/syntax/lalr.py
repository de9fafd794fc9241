"""A lexer and LALR loop in one function, running the tables Lark built.

Lark stays the parser generator: it reads the grammar and builds the LALR
automaton and the contextual lexer's terminal sets (tables.py keeps them
prebuilt as plain data). This module runs them. Profiling a parse of
civitai's schema showed two thirds of the time in Lark's run-time loop (a
generator per token, a Token object per token, whitespace, `,` and line ends
included, a method call per shift) and a fifth of a whole run in importing
Lark. Here, with Lark never imported:

- one master pattern, Lark's root alternation of all terminals in Lark's
  order with the ignored whitespace folded in front, yields a token per
  `match` call; its token is taken where the parser's state would match the
  same (`_safe_kinds`), else the state's own pattern (its terminal set, as
  Lark's contextual lexer has it) decides. Compiling all ~30 state patterns
  was ~25 ms of a civitai parse; now a parse compiles two or three;
- a Token is made only for terminals some rule keeps (names, strings, the
  brackets spans end on); `,`, `=`, `(` and line ends stay plain positions;
- positions start from a given line and column, so a chunk of a file parses
  with its real positions and no padding;
- rule callbacks shape children as Lark's parse-tree builder does (filtered
  tokens dropped, `_rule` children spliced, `?rule` with one child inlined)
  and call the AST builder's method of the rule's name.

It accepts exactly what Lark's contextual lexer and LALR parser accept, with
the same callbacks (tests/test_grammar_tables.py compares both on the corpus).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from prisma_lint.syntax.tokens import Token

Callback = Callable[[list[Any]], Any]
Reduction = tuple[int, Callback, str]  # (children, callback, rule name)
Action = int | Reduction  # an int is a shift to that state


class ParseFailed(Exception):
    """The text is not in the grammar; `pos` is where the parser gave up (-1: at its end)."""

    def __init__(self, pos: int) -> None:
        super().__init__(f"syntax error at offset {pos}")
        self.pos = pos


@dataclass(frozen=True, slots=True)
class LexState:
    match: Callable[[str, int], re.Match[str] | None]
    names: tuple[str, ...]  # terminal name by group index


class Driver:
    """The tables, the builder's callbacks, and the loop. One per process (parser.py)."""

    def __init__(self, tables: dict[str, Any], builder: Any, lexing: Driver | None = None) -> None:
        """lexing: another driver over the same tables, whose compiled patterns this one shares."""
        self.tables = tables
        self.terminals: dict[str, str] = tables["terminals"]
        callbacks = [_callback(builder, rule) for rule in tables["rules"]]
        reductions = [(rule[2], callbacks[i], rule[0]) for i, rule in enumerate(tables["rules"])]
        self.actions: list[dict[str, Action]] = [
            {sym: arg if arg >= 0 else reductions[~arg] for sym, arg in row.items()}
            for row in tables["actions"]
        ]
        self.start_states: dict[str, int] = tables["start_states"]
        self.end_states: dict[str, int] = tables["end_states"]
        self.kept = frozenset(tables["kept"])
        self.newline_types = frozenset(tables["newline_types"])
        self._specs: list[dict[str, Any]] = tables["lexers"]
        self._state_lexer: list[int] = tables["state_lexer"]
        self._compiled: dict[int, LexState] = {}
        self.lex_states: list[LexState | None] = [None] * len(self.actions)
        self.ignore: str = tables["ignore"]  # the whitespace terminal, skipped in front of each token
        self._skip = f"(?:{self.terminals[self.ignore]})?"
        self.trailing = re.compile(f"{self._skip}\\Z")
        root = tables["root_lexer"]
        self.master: LexState
        if lexing is not None:
            self.lex_states, self._compiled, self.master = lexing.lex_states, lexing._compiled, lexing.master
        else:
            self.master = self._compile(root)
        self.safe: list[frozenset[str]] = [
            _safe_kinds(self._specs[spec]["order"], set(root["order"])) for spec in self._state_lexer
        ]
        # terminal -> {exact text: keyword terminal} (Lark's "unless"), by state
        self.keywords: list[dict[str, dict[str, str]]] = [
            self._specs[spec]["keywords"] for spec in self._state_lexer
        ]

    def lex_state(self, state: int) -> LexState:
        """The master pattern of a parser state, compiled on first use."""
        found = self.lex_states[state]
        if found is None:
            spec = self._state_lexer[state]
            found = self._compiled.get(spec) or self._compile(self._specs[spec])
            self._compiled[spec] = self.lex_states[state] = found
        return found

    def _compile(self, spec: dict[str, Any]) -> LexState:
        alternatives = "|".join(f"(?P<{name}>{self.terminals[name]})" for name in spec["order"])
        pattern = re.compile(f"{self._skip}(?:{alternatives})")
        if pattern.groups != len(pattern.groupindex):
            raise ValueError("a terminal has a capturing group; token kinds would be misread")
        names = [""] * (pattern.groups + 1)
        for name, index in pattern.groupindex.items():
            names[index] = name
        return LexState(pattern.match, tuple(names))

    def parse(self, text: str, start: str, line: int = 1, column: int = 1) -> Any:
        """Parse text from rule `start`, its first character at (line, column)."""
        return _run(self, text, start, line, column)


def _safe_kinds(order: list[str], root: set[str]) -> frozenset[str]:
    """The terminals of a state that the root pattern finds exactly as the state's own would.

    Both try terminals in Lark's one order, first match wins. Where every terminal the
    state tries up to K is also in the root pattern, a root match of K means each of them
    failed there, so the state's pattern matches K too, the same text. A keyword the root
    folds into IDENT but a state tries by itself (`model` at the top) ends the prefix."""
    safe = []
    for name in order:
        if name not in root:
            break
        safe.append(name)
    return frozenset(safe)


def _callback(builder: Any, rule: list[Any]) -> Callback:
    """The callback for one rule, shaped as Lark's parse-tree builder shapes it."""
    _, name, _, include, expand1 = rule
    method: Callback = getattr(builder, name, None) or list  # no method: the children, as a list
    if expand1:
        inner = method
        method = lambda c: c[0] if len(c) == 1 else inner(c)  # noqa: E731
    if include is None:
        return method
    keep = [i for i, _ in include]
    if not any(splice for _, splice in include):
        if keep == list(range(keep[0], keep[-1] + 1)) if keep else True:
            first, stop = (keep[0], keep[-1] + 1) if keep else (0, 0)
            return lambda c: method(c[first:stop])  # the usual case: `(` or a line end dropped
        return lambda c: method([c[i] for i in keep])
    plan = [(i, bool(splice)) for i, splice in include]

    def shaped(c: list[Any]) -> Any:
        children: list[Any] = []
        for i, splice in plan:
            if splice:
                children.extend(c[i])  # an inlined `_rule`: its children, in place
            else:
                children.append(c[i])
        return method(children)

    return shaped


def _run(driver: Driver, text: str, start: str, line: int, column: int) -> Any:  # noqa: C901, PLR0912, PLR0915
    """The loop. One function, locals only: this is where a parse spends its time."""
    actions = driver.actions
    lex_states = driver.lex_states
    kept = driver.kept
    newline_types = driver.newline_types
    new_token = str.__new__
    states = [driver.start_states[start]]
    values: list[Any] = []
    pos, n = 0, len(text)
    line_start = 1 - column  # the column of offset i on the current line is i - line_start + 1
    master, master_names = driver.master.match, driver.master.names
    safe, keywords, ignore = driver.safe, driver.keywords, driver.ignore
    while pos < n:
        state = states[-1]
        m = master(text, pos)
        if m is not None:
            index = m.lastindex or 0
            kind = master_names[index]
            if kind not in safe[state]:
                m = None
        if m is None:  # the root pattern cannot tell: the state's own pattern decides
            lex = lex_states[state] or driver.lex_state(state)
            m = lex.match(text, pos)
            if m is None:
                if driver.trailing.match(text, pos):
                    break
                raise ParseFailed(pos)
            index = m.lastindex or 0
            kind = lex.names[index]
        begin, pos = m.span(index)
        found = keywords[state]
        if kind in found:
            kind = found[kind].get(text[begin:pos], kind)
        token: Token | None = None
        if kind in kept:
            token = new_token(Token, text[begin:pos])
            token.type = kind
            token.start_pos = begin
            token.end_pos = pos
            token.line = line
            token.column = begin - line_start + 1
        if kind in newline_types:
            breaks = text.count("\n", begin, pos)
            if breaks:
                line += breaks
                line_start = text.rindex("\n", begin, pos) + 1
        if token is not None:
            token.end_line = line
            token.end_column = pos - line_start + 1
        while True:
            action = actions[state].get(kind)
            if action is None:
                # The whitespace terminal itself (no state takes it) only where the skip in
                # front gave its spaces back, nothing the state takes following them: at the
                # very end of the text, with no line break after them, that is the end.
                if kind == ignore and pos == n:
                    return _finish(actions, states, values, driver.end_states[start])
                raise ParseFailed(begin)
            if action.__class__ is int:
                states.append(action)
                values.append(token)
                break
            size, callback, origin = action  # type: ignore[misc]  # a reduction, inlined
            if size:
                children = values[-size:]
                del states[-size:]
                del values[-size:]
            else:
                children = []
            values.append(callback(children))
            state = actions[states[-1]][origin]  # type: ignore[assignment]
            states.append(state)
    return _finish(actions, states, values, driver.end_states[start])


def _reduce(actions: list[dict[str, Action]], states: list[int], values: list[Any], rule: Reduction) -> int:
    size, callback, origin = rule
    if size:
        children = values[-size:]
        del states[-size:]
        del values[-size:]
    else:
        children = []
    values.append(callback(children))
    goto: int = actions[states[-1]][origin]  # type: ignore[assignment]
    states.append(goto)
    return goto


def _finish(actions: list[dict[str, Action]], states: list[int], values: list[Any], end_state: int) -> Any:
    """The end of input: reduce until the start rule is complete."""
    while True:
        action = actions[states[-1]].get("$END")
        if action is None or action.__class__ is int:
            raise ParseFailed(-1)
        if _reduce(actions, states, values, action) == end_state:  # type: ignore[arg-type]
            return values[-1]
