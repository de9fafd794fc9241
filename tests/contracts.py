"""The output contracts, checked on every report the tests make.

`validating_reporters` wraps the json and sarif reporters so that each document
they render is validated (conftest.py does this for every test); `check_json`
and `check_sarif` do the same for the output of a subprocess or a written file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[1]
DIFF_SCHEMA = json.loads((ROOT / "docs/schemas/diff-v2.schema.json").read_text(encoding="utf-8"))
SARIF_SCHEMA = json.loads((ROOT / "tests/schemas/sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
DIFF_VALIDATOR = jsonschema.Draft202012Validator(DIFF_SCHEMA)
SARIF_VALIDATOR = jsonschema.Draft4Validator(SARIF_SCHEMA)
CHECKED = {"json": 0, "sarif": 0}  # documents validated in this run


def check_json(text: str) -> Any:
    payload = json.loads(text)
    DIFF_VALIDATOR.validate(payload)
    CHECKED["json"] += 1
    return payload


def check_sarif(text: str) -> Any:
    payload = json.loads(text)
    SARIF_VALIDATOR.validate(payload)
    CHECKED["sarif"] += 1
    return payload


def validating_reporters(monkeypatch: pytest.MonkeyPatch) -> None:
    from prisma_lint.report import json_report, sarif

    for module, check in ((json_report, check_json), (sarif, check_sarif)):
        original = module.render

        def render(result: Any, original: Any = original, check: Any = check) -> str:
            text: str = original(result)
            check(text)
            return text

        monkeypatch.setattr(module, "render", render)
