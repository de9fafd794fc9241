// One run of a peer parser over the given files, for benchmarks/bench.py.
// Usage: node benchmarks/peers.js <mrleebo|wasm-lint> FILE...
// Each invocation is a whole process, exactly like one `prisma-lint` run.
"use strict";
const fs = require("fs");

const [tool, ...files] = process.argv.slice(2);
const texts = files.map((f) => fs.readFileSync(f, "utf8"));

if (tool === "mrleebo") {
  const { getSchema } = require("@mrleebo/prisma-ast");
  for (const text of texts) getSchema(text);
} else if (tool === "wasm-lint") {
  globalThis.PRISMA_WASM_PANIC_REGISTRY = { set_message() {} };
  const wasm = require("prisma-schema-wasm-7");
  for (const text of texts) wasm.lint(JSON.stringify(text));
} else {
  console.error("unknown tool " + tool);
  process.exit(2);
}
