import { describe, expect, it } from "vitest";
import { chartMimeBundle, fanChartSpec, JUPYTER_DISPLAY, loadChartRenderer, recordsTables, runScenario, showSweep, showTable, sweep, VEGA_LITE_MIME, type MimeBundle } from "../../src/index.ts";
import { parseOutputs } from "../../src/explore/outputs.ts";
import { smallScenario } from "./fixture.ts";

const html = (b: MimeBundle) => String(b["text/html"]);

describe("notebook display", () => {
  it("shows records as an escaped HTML table with numbers right-aligned, and a text table", () => {
    const { html: h, text } = recordsTables([{ id: "<b>", p: 0.123456789, ok: true, q: null }, { id: "x", p: 2 }], { title: "t" });
    expect(h).toContain("<caption>t</caption>");
    expect(h).toContain("<td>&lt;b&gt;</td>");
    expect(h).toContain('<td style="text-align:right">0.123457</td>');
    expect(h).toContain("<td>yes</td>");
    expect(text.split("\n")[0]).toBe("t");
    expect(text).toMatch(/id\s+p\s+ok\s+q/);
    const many = recordsTables(Array.from({ length: 45 }, (_, i) => ({ i })));
    expect(many.html).toContain("5 more rows (45 in all)");
    const bundle = showTable([{ a: 1 }])[JUPYTER_DISPLAY]();
    expect(Object.keys(bundle).sort()).toEqual(["text/html", "text/plain"]);
  });

  it("shows a chart as Vega-Lite v5 with an SVG fallback, synchronously once the renderer is loaded", async () => {
    await loadChartRenderer();
    const result = runScenario(smallScenario, { paths: 200, seed: 1 });
    const spec = fanChartSpec(result, { providers: ["alpha"] });
    const bundle = chartMimeBundle(spec) as MimeBundle;
    expect(bundle).not.toBeInstanceOf(Promise);
    expect((bundle[VEGA_LITE_MIME] as { $schema: string }).$schema).toBe("https://vega.github.io/schema/vega-lite/v5.json");
    expect(String(bundle["image/svg+xml"])).toMatch(/^<svg [\s\S]*<path /);
    // The spec the caller holds is not changed.
    expect(spec.$schema).toMatch(/v6\.json$/);
  });

  it("shows a sweep as a table of its cells and a chart of the outputs against the value", async () => {
    await loadChartRenderer();
    const s = sweep(smallScenario, { path: "providers.beta.model.g0", values: [0.3, 0.6], outputs: parseOutputs("share:beta:2022"), paths: 200, seed: 5 });
    const shown = showSweep(s);
    const bundle = (await shown[JUPYTER_DISPLAY]()) as MimeBundle;
    expect(html(bundle)).toMatch(/Sweep of providers\.beta\.model\.g0[\s\S]*<th[^>]*>differenceSe<\/th>[\s\S]*<svg /);
    const second = s.cells.find((c) => c.value === 0.6 && c.output === "share:beta:2022")!;
    expect(html(bundle)).toContain(`<td style="text-align:right">${Number(second.mean.toPrecision(6))}</td>`);
    const chart = (await shown.chart![JUPYTER_DISPLAY]()) as MimeBundle;
    const values = (chart[VEGA_LITE_MIME] as { data: { values: Array<{ value: number; mean: number }> } }).data.values;
    expect(values.map((v) => v.value)).toEqual([0.3, 0.6]);
    expect(values[1].mean).toBe(second.mean);
  });
});
