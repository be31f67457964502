import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/engine/run.ts";
import { ObservedStore } from "../../src/engine/observedStore.ts";
import { normalCdf } from "../../src/random/normal.ts";
import { scenarioIssues } from "../../src/scenario/validate.ts";
import { SOURCE_PAIRS, sourceGapSigma } from "../../scenarios/shared/sourcePairs.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const N = 20_000;

// Truth without uncertainty: provider a holds 1 of 4 units in every quarter (share 0.25, revenue 1 per quarter).
function scenario(extra: Record<string, unknown> = {}) {
  return {
    name: "observed",
    calendar: { start: "2020Q1", end: "2020Q4" },
    providers: [
      { id: "a", model: { kind: "constantGrowth", start: 1, growth: 0 } },
      { id: "b", model: { kind: "constantGrowth", start: 3, growth: 0 } },
    ],
    simulation: { paths: N, seed: 42 },
    ...extra,
  };
}

const sd = (p: number) => Math.sqrt((p * (1 - p)) / N);

describe("outputs, events and benchmarks as reported by a source", () => {
  it("reported share: log moments and mean match the closed form (lognormal noise) within 4 Monte Carlo se", () => {
    const sigma = 0.3;
    const result = runScenario(scenario(), { paths: N, seed: 42 });
    const store = new ObservedStore(result.samples!, "idc", { sigma }, 42);
    const values = store.cell("share", 0, 0, store.periodIndex("2020Q3"));
    let s = 0;
    let s2 = 0;
    let m = 0;
    for (const v of values) {
      const l = Math.log(v / 0.25);
      s += l;
      s2 += l * l;
      m += v;
    }
    const logMean = s / N;
    const logVar = s2 / N - logMean * logMean;
    expect(Math.abs(logMean)).toBeLessThan((4 * sigma) / Math.sqrt(N));
    // Var of the sample variance of a normal: 2 sigma^4 / (N - 1).
    expect(Math.abs(logVar - sigma * sigma)).toBeLessThan(4 * Math.sqrt(2 / (N - 1)) * sigma * sigma);
    // E reported = true x exp(sigma^2 / 2); sd of reported = true x sqrt((e^{s^2} - 1) e^{s^2}).
    const mean = 0.25 * Math.exp((sigma * sigma) / 2);
    const spread = 0.25 * Math.sqrt((Math.exp(sigma * sigma) - 1) * Math.exp(sigma * sigma));
    expect(Math.abs(m / N - mean)).toBeLessThan((4 * spread) / Math.sqrt(N));
    // The same quantity gives the same reported values; the truth underneath is untouched.
    expect(store.sum("share", 0, [0], store.periodIndex("2020Q3"))).toEqual(values);
    expect(result.samples!.cell("share", 0, 0, store.periodIndex("2020Q3"))[0]).toBe(0.25);
  });

  it("outputs.reportedBy: shareReported and revenueReported rows summarise the source's figures (median ~ truth)", () => {
    const sigma = 0.3;
    const result = runScenario(scenario({ observations: { idc: { sigma } }, outputs: { reportedBy: "idc" } }));
    const truth = result.row("2020Q3", "a", "share")!;
    const reported = result.rows.find((r) => r.period === "2020Q3" && r.provider === "a" && r.metric === "shareReported")!;
    expect(truth.sd).toBe(0);
    // Lognormal: median = truth, mean = truth x exp(sigma^2 / 2), p95 / p50 = exp(1.6449 sigma).
    const spread = 0.25 * Math.sqrt((Math.exp(sigma * sigma) - 1) * Math.exp(sigma * sigma));
    expect(Math.abs(reported.mean - 0.25 * Math.exp((sigma * sigma) / 2))).toBeLessThan((4 * spread) / Math.sqrt(N));
    expect(Math.abs(Math.log(reported.p50 / 0.25))).toBeLessThan(0.02);
    expect(Math.abs(Math.log(reported.p95 / reported.p50) - 1.6449 * sigma)).toBeLessThan(0.03);
    const revenue = result.rows.find((r) => r.period === "2020Q3" && r.provider === "a" && r.metric === "revenueReported")!;
    expect(Math.abs(Math.log(revenue.p50))).toBeLessThan(0.02);
    // The rows are the observed store's values, the truth's rows unchanged.
    const store = new ObservedStore(result.samples!, "idc", { sigma }, 42);
    const values = store.cell("share", 0, 0, store.periodIndex("2020Q3"));
    expect(reported.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / N, 12);
    expect(result.rows.filter((r) => r.metric === "shareReported")).toHaveLength(result.rows.filter((r) => r.metric === "share").length);
  });

  it("a benchmark's percentile and a threshold event under noise and re-basing match the closed form", () => {
    const sigma = 0.2;
    const rebase = { probability: 0.25, factor: 1.5 };
    const value = 0.3;
    const result = runScenario(
      scenario({
        observations: { idc: { sigma }, canalys: { sigma, rebase } },
        benchmarks: [
          { id: "truth", source: "x", metric: "share", provider: "a", period: "2020", value },
          { id: "idc", source: "x", metric: "share", provider: "a", period: "2020", value, reportedBy: "idc" },
          { id: "canalys", source: "x", metric: "share", provider: "a", period: "2020", value, reportedBy: "canalys" },
        ],
        events: [{ id: "idc-above", kind: "threshold", metric: "share", provider: "a", period: "2020", op: ">=", value, reportedBy: "idc" }],
      }),
    );
    const [truth, idc, canalys] = result.benchmarks;
    expect(truth.percentile).toBe(1);
    expect(truth.reportedBy).toBeUndefined();
    // P(0.25 exp(sigma z) < v) = Phi(ln(v / 0.25) / sigma) = Phi(0.9116) = 0.8190.
    const p = normalCdf(Math.log(value / 0.25) / sigma);
    expect(p).toBeCloseTo(0.819, 3);
    expect(idc.reportedBy).toBe("idc");
    expect(Math.abs(idc.percentile - p)).toBeLessThan(4 * sd(p));
    // With a re-basing: (1 - q) Phi(ln(v / x) / sigma) + q Phi((ln(v / x) - ln f) / sigma).
    const q = (1 - rebase.probability) * p + rebase.probability * normalCdf((Math.log(value / 0.25) - Math.log(rebase.factor)) / sigma);
    expect(Math.abs(canalys.percentile - q)).toBeLessThan(4 * sd(q));
    // The event sees the same reported figure as the benchmark on that cell: P(>= v) = 1 - percentile.
    const [event] = result.events;
    expect(event.reportedBy).toBe("idc");
    expect(event.probability).toBeCloseTo(1 - idc.percentile, 12);
  });

  it("sigma 0 reports the truth bit for bit; the truth's results do not change when a source is declared", () => {
    const plain = runScenario(scenario({ benchmarks: [{ id: "b", source: "x", metric: "share", provider: "a", period: "2020", value: 0.25 }] }));
    const zero = runScenario(scenario({ observations: { exact: { sigma: 0 } }, benchmarks: [{ id: "b", source: "x", metric: "share", provider: "a", period: "2020", value: 0.25, reportedBy: "exact" }] }));
    const { reportedBy, ...rest } = zero.benchmarks[0];
    expect(reportedBy).toBe("exact");
    expect(rest).toEqual(plain.benchmarks[0]);
    expect(zero.rows).toEqual(plain.rows);
  });

  it("schema: undeclared sources, a bad sigma and reportedBy with a condition are errors naming the field", () => {
    const messages = (extra: Record<string, unknown>) => scenarioIssues(scenario(extra)).map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(messages({ benchmarks: [{ id: "b", source: "x", metric: "share", provider: "a", period: "2020", value: 0.3, reportedBy: "idc" }] })).toEqual([
      'benchmarks.0.reportedBy: expected a source declared in observations (none declared), got "idc"',
    ]);
    expect(messages({ observations: { canalys: { sigma: 0.1 } }, events: [{ id: "e", kind: "rank", metric: "share", provider: "a", period: "2020", atBest: 1, reportedBy: "idc" }] })).toEqual([
      'events.0.reportedBy: expected a source declared in observations (canalys), got "idc"',
    ]);
    expect(messages({ outputs: { reportedBy: "idc" } })).toEqual(['outputs.reportedBy: expected a source declared in observations (none declared), got "idc"']);
    expect(messages({ observations: { idc: { sigma: -1 } } })[0]).toMatch(/^observations\.idc\.sigma: /);
    expect(messages({ observations: { idc: { sigma: 0.1, rebase: { probability: 2, factor: 1 } } } })[0]).toMatch(/^observations\.idc\.rebase\.probability: /);
  });

  it("CLI: an undeclared source exits 2 with the field's path and no output", () => {
    const dir = mkdtempSync(join(tmpdir(), "observed-"));
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify(scenario({ benchmarks: [{ id: "b", source: "x", metric: "share", provider: "a", period: "2020", value: 0.3, reportedBy: "idc" }] })));
    const r = spawnSync(process.execPath, [join(root, "bin/sharecast.js"), "run", file, "--paths", "100", "--format", "json"], { cwd: root, encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('benchmarks[0].reportedBy: expected a source declared in observations (none declared), got "idc"');
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it("CLI: the as-reported Deutsche Bank variant gives the same bytes with 1 and 2 workers", () => {
    const run = (workers: string) =>
      spawnSync(process.execPath, [join(root, "bin/sharecast.js"), "run", "scenarios/variants/deutsche-bank-2020-as-reported.ts", "--paths", "6000", "--workers", workers, "--format", "json", "--no-progress"], { cwd: root, encoding: "utf8" });
    const one = run("1");
    const two = run("2");
    expect(one.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const doc = JSON.parse(one.stdout) as { events: Array<{ id: string; reportedBy?: string }>; benchmarks: Array<{ id: string; reportedBy?: string; percentile: number }> };
    expect(doc.events.find((e) => e.id === "tencent-at-least-27")?.reportedBy).toBe("other-firm");
    expect(doc.benchmarks.find((b) => b.id === "canalys-tencent-2019q4")?.reportedBy).toBeUndefined();
  });
});

describe("the source-pairs fixture", () => {
  const shared = JSON.parse(readFileSync(join(root, "../shared/data/cloud-market-asof-2019.json"), "utf8")) as Array<{ provider: string; period: string; metric: string; value: number; note: string }>;

  it("takes every figure from the row of ../shared/data it names (its value, or a quote in its note)", () => {
    type Side = { value: number; origin: { provider: string; period: string; metric: string; quote?: string } };
    const file = JSON.parse(readFileSync(join(root, "fixtures/source-pairs/source-pairs.json"), "utf8")) as { pairs: Array<{ a: Side; b: Side }> };
    expect(file.pairs).toHaveLength(SOURCE_PAIRS.length);
    for (const pair of file.pairs) {
      for (const side of [pair.a, pair.b]) {
        const origin = side.origin;
        const rows = shared.filter((r) => r.provider === origin.provider && r.period === origin.period && r.metric === origin.metric);
        expect(rows, JSON.stringify(origin)).toHaveLength(1);
        if (origin.quote === undefined) expect(rows[0].value).toBe(side.value);
        else {
          expect(rows[0].note).toContain(origin.quote);
          expect(origin.quote).toContain(String(side.value));
        }
      }
    }
  });

  it("gives sigma from the pairs known at each date, by hand", () => {
    // 2019-12-31: IDC vs CCID 2016 (10 vs 13.36, 0.73 vs 1.55): sqrt((ln(10/13.36)^2 + ln(1.55/0.73)^2) / 2 / 2).
    const at2019 = sourceGapSigma("2019-12-31");
    expect(at2019.pairs.map((p) => p.period)).toEqual(["2016", "2016"]);
    expect(at2019.sigma).toBeCloseTo(Math.sqrt((Math.log(10 / 13.36) ** 2 + Math.log(1.55 / 0.73) ** 2) / 4), 12);
    expect(at2019.sigma).toBeCloseTo(0.4034, 4);
    expect(sourceGapSigma("2017-04-30").sigma).toBeUndefined();
    expect(sourceGapSigma("2020-12-31").pairs).toHaveLength(5);
  });
});

describe("reportedBy in a sharded run", () => {
  it("two shards merged give the unsharded run's JSON byte for byte", () => {
    const dir = mkdtempSync(join(tmpdir(), "observed-shards-"));
    const file = join(dir, "noisy.json");
    // Uncertain truth (growth drawn per path) seen through a noisy source with a re-basing.
    const noisy = scenario({
      providers: [
        { id: "a", model: { kind: "constantGrowth", start: 1, growth: { dist: "uniform", min: 0, max: 0.5 } } },
        { id: "b", model: { kind: "constantGrowth", start: 3, growth: 0.1 } },
      ],
      observations: { idc: { sigma: 0.2, rebase: { probability: 0.1, factor: 1.3 } } },
      events: [{ id: "e", kind: "threshold", metric: "share", provider: "a", period: "2020", op: ">=", value: 0.3, reportedBy: "idc" }],
      benchmarks: [{ id: "b", source: "x", metric: "share", provider: ["a", "b"], period: "2020Q4", value: 0.9, reportedBy: "idc" }],
    });
    writeFileSync(file, JSON.stringify(noisy));
    const cli = (...args: string[]) => spawnSync(process.execPath, [join(root, "bin/sharecast.js"), ...args], { cwd: root, encoding: "utf8" });
    const base = [file, "--paths", "4500", "--seed", "7", "--no-progress"];
    const whole = cli("run", ...base, "--format", "json");
    expect(whole.status).toBe(0);
    const parts = join(dir, "parts");
    for (const i of [0, 1]) expect(cli("run", ...base, "--shard", `${i}/2`, "--out", parts).status).toBe(0);
    expect(cli("merge", join(parts, "partial-1-of-2.bin"), join(parts, "partial-0-of-2.bin"), "--no-progress").status).toBe(0);
    const plan = join(parts, "plan-of-2.json");
    for (const i of [0, 1]) expect(cli("run", ...base, "--shard", `${i}/2`, "--out", parts, "--plan", plan, "--workers", String(1 + i)).status).toBe(0);
    const merged = cli("merge", join(parts, "values-0-of-2.bin"), join(parts, "values-1-of-2.bin"), "--plan", plan, "--format", "json", "--no-progress");
    expect(merged.status).toBe(0);
    expect(merged.stdout).toBe(whole.stdout);
    const doc = JSON.parse(whole.stdout) as { events: Array<{ reportedBy?: string; probability: number }> };
    expect(doc.events[0].reportedBy).toBe("idc");
  });
});
