// Reproducers of the failure classes the fuzzer found and that are still open (see known.ts). Each is
// `it.fails`: it asserts the behaviour the issue asks for, so it fails today and passes once fixed, at
// which point `it.fails` turns red and the reproducer (and its entry in known.ts) is moved to a test.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../cli/helpers.ts";
import { runInProcess } from "./runner.ts";

describe("open failure classes found by the fuzzer", () => {
  it.fails("a share benchmark of 1e308 (outside [0, 1]) is rejected, not printed as Infinity% and -Infinity pts", async () => {
    const dir = tempDir();
    const file = join(dir, "benchmark.yaml");
    writeFileSync(file, readFileSync(`${ROOT}tests/cli/fixtures/small.yaml`, "utf8").replace("value: 0.45 }", "value: 1e308 }"));
    const run = await runInProcess(["run", file, "--paths", "100", "--workers", "1", "--no-progress"]);
    expect(run.stdout).not.toMatch(/Infinity/);
    expect(run.code).toBe(2);
  });
});
