import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import alibabaJson from "../../fixtures/alibaba-cloud-revenue-quarterly.json" with { type: "json" };
import { runBacktest, runBacktestYielding, type TargetScore } from "../../src/backtest/backtest.ts";
import { normalCdf, normalQuantile } from "../../src/random/normal.ts";
import { parseFixture } from "../../src/data/parse.ts";
import { fixtureSeries } from "../../src/data/series.ts";
import { InputError } from "../../src/core/issues.ts";

const alibaba = parseFixture(alibabaJson, "alibaba-cloud-revenue-quarterly");
const series = fixtureSeries(alibaba, { metric: "revenue" }).map((r) => ({ period: r.period, value: r.value }));

// ---- Straightforward re-implementation, independent of src/backtest and src/stats/scores ----

const q = (p: string) => Number(p.slice(0, 4)) * 4 + Number(p[5]) - 1;
const label = (i: number) => `${Math.floor(i / 4)}Q${(i % 4) + 1}`;
const observed = series.filter((p) => p.value !== null).map((p) => ({ q: q(p.period), y: p.value as number }));
const LEVELS = [0.05, 0.25, 0.5, 0.75, 0.95];

function olsLine(t: number[], y: number[]) {
  const n = t.length;
  const mt = t.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (t[i] - mt) * (y[i] - my);
    sxx += (t[i] - mt) ** 2;
  }
  const b = sxy / sxx;
  return { a: my - b * mt, b };
}

function pinball(y: number, f: number, tau: number) {
  return y >= f ? tau * (y - f) : (1 - tau) * (f - y);
}

function crpsNormal(mu: number, sigma: number, y: number) {
  const z = (y - mu) / sigma;
  const pdf = Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
  return sigma * (z * (2 * normalCdf(z) - 1) + 2 * pdf - 1 / Math.sqrt(Math.PI));
}

interface Expected {
  method: string;
  forecast: number;
  ape: number;
  sape: number;
  ase: number;
  pinball: number;
  crps: number;
  in50: boolean;
  in90: boolean;
}

/** Everything the backtest should say about one origin and target, recomputed by hand. */
function expected(origin: number, target: number): Expected[] {
  const hist = observed.filter((p) => p.q <= origin);
  const y = observed.find((p) => p.q === target)!.y;
  // Linear curve by OLS, t in years from the origin; uncertainty none, no noise: a point mass.
  const line = olsLine(hist.map((p) => (p.q - origin) / 4), hist.map((p) => p.y));
  const model = line.a + line.b * ((target - origin) / 4);
  // Random walk with drift through the first and last observed quarters; changes only between adjacent quarters.
  const first = hist[0];
  const last = hist[hist.length - 1];
  const drift = (last.y - first.y) / (last.q - first.q);
  const changes: number[] = [];
  for (let i = 1; i < hist.length; i++) if (hist[i].q === hist[i - 1].q + 1) changes.push(hist[i].y - hist[i - 1].y);
  const scale = changes.reduce((a, c) => a + Math.abs(c - drift), 0) / changes.length;
  const k = target - last.q;
  const driftSd = Math.sqrt(changes.reduce((a, c) => a + (c - drift) ** 2, 0) / (changes.length - 1)) * Math.sqrt(k * (1 + k / hist.length));
  const lastSd = Math.sqrt(changes.reduce((a, c) => a + c * c, 0) / changes.length) * Math.sqrt(k);
  const point = (method: string, f: number, quantile: (tau: number) => number, crps: number): Expected => ({
    method,
    forecast: f,
    ape: (100 * Math.abs(y - f)) / y,
    sape: (200 * Math.abs(y - f)) / (Math.abs(y) + Math.abs(f)),
    ase: Math.abs(y - f) / scale,
    pinball: LEVELS.reduce((a, tau) => a + pinball(y, quantile(tau), tau), 0) / LEVELS.length,
    crps,
    in50: y >= quantile(0.25) && y <= quantile(0.75),
    in90: y >= quantile(0.05) && y <= quantile(0.95),
  });
  const driftMean = last.y + k * drift;
  return [
    point("model", model, () => model, Math.abs(y - model)),
    point("naive-drift", driftMean, (tau) => driftMean + driftSd * normalQuantile(tau), crpsNormal(driftMean, driftSd, y)),
    point("naive-last", last.y, (tau) => last.y + lastSd * normalQuantile(tau), crpsNormal(last.y, lastSd, y)),
  ];
}

function close(actual: number, wanted: number, digits = 9) {
  expect(Math.abs(actual - wanted)).toBeLessThanOrEqual(10 ** -digits * Math.max(1, Math.abs(wanted)));
}

describe("backtest on the Alibaba Cloud quarterly revenue fixture, checked by an independent computation", () => {
  const origins = ["2017Q4", "2018Q2", "2018Q4"];
  const result = runBacktest(series, {
    curve: "linear",
    uncertainty: "none",
    residualNoise: false,
    origins,
    horizon: 4,
    paths: 200,
    forecasts: [{ id: "test", source: "a made-up forecast for this test", period: "2019Q1", value: 7000, published: "2018-07" }],
  });

  it("targets honour gaps: 2018Q4 (null) is never a target, and the origin 2018Q4 projects from 2018Q3", () => {
    const targets = (origin: string) => [...new Set(result.targets.filter((t) => t.origin === origin).map((t) => t.period))];
    expect(targets("2017Q4")).toEqual(["2018Q1", "2018Q2", "2018Q3"]);
    expect(targets("2018Q2")).toEqual(["2018Q3", "2019Q1", "2019Q2"]);
    expect(targets("2018Q4")).toEqual(["2019Q1", "2019Q2"]);
    expect(result.fits.find((f) => f.origin === "2018Q4")!.last).toBe("2018Q3");
  });

  it("every score of the model and both baselines equals the hand computation", () => {
    let checked = 0;
    for (const origin of origins) {
      for (const t of result.targets.filter((x) => x.origin === origin && !x.method.startsWith("published"))) {
        const want = expected(q(origin), q(t.period)).find((e) => e.method === t.method)!;
        close(t.forecast, want.forecast);
        close(t.ape, want.ape);
        close(t.sape, want.sape);
        close(t.ase, want.ase);
        close(t.pinball!, want.pinball);
        close(t.crps, want.crps);
        expect([t.in50, t.in90]).toEqual([want.in50, want.in90]);
        checked += 1;
      }
    }
    expect(checked).toBe(3 * 8);
  });

  it("summaries are the means of the per-target scores", () => {
    const model = result.targets.filter((t) => t.method === "model");
    const s = result.summary.find((x) => x.method === "model" && x.horizon === null)!;
    expect(s.n).toBe(8);
    close(s.mape, model.reduce((a, t) => a + t.ape, 0) / 8);
    close(s.mase, model.reduce((a, t) => a + t.ase, 0) / 8);
    close(s.crps, model.reduce((a, t) => a + t.crps, 0) / 8);
    const h2 = result.summary.find((x) => x.method === "naive-drift" && x.horizon === 2)!;
    const rows = result.targets.filter((t) => t.method === "naive-drift" && t.horizon === 2);
    close(h2.smape, rows.reduce((a, t) => a + t.sape, 0) / rows.length);
  });

  it("a published forecast is scored only where it was known and within the horizon, as a point", () => {
    const published = result.targets.filter((t) => t.method === "published:test");
    // Published 2018-07: unknown at 2018Q2 (ends 2018-06-30); 2019Q1 is 5 quarters after 2017Q4.
    expect(published.map((t) => t.origin)).toEqual(["2018Q4"]);
    const [t] = published as [TargetScore];
    close(t.crps, Math.abs(7726 - 7000));
    close(t.ape, (100 * 726) / 7726);
    expect([t.pinball, t.in50, t.in90, t.quantiles]).toEqual([null, null, null, null]);
  });
});

describe("backtest: the model's distribution", () => {
  it("with covariance on a linear fit, the sample median and CRPS match the exact normal predictive", () => {
    const origin = "2018Q2";
    const result = runBacktest(series, { curve: "linear", uncertainty: "covariance", residualNoise: false, origins: [origin], horizon: 1, paths: 40_000 });
    const [t] = result.targets.filter((x) => x.method === "model");
    // Exact predictive: N(a + b h, c' C c) from the OLS fit with C = s^2 (X'X)^-1; recomputed here.
    const hist = observed.filter((p) => p.q <= q(origin));
    const tt = hist.map((p) => (p.q - q(origin)) / 4);
    const yy = hist.map((p) => p.y);
    const { a, b } = olsLine(tt, yy);
    const n = tt.length;
    const s2 = yy.reduce((acc, v, i) => acc + (v - a - b * tt[i]) ** 2, 0) / (n - 2);
    const mt = tt.reduce((x, y) => x + y, 0) / n;
    const sxx = tt.reduce((x, y) => x + (y - mt) ** 2, 0);
    const h = 0.25;
    const sd = Math.sqrt(s2 * (1 / n + (h - mt) ** 2 / sxx));
    const mean = a + b * h;
    const m = 40_000;
    // Median of n normals: sd sqrt(pi / (2 n)); CRPS: well under sd / sqrt(n) (checked in tests/scores).
    expect(Math.abs(t.forecast - mean)).toBeLessThan(5 * sd * Math.sqrt(Math.PI / (2 * m)));
    expect(Math.abs(t.crps - crpsNormal(mean, sd, t.actual))).toBeLessThan((5 * 2 * sd) / Math.sqrt(m));
    expect(label(q(t.period))).toBe("2018Q3");
  });

  it("rolling origins: every quarter with 8 observations and a later actual; seeded, so repeatable", () => {
    const one = runBacktest(series, { curve: "exponential", uncertainty: "covariance", paths: 500, horizon: 2 });
    const two = runBacktest(series, { curve: "exponential", uncertainty: "covariance", paths: 500, horizon: 2 });
    expect(one.meta.origins[0]).toBe("2017Q1");
    expect(one.meta.origins).toEqual(["2017Q1", "2017Q2", "2017Q3", "2017Q4", "2018Q1", "2018Q2", "2018Q3", "2018Q4", "2019Q1"]);
    expect(JSON.stringify(one)).toBe(JSON.stringify(two));
  });

  it("bad options are InputErrors naming the field", () => {
    const issues = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        return (error as InputError).issues.map((i) => `${i.path.join(".")}: ${i.message}`);
      }
      throw new Error("expected an InputError");
    };
    expect(issues(() => runBacktest(series, { origins: ["2018Q9"] }))[0]).toMatch(/^origins\.0: expected a quarter/);
    expect(issues(() => runBacktest(series, { origins: ["2015Q3"] }))[0]).toMatch(/^origins\.0: expected an origin with at least 4 observed quarters/);
    expect(issues(() => runBacktest(series, { origins: ["2019Q2"] }))[0]).toMatch(/^origins\.0: expected an actual within 4 quarters/);
    expect(issues(() => runBacktest(series, { horizon: 0 }))[0]).toMatch(/^horizon: /);
  });
});

describe("sharecast backtest (spawned as a user runs it)", () => {
  const cli = (args: string[]) => spawnSync(process.execPath, ["bin/sharecast.js", "backtest", ...args], { encoding: "utf8" });

  it("prints one JSON document with targets and summary", () => {
    const run = cli(["--series", "fixtures/alibaba-cloud-revenue-quarterly.json", "--as-of", "2018Q2", "--curve", "linear", "--uncertainty", "none", "--no-residual-noise", "--paths", "200", "--format", "json"]);
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.meta.origins).toEqual(["2018Q2"]);
    const model = doc.targets.find((t: TargetScore) => t.method === "model" && t.period === "2019Q1");
    close(model.forecast, expected(q("2018Q2"), q("2019Q1"))[0].forecast);
  });

  it("reads a spec file, flags override it, and the table has the summary", () => {
    const dir = mkdtempSync(join(tmpdir(), "sharecast-backtest-"));
    const spec = join(dir, "spec.yaml");
    writeFileSync(spec, `series: ${join(process.cwd(), "fixtures/alibaba-cloud-revenue-quarterly.json")}\ncurve: exponential\norigins: [2017Q4]\nhorizon: 2\npaths: 300\n`);
    const run = cli([spec, "--horizon", "3"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^backtest alibaba revenue \(RMB m\): exponential fitted at each origin/);
    expect(run.stdout).toContain("2017Q4  3  2018Q3");
    expect(run.stdout).toContain("mean over all targets");
  });

  it("bad input exits 2 with the field named and nothing on stdout", () => {
    const bad = cli(["--series", "fixtures/alibaba-cloud-revenue-quarterly.json", "--as-of", "2018Q9"]);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toMatch(/origins\[0\]: expected a quarter such as 2018Q4/);
    const noSeries = cli(["--rolling"]);
    expect(noSeries.status).toBe(2);
    expect(noSeries.stderr).toMatch(/--series: expected a series file/);
    const both = cli(["--series", "x.json", "--as-of", "2018Q2", "--rolling"]);
    expect(both.status).toBe(2);
  });
});

describe("long rolling backtests", () => {
  it("runBacktestYielding (what the command runs, a turn of the event loop between origins) gives runBacktest's result", async () => {
    const options = { curve: "linear" as const, uncertainty: "none" as const, residualNoise: false, horizon: 2, paths: 100 };
    expect(JSON.stringify(await runBacktestYielding(series, options))).toBe(JSON.stringify(runBacktest(series, options)));
  });

  it("SIGTERM ends a backtest of hundreds of origins before it finishes: exit 143, its one line, nothing on stdout", async () => {
    // 399 quarters of a Richards curve, rolling: minutes of fits; before, the signal waited for them all.
    const dir = mkdtempSync(join(tmpdir(), "sharecast-backtest-"));
    const csv = join(dir, "long.csv");
    const rows = Array.from({ length: 399 }, (_, i) => `${2000 + Math.floor(i / 4)}Q${(i % 4) + 1},${Math.exp(0.02 * i)}`);
    writeFileSync(csv, `period,value\n${rows.join("\n")}\n`);
    const out = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ["bin/sharecast.js", "backtest", "--series", csv, "--curve", "richards", "--paths", "300"], { stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
      child.on("error", reject);
      setTimeout(() => child.kill("SIGTERM"), 3000);
      child.on("close", (status) => resolve({ status, stdout, stderr }));
    });
    expect(out.stdout).toBe("");
    expect(out.stderr).toBe("sharecast: interrupted by SIGTERM\n");
    expect(out.status).toBe(143);
  });
});
