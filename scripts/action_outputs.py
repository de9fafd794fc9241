"""Print the Action's step outputs (drift, verdict, changes) from prisma-lint's JSON report.

    python -I action_outputs.py check REPORT      # one portal's report
    python -I action_outputs.py impact REPORT     # `prisma-lint impact`'s report

The action runs this in working-directory, the checked-out pull request, with
the token in the environment; as a file run with -I (isolated), neither the
current folder nor PYTHON* variables reach its imports, so a `json.py` in the
repository cannot stand in for the standard library's (`python -` would put
the current folder first on sys.path).
"""

from __future__ import annotations

import json
import sys


def outputs(mode: str, report: dict[str, object]) -> dict[str, str]:
    drift = "true" if report["drift"] else "false"
    if mode == "impact":
        portals = report["portals"]
        assert isinstance(portals, list)
        changes = sum(len(portal["changes"]) for portal in portals)
        return {"drift": drift, "verdict": str(report["verdict"]), "changes": str(changes)}
    changes_list = report["changes"]
    assert isinstance(changes_list, list)
    if report.get("errors"):  # the run failed; the report says why
        verdict = "error"
    else:
        verdict = str(report.get("verdict") or ("edited" if report["drift"] else "clean"))
    return {"drift": drift, "verdict": verdict, "changes": str(len(changes_list))}


def main(argv: list[str]) -> None:
    mode, path = argv[1], argv[2]
    with open(path, encoding="utf-8") as file:
        report = json.load(file)
    for name, value in outputs(mode, report).items():
        print(f"{name}={value}")


if __name__ == "__main__":
    main(sys.argv)
