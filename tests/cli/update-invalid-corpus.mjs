// Rewrites fixtures/invalid/expected.json from what `sharecast validate` prints for each corpus file today.
// Run it from the repository root (`node tests/cli/update-invalid-corpus.mjs`) after a deliberate change to
// a message or to the schema, then READ the diff: every line must name the field path and say what was
// expected and what was got. Never run it to make a failing test pass without reading the new messages.
import { spawnSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";

const dir = "fixtures/invalid";
const absent = ["missing.yaml"];
const files = [...readdirSync(dir).filter((name) => name !== "expected.json"), ...absent].sort();
const expected = {};
for (const name of files) {
  const out = spawnSync(process.execPath, ["bin/sharecast.js", "validate", `${dir}/${name}`], { encoding: "utf8" });
  if (out.status !== 2 || out.stdout !== "") console.error(`${name}: exit ${out.status}, stdout ${JSON.stringify(out.stdout)}`);
  expected[name] = out.stderr.split("\n").filter((line) => line !== "");
}
writeFileSync(`${dir}/expected.json`, `${JSON.stringify(expected, null, 2)}\n`);
console.log(`${files.length} entries written to ${dir}/expected.json`);
