// The bench's NumPy peer (bench/numpy/canonical.py) computes the canonical formulas: exactly on a model
// without randomness (against a direct Math.pow evaluation of canonical.json's formulas), the shock term's
// lognormal laws on a model whose only randomness is the shocks, and the engine's medians within Monte Carlo
// error on the canonical model itself (bench/agreement.ts), which a perturbed model must fail. No timing.
// Needs numpy (Debian: python3-numpy) for the interpreter bench/peer.ts picks: skipped with a message
// where it is missing, except in CI (CI=true), where a missing numpy fails.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compareMedians } from "../../bench/agreement.ts";
import { canonical, canonicalScenario, type CanonicalModel, type CanonicalProvider } from "../../bench/canonical.ts";
import { numpyStatus, peerPython, runPeer } from "../../bench/peer.ts";
import { runScenario } from "../../src/engine/run.ts";

const status = numpyStatus();
const missing = !status.available && !process.env.CI;
if (missing) console.warn(`tests/bench/numpyPeer.test.ts skipped: ${status.available ? "" : status.reason}`);

interface PeerRow {
  period: string;
  provider: string;
  metric: string;
  mean: number;
  sd: number;
  p05: number;
  p50: number;
  p95: number;
}

const dir = mkdtempSync(join(tmpdir(), "sharecast-numpy-peer-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the peer on `model` and returns every cell's row and the run's chosen medians. */
function peerRows(name: string, model: CanonicalModel, paths: number, seed = 42, budgetMb?: number) {
  const modelFile = join(dir, `${name}.json`);
  const rowsFile = join(dir, `${name}-rows.json`);
  writeFileSync(modelFile, JSON.stringify(model));
  const run = runPeer(paths, { seed, model: modelFile, rows: rowsFile, budgetMb });
  const rows = JSON.parse(readFileSync(rowsFile, "utf8")) as PeerRow[];
  return { run, rows: new Map(rows.map((r) => [`${r.provider}/${r.period}/${r.metric}`, r])) };
}

const withProviders = (providers: CanonicalProvider[]): CanonicalModel => ({ ...canonical, providers });

describe.skipIf(missing)(`the NumPy peer (${peerPython()})`, () => {
  it("numpy is importable (CI installs python3-numpy)", () => {
    expect(status).toMatchObject({ available: true });
  });

  it("without randomness, every cell is canonical.json's formula evaluated directly", () => {
    // sd = 0, halfLife range of width 0, sigma = 0: each path is g_t = gInf + (g0 - gInf) 2^(-t/(4h)),
    // R_t = R_{t-1} (1 + g_t)^(1/4); a year is the sum of its quarters; share = R_i / sum_j R_j.
    const providers = canonical.providers.map((p) => ({ ...p, g0: [p.g0[0], 0] as [number, number], halfLife: [p.halfLife[1], p.halfLife[1]] as [number, number], sigma: 0 }));
    const { rows } = peerRows("deterministic", withProviders(providers), 50);
    const T = canonical.quarters;
    const revenue = providers.map((p) => {
      const r: number[] = [];
      let level = p.base;
      for (let t = 1; t <= T; t++) {
        const g = p.gInf + (p.g0[0] - p.gInf) * Math.pow(2, -t / (4 * p.halfLife[0]));
        level *= Math.pow(1 + g, 0.25);
        r.push(level);
      }
      return r;
    });
    const periods: Array<[string, (r: number[]) => number]> = [];
    for (let y = 0; y < T / 4; y++) periods.push([String(2019 + y), (r) => r[4 * y] + r[4 * y + 1] + r[4 * y + 2] + r[4 * y + 3]]);
    for (let t = 0; t < T; t++) periods.push([`${2019 + Math.floor(t / 4)}Q${(t % 4) + 1}`, (r) => r[t]]);
    expect(rows.size).toBe(providers.length * periods.length * 2);
    for (const [period, value] of periods) {
      const total = revenue.reduce((sum, r) => sum + value(r), 0);
      providers.forEach((p, k) => {
        const expected = { revenue: value(revenue[k]), share: value(revenue[k]) / total };
        for (const metric of ["revenue", "share"] as const) {
          const row = rows.get(`${p.id}/${period}/${metric}`)!;
          for (const v of [row.mean, row.p05, row.p50, row.p95]) expect(Math.abs(v / expected[metric] - 1)).toBeLessThan(1e-12);
          expect(row.sd).toBeLessThan(1e-12 * expected[metric]);
        }
      });
    }
  });

  it("the shocks are exp(sigma eps - sigma^2/2): R_t over the deterministic path has mean 1 and median exp(-t sigma^2/2)", () => {
    // With g0 and halfLife fixed, R_t / D_t = exp(sigma S_t - t sigma^2 / 2), S_t a sum of t iid N(0, 1):
    // lognormal with mean 1, median exp(-t sigma^2 / 2), sd sqrt(exp(t sigma^2) - 1).
    const paths = 20_000;
    const sigma = 0.08;
    const p = { ...canonical.providers[2], g0: [1, 0] as [number, number], halfLife: [2, 2] as [number, number], sigma };
    const { rows } = peerRows("shocks", withProviders([p, { ...p, id: "second", sigma: 0 }]), paths, 7);
    for (const t of [1, 12, 28]) {
      const period = `${2019 + Math.floor((t - 1) / 4)}Q${((t - 1) % 4) + 1}`;
      const deterministic = rows.get(`second/${period}/revenue`)!.p50;
      const row = rows.get(`${p.id}/${period}/revenue`)!;
      const sd = Math.sqrt(Math.exp(t * sigma * sigma) - 1);
      const median = Math.exp((-t * sigma * sigma) / 2);
      // Standard errors: of the mean sd / sqrt(n); of the median sqrt(0.25 / n) / f(median), f the lognormal
      // density at its median, 1 / (median s sqrt(2 pi)) with s = sigma sqrt(t).
      const seMean = sd / Math.sqrt(paths);
      const seMedian = Math.sqrt(0.25 / paths) * median * sigma * Math.sqrt(t) * Math.sqrt(2 * Math.PI);
      expect(Math.abs(row.mean / deterministic - 1)).toBeLessThan(4 * seMean);
      expect(Math.abs(row.p50 / deterministic - median)).toBeLessThan(4 * seMedian);
      expect(Math.abs(row.sd / deterministic / sd - 1)).toBeLessThan(0.05);
    }
  });

  it("gives the same numbers in one pass and in many (a memory budget below the run's values)", () => {
    const one = peerRows("one-pass", canonical, 3000);
    const many = peerRows("many-passes", canonical, 3000, 42, 0.5);
    expect(one.run.passes).toBe(1);
    expect(many.run.passes).toBeGreaterThan(10);
    expect([...many.rows.entries()]).toEqual([...one.rows.entries()]);
  });

  it("on the canonical model, its medians agree with the engine's within 4 standard errors (20k paths)", () => {
    const paths = 20_000;
    const engine = runScenario(canonicalScenario(), { paths });
    const peer = runPeer(paths, { seed: 42 });
    expect(Object.keys(peer.medians).length).toBe(48);
    const agreement = compareMedians(engine.rows, peer.medians);
    expect(agreement.agree, JSON.stringify(agreement)).toBe(true);
  });

  it("a perturbed model (huawei's sigma 0.10 instead of 0.08) does not agree with the engine", () => {
    const paths = 20_000;
    const engine = runScenario(canonicalScenario(), { paths });
    const providers = canonical.providers.map((p) => (p.id === "huawei" ? { ...p, sigma: 0.1 } : p));
    const { run } = peerRows("perturbed", withProviders(providers), paths);
    const agreement = compareMedians(engine.rows, run.medians);
    expect(agreement.agree).toBe(false);
    expect(agreement.worstCell.startsWith("huawei/")).toBe(true);
  });
});
