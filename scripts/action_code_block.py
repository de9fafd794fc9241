"""Print a file as a Markdown code block that its text cannot close, for the Action's job summary.

The text is prisma-lint's stderr, which can hold names and messages from the
repository (a pull request controls them). A line of three backticks would
end a plain ``` block and let the rest render as Markdown or HTML, so the fence
is one backtick longer than the longest run of backticks in the text. The
`::stop-commands::` lines that guard the runner's log are dropped: they mean
nothing in a summary.

    python action_code_block.py FILE
"""

from __future__ import annotations

import re
import sys

GUARD = re.compile(r"^::(?:stop-commands::[0-9a-f]{32}|[0-9a-f]{32}::)\n?", re.MULTILINE)


def code_block(text: str) -> str:
    text = GUARD.sub("", text).rstrip("\n")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}\n"


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
        sys.stdout.write(code_block(f.read()))
