// Runs the test suite (build with type check, type check of tests and tools, then vitest) and ends with
// the plain line "N passed, N failed". The build (scripts/build.mjs) type-checks the Node-free core
// (tsconfig.core.json) and the command line (src/cli/tsconfig.json) as it compiles them to dist/, which the
// command-line tests run; tsconfig.json then checks tests, scenarios, bench and scripts.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const extra = process.argv.slice(2);
let passed = 0;
let failed = 0;

const build = spawnSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
const tsc = build.status === 0 ? spawnSync("npx", ["tsc", "--noEmit", "-p", "tsconfig.json"], { stdio: "inherit" }) : build;
if (tsc.status === 0) passed += 1;
else failed += 1;
console.log(`typecheck: ${tsc.status === 0 ? "ok" : "FAILED"}${build.status === 0 ? "" : " (build)"}`);

const dir = mkdtempSync(join(tmpdir(), "sharecast-test-"));
const report = join(dir, "vitest.json");
const run = spawnSync(
  "npx",
  ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...extra],
  { stdio: "inherit", env: { ...process.env, SHARECAST_BUILT: build.status === 0 ? "1" : "" } },
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
