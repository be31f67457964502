// Writes the scenario JSON Schema files the package ships for editors (schema/, one per draft in
// SCHEMA_DRAFTS of src/scenario/jsonSchema.ts) from the scenario's zod schema.
// Usage: node --import tsx scripts/scenario-schema.ts [--check]; with --check it writes nothing and exits 1
// when a file is not current.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { SCHEMA_DRAFTS, scenarioJsonSchemaText, type SchemaDraft } from "../src/scenario/jsonSchema.ts";

const check = process.argv.includes("--check");
let stale = 0;
for (const [draft, { file }] of Object.entries(SCHEMA_DRAFTS)) {
  const path = fileURLToPath(new URL(`../${file}`, import.meta.url));
  const text = scenarioJsonSchemaText(draft as SchemaDraft);
  if (!check) {
    writeFileSync(path, text);
    process.stdout.write(`wrote ${file} (${text.length} bytes)\n`);
    continue;
  }
  let current = "";
  try {
    current = readFileSync(path, "utf8");
  } catch {
    // absent: not current
  }
  if (current !== text) {
    stale += 1;
    process.stderr.write(`${file} is not current: run node --import tsx scripts/scenario-schema.ts\n`);
  }
}
process.exitCode = stale > 0 ? 1 : 0;
