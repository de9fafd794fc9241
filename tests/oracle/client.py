"""The official Prisma parser as a test oracle, through one long-lived Node process.

`oracle.js` beside this file loads the pinned `@prisma/prisma-schema-wasm`
builds (package.json at the repo root) and answers JSON requests, one per line.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("oracle.js")

# Messages of Prisma's *parser*; every other diagnostic is validation, which a
# schema may fail and still be syntactically fine (see the oracle README).
SYNTAX_MESSAGES = (
    "This line is invalid",
    "This line is not a valid",
    "This block is invalid",
    "This field declaration is invalid",
    "not an enum value definition",
    "Field declarations don't require a",
    "Fields are required by default",
    "To specify a list",
    "Optional lists are not supported",
    "Invalid type definition",
    "Trailing commas are not valid",
    "argument is missing a value",
    "Unknown escape sequence",
    "Invalid unicode escape",
    # Validation, but a name defined twice makes a diff ill-defined, so prisma-lint refuses it too.
    "cannot be defined because a",
    "is already defined on",
    "is already defined in",
)


def available() -> str | None:
    """None when the oracle can run here, else the reason it cannot."""
    if shutil.which("node") is None:
        return "node is not installed"
    for name in ("prisma-schema-wasm-7", "prisma-schema-wasm-6"):
        if not (ROOT / "node_modules" / name).is_dir():
            return "node_modules missing: run `npm ci` at the repo root"
    return None


class Oracle:
    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            ["node", str(SCRIPT)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait(timeout=10)

    def _ask(self, op: str, payload: Any, build: str = "7") -> dict[str, Any]:
        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(json.dumps({"op": op, "input": payload, "build": build}) + "\n")
        self.proc.stdin.flush()
        answer: dict[str, Any] = json.loads(self.proc.stdout.readline())
        return answer

    def lint(self, files: list[tuple[str, str]]) -> list[dict[str, Any]]:
        """Diagnostics for a schema given as (path, content) pairs."""
        payload: Any = files[0][1] if len(files) == 1 else [list(f) for f in files]
        answer = self._ask("lint", payload)
        assert answer["ok"], answer
        result: list[dict[str, Any]] = answer["result"]
        return result

    def syntax_errors(self, files: list[tuple[str, str]]) -> list[dict[str, Any]]:
        return [
            d
            for d in self.lint(files)
            if not d["is_warning"] and any(m in d["text"] for m in SYNTAX_MESSAGES)
        ]

    def datamodel(self, schema: str | list[list[str]], build: str = "7") -> dict[str, Any] | None:
        """get_datamodel's answer, or None when the schema does not validate."""
        answer = self._ask("datamodel", schema, build)
        return answer["result"] if answer["ok"] else None

    def datamodel_any(self, schema: str | list[list[str]], build: str | None = "?") -> dict[str, Any] | None:
        """get_datamodel from the build that validates the schema ("?": try 7.x, then 6.19)."""
        if build is None:
            return None
        if build != "?":
            return self.datamodel(schema, build)
        return self.datamodel(schema, "7") or self.datamodel(schema, "6")

    def format(self, schema: str) -> str:
        answer = self._ask("format", schema)
        assert answer["ok"], answer
        return str(answer["result"])
