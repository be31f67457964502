import { describe, expect, it } from "vitest";
import { fanChartSpec, formatTable, runScenario, showChart } from "../../src/index.ts";
import { JUPYTER_DISPLAY } from "../../src/samples/jupyter.ts";
import { smallScenario } from "./fixture.ts";

const display = Symbol.for("Jupyter.display");

describe("Jupyter rich display", () => {
  it("shows a result as an HTML summary with a chart, and the text table as fallback", async () => {
    const result = runScenario(smallScenario, { paths: 400, seed: 3 });
    const bundle = await (result as unknown as Record<symbol, () => Promise<Record<string, string>>>)[display]();
    expect(Object.keys(bundle).sort()).toEqual(["text/html", "text/plain"]);
    expect(bundle["text/plain"]).toBe(formatTable(result));
    const html = bundle["text/html"];
    expect(html).toContain('<table class="summary" data-metric="share">');
    expect(html).toContain('<table class="events">');
    expect(html).toMatch(/<svg [^>]*width="\d+"/);
    expect(html).toContain(result.meta.scenarioHash);
    expect(html).not.toMatch(/<script/i);
  });

  it("shows a chart as SVG", async () => {
    const result = runScenario(smallScenario, { paths: 200, seed: 3 });
    const chart = showChart(fanChartSpec(result, { providers: ["beta"] }));
    const bundle = await chart[JUPYTER_DISPLAY]();
    expect(bundle["text/plain"]).toBe("[chart] Market share of beta");
    expect(bundle["image/svg+xml"]).toMatch(/^<svg /);
  });
});
