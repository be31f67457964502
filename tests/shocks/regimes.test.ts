// Regime-switching growth (models/regimes.ts, engine/shockKernel.ts regimeLevels): state frequencies
// against the stationary distribution of the transition matrix, transition frequencies against its rows,
// the stall time against the geometric distribution, and the schema's checks. Each state's growth rate is
// distinct and there is no shock, so a path's state in quarter t is read off its growth R_t / R_{t-1}.
// Tolerances: 4 binomial standard errors sqrt(p (1 - p) / n).
import { describe, expect, it } from "vitest";
import { preparedIssues } from "../../src/engine/prepare.ts";
import { quarterlyRevenue } from "./helpers.ts";

const N = 20000;
const within = (count: number, n: number, p: number) => Math.abs(count / n - p) < 4 * Math.sqrt((p * (1 - p)) / n) + 1e-12;
const growths = [0.5, 0, -0.3];
const factors = growths.map((g) => (1 + g) ** 0.25);
const state = (model: string) => ({ kind: "constantGrowth", start: 100, growth: growths[Number(model)] });

const P = [
  [0.8, 0.15, 0.05],
  [0.3, 0.6, 0.1],
  [0.2, 0.3, 0.5],
];
// Stationary distribution pi = pi P: (34, 18, 7) / 59 (solved by hand; checked below).
const PI = [34 / 59, 18 / 59, 7 / 59];

function statesOf(scenario: unknown, seed: number, quarters: number): Int8Array[] {
  const { revenue } = quarterlyRevenue(scenario, N, seed);
  const out: Int8Array[] = [];
  for (let t = 1; t < quarters; t++) {
    const before = revenue(0, t - 1);
    const now = revenue(0, t);
    out.push(Int8Array.from(now, (v, i) => factors.findIndex((f) => Math.abs(v / before[i] - f) < 1e-9)));
  }
  return out;
}

const regimes = (extra: Record<string, unknown>) => ({
  kind: "regimes",
  states: [{ id: "boom", model: state("0") }, { id: "flat", model: state("1") }, { id: "bust", model: state("2") }],
  transition: P,
  ...extra,
});

describe("a three-state Markov-switching growth model", () => {
  it("has the stationary distribution (34, 18, 7) / 59", () => {
    for (let s = 0; s < 3; s++) expect(PI.reduce((sum, p, r) => sum + p * P[r][s], 0)).toBeCloseTo(PI[s], 15);
  });

  const calendar = { start: "2020Q1", end: "2025Q4" };
  const stationary = statesOf({ name: "ms", calendar, providers: [{ id: "a", model: regimes({ start: PI }) }] }, 21, 24);

  it("started from pi, is in each state with probability pi in every quarter (quarters 2, 10 and 23)", () => {
    for (const t of [0, 8, 21]) {
      const states = stationary[t];
      expect(states.every((s) => s >= 0)).toBe(true);
      for (let s = 0; s < 3; s++) expect(within(states.filter((x) => x === s).length, N, PI[s]), `quarter ${t + 2} state ${s}`).toBe(true);
    }
  });

  it("moves between consecutive quarters with the transition matrix's probabilities", () => {
    const [a, b] = [stationary[4], stationary[5]];
    for (let r = 0; r < 3; r++) {
      const from = [...a.keys()].filter((i) => a[i] === r);
      for (let s = 0; s < 3; s++) expect(within(from.filter((i) => b[i] === s).length, from.length, P[r][s]), `${r} -> ${s}`).toBe(true);
    }
  });

  it("started in the first state, converges to pi (quarter 24)", () => {
    const late = statesOf({ name: "ms", calendar, providers: [{ id: "a", model: regimes({}) }] }, 22, 24)[22];
    for (let s = 0; s < 3; s++) expect(within(late.filter((x) => x === s).length, N, PI[s])).toBe(true);
  });
});

describe("a stall", () => {
  const p = 0.1;
  const calendar = { start: "2020Q1", end: "2022Q4" };
  const stall = {
    kind: "regimes",
    states: [{ id: "growing", model: state("0") }, { id: "stalled", model: state("1") }],
    transition: [[1 - p, p], [0, 1]],
  };
  const { revenue } = quarterlyRevenue({ name: "stall", calendar, providers: [{ id: "a", model: stall }] }, N, 23);

  it("happens after a geometric time: P(first stalled quarter = k) = (1 - p)^(k - 2) p for k = 2..12, and none by 12 with (1 - p)^11", () => {
    const first = new Int32Array(N).fill(-1);
    for (let t = 1; t < 12; t++) {
      const before = revenue(0, t - 1);
      const now = revenue(0, t);
      for (let i = 0; i < N; i++) if (first[i] < 0 && now[i] === before[i]) first[i] = t + 1;
    }
    for (let k = 2; k <= 12; k++) expect(within(first.filter((x) => x === k).length, N, (1 - p) ** (k - 2) * p), `k = ${k}`).toBe(true);
    expect(within(first.filter((x) => x < 0).length, N, (1 - p) ** 11)).toBe(true);
  });

  it("is absorbing: once flat, revenue stays at the level it stalled at", () => {
    for (let i = 0; i < 200; i++) {
      let stalled = false;
      for (let t = 1; t < 12; t++) {
        const same = revenue(0, t)[i] === revenue(0, t - 1)[i];
        if (stalled) expect(same).toBe(true);
        stalled ||= same;
      }
    }
  });
});

describe("regime checks", () => {
  const calendar = { start: "2020Q1", end: "2020Q4" };
  const issues = (model: Record<string, unknown>) => preparedIssues({ name: "x", calendar, providers: [{ id: "a", model }] });

  it("name rows that do not sum to 1, a wrong size, a bad start and a shock on a state's model", () => {
    expect(issues({ ...regimes({}), transition: [[0.5, 0.4, 0.05], [0.3, 0.6, 0.1], [0.2, 0.3]] })).toEqual([
      { code: "invalid_value", path: ["providers", 0, "model", "transition", 0], message: "expected transition probabilities that sum to 1, got a sum of 0.9500000000000001" },
      { code: "invalid_value", path: ["providers", 0, "model", "transition", 2], message: "expected 3 probabilities (one per state), got 2" },
    ]);
    expect(issues({ ...regimes({ start: [0.5, 0.6, -0.1] }) })).toEqual([
      { code: "out_of_range", path: ["providers", 0, "model", "start", 2], message: "expected a probability from 0 to 1, got -0.1" },
    ]);
    const shocked = regimes({});
    shocked.states[1] = { id: "flat", model: { ...state("1"), shock: { sigma: 0.1 } } as never };
    expect(issues(shocked)).toEqual([
      { code: "conflict", path: ["providers", 0, "model", "states", 1, "model", "shock"], message: "expected no shock on a state's model (give the shock to the regimes model, which applies it in every state), got one" },
    ]);
  });

  it("accept a shock on the regimes model itself", () => {
    expect(issues(regimes({ shock: { sigma: 0.05, dist: "t", df: 5 } }))).toEqual([]);
  });
});
