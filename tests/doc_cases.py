"""Where documentation comments land, as read off the official parser.

name -> (schema, {"Model" or "Model.field": documentation}). Only documented
nodes are listed. test_oracle_cases.py re-checks each entry against the
official `get_datamodel` whenever Node is available.
"""

from __future__ import annotations

END = "\nmodel Z {\n id Int @id\n}\n"

DOC_CASES: dict[str, tuple[str, dict[str, str]]] = {
    "above and trailing": (
        "/// m1\n/// m2\nmodel A {\n /// f1\n id Int @id /// t1\n}\n",
        {"A": "m1\nm2", "A.id": "f1\nt1"},
    ),
    "blank line drops a top-level group only": (
        "/// m1\n\nmodel A {\n /// f1\n\n id Int @id\n}\n",
        {"A.id": "f1"},
    ),
    "plain comments do not break a group": (
        "/// m1\n// x\nmodel A {\n /// f1\n // y\n id Int @id\n}\n",
        {"A": "m1", "A.id": "f1"},
    ),
    "plain trailing comment is no doc": ("model A {\n id Int @id /// t1\n b Int // t2\n}\n", {"A.id": "t1"}),
    "block comments": (
        "/* m1\n * m2\n */\nmodel A {\n /** f1 */\n id Int @id /* t */\n}\n",
        {"A": "m1\n * m2", "A.id": "* f1\nt"},
    ),
    "doc and block comment": ("/// a\n/* b */\nmodel A {\n id Int @id\n}\n", {"A": "a\nb"}),
    "leading space trimmed, trailing kept": (
        "///   m1  \nmodel A {\n ///f1\n id Int @id\n}\n",
        {"A": "m1  ", "A.id": "f1"},
    ),
    "block comment on the header line": ("/* m */ model A {\n id Int @id\n}\n", {"A": "m"}),
    "enum and values": (
        "/// e\nenum E {\n /// v\n A /// vt\n B\n}\nmodel M {\n id Int @id\n e E\n}\n",
        {"E": "e", "E.A": "v\nvt"},
    ),
    "comment on the header line is ignored": ("model A { /// hdr\n id Int @id\n}\n", {}),
    "after a closing brace": (
        "model A {\n id Int @id\n} /// after\nmodel B {\n id Int @id\n}\n",
        {"B": "after"},
    ),
    "block attributes pass the doc on": (
        "model A {\n id Int\n /// ba\n @@id([id])\n b Int\n}\n",
        {"A.b": "ba"},
    ),
    "empty doc comment": ("///\nmodel A {\n id Int @id\n}\n", {"A": ""}),
    "inner groups replace each other": ("model A {\n /// a\n\n /// b\n id Int @id\n}\n", {"A.id": "b"}),
    "top-level groups replace each other": ("/// a\n\n/// b\nmodel A {\n id Int @id\n}\n", {"A": "b"}),
    "a plain group replaces the doc": ("model A {\n /// a\n\n // x\n id Int @id\n}\n", {}),
    "a generator leaves the doc for the next model": (
        '/// g\ngenerator c {\n provider = "x"\n}\n\nmodel A {\n id Int @id\n}\n',
        {"A": "g"},
    ),
    "second block comment keeps one byte of indentation": (
        "model A {\n /// a\n /* b */\n id Int @id\n}\n",
        {"A.id": "a\n* b"},
    ),
    "second block comment with two spaces of indentation": (
        "model A {\n /// a\n  /* b */\n id Int @id\n}\n",
        {"A.id": "a\n/* b"},
    ),
    "second block comment on the same line": (
        "/* a */ /* b */\nmodel A {\n id Int @id\n}\n",
        {"A": "a\n* b"},
    ),
    "unicode whitespace trimmed": ("/*\u00a0x\u2003*/\nmodel A {\n id Int @id\n}\n", {"A": "x"}),
    "CRLF": ("/// a\r\n/// b\r\nmodel A {\r\n id Int @id\r\n}\r\n", {"A": "a\nb"}),
    "trailing block comment on enum value": (
        "enum E {\n A /* x */\n}\nmodel M {\n id Int @id\n e E\n}\n",
        {"E.A": "x"},
    ),
}
