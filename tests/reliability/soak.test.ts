// Soak: a run streaming a million paths into --samples keeps its memory flat, and two runs writing into
// one folder at once leave both outputs whole.
import { spawn } from "node:child_process";
import { createReadStream, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { ROOT, sharecastAsync, tempDir } from "../cli/helpers.ts";

const TINY = "tests/reliability/fixtures/tiny.yaml";
const PATHS = 1_000_000;

/** Resident memory of process `pid` in bytes (Linux /proc), or null once it is gone. */
function rss(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Counts the lines of a file and checks each data line has nine fields with finite revenue and share. */
async function checkSamples(file: string): Promise<{ lines: number; paths: Set<number> | number; bad: number }> {
  let lines = 0;
  let bad = 0;
  let lastPath = -1;
  let distinct = 0;
  for await (const line of createInterface({ input: createReadStream(file) })) {
    lines += 1;
    if (lines === 1) continue;
    const cells = line.split(",");
    const path = Number(cells[0]);
    if (cells.length !== 9 || !Number.isFinite(Number(cells[7])) || !Number.isFinite(Number(cells[8])) || path < lastPath) bad += 1;
    if (path !== lastPath) distinct += 1;
    lastPath = path;
  }
  return { lines, paths: distinct, bad };
}

describe("soak", () => {
  it(`streams ${PATHS} paths into --samples with flat memory`, async () => {
    const dir = tempDir();
    const file = join(dir, "samples.csv");
    const child = spawn(process.execPath, ["bin/sharecast.js", "run", TINY, "--paths", String(PATHS), "--samples", file, "--no-progress", "--format", "json"], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const samples: Array<{ bytes: number; rss: number }> = [];
    const timer = setInterval(() => {
      const memory = rss(child.pid!);
      const temporary = readdirSync(dir).find((name) => name.endsWith(".tmp"));
      let bytes = 0;
      try {
        bytes = temporary ? statSync(join(dir, temporary)).size : 0;
      } catch {
        // renamed meanwhile
      }
      if (memory !== null && bytes > 0) samples.push({ bytes, rss: memory });
    }, 50);
    const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
    clearInterval(timer);
    expect(stderr).toBe("");
    expect(status).toBe(0);
    const { lines, paths, bad } = await checkSamples(file);
    expect(bad).toBe(0);
    expect(paths).toBe(PATHS);
    expect(lines).toBe(1 + 2 * PATHS);
    // Memory may not grow with the file (which passes 100 MB, 200 MB as JavaScript strings): the peak while
    // the last third is written stays within 64 MB of the peak while the middle third is.
    const total = samples[samples.length - 1]?.bytes ?? 0;
    const middle = samples.filter((s) => s.bytes >= total / 3 && s.bytes < (2 * total) / 3).map((s) => s.rss);
    const last = samples.filter((s) => s.bytes >= (2 * total) / 3).map((s) => s.rss);
    expect(total).toBeGreaterThan(100e6);
    expect(Math.min(middle.length, last.length)).toBeGreaterThan(2);
    expect(Math.max(...last) - Math.max(...middle)).toBeLessThan(64 * 1024 * 1024);
  }, 120_000);

  it("two runs writing into one folder at once leave both outputs whole", async () => {
    const dir = tempDir();
    const args = (seed: number, name: string) => ["run", TINY, "--paths", "200000", "--seed", String(seed), "--out", join(dir, "out"), "--samples", join(dir, name), "--no-progress", "--format", "json"];
    const [a, b] = await Promise.all([sharecastAsync(args(1, "a.csv")), sharecastAsync(args(2, "b.csv"))]);
    expect([a.status, b.status, a.stderr, b.stderr]).toEqual([0, 0, "", ""]);
    expect(readdirSync(dir).sort()).toEqual(["a.csv", "b.csv", "out"]);
    expect(readdirSync(join(dir, "out")).sort()).toEqual(["result.json", "summary.csv"]);
    for (const name of ["a.csv", "b.csv"]) {
      const checked = await checkSamples(join(dir, name));
      expect(checked).toEqual({ lines: 1 + 2 * 200000, paths: 200000, bad: 0 });
    }
    // The folder's result.json is one run's whole result: exactly what that run printed.
    const written = readFileSync(join(dir, "out", "result.json"), "utf8");
    expect([a.stdout, b.stdout]).toContain(written);
    expect(a.stdout).not.toBe(b.stdout);
  }, 120_000);
});
