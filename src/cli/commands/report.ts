import { checkExtension } from "../destination.ts";
import { sensitivityYielding, SENSITIVITY_DEFAULTS } from "../../engine/sensitivity.ts";
import { CHART_SELECTORS, chartFromSelector } from "../../report/charts/chartSelector.ts";
import { DEFAULT_CHART } from "../../report/charts/chartRegistry.ts";
import { sensitivityChartFromSelector, sensitivitySelectorOutput, type SensitivitySummary } from "../../report/charts/sensitivityCharts.ts";
import { sensitivitySummary } from "../../report/charts/sensitivitySummary.ts";
import { scenarioHistory } from "../../report/charts/scenarioHistory.ts";
import { reportHtml } from "../../report/html.ts";
import { InputError } from "../../core/issues.ts";
import { DEFAULT_PATHS, DEFAULT_SEED } from "../../scenario/defaults.ts";
import { prepare, type PreparedRun } from "../../engine/prepare.ts";
import { reuse, reviveWith, runKey } from "../cache.ts";
import { defineCommand, renameFields } from "../command.ts";
import { defined } from "../../core/options.ts";
import { DEFAULT_SCENARIO, loadScenarioFile } from "../load.ts";
import { option, optionWithDefault, repeatableOption, requiredOption, switchOption, type OptionsOf } from "../optionTable.ts";
import { bootstrapCount, choice, collected, flag, MAX_PATHS, nonNegativeInt, positiveInt, SCENARIO_FILE, SOBOL_MIN_N, text, wholeNumber } from "../options.ts";
import { progressBar } from "../progress.ts";
import { DEFAULT_PNG_SCALE, renderChart } from "../render.ts";
import { sensitivityOptions } from "../sensitivityOptions.ts";
import { runScenarioParallel } from "../workers/runScenarioParallel.ts";
import { workersOption } from "../workersOption.ts";
import { writeAtomic } from "../write.ts";
import { vegaScripts } from "../browserAssets.ts";

const options = {
  out: requiredOption("--out <file>", "output file (report.html, chart.svg, chart.png)", text()),
  paths: option("--paths <n>", `number of Monte Carlo paths (default: the scenario's, else ${DEFAULT_PATHS})`, positiveInt(MAX_PATHS)),
  seed: option("--seed <s>", `root random seed (default: the scenario's, else ${DEFAULT_SEED})`, nonNegativeInt()),
  format: optionWithDefault("--format <format>", "html (the report), or svg or png (one chart, see --chart)", choice(["html", "svg", "png"]), "html"),
  chart: option("--chart <selector>", `the chart for --format svg|png: ${CHART_SELECTORS} (default: ${DEFAULT_CHART})`, text()),
  sensitivity: repeatableOption(
    "--sensitivity <metric:provider:period>",
    "add a sensitivity analysis of this output to the HTML report (tornado, Sobol indices, ranked table), e.g. share:tencent:2020; repeatable",
    collected(),
  ),
  sobolN: option("--sobol-n <n>", `base sample size of the Saltelli design, with --sensitivity or a tornado/sobol chart (default ${SENSITIVITY_DEFAULTS.sobolN})`, wholeNumber(SOBOL_MIN_N, 10_000_000)),
  bootstrap: option("--bootstrap <b>", `bootstrap resamples of the Sobol intervals (default ${SENSITIVITY_DEFAULTS.bootstrap}; 0: none)`, bootstrapCount()),
  scale: option("--scale <n>", `PNG pixels per SVG unit (default ${DEFAULT_PNG_SCALE})`, positiveInt(8)),
  static: switchOption("--static", "HTML charts as static SVG only, with no script (default: drawn live by vega-embed, with tooltips; the SVG stays as the fallback)", flag().optional()),
  progress: switchOption("--no-progress", "never show a progress bar", flag()),
  workers: workersOption,
};

type ReportFlags = OptionsOf<typeof options>;

/**
 * Runs the sensitivity analysis of one output exactly as `sharecast sensitivity` does (same paths and seed),
 * reporting a bad output (the library's `output` field) under `flag`.
 */
async function analyse(scenario: PreparedRun, output: string, flag: string, flags: ReportFlags): Promise<SensitivitySummary> {
  try {
    const options = sensitivityOptions(output, flags);
    return sensitivitySummary(await reuse("sensitivity", runKey(scenario, options, options), () => sensitivityYielding(scenario, options), { revive: reviveWith("inputs") }));
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw renameFields(error, { output: flag, "--output": flag });
  }
}

/** `sharecast report`: a self-contained HTML report of a scenario, or one chart as SVG or PNG. */
export const reportCommand = defineCommand({
  description: "Write a self-contained HTML report of a scenario (charts inline), or one chart as SVG or PNG.",
  arguments: [{ name: "[scenario]", description: SCENARIO_FILE, fallback: DEFAULT_SCENARIO }],
  options,
  fields: { chart: "--chart", sobolN: "--sobol-n" },
  async action([file], flags) {
    if (flags.chart !== undefined && flags.format === "html") {
      throw new InputError([{ code: "conflict", path: ["--chart"], message: `expected --format svg or png with --chart, got --format html` }]);
    }
    if (flags.sensitivity.length > 0 && flags.format !== "html") {
      throw new InputError([
        { code: "conflict", path: ["--sensitivity"], message: `expected --format html (a single chart names its output: --chart tornado:${flags.sensitivity[0]}), got --format ${flags.format}` },
      ]);
    }
    checkExtension("--out", flags.out, flags.format);
    const selector = flags.chart ?? DEFAULT_CHART;
    const selectorOutput = flags.format === "html" ? undefined : sensitivitySelectorOutput(selector);
    // Flags that would be ignored are errors, as elsewhere.
    const unused = [
      flags.scale !== undefined && flags.format !== "png" && { flag: "--scale", message: `expected --format png with --scale (pixels per SVG unit), got --format ${flags.format}` },
      flags.static === true && flags.format !== "html" && { flag: "--static", message: `expected --format html with --static (a chart file is static already), got --format ${flags.format}` },
      (flags.sobolN !== undefined || flags.bootstrap !== undefined) && flags.sensitivity.length === 0 && selectorOutput === undefined && { flag: flags.sobolN !== undefined ? "--sobol-n" : "--bootstrap", message: "expected --sensitivity or a tornado or sobol --chart with it (nothing else runs a Sobol analysis), got neither" },
    ].filter((x): x is { flag: string; message: string } => Boolean(x));
    if (unused.length > 0) throw new InputError(unused.map(({ flag, message }) => ({ code: "conflict" as const, path: [flag], message })));
    const raw = await loadScenarioFile(file as string);
    const prepared = prepare(raw, defined({ paths: flags.paths, seed: flags.seed }));
    const scenario = prepared.scenario;
    if (selectorOutput !== undefined) {
      // A tornado or Sobol chart needs the sensitivity analysis only, not a forward run.
      const spec = sensitivityChartFromSelector(selector, [await analyse(prepared, selectorOutput, "--chart", flags)]);
      await writeAtomic(flags.out, await renderChart(spec, flags.format as "svg" | "png", defined({ scale: flags.scale })), "--out");
      process.stderr.write(`sharecast: wrote ${flags.out}\n`);
      return;
    }
    const analyses: SensitivitySummary[] = [];
    for (const output of flags.sensitivity) analyses.push(await analyse(prepared, output, "--sensitivity", flags));
    const bar = flags.progress ? progressBar() : null;
    let result;
    try {
      result = await runScenarioParallel(prepared, defined({ paths: flags.paths, seed: flags.seed, workers: flags.workers, onProgress: bar?.update }));
    } finally {
      bar?.stop();
    }
    const names = Object.fromEntries(scenario.providers.filter((p) => p.name).map((p) => [p.id, p.name as string]));
    const history = scenarioHistory(scenario);
    if (flags.format === "html") {
      const vega = flags.static ? undefined : await vegaScripts();
      const sources = { sources: scenario.sources ?? [], history: scenario.providers.flatMap((p) => (p.history ?? []).flatMap((h) => (h.source ? [{ provider: p.name ?? p.id, source: h.source }] : []))) };
      await writeAtomic(flags.out, await reportHtml(result, { names, history, sensitivity: analyses, sources, vegaScripts: vega }), "--out");
    } else {
      const spec = chartFromSelector(result, selector, { names, history });
      await writeAtomic(flags.out, await renderChart(spec, flags.format, defined({ scale: flags.scale })), "--out");
    }
    process.stderr.write(`sharecast: wrote ${flags.out}\n`);
  },
});
