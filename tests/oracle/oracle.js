// Long-running bridge to the official Prisma parser (@prisma/prisma-schema-wasm).
// Reads one JSON request per line on stdin and writes one JSON answer per line,
// so the test suite pays the ~30 ms module load once, not once per schema.
//
// Request:  {"op": "lint" | "datamodel" | "format", "build": "7" | "6", "input": ...}
//   lint:      input is a string (one file) or [[path, content], ...] (multi-file)
//   datamodel: input is the schema string
//   format:    input is the schema string
// Answer:   {"ok": true, "result": ...} or {"ok": false, "error": "..."}
"use strict";
const readline = require("readline");

globalThis.PRISMA_WASM_PANIC_REGISTRY = {
  message: "",
  set_message(msg) { this.message = msg; },
};

const builds = {
  "7": require("prisma-schema-wasm-7"),
  "6": require("prisma-schema-wasm-6"),
};

const FORMAT_PARAMS = JSON.stringify({
  textDocument: { uri: "file:/dev/null" },
  options: { tabSize: 2, insertSpaces: true },
});

function handle(req) {
  const wasm = builds[req.build || "7"];
  switch (req.op) {
    case "lint":
      return JSON.parse(wasm.lint(JSON.stringify(req.input)));
    case "datamodel":
      return JSON.parse(wasm.get_datamodel(JSON.stringify({ prismaSchema: req.input, noColor: true })));
    case "format":
      return wasm.format(JSON.stringify(req.input), FORMAT_PARAMS);
    default:
      throw new Error("unknown op " + req.op);
  }
}

const rl = readline.createInterface({ input: process.stdin, terminal: false });
rl.on("line", (line) => {
  let answer;
  try {
    answer = { ok: true, result: handle(JSON.parse(line)) };
  } catch (err) {
    answer = { ok: false, error: String(err && err.message ? err.message : err) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
