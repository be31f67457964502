// vitest global setup: builds dist/ once before the tests, so the command-line tests (which run
// bin/sharecast.js, hence dist/) always test the current sources. Skipped when scripts/test.mjs has just
// built (SHARECAST_BUILT=1).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Runs `npm run build`'s script; throws when it fails, which stops the test run. */
export default function setup() {
  if (process.env.SHARECAST_BUILT === "1") return;
  const root = fileURLToPath(new URL("..", import.meta.url));
  const run = spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: root, stdio: "inherit" });
  if (run.status !== 0) throw new Error("the build failed (node scripts/build.mjs): see its output above");
}
