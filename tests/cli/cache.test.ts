// The opt-in result cache (--cache DIR, or SHARECAST_CACHE): a repeated run, sweep, solve or sensitivity
// reads its entry instead of simulating (proved by editing an entry and seeing the edit printed); a changed
// scenario or engine never reads another's entry; report reuses a sensitivity analysis.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ResultCache, jsonExact } from "../../src/cli/cache.ts";
import { ROOT, sharecast } from "./helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "sharecast-cache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCENARIO = {
  name: "cached-market",
  calendar: { start: "2020Q1", end: "2022Q4" },
  providers: [
    { id: "a", model: { kind: "constantGrowth", start: 10, growth: 0.2 } },
    { id: "b", model: { kind: "constantGrowth", start: 5, growth: { dist: "normal", mean: 0.3, sd: 0.1 } } },
  ],
};
let files = 0;
/** A fresh scenario file (its own cache directory too); `growth` changes provider a's growth. */
function scenarioFile(growth = 0.2): { file: string; cache: string } {
  files += 1;
  const file = join(dir, `scenario-${files}.json`);
  const scenario = structuredClone(SCENARIO);
  scenario.providers[0].model.growth = growth;
  writeFileSync(file, JSON.stringify(scenario));
  return { file, cache: join(dir, `cache-${files}`) };
}
const entries = (cache: string, kind: string): string[] => readdirSync(cache).filter((name) => name.startsWith(`${kind}-`));
/** Rewrites a cache entry's text (its stored key or value). */
function edit(cache: string, name: string, change: (entry: { key: Record<string, unknown>; value: unknown }) => void): void {
  const path = join(cache, name);
  const entry = JSON.parse(readFileSync(path, "utf8"));
  change(entry);
  writeFileSync(path, JSON.stringify(entry));
}
const RUN = ["--paths", "1500", "--format", "json", "--no-progress"];

describe("run --cache", () => {
  it("reads a repeated run from its entry (an edited entry is what prints), and without --cache never reads it", () => {
    const { file, cache } = scenarioFile();
    const first = sharecast(["run", file, ...RUN, "--cache", cache]);
    expect(first.status).toBe(0);
    expect(entries(cache, "run")).toHaveLength(1);
    expect(sharecast(["run", file, ...RUN, "--cache", cache]).stdout).toBe(first.stdout);
    edit(cache, entries(cache, "run")[0], (entry) => {
      (entry.value as { meta: { scenario: string } }).meta.scenario = "from-the-cache";
    });
    expect(JSON.parse(sharecast(["run", file, ...RUN, "--cache", cache]).stdout).meta.scenario).toBe("from-the-cache");
    expect(sharecast(["run", file, ...RUN]).stdout).toBe(first.stdout);
    // Another seed or path count is another entry.
    expect(sharecast(["run", file, ...RUN, "--seed", "9", "--cache", cache]).stdout).not.toBe(first.stdout);
    expect(entries(cache, "run")).toHaveLength(2);
  });

  it("never reads a stale entry: a changed scenario, or an entry of another engine, is simulated afresh", () => {
    const { file, cache } = scenarioFile();
    expect(sharecast(["run", file, ...RUN, "--cache", cache]).status).toBe(0);
    const [name] = entries(cache, "run");
    edit(cache, name, (entry) => {
      (entry.value as { meta: { scenario: string } }).meta.scenario = "stale";
    });
    // The scenario changes: its hash, so its key, changes.
    const changed = scenarioFile(0.25);
    writeFileSync(file, readFileSync(changed.file));
    const fresh = sharecast(["run", changed.file, ...RUN]).stdout;
    expect(sharecast(["run", file, ...RUN, "--cache", cache]).stdout).toBe(fresh);
    // An entry at the same file whose key names another engine version is not read.
    writeFileSync(file, JSON.stringify(SCENARIO));
    edit(cache, name, (entry) => {
      entry.key.engine = String(entry.key.engine).replace(/^sharecast [^,]+/, "sharecast 0.0.1");
    });
    const plain = sharecast(["run", file, ...RUN]).stdout;
    const again = sharecast(["run", file, ...RUN, "--cache", cache]).stdout;
    expect(again).toBe(plain);
    expect(JSON.parse(again).meta.scenario).toBe("cached-market");
  });

  it("takes its directory from SHARECAST_CACHE too; --samples always simulates and keeps nothing", () => {
    const { file, cache } = scenarioFile();
    const env = { ...process.env, SHARECAST_CACHE: cache };
    const first = spawnSync(process.execPath, ["bin/sharecast.js", "run", file, ...RUN], { cwd: ROOT, encoding: "utf8", env });
    expect(first.status).toBe(0);
    expect(entries(cache, "run")).toHaveLength(1);
    const samples = join(dir, "samples.csv");
    const withSamples = spawnSync(process.execPath, ["bin/sharecast.js", "run", file, ...RUN, "--seed", "11", "--samples", samples], { cwd: ROOT, encoding: "utf8", env });
    expect(withSamples.status).toBe(0);
    expect(readFileSync(samples, "utf8").split("\n").length).toBeGreaterThan(1500);
    expect(entries(cache, "run")).toHaveLength(1);
  });
});

describe("sweep, solve, sensitivity and report with --cache", () => {
  it("reuse their entries: the same output, and an edited entry is what prints", () => {
    const { file, cache } = scenarioFile();
    const commands: Record<string, string[]> = {
      sweep: ["sweep", file, "--vary", "providers.a.model.growth=0.1,0.3", "--paths", "1100", "--format", "json"],
      solve: ["solve", file, "--vary", "providers.a.model.growth", "--target", "median(share:a:2022)=0.6", "--paths", "1100", "--format", "json"],
      sensitivity: ["sensitivity", file, "--output", "share:b:2022", "--paths", "1100", "--sobol-n", "64", "--bootstrap", "20", "--format", "json"],
    };
    for (const [kind, args] of Object.entries(commands)) {
      const first = sharecast([...args, "--cache", cache]);
      expect(first.status, first.stderr).toBe(0);
      expect(entries(cache, kind), kind).toHaveLength(1);
      expect(sharecast([...args, "--cache", cache]).stdout).toBe(first.stdout);
      expect(sharecast(args).stdout).toBe(first.stdout);
      edit(cache, entries(cache, kind)[0], (entry) => {
        (entry.value as { edited?: boolean }).edited = true;
      });
      expect(JSON.parse(sharecast([...args, "--cache", cache]).stdout).edited, kind).toBe(true);
    }
  });

  it("report --sensitivity reads the analysis the sensitivity command kept", () => {
    const { file, cache } = scenarioFile();
    const analysis = ["--paths", "1100", "--sobol-n", "64", "--bootstrap", "20"];
    expect(sharecast(["sensitivity", file, "--output", "share:b:2022", ...analysis, "--cache", cache]).status).toBe(0);
    expect(entries(cache, "sensitivity")).toHaveLength(1);
    const html = join(dir, "report.html");
    const report = sharecast(["report", file, "--out", html, "--sensitivity", "share:b:2022", ...analysis, "--no-progress", "--cache", cache]);
    expect(report.status, report.stderr).toBe(0);
    expect(entries(cache, "sensitivity")).toHaveLength(1);
    const plain = join(dir, "plain.html");
    expect(sharecast(["report", file, "--out", plain, "--sensitivity", "share:b:2022", ...analysis, "--no-progress"]).status).toBe(0);
    expect(readFileSync(html, "utf8")).toBe(readFileSync(plain, "utf8"));
  });
});

describe("ResultCache", () => {
  it("reads an entry only for the engine and key it was kept for", async () => {
    const directory = join(dir, "unit");
    const kept = new ResultCache(directory, "engine A");
    expect(await kept.set("run", { scenarioHash: "h", seed: 1, paths: 10 }, { x: 1 })).toBe(true);
    expect(kept.get("run", { scenarioHash: "h", seed: 1, paths: 10 })).toEqual({ x: 1 });
    expect(kept.get("run", { paths: 10, seed: 1, scenarioHash: "h" })).toEqual({ x: 1 });
    expect(kept.get("run", { scenarioHash: "h", seed: 2, paths: 10 })).toBeUndefined();
    expect(new ResultCache(directory, "engine B").get("run", { scenarioHash: "h", seed: 1, paths: 10 })).toBeUndefined();
  });

  it("keeps only values JSON gives back unchanged", async () => {
    expect(jsonExact({ a: [1, "x", null, true], b: { c: 0.5 } })).toBe(true);
    for (const value of [Number.NaN, Infinity, -0, { a: undefined }, new Map(), new Float64Array(2), [1, Number.NaN]]) expect(jsonExact(value)).toBe(false);
    expect(await new ResultCache(join(dir, "unit2"), "e").set("run", {}, { a: Number.NaN })).toBe(false);
  });
});
