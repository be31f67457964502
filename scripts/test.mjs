// Runs the test suite (type check, then vitest) and ends with the plain line "N passed, N failed".
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const extra = process.argv.slice(2);
let passed = 0;
let failed = 0;

const tsc = spawnSync("npx", ["tsc", "--noEmit", "-p", "tsconfig.json"], { stdio: "inherit" });
if (tsc.status === 0) passed += 1;
else failed += 1;
console.log(`typecheck: ${tsc.status === 0 ? "ok" : "FAILED"}`);

const dir = mkdtempSync(join(tmpdir(), "sharecast-test-"));
const report = join(dir, "vitest.json");
const run = spawnSync(
  "npx",
  ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...extra],
  { stdio: "inherit" },
);
try {
  const json = JSON.parse(readFileSync(report, "utf8"));
  passed += json.numPassedTests;
  failed += json.numFailedTests;
  if (json.numTotalTests === 0 || (run.status !== 0 && json.numFailedTests === 0)) failed += 1;
} catch {
  failed += 1;
}
rmSync(dir, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
