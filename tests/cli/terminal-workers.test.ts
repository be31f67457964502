import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type Outcome, sharecastAsync, STACK_TRACE, tempDir } from "./helpers.ts";

/** Every command that simulates takes --workers, checks it like `run` does, and prints the same bytes for any count. */

const SMALL = "tests/cli/fixtures/small.yaml";
const scratch = tempDir();
const COMMANDS: Record<string, string[]> = {
  run: ["run", SMALL, "--paths", "3000", "--format", "json", "--no-progress"],
  sweep: ["sweep", SMALL, "--vary", "providers.beta.model.g0=0.4,0.6", "--paths", "300", "--format", "json"],
  compare: ["compare", SMALL, SMALL, "--paths", "300", "--format", "json"],
  solve: ["solve", SMALL, "--vary", "providers.beta.model.g0", "--target", "median(share:beta:2021)=0.3", "--range", "0,3", "--paths", "300", "--format", "json"],
  sensitivity: ["sensitivity", SMALL, "--output", "share:beta:2021", "--paths", "300", "--sobol-n", "32", "--bootstrap", "10", "--format", "json"],
  attribute: ["attribute", SMALL, SMALL, "--output", "share:beta:2021", "--paths", "300", "--format", "json"],
};

const out: Record<string, Outcome> = {};

beforeAll(async () => {
  const jobs: Record<string, Promise<Outcome>> = {};
  for (const [name, args] of Object.entries(COMMANDS)) {
    jobs[`${name}:1`] = sharecastAsync([...args, "--workers", "1"]);
    jobs[`${name}:3`] = sharecastAsync([...args, "--workers", "3"]);
    jobs[`${name}:0`] = sharecastAsync([...args, "--workers", "0"]);
  }
  const report = ["report", SMALL, "--paths", "3000", "--format", "svg", "--no-progress"];
  jobs["report:1"] = sharecastAsync([...report, "--out", join(scratch, "w1.svg"), "--workers", "1"]);
  jobs["report:3"] = sharecastAsync([...report, "--out", join(scratch, "w3.svg"), "--workers", "3"]);
  jobs["report:0"] = sharecastAsync([...report, "--out", join(scratch, "w0.svg"), "--workers", "0"]);
  const done = await Promise.all(Object.values(jobs));
  Object.keys(jobs).forEach((key, i) => (out[key] = done[i]));
});

describe("--workers on every command that simulates", () => {
  it.each(Object.keys(COMMANDS))("%s: the same bytes with 1 and 3 workers; 0 is refused under the flag", (name) => {
    expect(out[`${name}:1`].status, out[`${name}:1`].stderr).toBe(0);
    expect(out[`${name}:3`].status, out[`${name}:3`].stderr).toBe(0);
    expect(out[`${name}:3`].stdout).toBe(out[`${name}:1`].stdout);
    expect(JSON.parse(out[`${name}:1`].stdout)).toBeTruthy();
    expect(out[`${name}:0`].status).toBe(2);
    expect(out[`${name}:0`].stdout).toBe("");
    expect(out[`${name}:0`].stderr).toBe('sharecast: --workers: expected a whole number from 1 to 1024, got "0"\n');
  });

  it("report: runs on worker threads, the same chart with 1 and 3 workers; 0 is refused, nothing written", () => {
    expect(out["report:1"].status, out["report:1"].stderr).toBe(0);
    expect(out["report:3"].status, out["report:3"].stderr).toBe(0);
    expect(readFileSync(join(scratch, "w3.svg"), "utf8")).toBe(readFileSync(join(scratch, "w1.svg"), "utf8"));
    expect(out["report:0"].status).toBe(2);
    expect(out["report:0"].stderr).toBe('sharecast: --workers: expected a whole number from 1 to 1024, got "0"\n');
    expect(out["report:0"].stderr).not.toMatch(STACK_TRACE);
  });
});
