// The stochastic replication kind (`tenders`, src/models/competition/tenders.ts): its mean against the
// closed form of the expected-value `replication` kind, its variance against a compound binomial derived by
// hand, and its draws against seeds, chunking and worker counts. Tolerances come from the Monte Carlo
// standard errors of the statistics compared.
import { describe, expect, it } from "vitest";
import { runScenarioParallel } from "../../src/cli/workers/runScenarioParallel.ts";
import { runScenario } from "../../src/engine/run.ts";
import type { InputError } from "../../src/core/issues.ts";
import { validateScenario } from "../../src/scenario/validate.ts";
import type { ScenarioInput } from "../../src/scenario/schema.ts";

type Input = ScenarioInput;
const QUARTERS = ["2020Q1", "2020Q2", "2020Q3", "2020Q4", "2021Q1", "2021Q2", "2021Q3", "2021Q4", "2022Q1", "2022Q2", "2022Q3", "2022Q4"];
const calendar = { start: "2020Q1", end: "2022Q4" };
const flat = (start: number) => ({ kind: "constantGrowth" as const, start, growth: 0 });

/** Every path's value of `metric` for provider `id` in each quarter. */
function draws(input: Input, id: string, paths: number, seed = 42, metric: "revenue" | "share" = "revenue"): Float64Array[] {
  const store = runScenario(input, { paths, seed }).samples!;
  const k = store.providerIndex(id);
  return QUARTERS.map((q) => Float64Array.from(store.cell(metric, 0, k, store.periodIndex(q))));
}

function moments(x: Float64Array): { mean: number; variance: number; m4: number } {
  const n = x.length;
  let mean = 0;
  for (const v of x) mean += v / n;
  let m2 = 0;
  let m4 = 0;
  for (const v of x) {
    const d = v - mean;
    m2 += (d * d) / n;
    m4 += (d * d * d * d) / n;
  }
  return { mean, variance: (m2 * n) / (n - 1), m4 };
}

function tendersScenario(group: Record<string, unknown>, member: Record<string, unknown>): Input {
  return {
    name: "t", calendar,
    competition: { gov: { kind: "tenders", cities: 200, awareness: 0.6, innovation: 0.05, imitation: 0.4, coWinners: 1, ...group } as never },
    providers: [{ id: "a", model: { kind: "tenders", group: "gov", capability: flat(1), contractMeanLog: -1, contractSdLog: 0.4, lifeQuarters: 6, ...member } as never }],
  };
}

describe("tenders: the mean is the replication closed form", () => {
  it("matches replication's expected revenue in every quarter within 4 standard errors (20,000 paths)", () => {
    // One member, capability 1 against outside weight 3: it wins a tender with probability 1/4 = winShare.
    const paths = 20_000;
    const drawn = draws(tendersScenario({ outside: 3, speed: 1.5 }, { backlog: 2 }), "a", paths);
    const closed = runScenario({
      name: "r", calendar,
      providers: [{ id: "a", model: { kind: "replication", cities: 200, awareness: 0.6, innovation: 0.05, imitation: 0.4, speed: 1.5, winShare: 0.25, contractMeanLog: -1, contractSdLog: 0.4, lifeQuarters: 6, backlog: 2 } }],
    }, { paths: 1, seed: 1 }).samples!;
    QUARTERS.forEach((q, j) => {
      const expected = closed.cell("revenue", 0, 0, closed.periodIndex(q))[0];
      const { mean, variance } = moments(drawn[j]);
      const se = Math.sqrt(variance / paths);
      if (!(Math.abs(mean - expected) <= 4 * se + 1e-12)) throw new Error(`${q}: mean ${mean} vs closed form ${expected} (se ${se})`);
    });
  });
});

describe("tenders: the variance is a compound binomial", () => {
  it("matches Var(R_k) = (C F pi E[V^2] - C (F pi E[V])^2) / L^2 within 4 standard errors of the sample variance", () => {
    // Every city tenders (awareness 1): by the end of quarter k - 1 a city has tendered with probability
    // F = F(t_{k-1}) and been won with probability F pi, independently across the C cities, so the wins are
    // Binomial(C, F pi) and their value S is a compound binomial: E[S] = C F pi E[V],
    // Var(S) = C F pi E[V^2] - C (F pi E[V])^2. With a life L >= k - 1 quarters revenue is R_k = S / L.
    const C = 100, pi = 0.5, mu = -1, sigma = 0.4, L = 20, p = 0.05, q = 0.4, paths = 20_000;
    const drawn = draws(tendersScenario({ cities: C, awareness: 1, innovation: p, imitation: q, outside: 1 }, { contractMeanLog: mu, contractSdLog: sigma, lifeQuarters: L }), "a", paths);
    const EV = Math.exp(mu + sigma ** 2 / 2);
    const EV2 = Math.exp(2 * mu + 2 * sigma ** 2);
    for (const k of [4, 8, 12]) {
      const t = (k - 1) / 4;
      const F = (1 - Math.exp(-(p + q) * t)) / (1 + (q / p) * Math.exp(-(p + q) * t));
      const expected = (C * F * pi * EV2 - C * (F * pi * EV) ** 2) / L ** 2;
      const { variance, m4 } = moments(drawn[k - 1]);
      const se = Math.sqrt((m4 - variance ** 2) / paths);
      if (!(Math.abs(variance - expected) <= 4 * se)) throw new Error(`quarter ${k}: variance ${variance} vs ${expected} (se ${se})`);
    }
  });

  it("spreads with the contract-value spread, and relatively less with more cities (the bands are drawn)", () => {
    const last = (group: Record<string, unknown>, member: Record<string, unknown>) => moments(draws(tendersScenario({ outside: 1, ...group }, member), "a", 4000)[11]);
    const sd = (m: { variance: number }) => Math.sqrt(m.variance);
    expect(sd(last({}, { contractSdLog: 1.5 }))).toBeGreaterThan(1.5 * sd(last({}, { contractSdLog: 0.1 })));
    // Coefficient of variation of a compound binomial falls like 1 / sqrt(cities): 50 against 800 cities, 4x.
    const cv = (cities: number) => {
      const m = last({ cities }, {});
      return sd(m) / m.mean;
    };
    const ratio = cv(50) / cv(800);
    expect(ratio).toBeGreaterThan(3.4);
    expect(ratio).toBeLessThan(4.6);
  });
});

describe("tenders: several members", () => {
  it("gives symmetric members equal mean shares (within 4 se), co-winners drawn per tender", () => {
    const member = { kind: "tenders" as const, group: "gov", capability: flat(1), contractMeanLog: 0, contractSdLog: 0.5, lifeQuarters: 4 };
    const input: Input = {
      name: "t", calendar,
      competition: { gov: { kind: "tenders", cities: 300, awareness: 0.7, innovation: 0.1, imitation: 0.4, coWinners: { dist: "discrete", values: [1, 2, 3, 4] }, outside: 0.5, referenceWeight: 0.1 } },
      providers: ["a", "b", "c"].map((id) => ({ id, model: member })),
    };
    const paths = 4000;
    const shares = ["a", "b", "c"].map((id) => moments(draws(input, id, paths, 42, "share")[11]));
    for (const s of shares) {
      const se = Math.sqrt(s.variance / paths);
      expect(Math.abs(s.mean - 1 / 3)).toBeLessThan(4 * se);
    }
  });

  it("wins more cities with more capability and counts them with measure citiesWon", () => {
    const member = (capability: number, measure?: "citiesWon") => ({ kind: "tenders" as const, group: "gov", capability: flat(capability), contractMeanLog: 0, contractSdLog: 0.5, lifeQuarters: 4, measure });
    const input: Input = {
      name: "t", calendar,
      competition: { gov: { kind: "tenders", cities: 300, awareness: 1, innovation: 0.1, imitation: 0.4, coWinners: 1 } },
      providers: [{ id: "a", model: member(1, "citiesWon") }, { id: "b", model: member(3, "citiesWon") }],
    };
    const a = draws(input, "a", 200)[11];
    const b = draws(input, "b", 200)[11];
    for (let i = 0; i < 200; i++) {
      expect(Number.isInteger(a[i]) && Number.isInteger(b[i])).toBe(true);
      expect(a[i] + b[i]).toBeLessThanOrEqual(300);
    }
    expect(moments(b).mean).toBeGreaterThan(2.5 * moments(a).mean);
  });
});

describe("tenders: determinism", () => {
  const input = tendersScenario({ outside: 2, coWinners: { dist: "uniform", min: 1, max: 4 }, referenceWeight: 0.2 }, { references: 3, lifeQuarters: { dist: "uniform", min: 4, max: 12 } });
  it("gives the same draws for the same seed, other draws for another, and the same first paths for any path count", () => {
    const a = draws(input, "a", 3000, 5);
    expect(draws(input, "a", 3000, 5)).toEqual(a);
    expect(draws(input, "a", 3000, 6)[11]).not.toEqual(a[11]);
    const fewer = draws(input, "a", 1500, 5);
    fewer.forEach((column, j) => expect(column).toEqual(a[j].subarray(0, 1500)));
  });
  it("prints the same result for 1 and 3 workers", async () => {
    const one = JSON.stringify(await runScenarioParallel(input, { paths: 3000, seed: 9, workers: 1 }));
    expect(JSON.stringify(await runScenarioParallel(input, { paths: 3000, seed: 9, workers: 3 }))).toBe(one);
  });
});

describe("tenders: counts stay bounded (each city and seat is simulated)", () => {
  it("refuses more than 1,000,000 cities or 1,000 seats a tender, naming the field, before simulating", () => {
    const issues = (group: Record<string, unknown>) => {
      try {
        validateScenario(tendersScenario(group, {}));
        return [];
      } catch (error) {
        return (error as InputError).issues.map((i) => `${i.path.join(".")}: ${i.message}`);
      }
    };
    expect(issues({ cities: 1e12 })).toEqual(["competition.gov.cities: expected a number of cities from 0 to 1,000,000, got 1000000000000"]);
    expect(issues({ coWinners: 1e9 })).toEqual(["competition.gov.coWinners: expected a positive number of seats up to 1,000, got 1000000000"]);
    expect(issues({ cities: { dist: "lognormal", meanLog: 20, sdLog: 1 } })[0]).toMatch(/^competition\.gov\.cities: expected a distribution whose draws are from 0 to 1,000,000/);
    // Within each bound, their product is bounded too: a path draws at most 100,000 seats (a billion took 7.7 s a path).
    expect(issues({ cities: 1_000_000, coWinners: 1_000 })).toEqual(["competition.gov.coWinners: expected at most 100,000 seats drawn a path (cities x co-winners at their largest), got 1,000,000,000; fewer cities or co-winners"]);
    expect(issues({ cities: 20_000, coWinners: { dist: "uniform", min: 1, max: 6 } })).toEqual(["competition.gov.coWinners: expected at most 100,000 seats drawn a path (cities x co-winners at their largest), got 120,000; fewer cities or co-winners"]);
    expect(issues({ cities: 100_000, coWinners: 1 })).toEqual([]);
    expect(issues({ cities: 1_000, coWinners: 100 })).toEqual([]);
  });
});
