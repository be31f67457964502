import { describe, expect, it } from "vitest";
import { runScenarioBacktest } from "../../src/backtest/scenarioBacktest.ts";
import { backtestBandsSpec, pitHistogramSpec, reliabilitySpec } from "../../src/report/charts/scenarioBacktestCharts.ts";
import { reportCharts } from "../../src/report/charts/chartRegistry.ts";
import { chartToSvgSync, loadChartRenderer } from "../../src/report/charts/chartToSvg.ts";
import { runScenario } from "../../src/engine/run.ts";
import aws from "../../scenarios/aws-revenue.ts";

type Layer = { data: { values: Array<Record<string, number>> } };

describe("scenario backtest charts", () => {
  const result = runScenarioBacktest(aws, { paths: 300, inSample: true });
  const model = result.summary.find((s) => s.method === "model" && s.group === "all")!;

  it("the PIT histogram draws the model's counts and the calibrated count n / bins", () => {
    const spec = pitHistogramSpec(result) as { layer: Layer[] };
    expect(spec.layer[0].data.values.map((d) => d.count)).toEqual(model.pitHistogram);
    expect(spec.layer[0].data.values[3]).toMatchObject({ start: 0.3, end: 0.4 });
    expect(spec.layer[1].data.values[0].expected).toBeCloseTo(model.n / 10, 15);
  });

  it("the reliability diagram draws observed against nominal coverage beside the diagonal", () => {
    const spec = reliabilitySpec(result) as { layer: Layer[] };
    expect(spec.layer[0].data.values).toEqual([{ x: 0, y: 0 }, { x: 1, y: 1 }]);
    expect(spec.layer[1].data.values).toEqual(model.reliability.map((r) => ({ level: r.level, observed: r.observed })));
  });

  it("the bands chart has one panel per origin and one point per model cell", () => {
    const spec = backtestBandsSpec(result) as { data: { values: Array<{ panel: string; actual: number; p05: number; p95: number; inside: string }> } };
    const cells = result.cells.filter((c) => c.method === "model");
    expect(spec.data.values).toHaveLength(cells.length);
    expect(new Set(spec.data.values.map((d) => d.panel)).size).toBe(result.meta.origins.length);
    for (const d of spec.data.values) expect(d.inside === "inside the 90% band").toBe(d.actual >= d.p05 && d.actual <= d.p95);
  });

  it("the report registry lists the three charts per scenario backtest, and each renders", async () => {
    const run = runScenario(aws, { paths: 200 });
    const charts = reportCharts(run, { scenarioBacktests: [result] }).filter((c) => c.id.endsWith(":aws-revenue"));
    expect(charts.map((c) => c.id)).toEqual(["pit:aws-revenue", "reliability:aws-revenue", "bands:aws-revenue"]);
    await loadChartRenderer();
    for (const c of charts) expect(chartToSvgSync(c.spec)).toMatch(/^<svg/);
  });
});
