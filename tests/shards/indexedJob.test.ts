// The flow of deploy/job.yaml run locally as Kubernetes runs it: N processes of deploy/shard.sh with the
// index in JOB_COMPLETION_INDEX and one shared folder, deploy/merge.sh 1 (the plan), the N processes again
// in round 2, deploy/merge.sh 2; the result is the unsharded run's JSON byte for byte.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, sharecast } from "../workers/helpers.ts";

const results = mkdtempSync(join(tmpdir(), "sharecast-job-"));
afterAll(() => rmSync(results, { recursive: true, force: true }));
const SHARDS = 4;
const PATHS = "7000"; // 7 chunks over 4 shards: 1, 2, 2, 2
const env = { ...process.env, SHARDS: String(SHARDS), PATHS, SEED: "9", RESULTS: results, QUANTILES: "0.05,0.5,0.95", SHARECAST: `${process.execPath} bin/sharecast.js`, CI: "1" };

function sh(script: string, args: string[], extra: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("sh", [script, ...args], { cwd: ROOT, env: { ...env, ...extra } });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** Every pod of one round at once, as an Indexed Job with parallelism = completions. */
async function round(n: 1 | 2): Promise<void> {
  const pods = await Promise.all(Array.from({ length: SHARDS }, (_, i) => sh("deploy/shard.sh", [], { JOB_COMPLETION_INDEX: String(i), ROUND: String(n) })));
  for (const pod of pods) expect(pod.status, pod.stderr).toBe(0);
}

describe("the Indexed Job, locally", () => {
  it("two rounds of 4 pods and two merges give the unsharded run byte for byte", async () => {
    const single = sharecast("run", "deploy/bench-six.json", "--paths", PATHS, "--seed", "9", "--quantiles", "0.05,0.5,0.95", "--format", "json", "--no-progress");
    expect(single.code).toBe(0);
    await round(1);
    const plan = await sh("deploy/merge.sh", ["1"], {});
    expect(plan.status, plan.stderr).toBe(0);
    await round(2);
    const merged = await sh("deploy/merge.sh", ["2"], {});
    expect(merged.status, merged.stderr).toBe(0);
    expect(merged.stdout).toBe(single.stdout);
    expect(`${JSON.stringify(JSON.parse(readFileSync(join(results, "merged", "result.json"), "utf8")))}`).toBe(JSON.stringify(JSON.parse(single.stdout)));
    // No events: a round-1 partial is the sketch alone, a round-2 partial the wanted buckets' values; every
    // value of a 2-chunk shard would be 420 columns x 8 bytes x 2,048 paths = 6.9 MB.
    for (const name of ["partial-3-of-4.bin", "values-3-of-4.bin"]) expect(statSync(join(results, name)).size).toBeLessThan(420 * 8 * 2048 / 10);
  }, 240_000);
});
