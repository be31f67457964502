import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  backtestSpec,
  chartToSvg,
  fanChartSpec,
  histogramSpec,
  OTHERS_COLOUR,
  PROVIDER_PALETTE,
  providerFanSpec,
  runScenario,
  scenarioHistory,
  sobolSpec,
  stackedSharesSpec,
  tornadoSpec,
  type ChartSpec,
  type Result,
  type SensitivitySummary,
} from "../../src/index.ts";
import { binCounts } from "../../src/report/charts/histogramChart.ts";
import { prefixIds } from "../../src/report/charts/chartToSvg.ts";
import { periodPosition, providerLabel, timeAxis } from "../../src/report/charts/chartSpec.ts";
import { chartFromSelector } from "../../src/report/charts/chartSelector.ts";
import { InputError } from "../../src/index.ts";
import { smallScenario } from "./fixture.ts";

type Layer = { data?: { values: Array<Record<string, unknown>> }; encoding?: Record<string, { scale?: { domain: string[]; range: string[] } }> };

const names = { alpha: "Alpha Cloud", beta: "Beta Cloud" };
let result: Result;

beforeAll(() => {
  result = runScenario(smallScenario, { paths: 1000, seed: 42 });
});

/** The colour scale of a chart's first layer with a colour encoding on providers. */
function colourOf(spec: ChartSpec, provider: string): string {
  const unit = spec.hconcat ? (spec.hconcat as ChartSpec[])[0] : spec;
  const layers = (unit.layer ?? [unit]) as Layer[];
  const scale = layers.map((l) => l.encoding?.color?.scale).find((s) => s && s.domain.includes(provider))!;
  return scale.range[scale.domain.indexOf(provider)];
}

/** Counts of drawn SVG elements with a non-empty geometry. */
function drawn(svg: string): { paths: number; texts: string[] } {
  const paths = [...svg.matchAll(/<path[^>]* d="([^"]+)"/g)].filter((m) => /[LCQAZlcqaz]/.test(m[1])).length;
  const texts = [...svg.matchAll(/<text[^>]*>([^<]*)</g)].map((m) => m[1]);
  return { paths, texts };
}

describe("fan chart", () => {
  it("has one row per quarter and provider, with ordered bands", () => {
    const spec = fanChartSpec(result, { providers: ["alpha", "beta"], names });
    const values = (spec.data as { values: Array<Record<string, number | string>> }).values;
    expect(values).toHaveLength(12 * 2);
    for (const v of values) {
      expect(v.outerLow).toBeLessThanOrEqual(v.innerLow as number);
      expect(v.innerLow).toBeLessThanOrEqual(v.centre as number);
      expect(v.centre).toBeLessThanOrEqual(v.innerHigh as number);
      expect(v.innerHigh).toBeLessThanOrEqual(v.outerHigh as number);
    }
    const row = values.find((v) => v.provider === "Beta Cloud" && v.period === "2021Q3")!;
    expect(row.centre).toBe(result.row("2021Q3", "beta", "share")!.p50);
    expect(row.t).toBe(2021.625);
  });

  it("draws the scenario's history: revenue as given, shares where every provider reports", () => {
    const history = scenarioHistory(smallScenario);
    expect(history.revenue).toHaveLength(5);
    // Only 2019Q4 has all three providers: 1 / (1 + 0.5 + 0.5).
    expect(history.share).toEqual([
      { provider: "alpha", period: "2019Q4", value: 0.5 },
      { provider: "beta", period: "2019Q4", value: 0.25 },
      { provider: "others", period: "2019Q4", value: 0.25 },
    ]);
    const spec = fanChartSpec(result, { providers: ["alpha"], history: history.share, names });
    const points = (spec.layer as Layer[]).at(-1)!.data!.values;
    expect(points).toEqual([{ provider: "Alpha Cloud", period: "2019Q4", t: 2019.875, value: 0.5 }]);
  });

  it("rejects an unknown provider", () => {
    expect(() => fanChartSpec(result, { providers: ["gamma"] })).toThrow(/unknown provider "gamma"/);
  });

  it("labels revenue with its currency and period", () => {
    const svg = JSON.stringify(fanChartSpec(result, { metric: "revenue" }));
    expect(svg).toContain("revenue (USD bn, per quarter)");
  });
});

describe("provider colours", () => {
  it("are the same for a provider in every chart, and grey for others", () => {
    const specs = [
      fanChartSpec(result, { providers: ["beta"], names }),
      fanChartSpec(result, { providers: ["alpha", "beta"], names }),
      stackedSharesSpec(result, { names }),
      providerFanSpec(result, "beta", { names }),
      backtestSpec([{ provider: "beta", metric: "share", points: [{ period: "2020Q1", median: 0.3, low: 0.2, high: 0.4, actual: 0.35 }] }], { providers: ["alpha", "beta", "others"], names }),
    ];
    for (const spec of specs) expect(colourOf(spec, "Beta Cloud")).toBe(PROVIDER_PALETTE[1]);
    expect(colourOf(stackedSharesSpec(result, { names }), "Alpha Cloud")).toBe(PROVIDER_PALETTE[0]);
    expect(colourOf(stackedSharesSpec(result, { names }), "others")).toBe(OTHERS_COLOUR);
  });
});

describe("histogram", () => {
  it("counts every path once and marks the cell's benchmarks and median", () => {
    const spec = histogramSpec(result, { provider: "beta", period: "2022", names, bins: 25 });
    const [bars, rules] = spec.layer as Layer[];
    const counts = bars.data!.values.map((b) => b.count as number);
    expect(counts).toHaveLength(25);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1000);
    const marks = rules.data!.values;
    expect(marks.map((m) => m.kind)).toEqual(["median", "forecast"]);
    expect(marks[0].value).toBeCloseTo(result.row("2022", "beta", "share")!.p50, 12);
    expect(marks[1].value).toBe(0.3);
  });

  it("sums providers per path for a group", () => {
    const spec = histogramSpec(result, { provider: ["alpha", "beta"], period: "2022" });
    const bars = (spec.layer as Layer[])[0].data!.values;
    const others = result.row("2022", "others", "share")!;
    // alpha + beta = 1 - others on every path, so the histogram lies within 1 - (others' range).
    expect(bars[0].start as number).toBeGreaterThan(1 - others.p95 - 0.05);
  });

  it("bins values into equal widths with the last bin closed", () => {
    expect(binCounts([0, 0.5, 1, 1, 2], 0, 1, 2).map((b) => b.count)).toEqual([1, 3]);
  });

  it("needs samples", () => {
    const noSamples = { ...result, samples: null, meta: result.meta, rows: result.rows, benchmarks: result.benchmarks };
    expect(() => histogramSpec(noSamples, { provider: "beta", period: "2022" })).toThrow(/no samples/);
  });
});

describe("sensitivity and backtest charts", () => {
  const sensitivity: SensitivitySummary = {
    output: "share(beta, 2022)",
    base: 0.3,
    inputs: [
      { parameter: "small", tornado: { low: 0.29, high: 0.31 }, sobolFirst: 0.05, sobolTotal: 0.06 },
      { parameter: "large", tornado: { low: 0.2, high: 0.4 }, sobolFirst: 0.7, sobolTotal: 0.8, sobolFirstCi: [0.6, 0.8], sobolTotalCi: [0.7, 0.9] },
      { parameter: "no-sobol", tornado: { low: 0.28, high: 0.33 } },
    ],
  };

  it("orders the tornado by swing, splitting bars at the base", () => {
    const spec = tornadoSpec(sensitivity);
    const values = (spec.data as { values: Array<Record<string, unknown>> }).values;
    expect([...new Set(values.map((v) => v.parameter))]).toEqual(["large", "no-sobol", "small"]);
    expect(values[0]).toMatchObject({ parameter: "large", from: 0.3, to: 0.2, setting: "low setting" });
  });

  it("orders Sobol bars by total index and keeps confidence intervals", () => {
    const spec = sobolSpec(sensitivity);
    const values = (spec.data as { values: Array<Record<string, unknown>> }).values;
    expect(values.map((v) => `${v.parameter}/${v.index}`)).toEqual(["large/first-order", "large/total", "small/first-order", "small/total"]);
    expect(values[1]).toMatchObject({ value: 0.8, lower: 0.7, upper: 0.9 });
  });

  it("counts actuals inside the forecast band, and rejects mixed metrics", () => {
    const spec = backtestSpec([
      {
        provider: "alpha",
        metric: "share",
        asOf: "2019-12-31",
        points: [
          { period: "2020Q1", median: 0.5, low: 0.4, high: 0.6, actual: 0.45 },
          { period: "2020Q2", median: 0.5, low: 0.4, high: 0.6, actual: 0.7 },
          { period: "2020Q3", median: 0.5, low: 0.4, high: 0.6 },
        ],
      },
    ]);
    expect(JSON.stringify(spec.title)).toContain("1 of 2 reported values inside the p05–p95 band");
    expect(() =>
      backtestSpec([
        { provider: "alpha", metric: "share", points: [] },
        { provider: "beta", metric: "revenue", points: [] },
      ]),
    ).toThrow(/one metric/);
  });
});

describe("chartToSvg", () => {
  it("renders every chart headless to an SVG with titles, drawn paths, and no external references", async () => {
    const specs: Array<[ChartSpec, string]> = [
      [fanChartSpec(result, { names }), "Market share by provider"],
      [providerFanSpec(result, "beta", { names }), "Beta Cloud: share and revenue"],
      [stackedSharesSpec(result, { names }), "Median market share by year"],
      [histogramSpec(result, { provider: "beta", period: "2022", names }), "Beta Cloud: share in 2022"],
      [tornadoSpec({ output: "x", inputs: [{ parameter: "p", tornado: { low: 1, high: 2 } }] }), "Tornado: what moves x"],
      [sobolSpec({ output: "x", inputs: [{ parameter: "p", tornado: { low: 1, high: 2 }, sobolFirst: 0.5, sobolTotal: 0.6 }] }), "Sobol indices of x"],
      [backtestSpec([{ provider: "alpha", metric: "share", points: [{ period: "2020Q1", median: 0.5, low: 0.4, high: 0.6, actual: 0.45 }] }]), "Backtest: share forecasts against actuals"],
    ];
    for (const [spec, title] of specs) {
      const svg = await chartToSvg(spec);
      expect(svg.startsWith("<svg")).toBe(true);
      const { paths, texts } = drawn(svg);
      expect(paths, title).toBeGreaterThan(0);
      expect(texts).toContain(title);
      expect(svg).not.toMatch(/(href|src)="https?:/);
    }
  });

  it("draws providers whose label is a property of every object (constructor, toString, __proto__)", async () => {
    const scenario = {
      name: "keys",
      calendar: { start: "2020Q1", end: "2021Q4" },
      providers: [
        { id: "constructor", model: { kind: "constantGrowth", start: 10, growth: { dist: "normal", mean: 0.2, sd: 0.05 } } },
        { id: "b", name: "toString", model: { kind: "constantGrowth", start: 5, growth: 0.3 } },
        { id: "c", name: "__proto__", model: { kind: "constantGrowth", start: 3, growth: 0.1 } },
      ],
    };
    const keys = runScenario(scenario, { paths: 200, seed: 1 });
    const labels = { b: "toString", c: "__proto__" };
    // Each of these failed to compile ("Operator not defined") before the labels got their word joiner.
    for (const spec of [fanChartSpec(keys, { names: labels }), stackedSharesSpec(keys, { names: labels }), providerFanSpec(keys, "constructor", { names: labels })]) {
      const { paths, texts } = drawn(await chartToSvg(spec));
      expect(paths).toBeGreaterThan(0);
      expect(texts.join(" ")).toContain("constructor");
    }
    expect(providerLabel("constructor")).toBe("constructor\u2060");
    expect(providerLabel("b", labels)).toBe("toString\u2060");
    expect(providerLabel("alpha", names)).toBe("Alpha Cloud");
  });

  it("is deterministic, and prefixes ids consistently", async () => {
    expect(await chartToSvg(fanChartSpec(result, { names }))).toBe(await chartToSvg(fanChartSpec(result, { names })));
    // A clipped mark makes vega emit a clipPath with an id.
    const spec = { ...fanChartSpec(result, { names }), layer: undefined, mark: { type: "line", clip: true }, encoding: { x: { field: "t", type: "quantitative", scale: { domain: [2020.5, 2021] } }, y: { field: "centre", type: "quantitative" } } };
    const a = await chartToSvg(spec, { idPrefix: "c1-" });
    expect(await chartToSvg(spec, { idPrefix: "c1-" })).toBe(a);
    const ids = [...a.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id.startsWith("c1-")).toBe(true);
    for (const ref of a.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(ref[1]);
    expect(prefixIds('<g id="a"><path clip-path="url(#a)"/><use href="#a"/><use href="#b"/></g>', "x")).toBe(
      '<g id="xa1"><path clip-path="url(#xa1)"/><use href="#xa1"/><use href="#b"/></g>',
    );
  });
});

describe("chart selectors", () => {
  it("map to the chart builders", () => {
    expect(JSON.stringify(chartFromSelector(result, "fan:beta", { names }).title)).toContain("Beta Cloud: share and revenue");
    expect(JSON.stringify(chartFromSelector(result, "fan:alpha+beta:revenue").title)).toContain("Revenue of alpha, beta");
    expect(JSON.stringify(chartFromSelector(result, "histogram:alpha+beta:2022").title)).toContain("alpha + beta: share in 2022");
    expect(JSON.stringify(chartFromSelector(result, "stacked").title)).toContain("Median market share");
  });

  it("reject bad selectors with an InputError on its chart field (the CLI maps it to --chart)", () => {
    for (const bad of ["pie", "fan:gamma", "fan:alpha:profit", "histogram:alpha:2031", "histogram:alpha", "stacked:x"]) {
      const error = (() => {
        try {
          chartFromSelector(result, bad);
        } catch (e) {
          return e;
        }
      })();
      expect(error, bad).toBeInstanceOf(InputError);
      expect((error as InputError).issues[0].path).toEqual(["chart"]);
    }
  });
});

describe("periods on the time axis", () => {
  it("sit mid-quarter and mid-year", () => {
    expect(periodPosition("2020Q1")).toBe(2020.125);
    expect(periodPosition("2020Q4")).toBe(2020.875);
    expect(periodPosition("2020")).toBe(2020.5);
    expect(() => periodPosition("2020-01")).toThrow(RangeError);
  });
});

describe("library code", () => {
  it("imports nothing from node: outside src/cli", () => {
    const files = [
      ...readdirSync(join(import.meta.dirname, "../../src/report/charts")).map((f) => `src/report/charts/${f}`),
      "src/report/html.ts",
      "src/report/display.ts",
      "src/samples/records.ts",
      "src/samples/result.ts",
    ];
    for (const file of files) {
      const text = readFileSync(join(import.meta.dirname, "../..", file), "utf8");
      expect(text, file).not.toMatch(/from\s+["']node:|import\(["']node:|from\s+["'](fs|path|url|os)["']/);
    }
  });
});

describe("provider labels", () => {
  it("use the given display names, and never an Object member for an id like constructor", () => {
    // A label that is itself an Object member ends in an invisible word joiner (Vega groups by label).
    expect(providerLabel("constructor")).toBe("constructor\u2060");
    expect(providerLabel("tostring+constructor", { tostring: "To String" })).toBe("To String + constructor");
    expect(providerLabel("valueOf", {})).toBe("valueOf\u2060");
  });
});

describe("time axes", () => {
  it("end at the last data point, with no tick after it", () => {
    const quarters = Array.from({ length: 24 }, (_, k) => periodPosition(`${2020 + Math.floor(k / 4)}Q${(k % 4) + 1}`));
    const axis = timeAxis(quarters) as { scale: { domain: number[] }; axis: { values: number[] } };
    expect(axis.scale.domain).toEqual([2020, 2025.875]);
    expect(axis.axis.values).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
    // Under three years: a tick per quarter, at the middle of each, the last one on the last quarter.
    const short = timeAxis([periodPosition("2019Q3"), periodPosition("2020Q4")]) as { scale: { domain: number[] }; axis: { values: number[] } };
    expect(short.scale.domain).toEqual([2019.5, 2020.875]);
    expect(short.axis.values.at(-1)).toBe(2020.875);
    expect(short.axis.values).toHaveLength(6);
  });
});
