import type { MetricName } from "../samples/layout.ts";
import { quantileName } from "../samples/summaries.ts";
import { reportCharts, type ReportOptions } from "./charts/chartRegistry.ts";
import { bandColumns, isQuarter, metricTitle, providerLabel, type ProviderNames } from "./charts/chartSpec.ts";
import { chartToSvg } from "./charts/chartToSvg.ts";
import type { SensitivitySummary } from "./charts/sensitivityCharts.ts";
import type { Result, ResultDocument } from "../samples/result.ts";
import { type AssumptionItem, assumptionsHtml } from "./htmlAssumptions.ts";
import { escapeHtml as escapeText } from "./htmlInline.ts";
import { chartSpecElement, compileToVega, liveChartScripts } from "./htmlInteractive.ts";
import { REPORT_STYLE } from "./htmlStyle.ts";

/** Escapes text for HTML element content and attribute values. */
export const escapeHtml: (text: string) => string = escapeText;

const percent = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;
const amount = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(3));

/** The replay facts of a result as a definition list. */
export function metaHtml(meta: ResultDocument["meta"]): string {
  const items: Array<[string, string]> = [
    ["scenario", meta.scenario],
    ["scenario hash", meta.scenarioHash],
    ["seed", String(meta.seed)],
    ["paths", String(meta.paths)],
    ["random generator", meta.rng],
    ["sharecast version", meta.version],
    ["quantiles", meta.quantiles.map(quantileName).join(", ")],
    ...(meta.asOf ? ([["as of", meta.asOf]] as Array<[string, string]>) : []),
    ...(meta.currency || meta.unit ? ([["revenue unit", [meta.currency, meta.unit].filter(Boolean).join(" ")]] as Array<[string, string]>) : []),
  ];
  return `<dl class="meta">${items.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join("")}</dl>`;
}

/** Events: probability with its Monte Carlo standard error and a normal 95% interval. */
export function eventsHtml(events: ResultDocument["events"]): string {
  if (events.length === 0) return "<p>The scenario asks no events.</p>";
  const rows = events.map((e) => {
    const lo = Math.max(0, e.probability - 1.96 * e.stderr);
    const hi = Math.min(1, e.probability + 1.96 * e.stderr);
    return `<tr><td><code>${escapeHtml(e.id)}</code></td><td>${escapeHtml(e.description)}</td><td class="num"><strong>${percent(e.probability)}</strong></td><td class="num">± ${percent(e.stderr, 2)}</td><td class="num">${percent(lo)} – ${percent(hi)}</td></tr>`;
  });
  return `<table class="events"><thead><tr><th>event</th><th>condition</th><th>probability</th><th>std. error</th><th>95% interval</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

/** Benchmarks: where each published or reported value falls in the simulated distribution. */
export function benchmarksHtml(benchmarks: ResultDocument["benchmarks"], names: ProviderNames = {}): string {
  if (benchmarks.length === 0) return "<p>The scenario has no benchmarks.</p>";
  const rows = benchmarks.map((b) => {
    const fmt = b.metric === "share" ? (x: number) => percent(x) : amount;
    const diff = b.metric === "share" ? `${(b.medianError * 100).toFixed(1)} pts` : amount(b.medianError);
    return `<tr><td><code>${escapeHtml(b.id)}</code><div class="source">${escapeHtml(b.source)}</div></td><td>${escapeHtml(b.type)}</td><td>${escapeHtml(`${b.metric} of ${providerLabel(b.provider, names)}, ${b.period}`)}</td><td class="num">${fmt(b.value)}</td><td class="num"><strong>${percent(b.percentile)}</strong></td><td class="num">${fmt(b.median)}</td><td class="num">${diff}</td></tr>`;
  });
  return `<table class="benchmarks"><thead><tr><th>benchmark</th><th>type</th><th>cell</th><th>value</th><th>percentile in simulation</th><th>simulated median</th><th>median − value</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

/**
 * A summary table of one metric: one row per provider, one column per complete year (or quarter when the
 * result has no years), each cell the median with the outer band below it.
 */
export function summaryTableHtml(result: Pick<ResultDocument, "meta" | "rows">, metric: MetricName, options: { names?: ProviderNames; segment?: string } = {}): string {
  const segment = options.segment ?? "total";
  const rows = result.rows.filter((r) => r.metric === metric && r.segment === segment);
  const hasYears = rows.some((r) => !isQuarter(r.period));
  const periods = [...new Set(rows.filter((r) => isQuarter(r.period) !== hasYears).map((r) => r.period))];
  const providers = [...new Set(rows.map((r) => r.provider))];
  const bands = bandColumns(result.meta.quantiles, quantileName);
  const fmt = metric === "share" ? (x: number) => percent(x) : amount;
  const body = providers.map((provider) => {
    const cells = periods.map((period) => {
      const r = rows.find((x) => x.period === period && x.provider === provider);
      if (!r) return "<td></td>";
      const centre = r[bands.centre as `p${number}`] ?? r.mean;
      const band = bands.outer ? `<div class="band">${fmt(r[bands.outer[0] as `p${number}`])} – ${fmt(r[bands.outer[1] as `p${number}`])}</div>` : "";
      return `<td class="num">${fmt(centre)}${band}</td>`;
    });
    return `<tr><th scope="row">${escapeHtml(providerLabel(provider, options.names))}</th>${cells.join("")}</tr>`;
  });
  const caption = `${metric === "share" ? "Share of market" : metricTitle(metric, result.meta, hasYears)}${segment !== "total" ? ` (${segment})` : ""}: ${bands.centre === "p50" ? "median" : "mean"}${bands.outer ? `, ${bands.outerLabel} below` : ""}`;
  return `<table class="summary" data-metric="${metric}"><caption>${escapeHtml(caption)}</caption><thead><tr><th>provider</th>${periods.map((p) => `<th>${escapeHtml(p)}</th>`).join("")}</tr></thead><tbody>${body.join("")}</tbody></table>`;
}

/**
 * A sensitivity analysis as a ranked table: one row per input in the analysis' order (the engine ranks by
 * total Sobol index), with the tornado's outputs at the input's low and high settings and their swing, the
 * Spearman correlation, and the Sobol indices with their intervals. Missing measures show as "n/a".
 *
 * @example sensitivityTableHtml({ output: "share:beta:2022", inputs: [{ parameter: "g0", tornado: { low: 0.2, high: 0.3 } }] })
 */
export function sensitivityTableHtml(sensitivity: SensitivitySummary): string {
  const fmt = sensitivity.output.startsWith("share:") ? (x: number) => percent(x, 2) : amount;
  const index = (x: number | undefined, ci: readonly [number, number] | undefined) =>
    x === undefined ? "n/a" : `${x.toFixed(3)}${ci ? ` <span class="band">[${ci[0].toFixed(3)}, ${ci[1].toFixed(3)}]</span>` : ""}`;
  const rows = sensitivity.inputs.map((input, j) => {
    const swing = Math.abs(input.tornado.high - input.tornado.low);
    const swingText = sensitivity.output.startsWith("share:") ? `${(swing * 100).toFixed(2)} pts` : amount(swing);
    return `<tr><td class="num">${j + 1}</td><td><code>${escapeHtml(input.parameter)}</code></td><td class="num">${fmt(input.tornado.low)}</td><td class="num">${fmt(input.tornado.high)}</td><td class="num">${swingText}</td><td class="num">${input.spearman === undefined ? "n/a" : input.spearman.toFixed(3)}</td><td class="num">${index(input.sobolFirst, input.sobolFirstCi)}</td><td class="num">${index(input.sobolTotal, input.sobolTotalCi)}</td></tr>`;
  });
  const base = sensitivity.base === undefined ? "" : `; every input at its median: ${fmt(sensitivity.base)}`;
  return `<table class="sensitivity" data-output="${escapeHtml(sensitivity.output)}"><caption>${escapeHtml(`Sensitivity of ${sensitivity.output}, ranked${base}`)}</caption><thead><tr><th>rank</th><th>parameter</th><th>output at low</th><th>output at high</th><th>swing</th><th>spearman</th><th>Sobol first [CI]</th><th>Sobol total [CI]</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

/** Options of {@link reportHtml}: the charts' options, and what makes the page interactive and sourced. */
export interface HtmlReportOptions extends ReportOptions {
  /**
   * vega and vega-embed as script text: given, every chart is also inlined as a Vega spec and drawn live
   * (tooltips), its static SVG kept until then and wherever drawing fails. @defaultValue static SVG only
   */
  vegaScripts?: { vega: string; vegaEmbed: string };
  /**
   * Sources the assumptions section lists when the result has no `assumptions`: the scenario's own, and
   * its providers' reported history's (by provider label).
   */
  sources?: { sources?: readonly string[]; history?: ReadonlyArray<{ provider: string; source: string }> };
}

/** An id for a chart's heading anchor: `fan:tencent` -> `chart-fan-tencent`, numbered when taken. */
function anchorOf(id: string, taken: Set<string>): string {
  const base = `chart-${id.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/-+$/, "")}`;
  let anchor = base;
  for (let k = 2; taken.has(anchor); k++) anchor = `${base}-${k}`;
  taken.add(anchor);
  return anchor;
}

/**
 * The HTML report of a result: one self-contained page (inline CSS, charts inline as SVG, nothing fetched)
 * with a table of contents, the question, the replay facts, the events with their standard errors, the
 * benchmark comparisons, the charts, the summary tables and the assumptions (the result's `assumptions`, or
 * the scenario's sources). With `vegaScripts` the charts are drawn live by vega-embed, with tooltips.
 * Print styles keep figures and tables whole. Works in Node, Deno and browsers.
 *
 * @example await writeFile("report.html", await reportHtml(result, { names: { tencent: "Tencent Cloud" } }))
 */
export async function reportHtml(result: Result, options: HtmlReportOptions = {}): Promise<string> {
  const { meta } = result;
  const names = options.names ?? {};
  const charts = reportCharts(result, options);
  const taken = new Set<string>();
  const figures: string[] = [];
  const chartLinks: string[] = [];
  for (const [j, chart] of charts.entries()) {
    const svg = await chartToSvg(chart.spec, { idPrefix: `c${j}-` });
    const live = options.vegaScripts ? chartSpecElement(await compileToVega(chart.spec)) : "";
    const anchor = anchorOf(chart.id, taken);
    chartLinks.push(`<li><a href="#${anchor}">${escapeHtml(chart.heading)}</a></li>`);
    figures.push(`<h3 id="${anchor}">${escapeHtml(chart.heading)}</h3><figure class="chart" data-chart="${escapeHtml(chart.id)}"><div class="chart-static">${svg}</div>${live}</figure>`);
  }
  const title = meta.title ?? meta.scenario;
  const analyses = options.sensitivity ?? [];
  const sensitivitySection =
    analyses.length > 0 ? `<section id="sensitivity">\n<h2>Sensitivity</h2>\n${analyses.map((a) => sensitivityTableHtml(a)).join("\n")}\n</section>\n` : "";
  // The result document's assumptions (provenance), when the result carries them.
  const withAssumptions = result as unknown as { assumptions?: readonly AssumptionItem[]; toJSON?: () => { assumptions?: readonly AssumptionItem[] } };
  const assumptions = withAssumptions.assumptions ?? withAssumptions.toJSON?.().assumptions;
  const toc = [
    `<li><a href="#answers">Headline answers</a><ol><li><a href="#events">Events</a></li><li><a href="#benchmarks">Benchmarks</a></li></ol></li>`,
    `<li><a href="#charts">Charts</a><ol>${chartLinks.join("")}</ol></li>`,
    ...(analyses.length > 0 ? [`<li><a href="#sensitivity">Sensitivity</a></li>`] : []),
    `<li><a href="#tables">Summary tables</a></li>`,
    `<li><a href="#assumptions">Assumptions and sources</a></li>`,
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="sharecast ${escapeHtml(meta.version)}">
<title>${escapeHtml(title)}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
${meta.question ? `<p class="question">${escapeHtml(meta.question)}</p>` : ""}
${metaHtml(meta)}
</header>
<nav class="toc" aria-label="Contents">
<h2>Contents</h2>
<ol>${toc.join("")}</ol>
</nav>
<main>
<section id="answers">
<h2>Headline answers</h2>
<h3 id="events">Events</h3>
${eventsHtml(result.events)}
<h3 id="benchmarks">Benchmarks</h3>
${benchmarksHtml(result.benchmarks, names)}
</section>
<section id="charts">
<h2>Charts</h2>
${figures.join("\n")}
</section>
${sensitivitySection}<section id="tables">
<h2>Summary tables</h2>
${summaryTableHtml(result, "share", { names })}
${summaryTableHtml(result, "revenue", { names })}
</section>
<section id="assumptions">
<h2>Assumptions and sources</h2>
${assumptionsHtml(assumptions, options.sources)}
</section>
</main>
<footer>Generated by sharecast ${escapeHtml(meta.version)} from scenario ${escapeHtml(meta.scenario)} (hash ${escapeHtml(meta.scenarioHash)}), seed ${meta.seed}, ${meta.paths} paths, ${escapeHtml(meta.rng)}. The same inputs give the same numbers.</footer>
${options.vegaScripts ? liveChartScripts(options.vegaScripts) : ""}
</body>
</html>
`;
}
