import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/issues.ts";
import { runScenario } from "../../src/engine/run.ts";
import type { SummaryRow } from "../../src/samples/summaries.ts";
import { scenarioAt } from "../../src/scenario/defineScenario.ts";
import rmbScenario from "../../scenarios/alibaba-cloud-revenue.ts";
import usdScenario from "../../scenarios/alibaba-cloud-revenue-usd.ts";

// The USD view of alibaba-cloud-revenue against closed forms. The implied rates are recomputed here from the
// figures the shared data state in both currencies (not read from the fixture): RMB 1,760 m = $254 M
// (2016Q4), Singles Day RMB 120.7 bn = USD 17.8 bn (2016), RMB 4,698 m = $710 M (2018Q2).
const RATE_2016Q4 = 254 / 1760;
const RATE_SINGLES_DAY = 17.8 / 120.7;
const RATE_2018Q2 = 710 / 4698;
const PATHS = 4000;

const rmb = runScenario(rmbScenario, { paths: PATHS, seed: 42 });
const usd = runScenario(usdScenario, { paths: PATHS, seed: 42 });
const row = (rows: readonly SummaryRow[], period: string, metric: string): SummaryRow => rows.find((r) => r.period === period && r.metric === metric)!;
const quantileKeys = (r: SummaryRow) => Object.keys(r).filter((k) => /^p\d/.test(k)) as Array<`p${number}`>;
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));

describe("alibaba-cloud-revenue-usd: Alibaba's RMB revenue in USD, reported and at constant currency", () => {
  it("draws USD per RMB uniform over the implied rates known at 31 Dec 2019, constant currency at the last (2018Q2)", () => {
    expect(usdScenario.currency).toBe("USD");
    expect(usdScenario.providers.map((p) => p.currency)).toEqual(["RMB"]);
    const rate = usdScenario.exchangeRates!.RMB as unknown as { dist: string; min: number; max: number };
    expect([rate.dist, rate.min, rate.max]).toEqual(["uniform", Math.min(RATE_2016Q4, RATE_SINGLES_DAY, RATE_2018Q2), Math.max(RATE_2016Q4, RATE_SINGLES_DAY, RATE_2018Q2)]);
    expect(usdScenario.outputs).toEqual({ constantCurrency: { rates: { RMB: RATE_2018Q2 } } });
  });

  it("keeps alibaba-cloud-revenue's RMB paths: constant-currency revenue is its RMB revenue times 710 / 4698, row for row", () => {
    const periods = rmb.rows.filter((r) => r.metric === "revenue").map((r) => r.period);
    expect(periods.length).toBe(6 + 26);
    for (const period of periods) {
      const a = row(rmb.rows, period, "revenue");
      const b = row(usd.rows, period, "revenueConstantCurrency");
      // Every path scaled by one positive constant: mean, sd and every quantile scale with it.
      for (const key of ["mean", "sd", ...quantileKeys(a)] as const) expect(close(b[key], a[key] * RATE_2018Q2), `${period} ${key}: ${b[key]} vs ${a[key] * RATE_2018Q2}`).toBe(true);
      expect(row(usd.rows, period, "shareConstantCurrency").p50).toBe(1);
    }
    // The calendar rows come first, as in the RMB scenario; the constant-currency rows after them.
    const first = usd.rows.findIndex((r) => r.metric === "revenueConstantCurrency");
    expect(usd.rows.slice(0, first).map((r) => `${r.period} ${r.metric}`)).toEqual(rmb.rows.map((r) => `${r.period} ${r.metric}`));
  });

  it("reports each path at its own rate, drawn independently of revenue: mean = mean(RMB) x (min + max) / 2 within Monte Carlo error", () => {
    const centre = (RATE_2016Q4 + RATE_2018Q2) / 2;
    const rateSd = (RATE_2018Q2 - RATE_2016Q4) / Math.sqrt(12);
    for (const period of ["2020", "2022", "2025"]) {
      const a = row(rmb.rows, period, "revenue");
      const b = row(usd.rows, period, "revenue");
      // mean(X r) - centre mean(X) = mean(X (r - centre)); its sd is sqrt(E[X^2]) sd(r) / sqrt(n) for r independent of X.
      const se = (Math.sqrt(a.sd ** 2 + a.mean ** 2) * rateSd) / Math.sqrt(PATHS);
      expect(Math.abs(b.mean - centre * a.mean), period).toBeLessThan(4 * se);
      // Both rates are within the drawn range, so the reported median lies between the RMB median at the two ends.
      expect(b.p50).toBeGreaterThan(a.p50 * RATE_2016Q4);
      expect(b.p50).toBeLessThan(a.p50 * RATE_2018Q2);
    }
  });

  it("rebuilt at 2018-12-31 sees two rates (Singles Day counts as public only from 2019-12-31); at 2017-06-30 one, and refuses", () => {
    const early = scenarioAt(usdScenario, "2018-12-31");
    expect(early.exchangeRates!.RMB).toMatchObject({ dist: "uniform", min: RATE_2016Q4, max: RATE_2018Q2 });
    expect(early.outputs).toEqual({ constantCurrency: { rates: { RMB: RATE_2018Q2 } } });
    let error: unknown;
    try {
      scenarioAt(usdScenario, "2017-06-30");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).issues.map((i) => i.message)).toEqual(["alibaba-cloud-revenue-usd: no second implied USD/RMB rate was public by 2017-06-30"]);
  });
});
