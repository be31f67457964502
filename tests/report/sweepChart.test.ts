// The sweep chart draws the sweep's own numbers: levels per value and each step's paired difference, whose
// mean and se are computed here again from separate runs, path by path.
import { describe, expect, it } from "vitest";
import { runScenario, sweep, sweepChartSpec } from "../../src/index.ts";
import { parseOutputs } from "../../src/explore/outputs.ts";
import { chartToSvgSync, loadChartRenderer } from "../../src/report/charts/chartToSvg.ts";
import { smallScenario } from "./fixture.ts";

const VALUES = [0.1, 0.15, 0.25];
const PATHS = 3000;
const SEED = 11;
const OUTPUTS = "share:beta:2022,share:alpha:2022,revenue:beta:2021";

/** The fixture with beta's long-run growth set to `gInf`, written out here (not through the sweep's field paths). */
function withBetaGrowth(gInf: number): typeof smallScenario {
  return { ...smallScenario, providers: smallScenario.providers.map((p) => (p.id === "beta" ? { ...p, model: { ...p.model, gInf } } : p)) } as typeof smallScenario;
}

/** Per-path values of one output in a separate run, read from its sample store. */
function perPath(gInf: number, output: string): Float64Array {
  const [metric, provider, period] = output.split(":") as ["share" | "revenue", string, string];
  const store = runScenario(withBetaGrowth(gInf), { paths: PATHS, seed: SEED }).samples!;
  return store.sum(metric, store.segmentIndex("total"), [store.providerIndex(provider)], store.periodIndex(period));
}

/** Mean and standard error (sample sd, n - 1, over sqrt n) of b - a, by two passes. */
function pairedReference(a: Float64Array, b: Float64Array): { mean: number; se: number } {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += b[i] - a[i];
  const mean = sum / a.length;
  let squares = 0;
  for (let i = 0; i < a.length; i++) squares += (b[i] - a[i] - mean) ** 2;
  return { mean, se: Math.sqrt(squares / (a.length - 1) / a.length) };
}

type Spec = Record<string, any>;
type Cell = { value: number; output: string; mean: number; se: number; p05: number; p50: number; p95: number; stepDifference: number; stepDifferenceSe: number };

describe("sweepChartSpec", () => {
  const result = sweep(smallScenario, { path: "providers.beta.model.gInf", values: VALUES, outputs: parseOutputs(OUTPUTS), paths: PATHS, seed: SEED });
  // What `sharecast sweep --format json` prints.
  const doc = JSON.parse(JSON.stringify(result)) as { cells: Cell[] };
  const spec = sweepChartSpec(result) as Spec;
  const outputs = OUTPUTS.split(",");

  it("draws each output's mean, se and quantiles per value as the sweep's JSON gives them, events left out", () => {
    const expected = doc.cells.filter((c) => !c.output.startsWith("prob(")).map((c) => ({ output: c.output, value: c.value, mean: c.mean, se: c.se, p05: c.p05, p50: c.p50, p95: c.p95 }));
    expect(spec.data.values).toEqual(expected);
    expect(expected).toHaveLength(outputs.length * VALUES.length);
    expect(doc.cells.some((c) => c.output === "prob(beta-30)")).toBe(true);
    expect(spec.vconcat).toHaveLength(outputs.length);
  });

  it("draws each step's paired difference and se as computed again from separate runs, path by path", () => {
    const steps = spec.datasets.steps as Array<{ output: string; from: number; to: number; step: string; difference: number; se: number; low: number; high: number }>;
    expect(steps).toHaveLength(outputs.length * (VALUES.length - 1));
    for (const output of outputs) {
      const runs = VALUES.map((v) => perPath(v, output));
      const cells = doc.cells.filter((c) => c.output === output);
      for (let k = 1; k < VALUES.length; k++) {
        const step = steps.find((s) => s.output === output && s.to === VALUES[k])!;
        const reference = pairedReference(runs[k - 1], runs[k]);
        expect(step.from).toBe(VALUES[k - 1]);
        expect(step.difference).toBe(cells[k].stepDifference);
        expect(step.se).toBe(cells[k].stepDifferenceSe);
        // The mean of per-path differences is the difference of the means in the JSON (a linear statistic).
        expect(step.difference).toBeCloseTo(cells[k].mean - cells[k - 1].mean, 12);
        expect(Math.abs(step.difference - reference.mean)).toBeLessThan(1e-12 * Math.max(1, Math.abs(reference.mean)));
        expect(Math.abs(step.se / reference.se - 1)).toBeLessThan(1e-9);
        // Common random numbers: the step is many of its se from 0 here (beta's growth moves both outputs).
        expect(Math.abs(step.difference) / step.se).toBeGreaterThan(5);
        expect(step.low).toBeCloseTo(step.difference - 1.959963984540054 * step.se, 14);
        expect(step.high).toBeCloseTo(step.difference + 1.959963984540054 * step.se, 14);
      }
    }
  });

  it("labels each step with its difference and se (shares in points) and ends every axis at the data", () => {
    const steps = spec.datasets.steps as Array<{ output: string; step: string; difference: number; se: number; low: number; high: number }>;
    const share = steps.filter((s) => s.output === "share:beta:2022");
    for (const s of share) {
      const [, points, se] = /: [+−]([\d.]+) \(se ([\d.]+)\)$/.exec(s.step)!;
      expect(Math.abs(Number(points) - Math.abs(s.difference) * 100)).toBeLessThanOrEqual(0.5 * 10 ** -points.split(".")[1].length);
      expect(Math.abs(Number(se) - s.se * 100)).toBeLessThanOrEqual(0.5 * 10 ** -se.split(".")[1].length);
    }
    expect(share[0].step).toMatch(/^0\.1 → 0\.15: /);
    outputs.forEach((output, row) => {
      const [levels, stepsPanel] = spec.vconcat[row].hconcat as Spec[];
      const x = levels.encoding.x;
      expect(x.scale).toMatchObject({ domain: [VALUES[0], VALUES[VALUES.length - 1]], nice: false });
      expect(x.axis.values).toEqual(VALUES);
      const cells = doc.cells.filter((c) => c.output === output);
      const lo = Math.min(...cells.flatMap((c) => [c.p05, c.mean, c.p50]));
      const hi = Math.max(...cells.flatMap((c) => [c.p95, c.mean, c.p50]));
      for (const layer of levels.layer as Spec[]) expect(layer.encoding.y.scale).toEqual({ domain: [lo, hi], nice: false, zero: false });
      const own = steps.filter((s) => s.output === output);
      const bars = (stepsPanel.layer as Spec[])[0].encoding.x;
      expect(bars.scale.domain).toEqual([Math.min(0, ...own.map((s) => s.low)), Math.max(0, ...own.map((s) => s.high))]);
      expect(bars.scale.nice).toBe(false);
    });
  });

  it("renders to SVG, with every step label as a text", async () => {
    await loadChartRenderer();
    const svg = chartToSvgSync(spec);
    expect(svg).toMatch(/^<svg /);
    for (const s of spec.datasets.steps as Array<{ step: string }>) expect(svg).toContain(`>${s.step.replace(/&/g, "&amp;")}<`);
  });

  it("draws one panel per output and no steps for a single value", () => {
    const one = sweepChartSpec(sweep(smallScenario, { path: "providers.beta.model.gInf", values: [0.2], outputs: parseOutputs("share:beta:2022"), paths: 200, seed: 1 })) as Spec;
    expect(one.datasets.steps).toEqual([]);
    expect(one.vconcat[0].hconcat).toBeUndefined();
    expect(one.vconcat[0].layer).toHaveLength(3);
  });
});
