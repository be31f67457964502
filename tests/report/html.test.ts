import { beforeAll, describe, expect, it } from "vitest";
import { reportCharts, reportHtml, runScenario, scenarioHistory, type Result } from "../../src/index.ts";
import { CHART_FAMILIES } from "../../src/report/charts/chartRegistry.ts";
import { CHART_SELECTORS, chartFromSelector } from "../../src/report/charts/chartSelector.ts";
import { smallScenario } from "./fixture.ts";

const names = { alpha: "Alpha Cloud", beta: "Beta Cloud" };
let result: Result;
let html: string;

beforeAll(async () => {
  result = runScenario(smallScenario, { paths: 500, seed: 42 });
  html = await reportHtml(result, {
    names,
    history: scenarioHistory(smallScenario),
    sensitivity: [{ output: "share(beta, 2022)", base: 0.3, inputs: [{ parameter: "providers[1].model.g0", tornado: { low: 0.25, high: 0.35 }, sobolFirst: 0.8, sobolTotal: 0.9 }] }],
    backtests: [{ provider: "alpha", metric: "share", points: [{ period: "2019Q4", median: 0.5, low: 0.45, high: 0.55, actual: 0.5 }] }],
  });
});

describe("HTML report", () => {
  it("is one self-contained page: no script, no stylesheet or image fetched", () => {
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import/i);
    // The only URLs are XML namespaces inside the inline SVGs.
    const urls = [...html.matchAll(/https?:\/\/[^"'\s)]+/g)].map((m) => m[0]);
    expect(new Set(urls)).toEqual(new Set(["http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"]));
  });

  it("states the question (escaped), the replay facts, and the events with their standard errors", () => {
    expect(html).toContain("<title>Two clouds &amp; the rest</title>");
    expect(html).toContain("Will &lt;B&gt; reach 30% of the market in 2022?");
    for (const fact of [result.meta.scenarioHash, `<dd>${result.meta.seed}</dd>`, `<dd>${result.meta.paths}</dd>`, result.meta.rng, result.meta.version]) expect(html).toContain(fact);
    const event = result.event("beta-30")!;
    expect(html).toContain(`<strong>${(event.probability * 100).toFixed(1)}%</strong>`);
    expect(html).toContain(`± ${(event.stderr * 100).toFixed(2)}%`);
    expect(html).toContain("analyst-beta-2022");
    expect(html).toContain(`${(result.benchmarks[0].percentile * 100).toFixed(1)}%`);
  });

  it("inlines one SVG per chart, with ids unique across the page", () => {
    const charts = reportCharts(result, { names });
    // stacked, fan, three provider fans, two benchmarked cells; plus tornado, Sobol and backtest above.
    expect(charts.map((c) => c.id)).toEqual(["stacked", "fan", "fan:alpha", "fan:beta", "fan:others", "histogram:beta:2022:share", "histogram:alpha:2020Q1:share"]);
    const figures = html.match(/<figure class="chart"/g) ?? [];
    expect(figures).toHaveLength(charts.length + 3);
    expect((html.match(/<svg /g) ?? []).length).toBe(figures.length);
    const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("has summary tables of share and revenue by year", () => {
    expect(html).toContain('<table class="summary" data-metric="share">');
    expect(html).toContain('<table class="summary" data-metric="revenue">');
    expect(html).toContain("revenue (USD bn, per year)");
    const median = result.row("2022", "beta", "share")!.p50;
    expect(html).toContain(`${(median * 100).toFixed(1)}%`);
  });

  it("is the same for the same seed", async () => {
    expect(await reportHtml(runScenario(smallScenario, { paths: 500, seed: 42 }), {
      names,
      history: scenarioHistory(smallScenario),
      sensitivity: [{ output: "share(beta, 2022)", base: 0.3, inputs: [{ parameter: "providers[1].model.g0", tornado: { low: 0.25, high: 0.35 }, sobolFirst: 0.8, sobolTotal: 0.9 }] }],
      backtests: [{ provider: "alpha", metric: "share", points: [{ period: "2019Q4", median: 0.5, low: 0.45, high: 0.55, actual: 0.5 }] }],
    })).toBe(html);
  });
});

describe("the chart registry", () => {
  const sensitivity = [
    { output: "share:beta:2022", base: 0.3, inputs: [{ parameter: "providers[1].model.g0", tornado: { low: 0.25, high: 0.35 }, sobolFirst: 0.8, sobolTotal: 0.9 }] },
    { output: "share:alpha:2022", inputs: [{ parameter: "providers[0].model.g0", tornado: { low: 0.5, high: 0.5 } }] },
  ];

  it("draws every report chart that has a selector exactly as its selector (the id) draws it", () => {
    const history = scenarioHistory(smallScenario);
    const charts = reportCharts(result, { names, history, sensitivity });
    expect(charts.map((c) => c.id).slice(-3)).toEqual(["tornado:share:beta:2022", "sobol:share:beta:2022", "tornado:share:alpha:2022"]);
    for (const chart of charts) expect(chartFromSelector(result, chart.id, { names, history, sensitivity }), chart.id).toEqual(chart.spec);
  });

  it("lists every selector kind in the help text, the default (fan) first, and rejects kinds it does not have", () => {
    const kinds = Object.values(CHART_FAMILIES).flatMap((family) => Object.keys(family.selectors));
    expect(kinds.sort()).toEqual(["fan", "histogram", "sobol", "stacked", "tornado"]);
    expect(CHART_SELECTORS.startsWith("fan (every provider's share)")).toBe(true);
    for (const kind of kinds) expect(CHART_SELECTORS).toContain(`${kind}`);
    for (const bad of ["pie", "constructor", "__proto__", "backtest:share"]) {
      expect(() => chartFromSelector(result, bad), bad).toThrow(/^chart: expected one of: fan /);
    }
  });
});
