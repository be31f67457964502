// The playground: one self-contained HTML page with the engine, the scenario, sliders and live charts.
import type { ProviderNames } from "./charts/chartSpec.ts";
import { escapeHtml, inlineJson, inlineScript } from "./htmlInline.ts";
import { PLAY_PAGE_SCRIPT, PLAY_WORKER_SCRIPT } from "./playClient.ts";
import { REPORT_STYLE } from "./htmlStyle.ts";
import type { PlayControl } from "./playModel.ts";
import type { VegaScripts } from "./htmlInteractive.ts";

/** What {@link playHtml} embeds: the scenario and its sliders, run settings, and the scripts' text. */
export interface PlayPageInput {
  /** The scenario as plain data (what the YAML export starts from). */
  scenario: unknown;
  scenarioName: string;
  title?: string;
  question?: string;
  controls: readonly PlayControl[];
  settings: { paths: number; seed: number };
  names?: ProviderNames;
  /** The engine as a classic script that defines a global `sharecast` with `runScenario`, `playEdit` and `playSummary`. */
  engine: string;
  /** vega, vega-lite and vega-embed, each as its UMD build's text. */
  vega: Required<VegaScripts>;
  /** What the page says about where its sliders came from (the sensitivity output). */
  rankedBy?: string;
  version: string;
}

// The report's style sheet, with the playground's layout over it.
const PLAY_STYLE = `${REPORT_STYLE}
body { max-width: 1280px; padding: 16px 28px 48px; }
.layout { display: grid; grid-template-columns: minmax(280px, 360px) 1fr; gap: 24px; align-items: start; }
aside { position: sticky; top: 8px; background: #f7f7f5; border: 1px solid #e2e2dd; border-radius: 6px; padding: 0 14px 10px; }
.control label { display: block; font: 0.8rem "DejaVu Sans Mono", monospace; word-break: break-all; margin-top: 10px; }
.control input { width: 100%; }
#play-error { color: #a40000; white-space: pre-wrap; }
pre:empty { display: none; } pre { max-height: 240px; overflow: auto; font-size: 0.75rem; }
body[data-state="running"] main { opacity: 0.6; }
`;

/**
 * The playground page of a scenario: sliders for its most influential parameters and its events'
 * thresholds; every move reruns the scenario in a Web Worker (the compiled engine, started from a
 * Blob URL; nothing is fetched) with the page's paths and seed, and redraws the events, benchmarks, median
 * shares and the fan and stacked-share charts (vega-embed). "Export YAML" downloads the edited scenario,
 * which `sharecast run` turns into the same numbers. Works in Node, Deno and browsers (it only builds text).
 *
 * @example await writeFile("play.html", playHtml({ scenario, scenarioName: "deutsche-bank-2020", controls, settings: { paths: 2000, seed: 42 }, engine, vega, version }))
 */
export function playHtml(input: PlayPageInput): string {
  const title = input.title ?? input.scenarioName;
  const data = { scenario: input.scenario, scenarioName: input.scenarioName, controls: input.controls, settings: input.settings, names: input.names ?? {} };
  const { paths, seed } = input.settings;
  const shifts = input.controls.filter((c) => c.kind === "shift").length;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="sharecast ${escapeHtml(input.version)}">
<title>${escapeHtml(`Playground: ${title}`)}</title>
<style>${PLAY_STYLE}</style>
<script>${inlineScript(input.vega.vega)}</script>
<script>${inlineScript(input.vega.vegaLite)}</script>
<script>${inlineScript(input.vega.vegaEmbed)}</script>
</head>
<body data-state="loading">
<header>
<h1>${escapeHtml(title)}: playground</h1>
${input.question ? `<p class="question">${escapeHtml(input.question)}</p>` : ""}
</header>
<div class="layout">
<aside>
<h2>What if</h2>
<p class="source">${shifts > 0 ? `Sliders: the ${shifts} most influential parameters${input.rankedBy ? ` for ${escapeHtml(input.rankedBy)}` : ""} (tornado swing; a slider moves the whole distribution, keeping its spread, and shows its median) and the events' thresholds.` : "The scenario has no uncertain parameters; sliders: the events' thresholds."}</p>
<div id="controls"></div>
<p><button id="play-reset" type="button">Reset</button><button id="play-export" type="button">Export YAML</button></p>
<p id="play-status"></p>
<p id="play-error" hidden></p>
<pre id="play-yaml"></pre>
</aside>
<main>
<h2>Events</h2>
<table id="play-events"></table>
<h2>Benchmarks</h2>
<table id="play-benchmarks"></table>
<h2>Median shares</h2>
<table id="play-shares"></table>
<h2>Charts</h2>
<div id="play-fan" class="chart"></div>
<div id="play-stacked" class="chart"></div>
</main>
</div>
<footer>sharecast ${escapeHtml(input.version)} · scenario ${escapeHtml(input.scenarioName)} · ${paths} paths · seed ${seed}. The exported YAML gives the same numbers with <code>sharecast run FILE.yaml --paths ${paths} --seed ${seed}</code>.</footer>
<script type="application/json" id="play-data">${inlineJson(data)}</script>
<script type="text/plain" id="play-engine">${inlineScript(input.engine)}</script>
<script type="text/plain" id="play-worker">${inlineScript(PLAY_WORKER_SCRIPT)}</script>
<script>${inlineScript(PLAY_PAGE_SCRIPT)}</script>
</body>
</html>
`;
}
