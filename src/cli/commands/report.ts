import type { Command } from "commander";
import { runScenario } from "../../engine/run.ts";
import { sensitivity, SENSITIVITY_DEFAULTS } from "../../engine/sensitivity.ts";
import { CHART_SELECTORS, chartFromSelector, sensitivityChartFromSelector, sensitivitySelectorOutput } from "../../report/charts/chartSelector.ts";
import type { SensitivitySummary } from "../../report/charts/sensitivityCharts.ts";
import { sensitivitySummary } from "../../report/charts/sensitivitySummary.ts";
import { scenarioHistory } from "../../report/charts/scenarioHistory.ts";
import { reportHtml } from "../../report/html.ts";
import { InputError } from "../../core/issues.ts";
import { validateScenario } from "../../scenario/validate.ts";
import { DEFAULT_SCENARIO, loadScenarioFile } from "../load.ts";
import { choice, nonNegativeInt, positiveInt } from "../main.ts";
import { progressBar } from "../progress.ts";
import { renderChart } from "../render.ts";
import { writeAtomic } from "../write.ts";

interface ReportFlags {
  out: string;
  paths?: number;
  seed?: number;
  format: "html" | "svg" | "png";
  chart?: string;
  sensitivity: string[];
  sobolN?: number;
  bootstrap?: number;
  scale?: number;
  progress: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/**
 * Runs the sensitivity analysis of one output exactly as `sharecast sensitivity` does (same paths and seed),
 * reporting a bad output under `option` instead of `--output`.
 */
function analyse(scenario: unknown, output: string, option: string, flags: ReportFlags): SensitivitySummary {
  try {
    return sensitivitySummary(
      sensitivity(scenario, {
        output,
        ...(flags.paths !== undefined && { paths: flags.paths }),
        ...(flags.seed !== undefined && { seed: flags.seed }),
        ...(flags.sobolN !== undefined && { sobolN: Math.max(2, flags.sobolN) }),
        ...(flags.bootstrap !== undefined && { bootstrap: flags.bootstrap }),
      }),
    );
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new InputError(error.issues.map((issue) => (issue.path[0] === "--output" ? { ...issue, path: [option] } : issue)));
  }
}

export function registerReport(program: Command): void {
  program
    .command("report")
    .description("Write a self-contained HTML report of a scenario (charts inline), or one chart as SVG or PNG.")
    .argument("[scenario]", "scenario file: .ts, .js, .yaml, .yml or .json", DEFAULT_SCENARIO)
    .requiredOption("--out <file>", "output file (report.html, chart.svg, chart.png)")
    .option("--paths <n>", "number of Monte Carlo paths (default: the scenario's, else 10000)", positiveInt("--paths", 100_000_000))
    .option("--seed <s>", "root random seed (default: the scenario's, else 42)", nonNegativeInt("--seed"))
    .addOption(choice("--format <format>", "html (the report), or svg or png (one chart, see --chart)", ["html", "svg", "png"], "html"))
    .option("--chart <selector>", `the chart for --format svg|png: ${CHART_SELECTORS} (default: fan)`)
    .option(
      "--sensitivity <metric:provider:period>",
      "add a sensitivity analysis of this output to the HTML report (tornado, Sobol indices, ranked table), e.g. share:tencent:2020; repeatable",
      collect,
      [],
    )
    .option("--sobol-n <n>", `base sample size of the Saltelli design, with --sensitivity or a tornado/sobol chart (default ${SENSITIVITY_DEFAULTS.sobolN})`, positiveInt("--sobol-n", 10_000_000))
    .option("--bootstrap <b>", `bootstrap resamples of the Sobol intervals (default ${SENSITIVITY_DEFAULTS.bootstrap})`, nonNegativeInt("--bootstrap"))
    .option("--scale <n>", "PNG pixels per SVG unit (default 2)", positiveInt("--scale", 8))
    .option("--no-progress", "never show a progress bar")
    .action(async (file: string, flags: ReportFlags) => {
      if (flags.chart !== undefined && flags.format === "html") {
        throw new InputError([{ path: ["--chart"], message: `expected --format svg or png with --chart, got --format html` }]);
      }
      if (flags.sensitivity.length > 0 && flags.format !== "html") {
        throw new InputError([
          { path: ["--sensitivity"], message: `expected --format html (a single chart names its output: --chart tornado:${flags.sensitivity[0]}), got --format ${flags.format}` },
        ]);
      }
      const selector = flags.chart ?? "fan";
      const selectorOutput = flags.format === "html" ? undefined : sensitivitySelectorOutput(selector);
      const raw = await loadScenarioFile(file);
      const scenario = validateScenario(raw);
      if (selectorOutput !== undefined) {
        // A tornado or Sobol chart needs the sensitivity analysis only, not a forward run.
        const spec = sensitivityChartFromSelector(selector, [analyse(raw, selectorOutput, "--chart", flags)]);
        await writeAtomic(flags.out, await renderChart(spec, flags.format as "svg" | "png", { scale: flags.scale ?? 2 }), "--out");
        process.stderr.write(`sharecast: wrote ${flags.out}\n`);
        return;
      }
      const analyses = flags.sensitivity.map((output) => analyse(raw, output, "--sensitivity", flags));
      const bar = flags.progress ? progressBar() : null;
      let result;
      try {
        result = runScenario(scenario, {
          ...(flags.paths !== undefined && { paths: flags.paths }),
          ...(flags.seed !== undefined && { seed: flags.seed }),
          ...(bar && { onProgress: bar.update }),
        });
      } finally {
        bar?.stop();
      }
      const names = Object.fromEntries(scenario.providers.filter((p) => p.name).map((p) => [p.id, p.name as string]));
      const history = scenarioHistory(scenario);
      if (flags.format === "html") {
        await writeAtomic(flags.out, await reportHtml(result, { names, history, sensitivity: analyses }), "--out");
      } else {
        const spec = chartFromSelector(result, selector, { names, history });
        await writeAtomic(flags.out, await renderChart(spec, flags.format, { scale: flags.scale ?? 2 }), "--out");
      }
      process.stderr.write(`sharecast: wrote ${flags.out}\n`);
    });
}
