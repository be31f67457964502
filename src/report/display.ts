import type { ChartSpec, ProviderNames } from "./charts/chartSpec.ts";
import { chartRendererLoaded, chartToSvgSync, loadChartRenderer, type SvgOptions } from "./charts/chartToSvg.ts";
import { fanChartSpec } from "./charts/fanChart.ts";
import { benchmarksHtml, escapeHtml, eventsHtml, summaryTableHtml } from "./html.ts";
import { JUPYTER_DISPLAY, type MimeBundle } from "../samples/jupyter.ts";
import { type Result, setResultDisplay } from "../samples/result.ts";
import { formatTable } from "./table.ts";

/** The providers with the largest median shares in the last period, at most `count`, `others` excluded. */
function leadingProviders(result: Result, count: number): string[] {
  const shares = result.rows.filter((r) => r.metric === "share" && r.segment === "total" && r.provider !== "others");
  const last = shares.length > 0 ? shares[shares.length - 1].period : "";
  return shares
    .filter((r) => r.period === last)
    .sort((a, b) => (b.p50 ?? b.mean) - (a.p50 ?? a.mean))
    .slice(0, count)
    .map((r) => r.provider);
}

/** Renders now when vega is loaded (so a notebook cell's output is complete when the cell ends), else loads it first. */
export function whenRendererLoaded<T>(make: () => T): T | Promise<T> {
  return chartRendererLoaded() ? make() : loadChartRenderer().then(make);
}

/**
 * A result's rich display for notebooks: `text/html` (replay facts, events, benchmarks, the share summary
 * table and a share fan of the leading providers as inline SVG) and the terminal table as `text/plain`.
 * Synchronous once `loadChartRenderer()` has run (notebooks call it in their first cell); a promise before.
 *
 * @example resultMimeBundle(result)  // { "text/plain": "deutsche-bank-2020: ...", "text/html": "<div class=\"sharecast-result\">..." }
 */
export function resultMimeBundle(result: Result, options: { names?: ProviderNames } = {}): MimeBundle | Promise<MimeBundle> {
  const { meta } = result;
  const names = options.names ?? {};
  const fan = fanChartSpec(result, { providers: leadingProviders(result, 3), names, width: 520, height: 240 });
  return whenRendererLoaded(() => {
    const svg = chartToSvgSync(fan, { idPrefix: `sc-${meta.scenarioHash.slice(0, 8)}-${meta.seed}-` });
    const html = `<div class="sharecast-result">
<p><strong>${escapeHtml(meta.title ?? meta.scenario)}</strong>${meta.question ? `<br>${escapeHtml(meta.question)}` : ""}<br>
<small>seed ${meta.seed} · ${meta.paths} paths · ${escapeHtml(meta.rng)} · sharecast ${escapeHtml(meta.version)} · scenario ${escapeHtml(meta.scenarioHash)}</small></p>
${result.events.length > 0 ? eventsHtml(result.events) : ""}
${result.benchmarks.length > 0 ? benchmarksHtml(result.benchmarks, names) : ""}
${summaryTableHtml(result, "share", { names })}
<figure class="chart">${svg}</figure>
</div>`;
    return { "text/plain": formatTable(result), "text/html": html };
  });
}

// Loading the report layer gives every Result its rich notebook display.
setResultDisplay((result) => resultMimeBundle(result));

/** The MIME type JupyterLab (and VS Code, nteract) render interactively with vega-embed. */
export const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";

/** A chart that displays itself in a notebook (Vega-Lite, with an SVG fallback), and prints as its title elsewhere. */
export interface DisplayableChart {
  spec: ChartSpec;
  [JUPYTER_DISPLAY](): MimeBundle | Promise<MimeBundle>;
}

/** A chart's title text, or "chart". */
function chartTitle(spec: ChartSpec): string {
  const title = spec.title as { text?: string | string[] } | string | string[] | undefined;
  const text = typeof title === "object" && !Array.isArray(title) ? title?.text : title;
  return (Array.isArray(text) ? text.join(" ") : text) ?? "chart";
}

/**
 * A chart's MIME bundle: the spec under `application/vnd.vegalite.v5+json` (the front end renders it
 * interactively; the specs use no Vega-Lite 6-only feature, so the v5 schema is declared), the chart
 * rendered to SVG as `image/svg+xml` for front ends without a Vega renderer (GitHub, nbviewer), and its
 * title as `text/plain`. Synchronous once `loadChartRenderer()` has run.
 */
export function chartMimeBundle(spec: ChartSpec, options: SvgOptions = {}): MimeBundle | Promise<MimeBundle> {
  return whenRendererLoaded(() => ({
    "text/plain": `[chart] ${chartTitle(spec)}`,
    "image/svg+xml": chartToSvgSync(spec, options),
    [VEGA_LITE_MIME]: { ...spec, $schema: "https://vega.github.io/schema/vega-lite/v5.json" },
  }));
}

/**
 * Wraps a chart spec so that a notebook cell ending in it shows the chart (see {@link chartMimeBundle});
 * the spec itself stays available as `.spec`.
 *
 * @example showChart(fanChartSpec(result, { providers: ["tencent"] }))
 */
export function showChart(spec: ChartSpec, options: SvgOptions = {}): DisplayableChart {
  return {
    spec,
    [JUPYTER_DISPLAY]: () => chartMimeBundle(spec, options),
  };
}
