"""Shell command lines as words: which ones run Prisma, and which run a package.json script.

`shlex` in POSIX mode with `punctuation_chars` splits a line into words and the
operators `&&`, `||`, `;`, `|`, `&`, `(` and `)`, honouring quotes and
comments. Command substitutions (`$(…)` and backticks) are lifted out first by
a quote-aware scan, so `echo "$(prisma db push)"` runs `prisma db push` while
`grep 'prisma db push'` and `echo 'prisma db push'` run only grep and echo.
Then the launchers in front (npx, pnpm dlx, yarn, bunx, dotenv --, cross-env,
sh -c …) are peeled off until the program itself is left.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from fnmatch import fnmatchcase

OPERATORS = frozenset({"&&", "||", ";", ";;", "|", "|&", "&", "(", ")", "{", "}", "!"})
KEYWORDS = frozenset({"if", "then", "else", "elif", "fi", "do", "done", "while", "until", "time", "exec"})
_C = frozenset({"-c", "-lc", "-ec", "-xc", "-ic"})
SHELL_STRING: dict[str, frozenset[str]] = {
    "sh": _C,
    "bash": _C,
    "zsh": _C,
    "dash": _C,
    "npx": frozenset({"-c"}),
}
# Launchers whose next word is the program, after their own options.
PASSTHROUGH = frozenset(
    {"npx", "bunx", "pnpx", "env", "nohup", "sudo", "cross-env", "dotenv", "dotenv-cli", "time", "with-env"}
)
SCRIPT_RUNNERS = frozenset({"run-s", "run-p", "npm-run-all", "npm-run-all2"})
MANAGERS = frozenset({"npm", "pnpm", "yarn", "bun"})
# Each launcher's options that take the next word as their value.
VALUE_OPTIONS: dict[str, frozenset[str]] = {
    "npx": frozenset({"-p", "--package"}),
    "npm": frozenset({"-w", "--workspace", "--prefix"}),
    "pnpm": frozenset({"--filter", "-F", "-C", "--dir"}),
    "yarn": frozenset({"--cwd"}),
    "bun": frozenset({"--cwd", "--filter"}),
    "dotenv": frozenset({"-e", "-v"}),
    "dotenv-cli": frozenset({"-e", "-v"}),
}
CONTAINERS = frozenset({"docker", "docker-compose", "podman", "podman-compose", "kubectl"})
CONTAINER_OPTIONS = frozenset(
    {"-e", "--env", "--env-file", "-w", "--workdir", "-u", "--user", "-v", "--volume", "-p", "--publish"}
    | {"--name", "--network", "--entrypoint", "-l", "--label", "--platform", "--mount", "--index"}
)
# package-manager subcommands that run a package.json script.
RUN_WORDS = frozenset({"run", "run-script", "rum", "urn"})
LIFECYCLE = frozenset({"start", "test", "stop", "restart"})


@dataclass(frozen=True)
class Invocation:
    """What one simple command runs: Prisma, package.json scripts, or command lines of its own."""

    prisma: tuple[str, ...] | None = None  # the words after `prisma`
    scripts: tuple[str, ...] = ()  # package.json scripts it runs, in order
    args: tuple[str, ...] = ()  # words passed on to the script (`npm run db -- deploy`)
    lines: tuple[str, ...] = ()  # command lines it hands to a shell (cross-env "a && b", concurrently)


class Unparsable(ValueError):
    """The line does not split into words (an unclosed quote, say)."""


def commands(line: str) -> list[tuple[str, ...]]:
    """The simple commands of a shell line, substitutions included, each as its words."""
    outer, inner = lift_substitutions(line)
    try:
        lexer = shlex.shlex(outer, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        lexer.commenters = ""  # comments went with the substitution pass; `a#b` is one word
        words = list(lexer)
    except ValueError as err:
        raise Unparsable(str(err)) from None
    out: list[tuple[str, ...]] = []
    current: list[str] = []
    for word in [*words, ";"]:
        if word in OPERATORS or (word and set(word) <= set("&|;()")):
            out.extend(_simple(current))
            current = []
        else:
            current.append(word)
    for text in inner:
        out.extend(commands(text))
    return out


def lift_substitutions(line: str) -> tuple[str, list[str]]:
    """The line with each `$(…)` and `…` outside single quotes cut out, and what was cut.

    Comments are dropped here too, since a `#` starts one only at the start of a word."""
    outer: list[str] = []
    inner: list[str] = []
    i, quote = 0, ""
    while i < len(line):
        c = line[i]
        if c == "\\" and quote != "'":
            outer.append(line[i : i + 2])
            i += 2
            continue
        if c in "'\"" and quote in ("", c):
            quote = "" if quote else c
        elif not quote and c == "#" and (i == 0 or line[i - 1] in " \t\n;&|()"):
            end = line.find("\n", i)  # a comment, as bash sees one: only where a word starts
            i = len(line) if end < 0 else end
            continue
        elif quote != "'" and ((line.startswith("$(", i) and not line.startswith("$((", i)) or c == "`"):
            end = _closing(line, i)
            inner.append(line[i + (1 if c == "`" else 2) : end])
            outer.append("_")  # its value stays part of the word it was in
            i = end + 1
            continue
        outer.append(c)
        i += 1
    return "".join(outer), inner


def _closing(line: str, start: int) -> int:
    """Index of the `)` or backtick closing the substitution at start (or the line's end)."""
    if line[start] == "`":
        end = line.find("`", start + 1)
        return end if end >= 0 else len(line)
    depth, quote = 0, ""
    for i in range(start + 1, len(line)):
        c = line[i]
        if c in "'\"" and quote in ("", c):
            quote = "" if quote else c
        elif not quote and c == "(":
            depth += 1
        elif not quote and c == ")":
            depth -= 1
            if depth == 0:
                return i
    return len(line)


def _simple(words: list[str]) -> list[tuple[str, ...]]:
    """Drop redirections, leading assignments and keywords; unwrap `sh -c '…'`."""
    kept: list[str] = []
    skip = False
    for word in words:
        if skip:
            skip = False
        elif word and word.strip("&<>") == "" and word[-1] in "<>&" and word not in ("&", "&&"):
            skip = True  # a redirection operator: its target is no word of the command
            if kept and kept[-1].isdigit():
                kept.pop()  # the descriptor in `2>&1`
        else:
            kept.append(word)
    while kept and (kept[0] in KEYWORDS or _is_assignment(kept[0])):
        kept.pop(0)
    if len(kept) >= 3 and kept[1] in SHELL_STRING.get(_name(kept[0]), ()):
        return commands(kept[2])  # the string is itself a command line
    return [tuple(kept)] if kept else []


def _is_assignment(word: str) -> bool:
    name, eq, _ = word.partition("=")
    return bool(eq) and name.replace("_", "a").isalnum() and not name[0].isdigit()


def _name(word: str) -> str:
    """The program a word names: `node_modules/.bin/prisma` and `prisma@7.1.0` are prisma."""
    base = word.rsplit("/", 1)[-1]
    if base.startswith("@"):  # a scoped package: @scope/name@version
        return word
    return base.split("@", 1)[0] if "@" in base[1:] else base


def invocation(words: tuple[str, ...], scripts: frozenset[str] = frozenset()) -> Invocation | None:
    """What a simple command runs, after its launchers; None when neither Prisma nor a script.

    `scripts` are the package.json script names in scope: `pnpm build` and
    `yarn build` run a script when one is so named, and a binary otherwise.
    """
    rest: list[str] | Invocation | None = list(words)
    while isinstance(rest, list) and rest:
        program = _name(rest[0])
        if program == "prisma":
            return Invocation(prisma=tuple(rest[1:]))
        if program in SCRIPT_RUNNERS:
            names = [w for w in rest[1:] if not w.startswith("-")]
            return Invocation(scripts=_expand(names, scripts)) if names else None
        if program == "concurrently":
            return _concurrently(rest[1:], scripts)
        if program in CONTAINERS:
            rest = _in_container(program, rest[1:])
            continue
        if program not in PASSTHROUGH and program not in MANAGERS:
            return None
        rest = _peel(program, rest[1:], scripts)
        if isinstance(rest, list) and len(rest) == 1 and " " in rest[0]:
            return Invocation(lines=(rest[0],))  # cross-env "a && b" runs it in a shell
    return rest if isinstance(rest, Invocation) else None


def _in_container(program: str, args: list[str]) -> list[str] | None:
    """The command `docker compose exec web CMD`, `docker run IMAGE CMD` or `kubectl exec P -- CMD` runs."""
    if program == "kubectl":
        return args[args.index("--") + 1 :] if args[:1] == ["exec"] and "--" in args else None
    if args[:1] == ["compose"] and program in ("docker", "podman"):
        args = args[1:]
    elif program in ("docker", "podman") and args[:1] not in (["run"], ["exec"]):
        return None
    if args[:1] not in (["run"], ["exec"]):
        return None
    rest = _skip_options(args[1:], CONTAINER_OPTIONS, False)
    return rest[1:] or None  # past the service, container or image


def _concurrently(args: list[str], scripts: frozenset[str]) -> Invocation | None:
    """`concurrently "cmd" "npm:dev:*"`: each argument is a command line or a script pattern."""
    lines: list[str] = []
    names: list[str] = []
    for arg in _skip_options(args, frozenset({"-n", "--names", "-c", "--prefix-colors", "-p"}), False):
        manager, colon, name = arg.partition(":")
        if colon and manager in MANAGERS and " " not in manager:
            names.append(name)
        elif not arg.startswith("-"):
            lines.append(arg)
    return Invocation(scripts=_expand(names, scripts), lines=tuple(lines)) if lines or names else None


def _expand(patterns: list[str], scripts: frozenset[str]) -> tuple[str, ...]:
    """Script names, with `build:*`-style globs matched against the scripts in scope."""
    out: list[str] = []
    for pattern in patterns:
        if any(c in pattern for c in "*?["):
            out.extend(sorted(name for name in scripts if fnmatchcase(name, pattern)))
        else:
            out.append(pattern)
    return tuple(out)


def _peel(program: str, args: list[str], scripts: frozenset[str]) -> list[str] | Invocation | None:
    """The words after one launcher: the command it launches, or the script it runs."""
    args = _skip_options(args, VALUE_OPTIONS.get(program, frozenset()), program in ("cross-env", "env"))
    if not args or program not in MANAGERS:
        return args or None
    head = args[0]
    if head in RUN_WORDS:
        rest = _skip_options(args[1:], frozenset(), False)
        return _script(rest[0], rest[1:]) if rest else None
    if head in ("exec", "dlx", "x"):
        return _skip_options(args[1:], frozenset(), False)
    if program == "yarn" and head == "workspace":
        return args[2:]  # yarn workspace NAME COMMAND...
    if program == "npm":
        return _script(head, args[1:]) if head in LIFECYCLE else None
    # pnpm, yarn and bun run a script of that name if there is one, else a binary.
    return _script(head, args[1:]) if head in scripts else args


def _script(name: str, args: list[str]) -> Invocation:
    """A script run with extra words, which the package manager appends to its command line."""
    passed = args[1:] if args[:1] == ["--"] else args
    return Invocation(scripts=(name,), args=tuple(w for w in passed if w != "--if-present"))


def _skip_options(args: list[str], valued: frozenset[str], assignments: bool) -> list[str]:
    i = 0
    while i < len(args):
        word = args[i]
        if word == "--":
            return args[i + 1 :]
        if word in valued:
            i += 2
        elif word.startswith("-") or (assignments and _is_assignment(word)):
            i += 1
        else:
            break
    return args[i:]


def prisma_command(args: tuple[str, ...]) -> tuple[str, ...]:
    """The subcommand words of a Prisma invocation (`migrate`, `deploy`), options left out."""
    words: list[str] = []
    skip = False
    for word in args:
        if skip:
            skip = False
        elif word in ("--schema", "--config", "--url", "--file", "--name", "-n"):
            skip = True
        elif not word.startswith("-"):
            words.append(word)
    return tuple(words[:2])


def quote(words: tuple[str, ...]) -> str:
    return shlex.join(words)
