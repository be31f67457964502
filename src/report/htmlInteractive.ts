// Interactive charts in the HTML report: Vega specs inlined beside the static SVG, drawn by vega-embed.
import type { ChartSpec } from "./charts/chartSpec.ts";
import { inlineJson, inlineScript } from "./htmlInline.ts";

/**
 * The text of the scripts a page needs for live charts, each the UMD build of its package (`vega.min.js`,
 * `vega-embed.min.js`, `vega-lite.min.js`); the caller reads them (the command line from node_modules).
 * Reports need vega and vega-embed only (their specs are compiled to Vega beforehand); the playground also
 * needs vega-lite, because its worker sends Vega-Lite specs.
 */
export interface VegaScripts {
  vega: string;
  vegaEmbed: string;
  vegaLite?: string;
}

/**
 * A Vega-Lite spec compiled to Vega (the spec vega-embed draws with `mode: "vega"`), so a page needs no
 * Vega-Lite compiler of its own.
 *
 * @throws Error when Vega-Lite rejects the spec.
 */
export async function compileToVega(spec: ChartSpec): Promise<ChartSpec> {
  const vegaLite = await import("vega-lite");
  return vegaLite.compile(spec as unknown as Parameters<typeof vegaLite.compile>[0]).spec as unknown as ChartSpec;
}

/** The inline spec element of a figure: a chart's Vega spec as JSON, read by the live-chart script. */
export function chartSpecElement(vegaSpec: ChartSpec): string {
  return `<script type="application/json" class="chart-spec">${inlineJson(vegaSpec)}</script>`;
}

// The browser globals the live-chart script uses (it runs in the page; the core has no DOM types).
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any, window: any, console: any, vegaEmbed: any;

/**
 * The page script (its source goes into the page, so it uses only its own names and the browser's): draws
 * each figure's inline Vega spec with vega-embed (SVG renderer, tooltips on), then removes the static SVG
 * it carries; a figure whose drawing fails keeps its static SVG. Sets `document.body.dataset.charts` to
 * `live` when every chart is drawn (`static` when vega-embed is missing).
 */
function liveCharts(): void {
  if (!window.vegaEmbed) {
    document.body.dataset.charts = "static";
    return;
  }
  const figures = [...document.querySelectorAll("figure.chart")].filter((f: any) => f.querySelector("script.chart-spec"));
  Promise.all(
    figures.map((figure: any) => {
      const fallback = figure.querySelector(".chart-static");
      const target = document.createElement("div");
      target.className = "chart-live";
      figure.insertBefore(target, fallback);
      const spec = JSON.parse(figure.querySelector("script.chart-spec").textContent);
      return vegaEmbed(target, spec, { mode: "vega", actions: false, renderer: "svg" })
        .then(() => {
          if (fallback) fallback.remove();
          figure.dataset.live = "true";
        })
        .catch((error: any) => {
          target.remove();
          console.warn(`sharecast: chart ${figure.dataset.chart} stays static: ${error.message}`);
        });
    }),
  ).then(() => {
    document.body.dataset.charts = "live";
  });
}

/** The `<script>` elements of live charts: vega, vega-embed, then the drawing script. */
export function liveChartScripts(scripts: VegaScripts): string {
  return [scripts.vega, scripts.vegaEmbed, `(${String(liveCharts)})();`].map((code) => `<script>${inlineScript(code)}</script>`).join("\n");
}
