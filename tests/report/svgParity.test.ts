// The synchronous SVG path must give exactly what vega's own asynchronous `toSVG` gives, for every chart
// kind sharecast builds (it mirrors vega-view's headless sizing and reads some of its internal fields).
import { describe, expect, it } from "vitest";
import { chartToSvgSync, loadChartRenderer, prefixIds } from "../../src/report/charts/chartToSvg.ts";
import { fanChartSpec, providerFanSpec } from "../../src/report/charts/fanChart.ts";
import { histogramSpec } from "../../src/report/charts/histogramChart.ts";
import { stackedSharesSpec } from "../../src/report/charts/stackedSharesChart.ts";
import { sobolSpec, tornadoSpec } from "../../src/report/charts/sensitivityCharts.ts";
import type { ChartSpec } from "../../src/report/charts/chartSpec.ts";
import { runScenario } from "../../src/engine/run.ts";
import { sweep } from "../../src/explore/sweep.ts";
import { parseOutputs } from "../../src/explore/outputs.ts";
import { sweepChartSpec } from "../../src/report/charts/sweepChart.ts";

const parityScenario = {
  name: "parity",
  calendar: { start: "2020Q1", end: "2022Q4" },
  providers: [
    { id: "a", model: { kind: "constantGrowth", start: 1, growth: { dist: "normal", mean: 0.3, sd: 0.1 } } },
    { id: "b", model: { kind: "constantGrowth", start: 2, growth: 0.1 } },
  ],
  benchmarks: [{ id: "x", source: "s", metric: "share", provider: "a", period: "2022", value: 0.4 }],
};
const result = runScenario(parityScenario, { paths: 300, seed: 3 });
const sensitivity = {
  output: "share:a:2022",
  base: 0.4,
  inputs: [
    { parameter: "providers.a.model.growth", tornado: { low: 0.35, high: 0.45 }, spearman: 0.9, sobolFirst: 0.8, sobolTotal: 0.85, sobolFirstCi: [0.7, 0.9] as [number, number], sobolTotalCi: [0.75, 0.95] as [number, number] },
  ],
};

async function vegaToSvg(spec: ChartSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import("vega"), import("vega-lite")]);
  const view = new vega.View(vega.parse(vegaLite.compile(spec as never).spec), { renderer: "none" });
  const svg = await view.toSVG();
  view.finalize();
  return prefixIds(svg, "");
}

describe("chartToSvgSync", () => {
  it("matches vega's toSVG byte for byte on every chart kind", async () => {
    await loadChartRenderer();
    const specs: ChartSpec[] = [
      fanChartSpec(result),
      providerFanSpec(result, "a"),
      stackedSharesSpec(result),
      histogramSpec(result, { provider: "a", period: "2022" }),
      tornadoSpec(sensitivity as never),
      sobolSpec(sensitivity as never),
      sweepChartSpec(sweep(parityScenario, { path: "providers.b.model.growth", values: [0.1, 0.2, 0.3], outputs: parseOutputs("share:a:2022,revenue:b:2021"), paths: 300, seed: 3 })),
    ];
    for (const spec of specs) expect(chartToSvgSync(spec)).toBe(await vegaToSvg(spec));
  });
});
