import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { mean as referenceMean } from "simple-statistics";
import { beforeAll, describe, expect, it } from "vitest";
import { absentOrEmpty, lines, nonFiniteValues, type Outcome, parseCsv, sharecastAsync, STACK_TRACE, tempDir } from "./helpers.ts";

/**
 * `sharecast run` and `sharecast validate` on valid scenarios, as a user runs them. The processes are started
 * together in `beforeAll` (each costs about half a second of start-up) and the tests read what they left.
 */

const SMALL = "tests/cli/fixtures/small.yaml";
const SEGMENTED = "tests/cli/fixtures/segmented.yaml";
const PATHS = 500;
const ROW_KEYS = ["period", "segment", "provider", "metric", "mean", "sd", "p05", "p25", "p50", "p75", "p95"];
const CSV_HEADER = "period,periodKind,year,quarter,segment,provider,metric,mean,sd,p05,p25,p50,p75,p95";
const SAMPLES_HEADER = "path,period,periodKind,year,quarter,segment,provider,revenue,share";

interface Row {
  period: string;
  segment: string;
  provider: string;
  metric: "revenue" | "share";
  mean: number;
  sd: number;
  [quantile: string]: string | number;
}
interface Doc {
  meta: Record<string, unknown>;
  rows: Row[];
  events: Array<Record<string, unknown>>;
  benchmarks: Array<Record<string, unknown>>;
  assumptions: Array<{ path: string }>;
}

const scratch = tempDir();
const outDir = join(scratch, "out", "nested");
const samplesFile = join(scratch, "samples", "small.csv");
const samplesAgain = join(scratch, "samples-again.csv");
const segmentedSamples = join(scratch, "segmented.csv");

const runs = {
  json: ["run", SMALL, "--paths", `${PATHS}`, "--seed", "7", "--format", "json", "--out", outDir, "--samples", samplesFile],
  jsonAgain: ["run", SMALL, "--paths", `${PATHS}`, "--seed", "7", "--format", "json", "--samples", samplesAgain],
  otherSeed: ["run", SMALL, "--paths", `${PATHS}`, "--seed", "8", "--format", "json"],
  csv: ["run", SMALL, "--paths", `${PATHS}`, "--seed", "7", "--format", "csv"],
  table: ["run", SMALL, "--paths", `${PATHS}`, "--seed", "7"],
  quantiles: ["run", SMALL, "--paths", `${PATHS}`, "--format", "json", "--quantiles", "0.025,0.5,0.975"],
  quantilesCsv: ["run", SMALL, "--paths", `${PATHS}`, "--format", "csv", "--quantiles", "0.025,0.5,0.975"],
  manyChunks: ["run", SMALL, "--paths", "5000", "--format", "csv"],
  segmented: ["run", SEGMENTED, "--paths", "40", "--format", "json", "--samples", segmentedSamples],
  json5: ["run", "tests/cli/fixtures/ok.json", "--paths", "200", "--format", "json"],
  typescript: ["run", "tests/cli/fixtures/ok.ts", "--paths", "200", "--format", "json"],
  validateYaml: ["validate", SMALL],
  validateJson: ["validate", "tests/cli/fixtures/ok.json"],
  validateTs: ["validate", "tests/cli/fixtures/ok.ts"],
  extreme: ["run", "tests/cli/fixtures/extreme.yaml", "--paths", `${PATHS}`, "--format", "json"],
  allZero: ["run", "tests/cli/fixtures/all-zero.yaml", "--paths", `${PATHS}`, "--format", "json"],
  overflowOut: ["run", "tests/cli/fixtures/overflow.yaml", "--paths", "100", "--format", "json", "--out", join(scratch, "overflow-out"), "--samples", join(scratch, "overflow.csv")],
  defaultScenario: ["run", "--paths", "2000"],
} satisfies Record<string, string[]>;

const done = {} as Record<keyof typeof runs, Outcome>;

beforeAll(async () => {
  const entries = Object.entries(runs) as Array<[keyof typeof runs, string[]]>;
  const outcomes = await Promise.all(entries.map(([, args]) => sharecastAsync(args)));
  entries.forEach(([name], k) => (done[name] = outcomes[k]));
});

function ok(name: keyof typeof runs): string {
  const out = done[name];
  expect(out.stderr, `${name}: stderr`).toBe("");
  expect(out.status, `${name}: exit code`).toBe(0);
  return out.stdout;
}

function doc(name: keyof typeof runs): Doc {
  return JSON.parse(ok(name)) as Doc;
}

/** R type 7 quantile of sorted values: the rule the engine states for its quantiles. */
function type7(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 < sorted.length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
}

function close(actual: number, expected: number, relative = 1e-12): boolean {
  return actual === expected || Math.abs(actual - expected) <= relative * Math.max(Math.abs(actual), Math.abs(expected));
}

describe("sharecast run --format json", () => {
  it("prints one JSON document with the DESIGN.md shape", () => {
    const d = doc("json");
    expect(Object.keys(d)).toEqual(["meta", "rows", "events", "benchmarks", "assumptions"]);
    expect(d.assumptions.map((a) => a.path)).toContain("benchmarks.alpha-2021");
    expect(d.meta).toMatchObject({ scenario: "cli-small", seed: 7, paths: PATHS, quantiles: [0.05, 0.25, 0.5, 0.75, 0.95] });
    expect(d.meta.scenarioHash).toMatch(/^[0-9a-f]{8,}$/);
    expect(d.meta.rng).toEqual(expect.any(String));
    expect(d.meta.version).toMatch(/^\d+\.\d+\.\d+/);
    for (const key of ["scenario", "scenarioHash", "seed", "paths", "rng", "version"]) expect(d.meta).toHaveProperty(key);

    expect(d.rows.length).toBeGreaterThan(0);
    for (const row of d.rows) {
      expect(Object.keys(row)).toEqual(ROW_KEYS);
      expect(["revenue", "share"]).toContain(row.metric);
      for (const key of ROW_KEYS.slice(4)) expect(Number.isFinite(row[key]), `${key} of ${JSON.stringify(row)}`).toBe(true);
      expect(row.p05 <= row.p25 && row.p25 <= row.p50 && row.p50 <= row.p75 && row.p75 <= row.p95).toBe(true);
    }
    // Quarters and complete years, the total segment, each provider (others included), both metrics.
    expect(new Set(d.rows.map((r) => r.period))).toEqual(new Set(["2020", "2021", "2020Q1", "2020Q2", "2020Q3", "2020Q4", "2021Q1", "2021Q2", "2021Q3", "2021Q4"]));
    expect(new Set(d.rows.map((r) => r.segment))).toEqual(new Set(["total"]));
    expect(new Set(d.rows.map((r) => r.provider))).toEqual(new Set(["alpha", "beta", "others"]));
    expect(d.rows.length).toBe(10 * 3 * 2);

    expect(d.events).toHaveLength(1);
    expect(Object.keys(d.events[0]).sort()).toEqual(["description", "id", "interval95", "probability", "stderr"]);
    expect(d.events[0]).toMatchObject({ id: "beta-third", description: "beta reaches a third of the market in 2021" });
    const p = d.events[0].probability as number;
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThanOrEqual(1);
    expect(d.events[0].stderr).toBeCloseTo(Math.sqrt((p * (1 - p)) / PATHS), 3);
    const [lo, hi] = d.events[0].interval95 as [number, number];
    expect(lo).toBeLessThanOrEqual(p);
    expect(hi).toBeGreaterThanOrEqual(p);

    expect(d.benchmarks).toHaveLength(1);
    expect(d.benchmarks[0]).toMatchObject({ id: "alpha-2021", source: "an analyst", metric: "share", provider: "alpha", period: "2021", value: 0.45 });
    expect(nonFiniteValues(done.json.stdout)).toEqual([]);
  });

  it("keeps shares of a segment on the simplex in every row's mean", () => {
    const d = doc("json");
    const sums = new Map<string, number>();
    for (const r of d.rows.filter((row) => row.metric === "share")) sums.set(r.period, (sums.get(r.period) ?? 0) + r.mean);
    for (const [period, sum] of sums) expect(sum, period).toBeCloseTo(1, 12);
  });

  it("names quantile columns p + the percentile: --quantiles 0.025,0.5,0.975 gives p2.5, p50, p97.5", () => {
    const d = doc("quantiles");
    expect(d.meta.quantiles).toEqual([0.025, 0.5, 0.975]);
    for (const row of d.rows) expect(Object.keys(row)).toEqual(["period", "segment", "provider", "metric", "mean", "sd", "p2.5", "p50", "p97.5"]);
    expect(lines(ok("quantilesCsv"))[0]).toBe("period,periodKind,year,quarter,segment,provider,metric,mean,sd,p2.5,p50,p97.5");
  });

  it("runs JSON and TypeScript scenarios too", () => {
    expect(doc("json5").meta.scenario).toBe("cli-json");
    expect(doc("typescript").meta.scenario).toBe("cli-ts");
  });
});

describe("sharecast run --format csv and table", () => {
  it("prints the summary CSV with its header and one line per JSON row, the same numbers", () => {
    const csv = ok("csv");
    const { header, rows } = parseCsv(csv);
    expect(header.join(",")).toBe(CSV_HEADER);
    const json = doc("json").rows;
    expect(rows).toHaveLength(json.length);
    rows.forEach((cells, k) => {
      const period = /^(\d{4})(Q(\d))?$/.exec(json[k].period)!;
      expect(cells.slice(0, 4)).toEqual([json[k].period, period[2] ? "quarter" : "year", period[1], period[3] ?? ""]);
      expect(cells.slice(4, 7)).toEqual([json[k].segment, json[k].provider, json[k].metric]);
      expect(cells.slice(7).map(Number)).toEqual(ROW_KEYS.slice(4).map((key) => json[k][key]));
    });
  });

  it("prints a readable table by default", () => {
    const table = ok("table");
    expect(table).toContain("cli-small");
    expect(table).toContain("seed 7");
    for (const provider of ["alpha", "beta", "others"]) expect(table).toContain(provider);
    expect(table).not.toMatch(/NaN|Infinity|undefined/);
  });
});

describe("sharecast run --out and --samples", () => {
  it("--out DIR writes result.json and summary.csv equal to the stdout documents, and nothing else", () => {
    ok("json");
    expect(readdirSync(outDir).sort()).toEqual(["result.json", "summary.csv"]);
    expect(readFileSync(join(outDir, "result.json"), "utf8")).toBe(done.json.stdout);
    expect(readFileSync(join(outDir, "summary.csv"), "utf8")).toBe(ok("csv"));
  });

  it("--samples writes path,period,periodKind,year,quarter,segment,provider,revenue,share: paths x periods x segments x providers lines", () => {
    const { header, rows } = parseCsv(readFileSync(samplesFile, "utf8"));
    expect(header.join(",")).toBe(SAMPLES_HEADER);
    expect(rows).toHaveLength(PATHS * 10 * 1 * 3);
    expect(new Set(rows.map((r) => r[0])).size).toBe(PATHS);
    for (const r of rows) {
      expect(r).toHaveLength(9);
      const [revenue, share] = [Number(r[7]), Number(r[8])];
      // The tidy period columns restate the period label.
      expect(r[1] === `${r[3]}${r[4] === "" ? "" : `Q${r[4]}`}` && r[2] === (r[4] === "" ? "year" : "quarter"), r.join(",")).toBe(true);
      expect(Number.isFinite(revenue) && revenue >= 0, r.join(",")).toBe(true);
      expect(share >= 0 && share <= 1, r.join(",")).toBe(true);
    }
  });

  it("samples agree with the JSON summary: means to 1e-12 relative, quantiles by R type 7", () => {
    const { rows } = parseCsv(readFileSync(samplesFile, "utf8"));
    const cells = new Map<string, { revenue: number[]; share: number[] }>();
    for (const [, period, , , , segment, provider, revenue, share] of rows) {
      const key = `${period}|${segment}|${provider}`;
      const cell = cells.get(key) ?? { revenue: [], share: [] };
      cell.revenue.push(Number(revenue));
      cell.share.push(Number(share));
      cells.set(key, cell);
    }
    const json = doc("json").rows;
    expect(cells.size * 2).toBe(json.length);
    for (const row of json) {
      const values = cells.get(`${row.period}|${row.segment}|${row.provider}`)![row.metric];
      expect(values).toHaveLength(PATHS);
      const label = `${row.period} ${row.provider} ${row.metric}`;
      expect(close(referenceMean(values), row.mean), `${label}: mean ${referenceMean(values)} vs ${row.mean}`).toBe(true);
      const sorted = [...values].sort((a, b) => a - b);
      for (const [name, p] of [["p05", 0.05], ["p25", 0.25], ["p50", 0.5], ["p75", 0.75], ["p95", 0.95]] as const) {
        expect(close(type7(sorted, p), row[name] as number), `${label}: ${name}`).toBe(true);
      }
    }
  });

  it("counts every segment (total included) and every provider (others included) in a segmented scenario", () => {
    const d = doc("segmented");
    expect(new Set(d.rows.map((r) => r.segment))).toEqual(new Set(["total", "government", "internet"]));
    expect(new Set(d.rows.map((r) => r.provider))).toEqual(new Set(["alpha", "beta", "others"]));
    const { header, rows } = parseCsv(readFileSync(segmentedSamples, "utf8"));
    expect(header.join(",")).toBe(SAMPLES_HEADER);
    // 40 paths x (4 quarters + 1 year) x 3 segments x 3 providers.
    expect(rows).toHaveLength(40 * 5 * 3 * 3);
  });
});

describe("determinism", () => {
  it("the same seed twice gives byte-identical stdout and samples", () => {
    expect(ok("jsonAgain")).toBe(ok("json"));
    expect(readFileSync(samplesAgain, "utf8")).toBe(readFileSync(samplesFile, "utf8"));
  });

  it("a different seed gives different numbers", () => {
    const a = doc("json");
    const b = doc("otherSeed");
    expect(b.meta.seed).toBe(8);
    expect(b.meta.scenarioHash).toBe(a.meta.scenarioHash);
    expect(b.rows.map((r) => r.mean)).not.toEqual(a.rows.map((r) => r.mean));
  });
});

describe("progress", () => {
  it("shows no progress bar on stdout or stderr when they are not terminals", () => {
    const csv = ok("manyChunks");
    expect(done.manyChunks.stderr).toBe("");
    expect(csv).not.toMatch(/\r|\u001b|paths .*%|█|░/);
    expect(lines(csv)[0]).toBe(CSV_HEADER);
  });
});

describe("the default scenario", () => {
  // If this fails to load, the default scenario (scenarios/deutsche-bank-2020.ts) is broken, not the CLI.
  it("run with no scenario exits 0 and prints a table of China's cloud providers", () => {
    const table = ok("defaultScenario");
    expect(table).toContain("deutsche-bank-2020");
    expect(table).toContain("alibaba");
    expect(table).toContain("tencent");
    expect(table).toContain("2000 paths");
    expect(table).not.toMatch(/NaN|Infinity|undefined/);
  });
});

describe("sharecast validate on valid scenarios", () => {
  it.each([
    ["validateYaml", "cli-small: valid (3 providers, 2020Q1-2021Q4)"],
    ["validateJson", "cli-json: valid (2 providers, 2020Q1-2020Q4)"],
    ["validateTs", "cli-ts: valid (2 providers, 2020Q1-2020Q4)"],
  ] as const)("%s exits 0 and says the scenario is valid", (name, message) => {
    expect(lines(ok(name))).toEqual([message]);
  });
});

describe("extreme but valid parameters", () => {
  it("growth of 500% a year and a provider starting at 0 give finite numbers (no NaN, Infinity or null)", () => {
    const d = doc("extreme");
    expect(nonFiniteValues(done.extreme.stdout)).toEqual([]);
    const nothing = d.rows.filter((r) => r.provider === "nothing");
    expect(nothing.length).toBeGreaterThan(0);
    for (const row of nothing) expect([row.mean, row.sd, row.p05, row.p95]).toEqual([0, 0, 0, 0]);
    const rocket = d.rows.find((r) => r.provider === "rocket" && r.metric === "revenue" && r.period === "2020Q4")!;
    // Constant growth of 500% a year is 6^(1/4) a quarter: 6 times the base after four quarters.
    expect(rocket.mean).toBeCloseTo(6, 9);
  });

  it("a market in which every provider starts at 0 still gives finite shares", () => {
    doc("allZero");
    expect(nonFiniteValues(done.allZero.stdout)).toEqual([]);
  });

  it("parameters that overflow double precision exit 2 with a message naming the model, and write nothing", () => {
    const out = done.overflowOut;
    expect(out.stdout).toBe("");
    const message = lines(out.stderr);
    expect(message).toHaveLength(1);
    expect(message[0]).toMatch(/^sharecast: providers\[0\]\.model: .*overflow/);
    expect(out.stderr).not.toMatch(/NaN/);
    expect(out.stderr).not.toMatch(STACK_TRACE);
    expect(out.status).toBe(2);
    expect(absentOrEmpty(join(scratch, "overflow-out"))).toBe(true);
    expect(existsSync(join(scratch, "overflow.csv"))).toBe(false);
  });
});
