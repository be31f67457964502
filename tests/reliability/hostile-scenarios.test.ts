// Hostile scenario documents found by fuzzing the command line (each was an internal error, a crash, a hang
// or a silent exit 0): YAML and JSON files, and .ts scenario scripts.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sharecastAsync, type Outcome } from "../cli/helpers.ts";

const BASE = "tests/reliability/fixtures/hostile/base.yaml";

function oneLine(out: Outcome, message: string | RegExp): void {
  expect(out.status).toBe(2);
  expect(out.stdout).toBe("");
  expect(out.stderr.split("\n").filter(Boolean)).toHaveLength(1);
  if (typeof message === "string") expect(out.stderr).toBe(`${message}\n`);
  else expect(out.stderr).toMatch(message);
}

/** A file holding `text` in a fresh temporary directory. */
function scenarioFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "sharecast-scenarios-")), name);
  writeFileSync(file, text);
  return file;
}

describe("a scenario's quantiles", () => {
  it.concurrent("two that share a column name are refused, as --quantiles refuses them (the second had been dropped)", async () => {
    const file = scenarioFile("q.yaml", readFileSync(BASE, "utf8").replace("seed: 1 }", "seed: 1, quantiles: [0.05, 0.5, 0.5000000000000001] }"));
    oneLine(await sharecastAsync(["validate", file]), "sharecast: simulation.quantiles[2]: expected quantiles with distinct column names, got 0.5000000000000001 named p50 as 0.5 is");
    oneLine(await sharecastAsync(["run", file, "--paths", "100"]), "sharecast: simulation.quantiles[2]: expected quantiles with distinct column names, got 0.5000000000000001 named p50 as 0.5 is");
  });
});
