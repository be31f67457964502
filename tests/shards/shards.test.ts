// Shards and merge, two rounds: round-1 partials (bucket counts, sums) merge into a plan, round-2 partials
// (the wanted buckets' values) merge into the unsharded run's JSON byte for byte; bad sets of partials
// exit 2 with a message naming the problem. Partials are small: no per-path values but the columns events
// and benchmarks read.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shardRange } from "../../src/cli/workers/partial.ts";
import { DEFAULT_SCENARIO, sharecast } from "../workers/helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "sharecast-shards-"));
const parts = join(dir, "parts");
const other = join(dir, "other");
const PATHS = "4500"; // 5 chunks: shards of 1, 2 and 2 chunks
const base = ["--paths", PATHS, "--seed", "11", "--no-progress"];
let whole = "";

beforeAll(() => {
  const run = sharecast("run", DEFAULT_SCENARIO, ...base, "--format", "json");
  expect(run.code).toBe(0);
  whole = run.stdout;
  for (const i of [0, 1, 2]) {
    const shard = sharecast("run", DEFAULT_SCENARIO, ...base, "--shard", `${i}/3`, "--out", parts, "--workers", String(1 + (i % 2)));
    expect(shard.code).toBe(0);
    expect(shard.stdout).toBe("");
  }
  const plan = sharecast("merge", part(2), part(0), part(1), "--no-progress");
  expect(plan.code).toBe(0);
  expect(plan.stdout).toBe("");
  expect(plan.stderr).toContain(`wrote the plan ${join(parts, "plan-of-3.json")}`);
  for (const i of [0, 1, 2]) {
    const shard = sharecast("run", DEFAULT_SCENARIO, ...base, "--shard", `${i}/3`, "--out", parts, "--plan", join(parts, "plan-of-3.json"), "--workers", String(2 - (i % 2)));
    expect(shard.code).toBe(0);
  }
  const seed = sharecast("run", DEFAULT_SCENARIO, "--paths", PATHS, "--seed", "12", "--shard", "1/3", "--out", other, "--no-progress");
  expect(seed.code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function part(i: number): string {
  return join(parts, `partial-${i}-of-3.bin`);
}
const values = (i: number) => join(parts, `values-${i}-of-3.bin`);
const plan = join(parts, "plan-of-3.json");

describe("run --shard and merge, two rounds", () => {
  it("writes one partial per shard and round, and the plan", () => {
    expect(readdirSync(parts).sort()).toEqual(["partial-0-of-3.bin", "partial-1-of-3.bin", "partial-2-of-3.bin", "plan-of-3.json", "values-0-of-3.bin", "values-1-of-3.bin", "values-2-of-3.bin"]);
  });

  it("merges three shards, in any order, into exactly the unsharded run", () => {
    const merged = sharecast("merge", values(2), values(0), values(1), "--plan", plan, "--format", "json", "--no-progress");
    expect(merged.stderr).toBe("");
    expect(merged.code).toBe(0);
    expect(merged.stdout).toBe(whole);
  });

  it("keeps partials small: a sketch, and whole only the columns events and benchmarks read", () => {
    // Shard 1 has 2 chunks (2,048 paths); every value of its 372 columns would take 372 x 8 x 2,048 bytes.
    const everyValue = 372 * 8 * 2048;
    const header = (file: string) => {
      const bytes = readFileSync(file);
      return JSON.parse(bytes.subarray(12, 12 + bytes.readUInt32LE(8)).toString("utf8")) as { held: number[]; columns: number };
    };
    const { held, columns } = header(part(1));
    expect(columns).toBe(372);
    expect(statSync(part(1)).size).toBeLessThan(held.length * 8 * 2048 + everyValue / 10);
    expect(statSync(values(1)).size).toBeLessThan(everyValue / 10);
  });

  it("gives contiguous, complete, disjoint chunk ranges", () => {
    for (const chunks of [1, 5, 17, 977]) {
      for (const count of [1, 2, 3, 8]) {
        let next = 0;
        for (let i = 0; i < count; i++) {
          const r = shardRange(chunks, i, count);
          expect(r.first).toBe(next);
          next += r.count;
        }
        expect(next).toBe(chunks);
      }
    }
  });

  it("exits 2 on a missing shard", () => {
    const run = sharecast("merge", part(0), part(2), "--format", "json");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("missing shard 1 of 3");
    expect(run.stdout).toBe("");
  });

  it("exits 2 on a duplicate shard", () => {
    const copy = join(dir, "copy-of-0.bin");
    copyFileSync(values(0), copy);
    const run = sharecast("merge", values(0), values(1), values(2), copy, "--plan", plan);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("duplicate shard 0/3");
  });

  it("exits 2 on partials of another run (seed) or of both rounds", () => {
    const run = sharecast("merge", part(0), join(other, "partial-1-of-3.bin"), part(2));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is of another run: seed 12, expected 11/);
    const mixed = sharecast("merge", values(0), part(1), values(2), "--plan", plan);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/is of another run: round 1, expected 2/);
  });

  it("exits 2 on round 2 without a plan, or under the plan of another run", () => {
    const none = sharecast("merge", values(0), values(1), values(2));
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("--plan");
    const run = sharecast("run", DEFAULT_SCENARIO, "--paths", PATHS, "--seed", "12", "--shard", "1/3", "--out", other, "--plan", plan, "--no-progress");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("is the plan of another run: seed 11, expected 12");
    const alone = sharecast("run", DEFAULT_SCENARIO, "--paths", PATHS, "--plan", plan, "--no-progress");
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain("--plan: expected --shard i/N with --plan");
    expect(alone.stdout).toBe("");
  });

  it("exits 2 on a file that is not a partial", () => {
    const run = sharecast("merge", part(0), DEFAULT_SCENARIO);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("expected a partial result");
  });

  it("exits 2 on a bad --shard or a shard without --out", () => {
    expect(sharecast("run", DEFAULT_SCENARIO, "--shard", "3/3", "--out", dir).code).toBe(2);
    const run = sharecast("run", DEFAULT_SCENARIO, "--shard", "0/3");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--out");
  });
});

describe("values whose squares overflow (above about 1e154)", () => {
  it("merge says the summary needs every value and exits 2 (run it without --shard gives the numbers)", () => {
    const folder = join(dir, "huge");
    const file = join(dir, "huge.json");
    writeFileSync(file, JSON.stringify({
      name: "huge",
      calendar: { start: "2020Q1", end: "2020Q4" },
      providers: [
        { id: "a", model: { kind: "constantGrowth", start: { dist: "uniform", min: 1e150, max: 1e160 }, growth: 0.2 } },
        { id: "b", model: { kind: "constantGrowth", start: 5, growth: 0.3 } },
      ],
    }));
    const args = ["--paths", "3000", "--seed", "3", "--no-progress"];
    expect(sharecast("run", file, ...args, "--format", "json").code).toBe(0);
    for (const i of [0, 1]) expect(sharecast("run", file, ...args, "--shard", `${i}/2`, "--out", folder).code).toBe(0);
    expect(sharecast("merge", join(folder, "partial-0-of-2.bin"), join(folder, "partial-1-of-2.bin"), "--no-progress").code).toBe(0);
    for (const i of [0, 1]) expect(sharecast("run", file, ...args, "--shard", `${i}/2`, "--out", folder, "--plan", join(folder, "plan-of-2.json")).code).toBe(0);
    const merged = sharecast("merge", join(folder, "values-0-of-2.bin"), join(folder, "values-1-of-2.bin"), "--plan", join(folder, "plan-of-2.json"), "--format", "json", "--no-progress");
    expect(merged.code).toBe(2);
    expect(merged.stdout).toBe("");
    expect(merged.stderr).toMatch(/^sharecast: partials: expected values whose sum and squares fit in a double, got column \d+ above about 1e154 \(its summary needs every value; run it without --shard\)\n$/);
  });
});
