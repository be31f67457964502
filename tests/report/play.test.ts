// The playground's model: which sliders a scenario gets, how their values edit it, and what the page shows.
import { describe, expect, it } from "vitest";
import { reportHtml, runScenario, sensitivity } from "../../src/index.ts";
import { playControls, playEdit, playSummary } from "../../src/report/playModel.ts";
import { plainYaml } from "../../src/report/playClient.ts";
import { parse } from "yaml";
import alibaba from "../../scenarios/alibaba-cloud-revenue.ts";
import deutsche from "../../scenarios/deutsche-bank-2020.ts";
import hyperscalers from "../../scenarios/global-hyperscalers.ts";
import govCloud from "../../scenarios/gov-cloud-replication.ts";
import smeDrivers from "../../scenarios/sme-drivers.ts";
import smePenetration from "../../scenarios/sme-penetration.ts";
import { variant } from "../../src/explore/sweep.ts";
import { assumptionsHtml } from "../../src/report/htmlAssumptions.ts";
import { smallScenario } from "./fixture.ts";

const ranked = [
  { parameter: "providers.alpha.model.g0", median: 0.5, tornado: { lowInput: 0.42, highInput: 0.58, swing: 0.01 } },
  { parameter: "providers.beta.model.g0", median: 0.8, tornado: { lowInput: 0.64, highInput: 0.96, swing: -0.03 } },
  { parameter: "providers.beta.model.start", median: 0.5, tornado: { lowInput: 0.5, highInput: 0.5, swing: 0.02 } },
];

describe("playControls", () => {
  it("orders parameters by the size of their tornado swing and adds each threshold event", () => {
    const controls = playControls(smallScenario, ranked, { parameters: 2 });
    expect(controls.map((c) => `${c.kind} ${c.path}`)).toEqual(["shift providers.beta.model.g0", "shift providers.beta.model.start", "set events.beta-30.value"]);
    const [g0, , threshold] = controls;
    // Median +/- 3 larger half-widths (0.16), on a grid through the median: the slider can come back to rest.
    expect(g0.base).toBe(0.8);
    expect(g0.step).toBe(0.01);
    expect(g0.min).toBeCloseTo(0.32, 12);
    expect(g0.max).toBeCloseTo(1.28, 12);
    expect(Math.abs((g0.base - g0.min) / g0.step - Math.round((g0.base - g0.min) / g0.step))).toBeLessThan(1e-9);
    expect(threshold).toMatchObject({ base: 0.3, min: 0, max: 1, step: 0.005, format: "percent" });
    // An input without spread still moves: a tenth of its median as its half-width (+/- 0.15 around 0.5);
    // a 10th percentile near 0 stops the slider before it goes below 0.
    const start = controls[1];
    expect(start.step).toBe(0.005);
    expect(start.min).toBeCloseTo(0.35, 12);
    expect(start.max).toBeCloseTo(0.65, 12);
    const [near] = playControls(smallScenario, [{ parameter: "providers.alpha.model.g0", median: 0.5, tornado: { lowInput: 0.03, highInput: 0.97, swing: 1 } }], { parameters: 1 });
    expect(near.base - near.min).toBeLessThanOrEqual(0.03);
    expect(near.base - near.min).toBeGreaterThan(0.03 - near.step);
  });

  it("skips parameters a shift cannot move and paths the scenario does not have", () => {
    const lognormal = { ...smallScenario, providers: smallScenario.providers.map((p) => (p.id === "beta" ? { ...p, model: { ...p.model, g0: { dist: "lognormal", mu: -0.2, sigma: 0.1 } } } : p)) };
    const controls = playControls(lognormal, [...ranked, { parameter: "providers.gamma.model.g0", median: 1, tornado: { lowInput: 0, highInput: 2, swing: 1 } }]);
    expect(controls.filter((c) => c.kind === "shift").map((c) => c.path)).toEqual(["providers.beta.model.start", "providers.alpha.model.g0"]);
  });
});

describe("playEdit", () => {
  it("shifts a distribution as `sweep --shift` does and sets a threshold, leaving the input unchanged", () => {
    const controls = playControls(smallScenario, ranked);
    const before = JSON.stringify(smallScenario);
    const values = controls.map((c) => c.base);
    values[0] = 0.85; // beta's g0: +0.05
    values[3] = 0.25; // the beta-30 threshold
    const edited = playEdit(smallScenario, controls, values);
    const reference = variant(variant(smallScenario, "providers.beta.model.g0", 0.85 - 0.8, "shift"), "events.beta-30.value", 0.25);
    expect(edited).toEqual(reference);
    expect((edited as typeof smallScenario).providers[1].model).toMatchObject({ g0: { dist: "uniform", min: 0.6 + (0.85 - 0.8), max: 1 + (0.85 - 0.8) } });
    expect(JSON.stringify(smallScenario)).toBe(before);
    expect(playEdit(smallScenario, controls, controls.map((c) => c.base))).toEqual(JSON.parse(before));
  });
});

describe("playSummary", () => {
  it("reports the result's own numbers, unrounded, and the fan and stacked specs", () => {
    const result = runScenario(smallScenario, { paths: 400, seed: 3 });
    const summary = playSummary(result, { beta: "Beta Cloud" });
    expect(summary.events).toEqual(result.events.map((e) => ({ id: e.id, description: e.description, probability: e.probability, stderr: e.stderr })));
    expect(summary.benchmarks.map((b) => b.percentile)).toEqual(result.benchmarks.map((b) => b.percentile));
    expect(summary.shares.periods).toEqual(["2020", "2021", "2022"]);
    const beta = summary.shares.providers.find((p) => p.id === "beta")!;
    expect(beta.label).toBe("Beta Cloud");
    expect(beta.medians[2]).toBe(result.rows.find((r) => r.metric === "share" && r.provider === "beta" && r.period === "2022" && r.segment === "total")!.p50);
    expect(summary.charts.fan.$schema).toMatch(/vega-lite/);
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });

  it("sensitivity inputs rank the sliders directly", () => {
    const analysis = sensitivity(smallScenario, { output: "share:beta:2022", sobolN: 16, bootstrap: 0, paths: 200 });
    const controls = playControls(smallScenario, analysis.inputs);
    expect(controls.filter((c) => c.kind === "shift").map((c) => c.path).sort()).toEqual(["providers.alpha.model.g0", "providers.beta.model.g0"]);
  });
});

describe("plainYaml (the page's Export YAML)", () => {
  it("reads back, with the yaml package, as every catalogue scenario it wrote", () => {
    for (const scenario of [alibaba, deutsche, hyperscalers, govCloud, smeDrivers, smePenetration]) {
      const data = JSON.parse(JSON.stringify(scenario)) as { name: string };
      expect(parse(plainYaml(data)), data.name).toEqual(data);
    }
  });

  it("quotes what YAML would read otherwise, and keeps nested lists, empty containers and numbers exact", () => {
    const tricky = {
      "2020Q1": 1,
      constructor: "yes",
      "a key: with colon": ["null", "1e5", "~", "line\none", 'quote " and \\', "政务云", ""],
      matrix: [[1, 0.5], [0.5, 1]],
      empty: { list: [], map: {} },
      numbers: [1e-7, -0.5, 0.1 + 0.2, 123456789012345680000, 5e-324],
      flags: [true, false, null],
    };
    expect(parse(plainYaml(tricky))).toEqual(tricky);
    expect(plainYaml({ name: "x", values: [1, 2] })).toBe('name: "x"\nvalues:\n  - 1\n  - 2\n');
  });
});

describe("assumptions section", () => {
  it("lists a result's assumptions with sources and dates, escaped", async () => {
    const items = [{ path: "providers.beta.model.g0", value: { dist: "uniform", min: 0.6, max: 1 }, source: "A <report>", asOf: "2019-12-31", note: "growth & more" }];
    const html = assumptionsHtml(items);
    expect(html).toContain("<td><code>providers.beta.model.g0</code></td>");
    expect(html).toContain("A &lt;report&gt;");
    expect(html).toContain("<td class=\"num\">2019-12-31</td>");
    expect(html).toContain("growth &amp; more");
    const result = runScenario(smallScenario, { paths: 100, seed: 1 });
    Object.assign(result, { assumptions: items });
    expect(await reportHtml(result, { sources: { sources: ["fallback"] } })).toContain("A &lt;report&gt;");
  });

  it("falls back to the scenario's sources, then to its history's, and says when there are none", () => {
    const html = assumptionsHtml(undefined, { sources: ["Canalys (2019)"], history: [{ provider: "Beta", source: "Beta's filings" }, { provider: "Alpha", source: "Canalys (2019)" }] });
    expect(html).toContain("<li>Canalys (2019)</li>");
    expect(html).toContain("Beta&#39;s filings <span class=\"source\">(reported history of Beta)</span>");
    expect(html.match(/<li>/g)).toHaveLength(2);
    expect(assumptionsHtml([], {})).toMatch(/no assumptions and the scenario names no sources/);
  });
});
