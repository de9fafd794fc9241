"""Write docs/changes.md from the change codes defined in prisma_lint/drift/changes.py.

The codes are documented where they are defined; this page is generated from
them, and tests/test_docs.py fails when it is out of date. Run:

    python scripts/gen_changes_doc.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from prisma_lint.drift import changes  # noqa: E402

HEADER = """# Change codes

Every change prisma-lint reports has a stable code. Codes are never renamed or
reused, so ignore rules, severity overrides and CI scripts can rely on them.
This page is generated from `prisma_lint/drift/changes.py` by
`scripts/gen_changes_doc.py`.

The installed tool prints the same entries: `prisma-lint codes` lists them and
`prisma-lint explain CODE` explains one, from the same table.

"added" means present in the portal copy and not in the canonical schema;
"removed" the other way round; "moved" is an order change. What a record's
`object` and `path` name is described in [json-output.md](json-output.md).

## Severities
"""


def render() -> str:
    doc = changes.__doc__ or ""
    rationale = doc[doc.index("Severity, by default:") :].strip()
    out = [HEADER, rationale.replace("Severity, by default:\n", ""), "", "## Codes", ""]
    out.append("| Code | Severity | Object | Kind | Meaning |")
    out.append("|---|---|---|---|---|")
    for code in changes.Code:
        info = code.info
        kinds = ", ".join(k.value for k in info.kinds)
        out.append(
            f"| [`{code.value}`](#{code.value.lower()}) | {info.severity.value} | {info.object} | "
            f"{kinds} | {info.summary} |"
        )
    out.append("")
    for code in changes.Code:
        info = code.info
        out += [
            f"### {code.value}",
            "",
            f"{info.summary} Severity: **{info.severity.value}**.",
            "",
            f"Records: object {info.object}; kind {', '.join(k.value for k in info.kinds)}.",
            "",
            "```text",
            info.example,
            "```",
            "",
        ]
    return "\n".join(out)


if __name__ == "__main__":
    (ROOT / "docs" / "changes.md").write_text(render(), encoding="utf-8")
