// Reproducers of the failure classes the fuzzer found. An open class is written as `it.fails` (it asserts
// the behaviour the issue asks for, so it fails until fixed) and listed in known.ts; once fixed it becomes
// a plain test here and leaves known.ts.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../cli/helpers.ts";
import { runInProcess } from "./runner.ts";

describe("failure classes the fuzzer found, now fixed", () => {
  it("a share benchmark of 1e308 (outside [0, 1]) is rejected, not printed as Infinity% and -Infinity pts", async () => {
    const dir = tempDir();
    const file = join(dir, "benchmark.yaml");
    writeFileSync(file, readFileSync(`${ROOT}tests/cli/fixtures/small.yaml`, "utf8").replace("value: 0.45 }", "value: 1e308 }"));
    const run = await runInProcess(["run", file, "--paths", "100", "--workers", "1", "--no-progress"]);
    expect(run.stdout).toBe("");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^sharecast: benchmarks\[0\]\.value: expected a share from 0 to 1, got 1e\+308\n$/);
  });
});
