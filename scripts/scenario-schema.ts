// Writes schema/scenario.schema.json from the scenario's zod schema (src/scenario/jsonSchema.ts), the file the
// package ships for editors. Usage: node --import tsx scripts/scenario-schema.ts [--check]; with --check it
// writes nothing and exits 1 when the file is not current.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { SCENARIO_SCHEMA_FILE, scenarioJsonSchemaText } from "../src/scenario/jsonSchema.ts";

const file = fileURLToPath(new URL(`../${SCENARIO_SCHEMA_FILE}`, import.meta.url));
const text = scenarioJsonSchemaText();
if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(file, "utf8");
  } catch {
    // absent: not current
  }
  if (current !== text) {
    process.stderr.write(`${SCENARIO_SCHEMA_FILE} is not current: run node --import tsx scripts/scenario-schema.ts\n`);
    process.exit(1);
  }
} else {
  writeFileSync(file, text);
  process.stdout.write(`wrote ${SCENARIO_SCHEMA_FILE} (${text.length} bytes)\n`);
}
