// Shards and merge: three shards merged give the unsharded run's JSON byte for byte; bad sets of partials
// exit 2 with a message naming the problem.
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shardRange } from "../../src/cli/workers/partial.ts";
import { DEFAULT_SCENARIO, sharecast } from "../workers/helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "sharecast-shards-"));
const parts = join(dir, "parts");
const other = join(dir, "other");
const PATHS = "4500"; // 5 chunks: shards of 1, 2 and 2 chunks
let whole = "";

beforeAll(() => {
  const run = sharecast("run", DEFAULT_SCENARIO, "--paths", PATHS, "--seed", "11", "--format", "json", "--no-progress");
  expect(run.code).toBe(0);
  whole = run.stdout;
  for (const i of [0, 1, 2]) {
    const shard = sharecast("run", DEFAULT_SCENARIO, "--paths", PATHS, "--seed", "11", "--shard", `${i}/3`, "--out", parts, "--workers", String(1 + (i % 2)), "--no-progress");
    expect(shard.code).toBe(0);
    expect(shard.stdout).toBe("");
  }
  const seed = sharecast("run", DEFAULT_SCENARIO, "--paths", PATHS, "--seed", "12", "--shard", "1/3", "--out", other, "--no-progress");
  expect(seed.code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const part = (i: number) => join(parts, `partial-${i}-of-3.bin`);

describe("run --shard and merge", () => {
  it("writes one partial per shard", () => {
    expect(readdirSync(parts).sort()).toEqual(["partial-0-of-3.bin", "partial-1-of-3.bin", "partial-2-of-3.bin"]);
  });

  it("merges three shards, in any order, into exactly the unsharded run", () => {
    const merged = sharecast("merge", part(2), part(0), part(1), "--format", "json", "--no-progress");
    expect(merged.stderr).toBe("");
    expect(merged.code).toBe(0);
    expect(merged.stdout).toBe(whole);
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
    copyFileSync(part(0), copy);
    const run = sharecast("merge", part(0), part(1), part(2), copy);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("duplicate shard 0/3");
  });

  it("exits 2 on partials of another run (seed)", () => {
    const run = sharecast("merge", part(0), join(other, "partial-1-of-3.bin"), part(2));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is of another run: seed 12, expected 11/);
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
